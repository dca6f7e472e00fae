//! Bonus points' SQL, nothing else: batches and what each spend took from them.

type Ex<'e> = &'e mut sqlx::AnyConnection;

/// A batch still holding points, or one due to expire.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BatchRow {
    pub id: i64,
    pub user_id: i64,
    pub remaining: i64,
    pub expired: i64,
    pub expires_at: i64,
}

const BATCH: &str = "id, user_id, remaining, expired, expires_at";

/// A new batch; None when a batch with this grant key exists (a repeated grant).
pub async fn insert_batch(
    ex: Ex<'_>,
    user: i64,
    grant_key: &str,
    amount: i64,
    now: i64,
    expires_at: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO points_batches (user_id, grant_key, amount, remaining, granted_at, expires_at) \
         VALUES ($1, $2, $3, $3, $4, $5) ON CONFLICT (grant_key) DO NOTHING RETURNING id",
    )
    .bind(user)
    .bind(grant_key.to_string())
    .bind(amount)
    .bind(now)
    .bind(expires_at)
    .fetch_optional(ex)
    .await
}

/// The user's batches that can still be spent at `now`, soonest-expiring first.
pub async fn live_batches(ex: Ex<'_>, user: i64, now: i64) -> Result<Vec<BatchRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {BATCH} FROM points_batches WHERE user_id = $1 AND remaining > 0 AND expires_at > $2 \
         ORDER BY expires_at, id"
    ))
    .bind(user)
    .bind(now)
    .fetch_all(ex)
    .await
}

/// Batches with points left whose time is over at `now`: of one user, or of all.
pub async fn due_batches(
    ex: Ex<'_>,
    user: Option<i64>,
    now: i64,
    limit: i64,
) -> Result<Vec<BatchRow>, sqlx::Error> {
    let (filter, who) = match user {
        Some(u) => ("AND user_id = $3", u),
        None => ("AND $3 = 0", 0),
    };
    sqlx::query_as(&format!(
        "SELECT {BATCH} FROM points_batches WHERE remaining > 0 AND expires_at <= $1 {filter} \
         ORDER BY expires_at, id LIMIT $2"
    ))
    .bind(now)
    .bind(limit)
    .bind(who)
    .fetch_all(ex)
    .await
}

/// Takes `amount` from a batch, if it still holds that much: whether it did.
pub async fn take(ex: Ex<'_>, batch: i64, amount: i64) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "UPDATE points_batches SET remaining = remaining - $1 WHERE id = $2 AND remaining >= $1",
    )
    .bind(amount)
    .bind(batch)
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Puts `amount` back into a batch.
pub async fn put_back(ex: Ex<'_>, batch: i64, amount: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE points_batches SET remaining = remaining + $1 WHERE id = $2")
        .bind(amount)
        .bind(batch)
        .execute(ex)
        .await
        .map(|_| ())
}

/// Marks what a batch held as expired, if it still holds `amount`: whether it did.
pub async fn expire(ex: Ex<'_>, batch: i64, amount: i64) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "UPDATE points_batches SET remaining = 0, expired = expired + $1 \
         WHERE id = $2 AND remaining = $1",
    )
    .bind(amount)
    .bind(batch)
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn record_spend(
    ex: Ex<'_>,
    key: &str,
    batch: i64,
    amount: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO points_spends (spend_key, batch_id, amount) VALUES ($1, $2, $3)")
        .bind(key.to_string())
        .bind(batch)
        .bind(amount)
        .execute(ex)
        .await
        .map(|_| ())
}

/// What a spend took from each batch and has not had back: (spend row, batch,
/// amount not returned), the last taken first.
pub async fn unreturned(ex: Ex<'_>, key: &str) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, batch_id, amount - returned FROM points_spends \
         WHERE spend_key = $1 AND returned < amount ORDER BY id DESC",
    )
    .bind(key.to_string())
    .fetch_all(ex)
    .await
}

/// The user whose batches a spend took from.
pub async fn spender(ex: Ex<'_>, key: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT b.user_id FROM points_spends s JOIN points_batches b ON b.id = s.batch_id \
         WHERE s.spend_key = $1 LIMIT 1",
    )
    .bind(key.to_string())
    .fetch_optional(ex)
    .await
}

pub async fn mark_returned(ex: Ex<'_>, spend_row: i64, amount: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE points_spends SET returned = returned + $1 WHERE id = $2")
        .bind(amount)
        .bind(spend_row)
        .execute(ex)
        .await
        .map(|_| ())
}

/// The user's batches with points left: (expires_at, remaining), soonest first.
pub async fn holdings(ex: Ex<'_>, user: i64, now: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT expires_at, remaining FROM points_batches \
         WHERE user_id = $1 AND remaining > 0 AND expires_at > $2 ORDER BY expires_at, id",
    )
    .bind(user)
    .bind(now)
    .fetch_all(ex)
    .await
}

/// The per cent of the goods a rule (`receipt`) earns in points, if it exists.
pub async fn earn_percent(ex: Ex<'_>, kind: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT percent FROM points_rules WHERE kind = $1")
        .bind(kind.to_string())
        .fetch_optional(ex)
        .await
}
