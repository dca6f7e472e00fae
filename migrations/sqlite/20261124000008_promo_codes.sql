-- Promo codes (app/src/orders/model/promo.rs): a percentage or a fixed sum off the
-- goods they apply to (a category, a seller, or all), from a minimum sum, within
-- their dates, at most so many times per account and in all. Codes are stored as
-- typed in capitals. Times are Unix milliseconds; sums kopecks.
CREATE TABLE promo_codes (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    percent INTEGER CHECK (percent IS NULL OR (percent > 0 AND percent <= 90)),
    fixed INTEGER CHECK (fixed IS NULL OR fixed > 0),
    min_goods INTEGER NOT NULL DEFAULT 0,
    valid_from INTEGER NOT NULL DEFAULT 0,
    valid_until INTEGER,
    per_account INTEGER NOT NULL DEFAULT 1 CHECK (per_account > 0),
    total_limit INTEGER,
    used INTEGER NOT NULL DEFAULT 0,
    category_id INTEGER,
    seller_id INTEGER,
    CHECK ((percent IS NULL) <> (fixed IS NULL)),
    CHECK (total_limit IS NULL OR used <= total_limit)
);

CREATE TABLE promo_uses (
    promo_id INTEGER NOT NULL REFERENCES promo_codes(id),
    user_id INTEGER NOT NULL,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    amount INTEGER NOT NULL,
    used_at INTEGER NOT NULL,
    PRIMARY KEY (promo_id, order_id)
);
CREATE INDEX promo_uses_user ON promo_uses(promo_id, user_id);

-- What an order was given off its goods (promo code, first-order discount); the
-- order's total stays goods + delivery, and the shopper pays total - discount.
ALTER TABLE orders ADD COLUMN discount INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN promo_code TEXT;
