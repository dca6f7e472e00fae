-- Seller-shipped postings (FBS): a seller that ships itself packs and hands its
-- postings to delivery from its own warehouse; Rynok's logistics job takes them on
-- from "in transit". A posting the seller has not shipped within the window is
-- cancelled by the job with the money back (app/src/orders/service/seller.rs).
ALTER TABLE sellers ADD COLUMN ships_itself BIGINT NOT NULL DEFAULT 0;
-- A seller's staff list their postings by status.
CREATE INDEX postings_seller ON postings(seller_id, status, id);
-- ... and their products.
CREATE INDEX products_seller ON products(seller_id, id);
