//! Rynok ID SQL: accounts, sessions, sign-in attempts, send counts, the security
//! log and the Security feed. Use cases compose these inside one transaction.

use crate::account::model::{Email, Phone};
use crate::platform::db::{Db, Tx};
use sqlx::Row;
use sqlx::any::AnyRow;

mod attempts;
mod methods;
mod security;
mod sessions;

pub use attempts::*;
pub use methods::*;
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
