-- Card top-ups of Rynok Account (app/src/wallet/topups). The money is reserved as
-- a pending ledger transfer when the payment is created, posted when the provider's
-- API says it succeeded, voided when it says it was cancelled.
CREATE TABLE topups (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL,
    amount BIGINT NOT NULL CHECK (amount > 0),
    -- Sent to the provider as Idempotence-Key: a retried creation is one payment.
    idempotence_key TEXT NOT NULL UNIQUE,
    payment_id TEXT UNIQUE,
    -- created, pending, succeeded, canceled
    status TEXT NOT NULL,
    reason TEXT,
    confirmation_url TEXT,
    pending_transfer_id BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX topups_user ON topups(user_id, id);
CREATE INDEX topups_open ON topups(status, updated_at);

-- Where a top-up has been, for its timeline.
CREATE TABLE topup_events (
    id BIGSERIAL PRIMARY KEY,
    topup_id BIGINT NOT NULL REFERENCES topups(id),
    status TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX topup_events_topup ON topup_events(topup_id, id);
