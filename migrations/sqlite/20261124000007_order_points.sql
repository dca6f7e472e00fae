-- Bonus points spent on an order (at most 25 % of the goods, never the delivery),
-- and how many of them went back on cancels and returns, in kopecks (1 point = 1 ₽).
ALTER TABLE orders ADD COLUMN paid_points INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN refunded_points INTEGER NOT NULL DEFAULT 0;
