-- Withdrawals from Rynok Account to a bank account (app/src/wallet/withdrawals).
-- A withdrawal waits for a code sent to the phone, bound to its amount and bank
-- details; once confirmed its amount is reserved by a pending ledger transfer to
-- the payouts account, posted when the payout provider pays and voided when the
-- payout fails (the money returns to the wallet).
CREATE TABLE withdrawals (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL,
    amount INTEGER NOT NULL CHECK (amount > 0),
    recipient TEXT NOT NULL,
    bik TEXT NOT NULL,
    account_number TEXT NOT NULL,
    -- awaiting_code, in_progress, paid, returned, cancelled
    status TEXT NOT NULL,
    salt TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    code_expires_at INTEGER NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    pending_transfer_id INTEGER,
    payout_ref TEXT,
    -- The date (YYYY-MM-DD, Moscow) the money arrives by.
    due_date TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX withdrawals_user ON withdrawals(user_id, id);
CREATE INDEX withdrawals_open ON withdrawals(status, due_date);

CREATE TABLE withdrawal_events (
    id INTEGER PRIMARY KEY,
    withdrawal_id INTEGER NOT NULL REFERENCES withdrawals(id),
    status TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX withdrawal_events_withdrawal ON withdrawal_events(withdrawal_id, id);
