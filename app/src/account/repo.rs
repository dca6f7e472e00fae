//! Rynok ID SQL: accounts, sessions, sign-in attempts, send counts, the security
//! log and the Security feed. Use cases compose these inside one transaction.

use crate::account::model::{Email, Phone};
use crate::db::{Db, Tx};
use sqlx::Row;
use sqlx::any::AnyRow;

mod security;
mod sessions;

pub use security::*;
pub use sessions::*;

/// An account as the sign-in flow needs it.
#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: i64,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub email_verified: bool,
    pub first_name: String,
    pub last_name: String,
}

const USER_COLUMNS: &str = "id, phone, email, email_verified_at, first_name, last_name";

fn user_from_row(r: &AnyRow) -> Result<UserRow, sqlx::Error> {
    Ok(UserRow {
        id: r.try_get("id")?,
        phone: r
            .try_get::<Option<String>, _>("phone")?
            .map(Phone::from_stored),
        email: r
            .try_get::<Option<String>, _>("email")?
            .map(Email::from_stored),
        email_verified: r.try_get::<Option<i64>, _>("email_verified_at")?.is_some(),
        first_name: r.try_get("first_name")?,
        last_name: r.try_get("last_name")?,
    })
}

pub async fn user_by_phone(tx: &mut Tx, phone: &Phone) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE phone = $1 AND deleted_at IS NULL"
    ))
    .bind(phone.as_str().to_string())
    .fetch_optional(&mut **tx)
    .await?
    .as_ref()
    .map(user_from_row)
    .transpose()
}

/// The account whose verified email this is (an unverified one cannot sign in).
pub async fn user_by_verified_email(
    tx: &mut Tx,
    email: &Email,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE email = $1 AND email_verified_at IS NOT NULL \
         AND deleted_at IS NULL"
    ))
    .bind(email.as_str().to_string())
    .fetch_optional(&mut **tx)
    .await?
    .as_ref()
    .map(user_from_row)
    .transpose()
}

pub async fn user_by_id(db: &Db, id: i64) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE id = $1 AND deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .as_ref()
    .map(user_from_row)
    .transpose()
}

pub async fn user_by_id_tx(tx: &mut Tx, id: i64) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE id = $1 AND deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .as_ref()
    .map(user_from_row)
    .transpose()
}

pub async fn create_user(tx: &mut Tx, phone: &Phone, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO users (phone, terms_accepted_at, created_at) VALUES ($1, $2, $2) RETURNING id",
    )
    .bind(phone.as_str().to_string())
    .bind(now)
    .fetch_one(&mut **tx)
    .await?
    .try_get("id")
}

/// Records a discount for the account, once per kind.
pub async fn grant_discount(
    tx: &mut Tx,
    user_id: i64,
    kind: &str,
    percent: i64,
    max_amount_kopecks: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO user_discounts (user_id, kind, percent, max_amount, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, kind) DO NOTHING",
    )
    .bind(user_id)
    .bind(kind.to_string())
    .bind(percent)
    .bind(max_amount_kopecks)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// Claims a one-time grant (`kind`) for a subject (the keyed hash of a phone
/// number): true the first time, false ever after, whatever became of the account.
pub async fn claim_grant(
    tx: &mut Tx,
    kind: &str,
    subject_hash: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO discount_grants (kind, subject_hash, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (kind, subject_hash) DO NOTHING",
    )
    .bind(kind.to_string())
    .bind(subject_hash.to_string())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The discounts an account has not used yet: (kind, percent, max amount in kopecks).
pub async fn open_discounts(db: &Db, user_id: i64) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT kind, percent, max_amount FROM user_discounts WHERE user_id = $1 AND used_at IS NULL ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await
}

// ---- sign-in attempts ----

/// One sign-in attempt, as stored.
#[derive(Debug, Clone)]
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
    sqlx::query(
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
    .await?
    .try_get("id")
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
    let Some(r) = sqlx::query(sql)
        .bind(token_hash.to_string())
        .fetch_optional(&mut **tx)
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(AttemptRow {
        id: r.try_get("id")?,
        kind: r.try_get("kind")?,
        target: r.try_get("target")?,
        channel: r.try_get("channel")?,
        code_hash: r.try_get("code_hash")?,
        code_expires_at: r.try_get("code_expires_at")?,
        failures: r.try_get("failures")?,
        last_sent_at: r.try_get("last_sent_at")?,
        verified_at: r.try_get("verified_at")?,
        consumed_at: r.try_get("consumed_at")?,
        created_at: r.try_get("created_at")?,
    }))
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

/// Serialises the use cases that count and then write under the same keys (sends
/// per number, per client, per country; one account's changes). On Postgres each
/// key takes a transaction-scoped advisory lock, in sorted order so that two
/// transactions never wait on each other in a circle; on SQLite `BEGIN IMMEDIATE`
/// already lets one writer in at a time.
pub async fn lock_keys(tx: &mut Tx, keys: &[String]) -> Result<(), sqlx::Error> {
    if tx.backend_name() != "PostgreSQL" {
        return Ok(());
    }
    let mut keys: Vec<&String> = keys.iter().collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
            .bind(key.clone())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
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

/// Wrong codes entered for `target` since `since`, over all its attempts.
pub async fn failures_since(tx: &mut Tx, target: &str, since: i64) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "SELECT CAST(COALESCE(SUM(failures), 0) AS BIGINT) AS n FROM signin_attempts WHERE target = $1 AND created_at >= $2",
    )
    .bind(target.to_string())
    .bind(since)
    .fetch_one(&mut **tx)
    .await?
    .try_get("n")
}

// ---- send limits ----

/// Which column a send limit counts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendKey {
    Target,
    Prefix,
    Ip,
}

/// The times of the newest `limit` sends for `value` since `since`, newest first.
pub async fn recent_sends(
    tx: &mut Tx,
    key: SendKey,
    value: &str,
    since: i64,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let column = match key {
        SendKey::Target => "target",
        SendKey::Prefix => "prefix",
        SendKey::Ip => "ip",
    };
    let rows = sqlx::query(&format!(
        "SELECT sent_at FROM code_sends WHERE {column} = $1 AND sent_at >= $2 ORDER BY sent_at DESC LIMIT $3"
    ))
    .bind(value.to_string())
    .bind(since)
    .bind(limit)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(|r| r.try_get("sent_at")).collect()
}

/// One code sent: what the limits count it by.
pub struct Send<'a> {
    pub target: &'a str,
    pub prefix: &'a str,
    /// The client's limit bucket (an IPv4 address or an IPv6 /64).
    pub ip: &'a str,
    /// The ISO code of a phone's country; empty for an email.
    pub country: &'a str,
    pub now: i64,
}

pub async fn record_send(tx: &mut Tx, s: Send<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO code_sends (target, prefix, ip, country, sent_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(s.target.to_string())
    .bind(s.prefix.to_string())
    .bind(s.ip.to_string())
    .bind(s.country.to_string())
    .bind(s.now)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// The time of the `n`-th newest code sent to a phone after `since`, of one
/// country or of all: if there is one, a budget of `n` is spent until it ages out.
pub async fn nth_recent_phone_send(
    tx: &mut Tx,
    country: Option<&str>,
    since: i64,
    n: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let (filter, value) = match country {
        Some(iso) => ("country = $3", iso.to_string()),
        None => ("country <> $3", String::new()),
    };
    if n <= 0 {
        return Ok(Some(since + 3_600_000));
    }
    sqlx::query_scalar(&format!(
        "SELECT sent_at FROM code_sends WHERE {filter} AND sent_at > $1 \
         ORDER BY sent_at DESC LIMIT 1 OFFSET $2"
    ))
    .bind(since)
    .bind(n - 1)
    .bind(value)
    .fetch_optional(&mut **tx)
    .await
}
