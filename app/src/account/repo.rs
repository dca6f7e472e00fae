//! Rynok ID SQL: accounts, sessions, sign-in attempts, send counts, the security
//! log and the Security feed. Use cases compose these inside one transaction.

use crate::account::model::{Email, Phone};
use crate::db::{Db, Tx};
use sqlx::Row;
use sqlx::any::AnyRow;

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

/// The discounts an account has not used yet: (kind, percent, max amount in kopecks).
pub async fn open_discounts(db: &Db, user_id: i64) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT kind, percent, max_amount FROM user_discounts WHERE user_id = $1 AND used_at IS NULL ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("kind")?,
                r.try_get("percent")?,
                r.try_get("max_amount")?,
            ))
        })
        .collect()
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

pub async fn attempt_by_token(
    tx: &mut Tx,
    token_hash: &str,
) -> Result<Option<AttemptRow>, sqlx::Error> {
    let Some(r) = sqlx::query(
        "SELECT id, kind, target, channel, code_hash, code_expires_at, failures, last_sent_at, \
         verified_at, consumed_at, created_at FROM signin_attempts WHERE token_hash = $1",
    )
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

pub async fn add_failure(tx: &mut Tx, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE signin_attempts SET failures = failures + 1 WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
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

pub async fn record_send(
    tx: &mut Tx,
    target: &str,
    prefix: &str,
    ip: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO code_sends (target, prefix, ip, sent_at) VALUES ($1, $2, $3, $4)")
        .bind(target.to_string())
        .bind(prefix.to_string())
        .bind(ip.to_string())
        .bind(now)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

// ---- sessions ----

pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user_id: i64,
    pub now: i64,
    pub expires_at: i64,
    pub user_agent: &'a str,
    pub ip: &'a str,
}

pub async fn insert_session(tx: &mut Tx, s: NewSession<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, user_agent, ip) \
         VALUES ($1, $2, $3, $3, $4, $5, $6) RETURNING id",
    )
    .bind(s.token_hash.to_string())
    .bind(s.user_id)
    .bind(s.now)
    .bind(s.expires_at)
    .bind(s.user_agent.to_string())
    .bind(s.ip.to_string())
    .fetch_one(&mut **tx)
    .await?
    .try_get("id")
}

/// A live session found by its token's hash.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub id: i64,
    pub user_id: i64,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub user_agent: String,
    pub ip: String,
}

fn session_from_row(r: &AnyRow) -> Result<SessionRow, sqlx::Error> {
    Ok(SessionRow {
        id: r.try_get("id")?,
        user_id: r.try_get("user_id")?,
        created_at: r.try_get("created_at")?,
        last_seen_at: r.try_get("last_seen_at")?,
        expires_at: r.try_get("expires_at")?,
        user_agent: r.try_get("user_agent")?,
        ip: r.try_get("ip")?,
    })
}

const SESSION_COLUMNS: &str =
    "s.id, s.user_id, s.created_at, s.last_seen_at, s.expires_at, s.user_agent, s.ip";

/// The session with this token hash if it has not been ended and its account exists.
pub async fn session_by_token(
    db: &Db,
    token_hash: &str,
) -> Result<Option<SessionRow>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {SESSION_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.ended_at IS NULL AND u.deleted_at IS NULL"
    ))
    .bind(token_hash.to_string())
    .fetch_optional(&db.pool)
    .await?
    .as_ref()
    .map(session_from_row)
    .transpose()
}

/// The account's sessions that have not been ended, newest activity first.
pub async fn live_sessions(db: &Db, user_id: i64) -> Result<Vec<SessionRow>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {SESSION_COLUMNS} FROM sessions s WHERE s.user_id = $1 AND s.ended_at IS NULL \
         ORDER BY s.last_seen_at DESC, s.id DESC"
    ))
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(session_from_row).collect()
}

pub async fn touch_session(db: &Db, id: i64, now: i64, ip: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1, ip = $2 WHERE id = $3")
        .bind(now)
        .bind(ip.to_string())
        .bind(id)
        .execute(&db.pool)
        .await
        .map(|_| ())
}

/// Ends one session of the account; false if there was no such live session.
pub async fn end_session(
    tx: &mut Tx,
    user_id: i64,
    id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE sessions SET ended_at = $1 WHERE id = $2 AND user_id = $3 AND ended_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Ends every session of the account but `keep`; answers how many ended.
pub async fn end_other_sessions(
    tx: &mut Tx,
    user_id: i64,
    keep: Option<i64>,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE sessions SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL AND id <> $3",
    )
    .bind(now)
    .bind(user_id)
    .bind(keep.unwrap_or(0))
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

/// Whether the account has a session that is still live at `now`.
pub async fn has_live_session(
    tx: &mut Tx,
    user_id: i64,
    now: i64,
    idle_ms: i64,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "SELECT COUNT(*) AS n FROM sessions WHERE user_id = $1 AND ended_at IS NULL \
         AND expires_at > $2 AND last_seen_at > $3",
    )
    .bind(user_id)
    .bind(now)
    .bind(now - idle_ms)
    .fetch_one(&mut **tx)
    .await?;
    Ok(r.try_get::<i64, _>("n")? > 0)
}

// ---- the security log and the Security feed ----

pub struct Event<'a> {
    pub user_id: Option<i64>,
    pub kind: &'a str,
    pub detail: &'a str,
    pub ip: &'a str,
    pub user_agent: &'a str,
    pub at: i64,
}

pub async fn log_event(tx: &mut Tx, e: Event<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO security_events (user_id, kind, detail, ip, user_agent, at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(e.user_id)
    .bind(e.kind.to_string())
    .bind(e.detail.to_string())
    .bind(e.ip.to_string())
    .bind(e.user_agent.to_string())
    .bind(e.at)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// (kind, detail, ip, user agent, at), newest first.
pub async fn events(
    db: &Db,
    user_id: i64,
    limit: i64,
) -> Result<Vec<(String, String, String, String, i64)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT kind, detail, ip, user_agent, at FROM security_events WHERE user_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("kind")?,
                r.try_get("detail")?,
                r.try_get("ip")?,
                r.try_get("user_agent")?,
                r.try_get("at")?,
            ))
        })
        .collect()
}

pub async fn add_security_message(
    tx: &mut Tx,
    user_id: i64,
    body: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO security_messages (user_id, body, at) VALUES ($1, $2, $3)")
        .bind(user_id)
        .bind(body.to_string())
        .bind(now)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// (id, body, at, read), newest first.
pub async fn security_messages(
    db: &Db,
    user_id: i64,
    limit: i64,
) -> Result<Vec<(i64, String, i64, bool)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, body, at, read_at FROM security_messages WHERE user_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("id")?,
                r.try_get("body")?,
                r.try_get("at")?,
                r.try_get::<Option<i64>, _>("read_at")?.is_some(),
            ))
        })
        .collect()
}
