-- Withdrawals from Rynok Account to a bank account (app/src/wallet/withdrawals).
-- A withdrawal waits for a code sent to the phone, bound to its amount and bank
-- details; once confirmed its amount is reserved by a pending ledger transfer to
-- the payouts account, posted when the payout provider pays and voided when the
-- payout fails (the money returns to the wallet).
CREATE TABLE withdrawals (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL,
    amount BIGINT NOT NULL CHECK (amount > 0),
    recipient TEXT NOT NULL,
    bik TEXT NOT NULL,
    account_number TEXT NOT NULL,
    -- awaiting_code, in_progress, paid, returned, cancelled
    status TEXT NOT NULL,
    salt TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    code_expires_at BIGINT NOT NULL,
    failures BIGINT NOT NULL DEFAULT 0,
    pending_transfer_id BIGINT,
    payout_ref TEXT,
    -- The date (YYYY-MM-DD, Moscow) the money arrives by.
    due_date TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX withdrawals_user ON withdrawals(user_id, id);
CREATE INDEX withdrawals_open ON withdrawals(status, due_date);

CREATE TABLE withdrawal_events (
    id BIGSERIAL PRIMARY KEY,
    withdrawal_id BIGINT NOT NULL REFERENCES withdrawals(id),
    status TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX withdrawal_events_withdrawal ON withdrawal_events(withdrawal_id, id);
