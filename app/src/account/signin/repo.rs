//! Sign-in attempts SQL: one row per attempt, its code as an HMAC, its failures.

use crate::platform::db::Tx;

/// One sign-in attempt, as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AttemptRow {
    pub id: i64,
    pub kind: String,
    pub target: String,
    pub channel: String,
    pub code_hash: String,
    pub code_expires_at: i64,
    pub failures: i64,
    pub last_sent_at: i64,
    pub verified_at: Option<i64>,
    pub consumed_at: Option<i64>,
    pub created_at: i64,
}

pub struct NewAttempt<'a> {
    pub token_hash: &'a str,
    pub kind: &'a str,
    pub target: &'a str,
    pub channel: &'a str,
    pub code_hash: &'a str,
    pub code_expires_at: i64,
    pub now: i64,
    pub ip: &'a str,
}

pub async fn insert_attempt(tx: &mut Tx, a: NewAttempt<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO signin_attempts (token_hash, kind, target, channel, code_hash, code_expires_at, \
         last_sent_at, created_at, ip) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id",
    )
    .bind(a.token_hash.to_string())
    .bind(a.kind.to_string())
    .bind(a.target.to_string())
    .bind(a.channel.to_string())
    .bind(a.code_hash.to_string())
    .bind(a.code_expires_at)
    .bind(a.now)
    .bind(a.ip.to_string())
    .fetch_one(&mut **tx)
    .await
}

const ATTEMPT_COLUMNS: &str = "id, kind, target, channel, code_hash, code_expires_at, failures, \
     last_sent_at, verified_at, consumed_at, created_at";

/// The attempt behind a cookie, read without locking (for rendering a page).
pub async fn attempt_by_token(
    tx: &mut Tx,
    token_hash: &str,
) -> Result<Option<AttemptRow>, sqlx::Error> {
    let sql = format!("SELECT {ATTEMPT_COLUMNS} FROM signin_attempts WHERE token_hash = $1");
    attempt_query(tx, &sql, token_hash).await
}

/// The attempt behind a cookie, locked until the transaction ends: an UPDATE that
/// changes nothing takes the row lock on Postgres and returns the newest committed
/// row, so parallel guesses against one attempt are checked one after another.
/// (SQLite's `BEGIN IMMEDIATE` already lets one writer in at a time.)
pub async fn lock_attempt(
    tx: &mut Tx,
    token_hash: &str,
) -> Result<Option<AttemptRow>, sqlx::Error> {
    let sql = format!(
        "UPDATE signin_attempts SET failures = failures WHERE token_hash = $1 RETURNING {ATTEMPT_COLUMNS}"
    );
    attempt_query(tx, &sql, token_hash).await
}

async fn attempt_query(
    tx: &mut Tx,
    sql: &str,
    token_hash: &str,
) -> Result<Option<AttemptRow>, sqlx::Error> {
    sqlx::query_as(sql)
        .bind(token_hash.to_string())
        .fetch_optional(&mut **tx)
        .await
}

/// A new code for the same attempt; the failure count stays.
pub async fn replace_code(
    tx: &mut Tx,
    id: i64,
    channel: &str,
    code_hash: &str,
    code_expires_at: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE signin_attempts SET channel = $1, code_hash = $2, code_expires_at = $3, \
         last_sent_at = $4, sends = sends + 1 WHERE id = $5",
    )
    .bind(channel.to_string())
    .bind(code_hash.to_string())
    .bind(code_expires_at)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// Counts one wrong code, unless `max` are already counted: the new count, or
/// `None` when the attempt was already burnt. One conditional statement, so that
/// no interleaving of parallel guesses can count more than `max`.
pub async fn add_failure(tx: &mut Tx, id: i64, max: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE signin_attempts SET failures = failures + 1 WHERE id = $1 AND failures < $2 \
         RETURNING failures",
    )
    .bind(id)
    .bind(max)
    .fetch_optional(&mut **tx)
    .await
}

pub async fn mark_verified(tx: &mut Tx, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE signin_attempts SET verified_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// Marks the attempt used; false if it already was (a replay).
pub async fn consume(tx: &mut Tx, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE signin_attempts SET consumed_at = $1 WHERE id = $2 AND consumed_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
