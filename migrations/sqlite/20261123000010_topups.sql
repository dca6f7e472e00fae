-- Card top-ups of Rynok Account (app/src/wallet/topups). The money is reserved as
-- a pending ledger transfer when the payment is created, posted when the provider's
-- API says it succeeded, voided when it says it was cancelled.
CREATE TABLE topups (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL,
    amount INTEGER NOT NULL CHECK (amount > 0),
    -- Sent to the provider as Idempotence-Key: a retried creation is one payment.
    idempotence_key TEXT NOT NULL UNIQUE,
    payment_id TEXT UNIQUE,
    -- created, pending, succeeded, canceled
    status TEXT NOT NULL,
    reason TEXT,
    confirmation_url TEXT,
    pending_transfer_id INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX topups_user ON topups(user_id, id);
CREATE INDEX topups_open ON topups(status, updated_at);

-- Where a top-up has been, for its timeline.
CREATE TABLE topup_events (
    id INTEGER PRIMARY KEY,
    topup_id INTEGER NOT NULL REFERENCES topups(id),
    status TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX topup_events_topup ON topup_events(topup_id, id);
