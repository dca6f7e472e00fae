-- Checkout (app/src/checkout), the order's pickup code and cancelling (app/src/orders).

-- The price a cart line was put in at, or last accepted at checkout: checkout shows
-- what changed since and asks again before anything is bought at another price.
ALTER TABLE cart_items ADD COLUMN seen_price BIGINT;

-- The code the shopper tells the pickup point (digits from the CSPRNG; unique among
-- an open order's point, checked when it is made).
ALTER TABLE orders ADD COLUMN pickup_code TEXT NOT NULL DEFAULT '';
CREATE INDEX orders_pickup_code ON orders(pickup_point_id, pickup_code);

-- Money given back so far (cancellations, returns), in kopecks.
ALTER TABLE orders ADD COLUMN refunded BIGINT NOT NULL DEFAULT 0;

-- A line cancelled before packing: when; NULL while it stands.
ALTER TABLE order_items ADD COLUMN cancelled_at BIGINT;
