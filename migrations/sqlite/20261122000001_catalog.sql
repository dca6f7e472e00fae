-- The catalogue: a category tree, sellers, brands, products and their characteristics.
-- Money is integer kopecks; times are Unix milliseconds (UTC).
CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES categories(id),
    slug TEXT NOT NULL UNIQUE,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX categories_parent ON categories(parent_id, position);

CREATE TABLE sellers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE brands (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES categories(id),
    root_category_id INTEGER NOT NULL REFERENCES categories(id),
    seller_id INTEGER NOT NULL REFERENCES sellers(id),
    brand_id INTEGER NOT NULL REFERENCES brands(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    price INTEGER NOT NULL CHECK (price > 0),
    old_price INTEGER CHECK (old_price IS NULL OR old_price > 0),
    stock INTEGER NOT NULL CHECK (stock >= 0),
    rating INTEGER NOT NULL DEFAULT 0,
    rating_count INTEGER NOT NULL DEFAULT 0,
    orders_count INTEGER NOT NULL DEFAULT 0,
    image_count INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    search_title TEXT NOT NULL,
    search_body TEXT NOT NULL
);
CREATE INDEX products_category_popular ON products(category_id, orders_count DESC);
CREATE INDEX products_root_popular ON products(root_category_id, orders_count DESC);
CREATE INDEX products_popular ON products(orders_count DESC);
CREATE INDEX products_brand ON products(brand_id);

CREATE TABLE product_attributes (
    product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (product_id, position)
);

-- Search index over stems computed in Rust (see app/src/catalog/search.rs).
CREATE VIRTUAL TABLE product_fts USING fts5(
    search_title, search_body,
    content='products', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0'
);
CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
    INSERT INTO product_fts(rowid, search_title, search_body) VALUES (new.id, new.search_title, new.search_body);
END;
CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
    INSERT INTO product_fts(product_fts, rowid, search_title, search_body) VALUES ('delete', old.id, old.search_title, old.search_body);
END;
CREATE TRIGGER products_fts_update AFTER UPDATE OF search_title, search_body ON products BEGIN
    INSERT INTO product_fts(product_fts, rowid, search_title, search_body) VALUES ('delete', old.id, old.search_title, old.search_body);
    INSERT INTO product_fts(rowid, search_title, search_body) VALUES (new.id, new.search_title, new.search_body);
END;
