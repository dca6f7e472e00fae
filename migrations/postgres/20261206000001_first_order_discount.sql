-- The first-order discount at checkout: the part of an order's discount that it
-- is (the rest is the promo code's), and the order that used an account's
-- discount (an order let go entirely, nothing received, gives it back).
ALTER TABLE orders ADD COLUMN first_order_discount BIGINT NOT NULL DEFAULT 0;
ALTER TABLE user_discounts ADD COLUMN order_id BIGINT;
-- A whole order let go gives its promo code's use back: found by the order.
CREATE INDEX promo_uses_order ON promo_uses(order_id);
