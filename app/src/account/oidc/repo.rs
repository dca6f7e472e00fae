//! SQL for "Sign in with ...": flows in progress and provider links. Nothing else.

use crate::platform::db::Tx;

/// Forgets flows started before `before`; answers how many are still open.
pub async fn prune_flows(tx: &mut Tx, before: i64) -> Result<i64, sqlx::Error> {
    sqlx::query("DELETE FROM oidc_flows WHERE created_at < $1")
        .bind(before)
        .execute(&mut **tx)
        .await?;
    sqlx::query_scalar("SELECT COUNT(*) FROM oidc_flows")
        .fetch_one(&mut **tx)
        .await
}

pub struct NewFlow<'a> {
    pub state_hash: &'a str,
    pub browser_hash: &'a str,
    pub provider: &'a str,
    pub pkce_verifier: &'a str,
    pub nonce: &'a str,
    pub next: &'a str,
    pub now: i64,
}

pub async fn insert_flow(tx: &mut Tx, f: NewFlow<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO oidc_flows (state_hash, browser_hash, provider, pkce_verifier, nonce, next, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(f.state_hash.to_string())
    .bind(f.browser_hash.to_string())
    .bind(f.provider.to_string())
    .bind(f.pkce_verifier.to_string())
    .bind(f.nonce.to_string())
    .bind(f.next.to_string())
    .bind(f.now)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// A flow as its callback finds it.
#[derive(Debug, sqlx::FromRow)]
pub struct FlowRow {
    pub id: i64,
    pub browser_hash: String,
    pub provider: String,
    pub pkce_verifier: String,
    pub nonce: String,
    pub next: String,
    pub created_at: i64,
}

/// Takes the unused flow with this state: it is marked used in the same step.
pub async fn take_flow(
    tx: &mut Tx,
    state_hash: &str,
    now: i64,
) -> Result<Option<FlowRow>, sqlx::Error> {
    let flow: Option<FlowRow> = sqlx::query_as(
        "SELECT id, browser_hash, provider, pkce_verifier, nonce, next, created_at FROM oidc_flows \
         WHERE state_hash = $1 AND used_at IS NULL",
    )
    .bind(state_hash.to_string())
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(f) = &flow {
        sqlx::query("UPDATE oidc_flows SET used_at = $1 WHERE id = $2")
            .bind(now)
            .bind(f.id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(flow)
}

/// The live account linked to this provider's subject, if any.
pub async fn linked_user(
    tx: &mut Tx,
    provider: &str,
    subject: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT l.user_id FROM oidc_links l JOIN users u ON u.id = l.user_id \
         WHERE l.provider = $1 AND l.subject = $2 AND u.deleted_at IS NULL",
    )
    .bind(provider.to_string())
    .bind(subject.to_string())
    .fetch_optional(&mut **tx)
    .await
}

pub async fn link(
    tx: &mut Tx,
    provider: &str,
    subject: &str,
    user_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO oidc_links (provider, subject, user_id, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(provider.to_string())
    .bind(subject.to_string())
    .bind(user_id)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}
