-- Bonus points (app/src/wallet/points). The points account in the ledger holds a
-- shopper's total; batches say when each part of it expires. A batch's remaining is
-- what is left of it to spend, and the batches' remainings add up to the account's
-- balance, changed in the same transaction as the transfer that moves the points.
CREATE TABLE points_batches (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL,
    -- The grant's ledger key ("order:42:receipt", "cli:..."): one batch per grant.
    grant_key TEXT NOT NULL UNIQUE,
    amount INTEGER NOT NULL CHECK (amount > 0),
    remaining INTEGER NOT NULL CHECK (remaining >= 0),
    -- What the expiry job has taken from it so far (it may expire more than once
    -- when spent points come back after it expired).
    expired INTEGER NOT NULL DEFAULT 0,
    granted_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX points_batches_user ON points_batches(user_id, expires_at, id);
CREATE INDEX points_batches_due ON points_batches(expires_at) WHERE remaining > 0;

-- Which batches a spend took its points from, so a cancellation returns them there.
CREATE TABLE points_spends (
    id INTEGER PRIMARY KEY,
    spend_key TEXT NOT NULL,
    batch_id INTEGER NOT NULL REFERENCES points_batches(id),
    amount INTEGER NOT NULL CHECK (amount > 0),
    returned INTEGER NOT NULL DEFAULT 0,
    CHECK (returned <= amount)
);
CREATE INDEX points_spends_key ON points_spends(spend_key);
