-- The logistics of Rynok's own warehouse (app/src/orders/service/logistics.rs): how
-- long each step of a posting takes, in minutes. The job moves a posting on once
-- this long has passed since its last step. Seller-shipped postings wait for the
-- seller instead.
CREATE TABLE logistics_steps (
    from_status TEXT PRIMARY KEY,
    to_status TEXT NOT NULL,
    after_minutes BIGINT NOT NULL CHECK (after_minutes > 0)
);
INSERT INTO logistics_steps (from_status, to_status, after_minutes) VALUES ('awaiting_packaging', 'awaiting_shipment', 120);
INSERT INTO logistics_steps (from_status, to_status, after_minutes) VALUES ('awaiting_shipment', 'in_transit', 240);
INSERT INTO logistics_steps (from_status, to_status, after_minutes) VALUES ('in_transit', 'at_pickup_point', 1440);

-- Storage at the pickup point can be extended once (by 3 days): whether it was.
ALTER TABLE postings ADD COLUMN storage_extended BIGINT NOT NULL DEFAULT 0;
CREATE INDEX postings_stored_until ON postings(stored_until) WHERE status = 'at_pickup_point';
