//! SQL for the security log and the Security feed.

use crate::db::{Db, Tx};

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
    sqlx::query_as(
        "SELECT kind, detail, ip, user_agent, at FROM security_events WHERE user_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
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
    let rows: Vec<(i64, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, body, at, read_at FROM security_messages WHERE user_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, body, at, read_at)| (id, body, at, read_at.is_some()))
        .collect())
}
