//! SQL for the security log and the Security feed.

use crate::account::security::model::{EventKind, Notice};
use crate::platform::db::{Db, Tx};

pub struct Event<'a> {
    pub user_id: Option<i64>,
    pub kind: EventKind,
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
    .bind(e.kind.as_str())
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
    sqlx::query_as(
        "SELECT kind, detail, ip, user_agent, at FROM security_events WHERE user_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// Adds a message to the account's Security feed, stored as what happened (JSON)
/// so that it is worded in the reader's language.
pub async fn add_security_message(
    tx: &mut Tx,
    user_id: i64,
    notice: &Notice,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO security_messages (user_id, body, notice, at) VALUES ($1, '', $2, $3)",
    )
    .bind(user_id)
    .bind(notice_json(notice))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    // The header's badge of the account's devices shows it at their next poll.
    crate::platform::changes::bump(tx, &format!("u:{user_id}"))
        .await
        .map(|_| ())
}

fn notice_json(n: &Notice) -> String {
    serde_json::to_string(n).expect("a notice is plain data")
}

/// A message that shows a live sign-in code ([`Notice::CodeElsewhere`]): the code
/// itself is sealed and erased with its attempt.
pub struct CodeMessage<'a> {
    pub user_id: i64,
    pub sealed: &'a str,
    pub expires_at: i64,
    pub attempt_id: i64,
    pub now: i64,
}

/// Where a sealed code went in the body of a message written before notices.
pub const CODE_MARK: &str = "\u{1}code\u{1}";

pub async fn add_code_message(tx: &mut Tx, m: CodeMessage<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO security_messages (user_id, body, notice, at, secret, secret_expires_at, attempt_id) \
         VALUES ($1, '', $2, $3, $4, $5, $6)",
    )
    .bind(m.user_id)
    .bind(notice_json(&Notice::CodeElsewhere))
    .bind(m.now)
    .bind(m.sealed.to_string())
    .bind(m.expires_at)
    .bind(m.attempt_id)
    .execute(&mut **tx)
    .await?;
    crate::platform::changes::bump(tx, &format!("u:{}", m.user_id))
        .await
        .map(|_| ())
}

/// Erases the sealed codes of an attempt (used, replaced or burnt).
pub async fn erase_attempt_codes(tx: &mut Tx, attempt_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE security_messages SET secret = NULL WHERE attempt_id = $1 AND secret IS NOT NULL",
    )
    .bind(attempt_id)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// Erases the sealed codes that have expired; how many.
pub async fn erase_expired_codes(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE security_messages SET secret = NULL WHERE secret IS NOT NULL AND secret_expires_at <= $1",
    )
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected())
}

/// One Security message as stored.
#[derive(sqlx::FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub body: String,
    /// What happened (JSON of a `Notice`); none for messages written before.
    pub notice: Option<String>,
    pub at: i64,
    pub secret: Option<String>,
    pub secret_expires_at: Option<i64>,
}

/// The newest messages first.
pub async fn security_messages(
    db: &Db,
    user_id: i64,
    limit: i64,
) -> Result<Vec<MessageRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, body, notice, at, secret, secret_expires_at FROM security_messages WHERE user_id = $1 \
         ORDER BY at DESC, id DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// How many Security messages account `user` has not seen (the badge counts them).
pub async fn security_unread(ex: &mut sqlx::AnyConnection, user: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM security_messages m JOIN users u ON u.id = m.user_id \
         WHERE m.user_id = $1 AND m.id > u.security_read",
    )
    .bind(user)
    .fetch_one(ex)
    .await
}

/// Whether account `user` has any Security message it has not seen: the first one
/// found, not a count.
pub async fn has_security_unread(
    ex: &mut sqlx::AnyConnection,
    user: i64,
) -> Result<bool, sqlx::Error> {
    let first: Option<i64> = sqlx::query_scalar(
        "SELECT m.id FROM security_messages m JOIN users u ON u.id = m.user_id \
         WHERE m.user_id = $1 AND m.id > u.security_read LIMIT 1",
    )
    .bind(user)
    .fetch_optional(ex)
    .await?;
    Ok(first.is_some())
}

/// Marks account `user`'s Security messages seen: whether any was unseen.
pub async fn mark_security_read(tx: &mut Tx, user: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE users SET security_read = \
         (SELECT COALESCE(MAX(m.id), 0) FROM security_messages m WHERE m.user_id = $1) \
         WHERE id = $1 AND security_read < \
         (SELECT COALESCE(MAX(m.id), 0) FROM security_messages m WHERE m.user_id = $1)",
    )
    .bind(user)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() > 0)
}

// ---- ways to sign in added recently ----

/// What an account gained since a moment: (id, name, added) passkeys, the email
/// verified then (address, added) and (provider, added) links.
pub struct Recent {
    pub passkeys: Vec<(i64, String, i64)>,
    pub email: Option<(String, i64)>,
    pub providers: Vec<(String, i64)>,
}

pub async fn recent_methods(db: &Db, user_id: i64, since: i64) -> Result<Recent, sqlx::Error> {
    let passkeys = sqlx::query_as(
        "SELECT id, name, created_at FROM passkeys WHERE user_id = $1 AND created_at >= $2 ORDER BY id",
    )
    .bind(user_id)
    .bind(since)
    .fetch_all(&db.pool)
    .await?;
    let email = sqlx::query_as(
        "SELECT email, email_verified_at FROM users WHERE id = $1 AND email IS NOT NULL \
         AND email_verified_at >= $2",
    )
    .bind(user_id)
    .bind(since)
    .fetch_optional(&db.pool)
    .await?;
    let providers = sqlx::query_as(
        "SELECT provider, created_at FROM oidc_links WHERE user_id = $1 AND created_at >= $2 ORDER BY created_at",
    )
    .bind(user_id)
    .bind(since)
    .fetch_all(&db.pool)
    .await?;
    Ok(Recent {
        passkeys,
        email,
        providers,
    })
}

/// Removes every way to sign in the account gained since `since`; how many.
pub async fn remove_recent_methods(
    tx: &mut Tx,
    user_id: i64,
    since: i64,
) -> Result<u64, sqlx::Error> {
    let mut removed = 0;
    for sql in [
        "DELETE FROM passkeys WHERE user_id = $1 AND created_at >= $2",
        "DELETE FROM oidc_links WHERE user_id = $1 AND created_at >= $2",
        "UPDATE users SET email = NULL, email_verified_at = NULL WHERE id = $1 \
         AND email_verified_at >= $2",
    ] {
        removed += sqlx::query(sql)
            .bind(user_id)
            .bind(since)
            .execute(&mut **tx)
            .await?
            .rows_affected();
    }
    Ok(removed)
}
