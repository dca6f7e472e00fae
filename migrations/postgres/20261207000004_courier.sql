-- Courier delivery (app/src/orders/model/courier.rs): an order goes to a pickup
-- point or, by courier, to an address on a day and in a time slot the shopper
-- chose. A courier order is dispatched from its city's hub, the city's first pickup
-- point (pickup_point_id): its staff take the order out and hand it over at the
-- door by the shopper's code, as the point's operator does at the counter.
ALTER TABLE orders ADD COLUMN delivery_kind TEXT NOT NULL DEFAULT 'pickup';
ALTER TABLE orders ADD COLUMN courier_address TEXT;
-- the courier's slot, Unix milliseconds: from and to
ALTER TABLE orders ADD COLUMN courier_from BIGINT;
ALTER TABLE orders ADD COLUMN courier_to BIGINT;
