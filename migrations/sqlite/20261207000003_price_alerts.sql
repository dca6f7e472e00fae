-- Price-drop alerts (app/src/catalog/alerts): a shopper follows a product's price;
-- whenever its seller lowers it below the price the shopper was last told of (or
-- saw when asking), they get a notice (and so an email). The alert stays until
-- they stop following or the account goes.
CREATE TABLE price_alerts (
    -- an alert's id and the price name its notice, so ids are never reused
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL,
    product_id INTEGER NOT NULL REFERENCES products(id),
    -- the price the shopper last knew, kopecks
    price_seen INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (user_id, product_id)
);
CREATE INDEX price_alerts_product ON price_alerts(product_id, price_seen);
