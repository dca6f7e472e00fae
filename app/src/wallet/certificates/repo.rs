//! Gift certificates' SQL, nothing else.

type Ex<'e> = &'e mut sqlx::AnyConnection;

/// A certificate row, looked up by its code's hash.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CertificateRow {
    pub id: i64,
    pub last4: String,
    pub amount: i64,
    pub expires_at: i64,
    pub activated_by: Option<i64>,
}

/// A new certificate; the caller moves its value in the ledger in the same transaction.
pub struct NewCertificate<'a> {
    pub code_hash: &'a str,
    pub last4: &'a str,
    pub amount: i64,
    pub source: &'a str,
    pub issued_at: i64,
    pub expires_at: i64,
}

pub async fn insert(ex: Ex<'_>, c: &NewCertificate<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO gift_certificates (code_hash, last4, amount, source, issued_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(c.code_hash.to_string())
    .bind(c.last4.to_string())
    .bind(c.amount)
    .bind(c.source.to_string())
    .bind(c.issued_at)
    .bind(c.expires_at)
    .fetch_one(ex)
    .await
}

pub async fn by_hash(ex: Ex<'_>, code_hash: &str) -> Result<Option<CertificateRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, last4, amount, expires_at, activated_by FROM gift_certificates WHERE code_hash = $1",
    )
    .bind(code_hash.to_string())
    .fetch_optional(ex)
    .await
}

/// Marks the certificate activated by `user`, unless it already is: whether this
/// call did it.
pub async fn mark_activated(ex: Ex<'_>, id: i64, user: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE gift_certificates SET activated_by = $1, activated_at = $2 \
         WHERE id = $3 AND activated_by IS NULL",
    )
    .bind(user)
    .bind(now)
    .bind(id)
    .execute(ex)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Certificates `user` activated at or after `since`.
pub async fn activations_since(ex: Ex<'_>, user: i64, since: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM gift_certificates WHERE activated_by = $1 AND activated_at >= $2",
    )
    .bind(user)
    .bind(since)
    .fetch_one(ex)
    .await
}

/// The times of wrong codes entered by `user` since `since`, newest first.
pub async fn failures_of_user(ex: Ex<'_>, user: i64, since: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT at FROM certificate_failures WHERE user_id = $1 AND at >= $2 ORDER BY at DESC",
    )
    .bind(user)
    .bind(since)
    .fetch_all(ex)
    .await
}

/// The times of wrong codes entered from `client` since `since`, newest first.
pub async fn failures_of_client(
    ex: Ex<'_>,
    client: &str,
    since: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT at FROM certificate_failures WHERE client = $1 AND at >= $2 ORDER BY at DESC",
    )
    .bind(client.to_string())
    .bind(since)
    .fetch_all(ex)
    .await
}

pub async fn record_failure(
    ex: Ex<'_>,
    user: i64,
    client: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO certificate_failures (user_id, client, at) VALUES ($1, $2, $3)")
        .bind(user)
        .bind(client.to_string())
        .bind(now)
        .execute(ex)
        .await
        .map(|_| ())
}
