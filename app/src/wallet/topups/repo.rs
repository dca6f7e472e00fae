//! Top-ups' SQL, nothing else.

type Ex<'e> = &'e mut sqlx::AnyConnection;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TopUpRow {
    pub id: i64,
    pub user_id: i64,
    pub amount: i64,
    pub idempotence_key: String,
    pub payment_id: Option<String>,
    pub status: String,
    pub reason: Option<String>,
    pub confirmation_url: Option<String>,
    pub pending_transfer_id: Option<i64>,
    pub created_at: i64,
}

const COLUMNS: &str = "id, user_id, amount, idempotence_key, payment_id, status, reason, \
     confirmation_url, pending_transfer_id, created_at";

pub async fn insert(
    ex: Ex<'_>,
    user: i64,
    amount: i64,
    key: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO topups (user_id, amount, idempotence_key, status, created_at, updated_at) \
         VALUES ($1, $2, $3, 'created', $4, $4) RETURNING id",
    )
    .bind(user)
    .bind(amount)
    .bind(key.to_string())
    .bind(now)
    .fetch_one(ex)
    .await
}

pub async fn by_id(ex: Ex<'_>, id: i64) -> Result<Option<TopUpRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM topups WHERE id = $1"))
        .bind(id)
        .fetch_optional(ex)
        .await
}

pub async fn by_payment(ex: Ex<'_>, payment_id: &str) -> Result<Option<TopUpRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM topups WHERE payment_id = $1"
    ))
    .bind(payment_id.to_string())
    .fetch_optional(ex)
    .await
}

/// Records the reservation made for it.
pub async fn set_pending_transfer(ex: Ex<'_>, id: i64, transfer: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE topups SET pending_transfer_id = $1 WHERE id = $2")
        .bind(transfer)
        .bind(id)
        .execute(ex)
        .await
        .map(|_| ())
}

/// Records the provider's payment for it, once.
pub async fn set_payment(
    ex: Ex<'_>,
    id: i64,
    payment_id: &str,
    confirmation_url: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE topups SET payment_id = $1, confirmation_url = $2, status = 'pending', updated_at = $3 \
         WHERE id = $4 AND status = 'created'",
    )
    .bind(payment_id.to_string())
    .bind(confirmation_url.map(str::to_string))
    .bind(now)
    .bind(id)
    .execute(ex)
    .await
    .map(|_| ())
}

/// Moves a top-up that is not final yet to a final status: whether this call did.
pub async fn finish(
    ex: Ex<'_>,
    id: i64,
    status: &str,
    reason: Option<&str>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "UPDATE topups SET status = $1, reason = $2, confirmation_url = NULL, updated_at = $3 \
         WHERE id = $4 AND status IN ('created', 'pending')",
    )
    .bind(status.to_string())
    .bind(reason.map(str::to_string))
    .bind(now)
    .bind(id)
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Marks that the provider was asked about it now (the job asks again later).
pub async fn touch(ex: Ex<'_>, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE topups SET updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(ex)
        .await
        .map(|_| ())
}

/// Top-ups not final whose last word from the provider is older than `before`.
pub async fn stale(ex: Ex<'_>, before: i64, limit: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM topups WHERE status IN ('created', 'pending') AND updated_at <= $1 \
         ORDER BY updated_at LIMIT $2",
    )
    .bind(before)
    .bind(limit)
    .fetch_all(ex)
    .await
}
