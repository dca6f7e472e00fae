-- Covering indexes for the counts and facets of a category page: they are answered
-- from the index alone, without reading every product row.
CREATE INDEX products_category_facets ON products(category_id, brand_id, price, stock, rating);
CREATE INDEX products_root_facets ON products(root_category_id, brand_id, price, stock, rating);
