-- Carts: a guest's cart is found by the hash of its random cookie token.
CREATE TABLE carts (
    id BIGSERIAL PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE cart_items (
    cart_id BIGINT NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
    product_id BIGINT NOT NULL REFERENCES products(id),
    quantity BIGINT NOT NULL CHECK (quantity > 0),
    selected BIGINT NOT NULL DEFAULT 1,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (cart_id, product_id)
);
