//! The statement's SQL beyond the ledger's own: the operations that name one
//! reference (an order's receipts).

type Ex<'e> = &'e mut sqlx::AnyConnection;

/// Posted transfers naming `reference`, oldest first: (id, kind, amount, the debited
/// account's kind, the credited account's kind, moment).
pub async fn by_reference(
    ex: Ex<'_>,
    reference: &str,
) -> Result<Vec<(i64, String, i64, String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.id, t.kind, t.amount, da.kind, ca.kind, t.created_at FROM ledger_transfers t \
         JOIN ledger_accounts da ON da.id = t.debit_account_id \
         JOIN ledger_accounts ca ON ca.id = t.credit_account_id \
         WHERE t.reference = $1 AND t.phase IN ('posted', 'post') ORDER BY t.id",
    )
    .bind(reference.to_string())
    .fetch_all(ex)
    .await
}
