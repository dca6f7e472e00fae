-- Reviews (app/src/catalog/reviews, written from app/src/orders/reviews): a shopper
-- who received a line rates it from 1 to 5 stars, with optional text and photos,
-- once per line. The product's rating is the average over all its ratings, kept
-- exactly as a sum of hundredths of a star.

-- The sum of the product's ratings in hundredths of a star: `rating` is
-- `rating_total / rating_count`, rounded.
ALTER TABLE products ADD COLUMN rating_total INTEGER NOT NULL DEFAULT 0;
UPDATE products SET rating_total = rating * rating_count;

CREATE TABLE reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id INTEGER NOT NULL REFERENCES products(id),
    user_id INTEGER NOT NULL,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    -- one review per line of an order
    item_id INTEGER NOT NULL UNIQUE REFERENCES order_items(id),
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body TEXT NOT NULL,
    -- how the author signs it ("Мария И."), empty for "a Rynok shopper"
    author TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX reviews_product_new ON reviews(product_id, id);
CREATE INDEX reviews_product_rating ON reviews(product_id, rating, id);
CREATE INDEX reviews_user ON reviews(user_id);

-- Photos as stored after re-encoding (JPEG, no metadata), with a thumbnail. Public.
CREATE TABLE review_photos (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    review_id INTEGER NOT NULL REFERENCES reviews(id),
    image BLOB NOT NULL,
    thumb BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX review_photos_review ON review_photos(review_id, id);
