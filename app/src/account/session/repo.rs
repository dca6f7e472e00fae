//! Sessions SQL.

pub use crate::account::session::model::SessionRow;
use crate::platform::db::{Db, Tx};

pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user_id: i64,
    pub now: i64,
    pub expires_at: i64,
    pub user_agent: &'a str,
    pub ip: &'a str,
}

pub async fn insert_session(tx: &mut Tx, s: NewSession<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, user_agent, ip, reauth_at) \
         VALUES ($1, $2, $3, $3, $4, $5, $6, $3) RETURNING id",
    )
    .bind(s.token_hash.to_string())
    .bind(s.user_id)
    .bind(s.now)
    .bind(s.expires_at)
    .bind(s.user_agent.to_string())
    .bind(s.ip.to_string())
    .fetch_one(&mut **tx)
    .await
}

const SESSION_COLUMNS: &str =
    "s.id, s.user_id, s.created_at, s.last_seen_at, s.expires_at, s.user_agent, s.ip, s.reauth_at";

/// The session with this token hash if it has not been ended and its account exists.
pub async fn session_by_token(
    db: &Db,
    token_hash: &str,
) -> Result<Option<SessionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {SESSION_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.ended_at IS NULL AND u.deleted_at IS NULL"
    ))
    .bind(token_hash.to_string())
    .fetch_optional(&db.pool)
    .await
}

/// A session with one more number read by the same statement.
#[derive(Debug, sqlx::FromRow)]
pub struct SessionWith {
    #[sqlx(flatten)]
    pub session: SessionRow,
    pub extra: i64,
}

/// [`session_by_token`] and `extra` in one statement: `extra` is a scalar
/// subquery over the session's account, written against `s.user_id` (a poll's
/// counter), so that an idle poll is this one read.
pub async fn session_by_token_with(
    db: &Db,
    token_hash: &str,
    extra: &str,
) -> Result<Option<SessionWith>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {SESSION_COLUMNS}, CAST({extra} AS BIGINT) AS extra FROM sessions s \
         JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.ended_at IS NULL AND u.deleted_at IS NULL"
    ))
    .bind(token_hash.to_string())
    .fetch_optional(&db.pool)
    .await
}

/// The account's sessions that have not been ended, newest activity first.
pub async fn live_sessions(db: &Db, user_id: i64) -> Result<Vec<SessionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {SESSION_COLUMNS} FROM sessions s WHERE s.user_id = $1 AND s.ended_at IS NULL \
         ORDER BY s.last_seen_at DESC, s.id DESC"
    ))
    .bind(user_id)
    .fetch_all(&db.pool)
    .await
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

/// Records that this session of the account proved the account afresh now.
pub async fn mark_reauth(
    tx: &mut Tx,
    user_id: i64,
    session_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET reauth_at = $1 WHERE id = $2 AND user_id = $3")
        .bind(now)
        .bind(session_id)
        .bind(user_id)
        .execute(&mut **tx)
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
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) AS n FROM sessions WHERE user_id = $1 AND ended_at IS NULL \
         AND expires_at > $2 AND last_seen_at > $3",
    )
    .bind(user_id)
    .bind(now)
    .bind(now - idle_ms)
    .fetch_one(&mut **tx)
    .await?;
    Ok(n > 0)
}
