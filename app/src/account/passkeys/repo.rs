//! SQL for passkeys and WebAuthn ceremonies.

use crate::platform::db::{Db, Tx};

pub async fn webauthn_id(tx: &mut Tx, user_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT webauthn_id FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&mut **tx)
        .await
}

pub async fn set_webauthn_id(tx: &mut Tx, user_id: i64, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET webauthn_id = $1 WHERE id = $2")
        .bind(id.to_string())
        .bind(user_id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

pub async fn user_by_webauthn_id(tx: &mut Tx, id: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM users WHERE webauthn_id = $1 AND deleted_at IS NULL")
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await
}

#[derive(sqlx::FromRow)]
pub struct ChallengeRow {
    pub id: i64,
    pub user_id: Option<i64>,
    pub kind: String,
    pub state: String,
    pub name: String,
    pub created_at: i64,
}

pub struct NewChallenge<'a> {
    pub token_hash: &'a str,
    pub user_id: Option<i64>,
    pub kind: &'a str,
    pub state: &'a str,
    pub name: &'a str,
    pub now: i64,
}

/// Records a ceremony, dropping those older than `stale_before`.
pub async fn insert_challenge(
    tx: &mut Tx,
    c: NewChallenge<'_>,
    stale_before: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM webauthn_challenges WHERE created_at < $1")
        .bind(stale_before)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO webauthn_challenges (token_hash, user_id, kind, state, name, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(c.token_hash.to_string())
    .bind(c.user_id)
    .bind(c.kind.to_string())
    .bind(c.state.to_string())
    .bind(c.name.to_string())
    .bind(c.now)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// Ceremonies started since `since` (the live ones).
pub async fn live_challenges(tx: &mut Tx, since: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM webauthn_challenges WHERE created_at >= $1")
        .bind(since)
        .fetch_one(&mut **tx)
        .await
}

/// Takes an unused ceremony (marking it used, so it cannot be replayed).
pub async fn take_challenge(
    tx: &mut Tx,
    token_hash: &str,
    now: i64,
) -> Result<Option<ChallengeRow>, sqlx::Error> {
    let Some(row): Option<ChallengeRow> = sqlx::query_as(
        "SELECT id, user_id, kind, state, name, created_at FROM webauthn_challenges WHERE token_hash = $1 AND used_at IS NULL",
    )
    .bind(token_hash.to_string())
    .fetch_optional(&mut **tx)
    .await?
    else {
        return Ok(None);
    };
    sqlx::query("UPDATE webauthn_challenges SET used_at = $1 WHERE id = $2")
        .bind(now)
        .bind(row.id)
        .execute(&mut **tx)
        .await?;
    Ok(Some(row))
}

/// The passkeys of an account: (id, name, passkey JSON, created, last used).
pub async fn passkeys(
    db: &Db,
    user_id: i64,
) -> Result<Vec<(i64, String, String, i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, passkey, created_at, last_used_at FROM passkeys WHERE user_id = $1 ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await
}

/// One passkey of an account by its credential id: (id, passkey JSON).
pub async fn passkey_by_credential(
    tx: &mut Tx,
    user_id: i64,
    credential_id: &str,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, passkey FROM passkeys WHERE user_id = $1 AND credential_id = $2")
        .bind(user_id)
        .bind(credential_id.to_string())
        .fetch_optional(&mut **tx)
        .await
}

pub async fn insert_passkey(
    tx: &mut Tx,
    user_id: i64,
    name: &str,
    credential_id: &str,
    passkey: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO passkeys (user_id, name, credential_id, passkey, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user_id)
    .bind(name.to_string())
    .bind(credential_id.to_string())
    .bind(passkey.to_string())
    .bind(now)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

pub async fn update_passkey(
    tx: &mut Tx,
    id: i64,
    passkey: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE passkeys SET passkey = $1, last_used_at = $2 WHERE id = $3")
        .bind(passkey.to_string())
        .bind(now)
        .bind(id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// Removes one passkey of the account; false if it has no such passkey.
pub async fn delete_passkey(tx: &mut Tx, user_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM passkeys WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}
