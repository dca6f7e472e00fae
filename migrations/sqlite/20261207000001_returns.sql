-- Returns online (app/src/orders/returns): a shopper returns received lines within
-- the category's return period, with a reason and optional photos; the return
-- gets a number and a code, the shopper drops the lines at a pickup point, and its
-- operator accepts them, which gives the money back at once. Money is kopecks;
-- times are Unix milliseconds.

-- Days after receipt a line of the category can be returned in; 0: it cannot be
-- returned (personal hygiene, cosmetics, supplements).
ALTER TABLE categories ADD COLUMN return_days INTEGER NOT NULL DEFAULT 7 CHECK (return_days >= 0);
UPDATE categories SET return_days = 0
    WHERE slug IN ('skincare', 'shampoos', 'toothbrushes', 'vitamins', 'diapers');

CREATE TABLE returns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    user_id INTEGER NOT NULL,
    -- what the shopper tells the pickup point (random digits, unique)
    code TEXT NOT NULL UNIQUE,
    -- not_fit, changed_mind, defect, wrong_item, not_as_described
    reason TEXT NOT NULL,
    comment TEXT NOT NULL,
    -- wallet, card
    refund_to TEXT NOT NULL,
    -- created, refunded, cancelled
    status TEXT NOT NULL,
    -- the pickup point that accepted it
    point_id INTEGER,
    refund INTEGER NOT NULL DEFAULT 0,
    points_back INTEGER NOT NULL DEFAULT 0,
    points_taken INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    closed_at INTEGER
);
CREATE INDEX returns_order ON returns(order_id, id);
CREATE INDEX returns_user_open ON returns(user_id, status);

-- The lines of a return, kept after it is cancelled.
CREATE TABLE return_items (
    return_id INTEGER NOT NULL REFERENCES returns(id),
    item_id INTEGER NOT NULL REFERENCES order_items(id),
    PRIMARY KEY (return_id, item_id)
);

-- The open or accepted return a line belongs to (one at a time), and when it
-- came back.
ALTER TABLE order_items ADD COLUMN return_id INTEGER;
ALTER TABLE order_items ADD COLUMN returned_at INTEGER;

-- Photos as stored after re-encoding (JPEG, no metadata), with a thumbnail.
CREATE TABLE return_photos (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    return_id INTEGER NOT NULL REFERENCES returns(id),
    image BLOB NOT NULL,
    thumb BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX return_photos_return ON return_photos(return_id, id);
