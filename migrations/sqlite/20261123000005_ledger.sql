-- Rynok Account's ledger (app/src/wallet/ledger): accounts, and transfers between
-- them. A transfer is never changed or deleted; a mistake is corrected by another
-- transfer. The four sums on an account are a cache of its transfers, updated in the
-- same transaction, and `server ledger check` recomputes them from the transfers.
CREATE TABLE ledger_accounts (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    -- The shopper (users.id) for a wallet or points; 0 for the platform's own accounts.
    owner_id INTEGER NOT NULL,
    -- 1: posted and pending debits together never exceed posted credits (a shopper's
    -- wallet and points, the certificates outstanding), whatever the concurrency.
    floor_zero INTEGER NOT NULL CHECK (floor_zero IN (0, 1)),
    debits_posted INTEGER NOT NULL DEFAULT 0,
    credits_posted INTEGER NOT NULL DEFAULT 0,
    debits_pending INTEGER NOT NULL DEFAULT 0,
    credits_pending INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    UNIQUE (kind, owner_id),
    CHECK (floor_zero = 0 OR debits_posted + debits_pending <= credits_posted)
);

-- phase: 'posted' moves money at once; 'pending' reserves it until a 'post' (of at
-- most the pending amount), a 'void' or an 'expire' transfer resolves it, once.
CREATE TABLE ledger_transfers (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    debit_account_id INTEGER NOT NULL REFERENCES ledger_accounts(id),
    credit_account_id INTEGER NOT NULL REFERENCES ledger_accounts(id),
    amount INTEGER NOT NULL CHECK (amount > 0),
    reference TEXT NOT NULL,
    phase TEXT NOT NULL CHECK (phase IN ('posted', 'pending', 'post', 'void', 'expire')),
    pending_id INTEGER REFERENCES ledger_transfers(id),
    expires_at INTEGER,
    created_at INTEGER NOT NULL,
    UNIQUE (kind, idempotency_key),
    UNIQUE (pending_id),
    CHECK (debit_account_id <> credit_account_id),
    CHECK ((phase IN ('post', 'void', 'expire')) = (pending_id IS NOT NULL)),
    CHECK (expires_at IS NULL OR phase = 'pending')
);
CREATE INDEX ledger_transfers_debit ON ledger_transfers(debit_account_id, id);
CREATE INDEX ledger_transfers_credit ON ledger_transfers(credit_account_id, id);
CREATE INDEX ledger_transfers_expiring ON ledger_transfers(expires_at) WHERE expires_at IS NOT NULL;
