-- Back-in-stock alerts (app/src/catalog/alerts): a shopper asks to be told when a
-- product out of stock comes back; when its stock goes from none to some, each
-- asker gets one notice (and so an email) and the alert is done.
CREATE TABLE stock_alerts (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL,
    product_id INTEGER NOT NULL REFERENCES products(id),
    created_at INTEGER NOT NULL,
    UNIQUE (user_id, product_id)
);
CREATE INDEX stock_alerts_product ON stock_alerts(product_id, id);
