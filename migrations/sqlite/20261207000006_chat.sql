-- Chat (app/src/chat): dialogs between a shopper and a seller's staff, one per
-- pair, pinned to what it is about (a product, or an order once there is one);
-- their messages; and a change counter per party that polls compare with the
-- browser's cursor, so an idle poll costs one indexed read. Times are Unix ms.
CREATE TABLE dialogs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    shopper_id INTEGER NOT NULL,
    seller_id INTEGER NOT NULL REFERENCES sellers(id),
    product_id INTEGER REFERENCES products(id),
    order_id INTEGER REFERENCES orders(id),
    -- the last message each side has read, and the last one of all (ids)
    shopper_read INTEGER NOT NULL DEFAULT 0,
    seller_read INTEGER NOT NULL DEFAULT 0,
    last_message INTEGER NOT NULL DEFAULT 0,
    last_at INTEGER NOT NULL,
    -- the shopper stopped the seller's messages
    blocked_at INTEGER,
    created_at INTEGER NOT NULL,
    UNIQUE (shopper_id, seller_id)
);
CREATE INDEX dialogs_shopper ON dialogs(shopper_id, last_at);
CREATE INDEX dialogs_seller ON dialogs(seller_id, last_at);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dialog_id INTEGER NOT NULL REFERENCES dialogs(id),
    -- shopper, seller
    side TEXT NOT NULL,
    -- the account that wrote it (a seller's staff member, or the shopper)
    author_id INTEGER NOT NULL,
    body TEXT NOT NULL,
    -- 1: held back from the shopper (shaped like a code, a card or a phone number)
    held INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX messages_dialog ON messages(dialog_id, id);
CREATE INDEX messages_author ON messages(author_id, created_at);

-- A counter per party ("u:<account>", "s:<seller>"), raised by every change it
-- should see: a message, a read mark, a notice.
CREATE TABLE change_counters (
    party TEXT PRIMARY KEY,
    version INTEGER NOT NULL
);
