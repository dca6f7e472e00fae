//! The header's badge: what it shows an account (unread notices, messages, support
//! answers and Security messages), and its poll, which costs nothing more than the
//! session's query while nothing changed.

use crate::chat::model::{BadgeAnswer, Side, poll_ms};
use crate::chat::repo;
use crate::platform::db::Db;
use crate::platform::state::Deps;
use crate::shared::error::AppResult;
use crate::staff::Role;

/// What changed for the header's badge of `user` since `cursor` (the counter the
/// page last saw), given its `version` now (read with the session, in one query):
/// nothing, at no further cost, or the new counter and the unread total.
pub async fn badge_poll(
    deps: &Deps<'_>,
    user: i64,
    cursor: i64,
    version: i64,
) -> AppResult<BadgeAnswer> {
    let next_ms = poll_ms(&deps.settings.env, false);
    if version == cursor {
        return Ok(BadgeAnswer {
            version,
            changed: false,
            unread: 0,
            next_ms,
        });
    }
    Ok(BadgeAnswer {
        version,
        changed: true,
        unread: badge(deps.db, user).await?.0,
        next_ms,
    })
}

/// What the header's badge shows account `user`: unread notices, messages from
/// sellers and, for a seller's staff, shoppers' messages to their sellers; and
/// the counter its poll follows.
pub async fn badge(db: &Db, user: i64) -> AppResult<(i64, i64)> {
    let sellers = crate::staff::scopes(db, user, Role::SellerStaff).await?;
    badge_of(db, user, &sellers).await
}

/// [`badge`] for a `user` known to work for `sellers` (none for a shopper).
pub async fn badge_of(db: &Db, user: i64, sellers: &[i64]) -> AppResult<(i64, i64)> {
    let mut conn = db.pool.acquire().await?;
    let unread = repo::unread_total(&mut conn, Side::Shopper, &[user]).await?
        + repo::unread_total(&mut conn, Side::Seller, sellers).await?;
    let support = crate::chat::support::service::unread(&mut conn, user).await?
        + crate::account::security_unread(&mut conn, user).await?;
    let version = repo::badge_version(&mut conn, user).await?;
    drop(conn);
    Ok((
        unread + support + crate::inbox::unread(db, user).await?,
        version,
    ))
}
