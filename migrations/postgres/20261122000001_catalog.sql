-- The catalogue: a category tree, sellers, brands, products and their characteristics.
-- Money is integer kopecks; times are Unix milliseconds (UTC). Every integer is BIGINT
-- so that the Any driver decodes it as i64 on both backends.
CREATE TABLE categories (
    id BIGINT PRIMARY KEY,
    parent_id BIGINT REFERENCES categories(id),
    slug TEXT NOT NULL UNIQUE,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    position BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX categories_parent ON categories(parent_id, position);

CREATE TABLE sellers (
    id BIGINT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE brands (
    id BIGINT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE products (
    id BIGINT PRIMARY KEY,
    category_id BIGINT NOT NULL REFERENCES categories(id),
    root_category_id BIGINT NOT NULL REFERENCES categories(id),
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    brand_id BIGINT NOT NULL REFERENCES brands(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    price BIGINT NOT NULL CHECK (price > 0),
    old_price BIGINT CHECK (old_price IS NULL OR old_price > 0),
    stock BIGINT NOT NULL CHECK (stock >= 0),
    rating BIGINT NOT NULL DEFAULT 0,
    rating_count BIGINT NOT NULL DEFAULT 0,
    orders_count BIGINT NOT NULL DEFAULT 0,
    image_count BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    search_title TEXT NOT NULL,
    search_body TEXT NOT NULL,
    search_tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', search_title), 'A') || setweight(to_tsvector('simple', search_body), 'B')
    ) STORED
);
CREATE INDEX products_category_popular ON products(category_id, orders_count DESC);
CREATE INDEX products_root_popular ON products(root_category_id, orders_count DESC);
CREATE INDEX products_popular ON products(orders_count DESC);
CREATE INDEX products_brand ON products(brand_id);
CREATE INDEX products_search ON products USING GIN (search_tsv);

CREATE TABLE product_attributes (
    product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (product_id, position)
);
