-- Orders (app/src/orders): pickup points, delivery rules, orders, their postings
-- per seller, the postings' timelines and the items. Money is kopecks; times are
-- Unix milliseconds.
CREATE TABLE pickup_points (
    id BIGSERIAL PRIMARY KEY,
    city TEXT NOT NULL,
    address TEXT NOT NULL,
    metro TEXT NOT NULL DEFAULT '',
    -- coordinates in millionths of a degree
    lat_e6 BIGINT NOT NULL,
    lon_e6 BIGINT NOT NULL,
    hours TEXT NOT NULL,
    storage_days BIGINT NOT NULL CHECK (storage_days > 0),
    delivery_days BIGINT NOT NULL CHECK (delivery_days >= 0)
);
CREATE INDEX pickup_points_city ON pickup_points(city, id);

-- Delivery prices and the free-delivery threshold, by kind (pickup, courier).
CREATE TABLE delivery_rules (
    kind TEXT PRIMARY KEY,
    price BIGINT NOT NULL CHECK (price >= 0),
    free_from BIGINT NOT NULL CHECK (free_from >= 0)
);
INSERT INTO delivery_rules (kind, price, free_from) VALUES ('pickup', 9900, 100000);
INSERT INTO delivery_rules (kind, price, free_from) VALUES ('courier', 29900, 300000);

CREATE TABLE orders (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL,
    -- one per checkout: a repeat answers the first order
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    pickup_point_id BIGINT NOT NULL REFERENCES pickup_points(id),
    recipient_name TEXT NOT NULL,
    recipient_phone TEXT NOT NULL,
    goods BIGINT NOT NULL CHECK (goods > 0),
    delivery BIGINT NOT NULL CHECK (delivery >= 0),
    total BIGINT NOT NULL CHECK (total = goods + delivery),
    -- wallet, on_receipt
    pay_method TEXT NOT NULL,
    paid_wallet BIGINT NOT NULL DEFAULT 0,
    due_on_receipt BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    UNIQUE (user_id, idempotency_key)
);
CREATE INDEX orders_user ON orders(user_id, id);

CREATE TABLE postings (
    id BIGSERIAL PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES orders(id),
    seller_id BIGINT NOT NULL,
    -- rynok (Rynok's own warehouse) or the seller's
    warehouse TEXT NOT NULL DEFAULT 'rynok',
    -- awaiting_payment, awaiting_packaging, awaiting_shipment, in_transit,
    -- at_pickup_point, received, not_collected, cancelled
    status TEXT NOT NULL,
    stored_until BIGINT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX postings_order ON postings(order_id, id);
CREATE INDEX postings_status ON postings(status, updated_at);

CREATE TABLE posting_events (
    id BIGSERIAL PRIMARY KEY,
    posting_id BIGINT NOT NULL REFERENCES postings(id),
    status TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX posting_events_posting ON posting_events(posting_id, id);

CREATE TABLE order_items (
    id BIGSERIAL PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES orders(id),
    posting_id BIGINT NOT NULL REFERENCES postings(id),
    product_id BIGINT NOT NULL REFERENCES products(id),
    title TEXT NOT NULL,
    price BIGINT NOT NULL CHECK (price > 0),
    quantity BIGINT NOT NULL CHECK (quantity > 0)
);
CREATE INDEX order_items_order ON order_items(order_id, id);
