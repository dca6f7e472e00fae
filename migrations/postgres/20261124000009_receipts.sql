-- An order's receipts are the ledger's transfers that name it (reference
-- 'order:<id>'): found by this index rather than by reading the whole ledger.
CREATE INDEX ledger_transfers_reference ON ledger_transfers(reference, id);
