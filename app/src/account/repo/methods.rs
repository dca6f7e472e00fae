//! SQL for the ways to sign in that an account gained recently (passkeys, a
//! verified email, provider links), to offer removing them after a break-in.

use crate::platform::db::{Db, Tx};

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
