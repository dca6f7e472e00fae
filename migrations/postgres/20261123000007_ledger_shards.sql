-- The platform's accounts (no floor) take part in most transfers: every card top-up
-- debits `card_acquiring`, every payment credits `order_clearing`. Updating their one
-- row made all those transfers wait for each other's lock. Their sums are spread
-- over 16 rows here instead (the transfer's id picks one); an account's sums are its
-- own row's plus its shards'. Floor-zero accounts (a shopper's wallet and points)
-- never use shards: their floor is checked on their one row.
CREATE TABLE ledger_account_shards (
    account_id BIGINT NOT NULL REFERENCES ledger_accounts(id),
    shard BIGINT NOT NULL,
    debits_posted BIGINT NOT NULL DEFAULT 0,
    credits_posted BIGINT NOT NULL DEFAULT 0,
    debits_pending BIGINT NOT NULL DEFAULT 0,
    credits_pending BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, shard)
);
