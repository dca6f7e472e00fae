-- Back-in-stock alerts (app/src/catalog/alerts): a shopper asks to be told when a
-- product out of stock comes back; when its stock goes from none to some, each
-- asker gets one notice (and so an email) and the alert is done.
CREATE TABLE stock_alerts (
    -- AUTOINCREMENT: an alert's id names its notice, so a done alert's id is never
    -- given to a new one (SQLite would reuse the highest id after a delete).
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL,
    product_id INTEGER NOT NULL REFERENCES products(id),
    created_at INTEGER NOT NULL,
    UNIQUE (user_id, product_id)
);
CREATE INDEX stock_alerts_product ON stock_alerts(product_id, id);
