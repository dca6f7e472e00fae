-- A search reads these columns of every matching product (catalog::repo::search_hits).
-- From this narrow index they cost one small b-tree lookup each; from the table they
-- would cost the wide row, with the title and description in front of them.
CREATE INDEX products_hit ON products(
    id, brand_id, price, stock, rating, rating_count, orders_count, created_at,
    category_id, root_category_id
);
