-- Orders paid by card (app/src/orders/service/card.rs): the payment at the
-- provider, made with an idempotence key of the order's own, and what was paid.
ALTER TABLE orders ADD COLUMN payment_key TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN payment_id TEXT;
ALTER TABLE orders ADD COLUMN payment_url TEXT;
ALTER TABLE orders ADD COLUMN paid_card INTEGER NOT NULL DEFAULT 0;
CREATE INDEX orders_payment ON orders(payment_id);

-- Money going back to a card: written (and posted in the ledger) in the transaction
-- that cancels or returns, sent to the provider after it, and again by the job
-- until the provider answers. The provider's idempotence key is the row's.
CREATE TABLE card_refunds (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    what TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount > 0),
    -- pending, succeeded
    status TEXT NOT NULL,
    provider_id TEXT,
    created_at INTEGER NOT NULL,
    UNIQUE (order_id, what)
);
CREATE INDEX card_refunds_pending ON card_refunds(status, id);
