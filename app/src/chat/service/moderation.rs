//! Reports and held messages: a shopper reports a seller's message to support,
//! and agents let the held ones through or keep them from the shopper.

use super::access::{bump_both, dialog_of};
use crate::chat::model::Side;
use crate::chat::repo;
use crate::platform::db::Db;
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::shared::time::local_datetime;
use crate::staff::Role;

/// Shopper `user` reports the seller's message `message` in their dialog to
/// support: a support request on "other" quoting it, once per message. The
/// request's id.
pub async fn report(deps: &Deps<'_>, user: i64, message: i64) -> AppResult<i64> {
    let m = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::message(&mut conn, message)
            .await?
            .ok_or(AppError::NotFound)?
    };
    let (d, party) = dialog_of(deps.db, user, m.dialog_id).await?;
    if party.side() != Side::Shopper || m.side != Side::Seller.as_str() || m.held != 0 {
        return Err(AppError::NotFound);
    }
    let claimed = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::set_reported(&mut conn, m.id, Some(deps.now)).await?
    };
    if !claimed {
        return Err(AppError::invalid(Field::Message, Problem::AlreadyUsed));
    }
    let head = format!(
        "Жалоба на сообщение продавца «{}» от {}:\n",
        d.seller_name,
        local_datetime(m.created_at)
    );
    let room = crate::chat::model::MAX_TEXT.saturating_sub(head.chars().count() + 2);
    let quoted: String = m.body.chars().take(room).collect();
    let text = format!("{head}«{quoted}»");
    match crate::chat::support::service::open(deps, user, "other", None, &text).await {
        Ok(id) => Ok(id),
        Err(e) => {
            let mut conn = deps.db.pool.acquire().await?;
            repo::set_reported(&mut conn, m.id, None).await?;
            Err(e)
        }
    }
}

/// The sellers' messages held back and waiting for an agent (the support role),
/// oldest first.
pub async fn held(db: &Db, user: i64) -> AppResult<Vec<crate::chat::model::HeldMessage>> {
    crate::staff::require(db, user, Role::Support).await?;
    let mut conn = db.pool.acquire().await?;
    Ok(repo::held(&mut conn, 200)
        .await?
        .into_iter()
        .map(|r| crate::chat::model::HeldMessage {
            id: r.id,
            seller: r.seller_name,
            text: r.body,
            at: local_datetime(r.created_at),
        })
        .collect())
}

/// An agent lets held message `message` through to the shopper (`release`), or
/// keeps it from them for good.
pub async fn decide_held(deps: &Deps<'_>, user: i64, message: i64, release: bool) -> AppResult<()> {
    crate::staff::require(deps.db, user, Role::Support).await?;
    let m = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::message(&mut conn, message)
            .await?
            .ok_or(AppError::NotFound)?
    };
    let d = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::dialog(&mut conn, m.dialog_id)
            .await?
            .ok_or(AppError::NotFound)?
    };
    let mut tx = deps.db.begin_write().await?;
    if !repo::decide_held(&mut tx, m.id, if release { 0 } else { 2 }).await? {
        return Err(AppError::NotFound);
    }
    bump_both(&mut tx, &d).await?;
    tx.commit().await?;
    Ok(())
}
