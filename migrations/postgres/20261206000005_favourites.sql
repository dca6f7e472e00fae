-- Favourites ("Избранное", app/src/catalog/favourites): the products a shopper keeps
-- to come back to, newest first.
CREATE TABLE favourites (
    user_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL REFERENCES products(id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, product_id)
);
CREATE INDEX favourites_user ON favourites(user_id, created_at);
