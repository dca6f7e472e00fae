-- What a search reads of every match, in a table of its own (catalog::repo::search_hits).
-- GIN finds the matches in 3 ms; reading their columns from the wide product rows
-- cost one heap page per match (3,977 pages for the 4,251 matches of "смартфон" at
-- 100,000 products). Here a row holds the tsvector and eight numbers, and rows are
-- kept in category order (`product_search_place`, see `cluster_search`), so the
-- matches of a word, which mostly share a few categories, share a few pages.
CREATE TABLE product_search (
    id BIGINT PRIMARY KEY REFERENCES products(id) ON DELETE CASCADE,
    category_id BIGINT NOT NULL,
    root_category_id BIGINT NOT NULL,
    brand_id BIGINT NOT NULL,
    price BIGINT NOT NULL,
    stock BIGINT NOT NULL,
    rating BIGINT NOT NULL,
    rating_count BIGINT NOT NULL,
    orders_count BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    search_tsv tsvector NOT NULL
);
CREATE INDEX product_search_place ON product_search(root_category_id, category_id, id);
CREATE INDEX product_search_match ON product_search USING GIN (search_tsv);

INSERT INTO product_search
SELECT id, category_id, root_category_id, brand_id, price, stock, rating, rating_count,
       orders_count, created_at, search_tsv
FROM products ORDER BY root_category_id, category_id, id;

-- Kept in step with products by statement triggers (one INSERT ... SELECT per
-- statement, not one per row, so a seeding batch of thousands stays one statement).
-- A deleted product goes with ON DELETE CASCADE.
CREATE FUNCTION product_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO product_search
    SELECT id, category_id, root_category_id, brand_id, price, stock, rating, rating_count,
           orders_count, created_at, search_tsv
    FROM new_rows ORDER BY root_category_id, category_id, id;
    RETURN NULL;
END $$;

CREATE FUNCTION product_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE product_search s SET
        category_id = n.category_id, root_category_id = n.root_category_id,
        brand_id = n.brand_id, price = n.price, stock = n.stock, rating = n.rating,
        rating_count = n.rating_count, orders_count = n.orders_count,
        created_at = n.created_at, search_tsv = n.search_tsv
    FROM new_rows n WHERE s.id = n.id
      AND (s.category_id, s.root_category_id, s.brand_id, s.price, s.stock, s.rating,
           s.rating_count, s.orders_count, s.created_at, s.search_tsv)
          IS DISTINCT FROM
          (n.category_id, n.root_category_id, n.brand_id, n.price, n.stock, n.rating,
           n.rating_count, n.orders_count, n.created_at, n.search_tsv);
    RETURN NULL;
END $$;

CREATE TRIGGER product_search_insert AFTER INSERT ON products
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION product_search_insert();
CREATE TRIGGER product_search_update AFTER UPDATE ON products
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION product_search_update();

-- The GIN index on products stays out of every search now.
DROP INDEX products_search;
