//! The 14-day phone change: cancelling it, and applying it when it falls due.

use crate::account::changes::model::ChangeState;
use crate::account::changes::repo::ChangeRow;
use crate::account::changes::repo::{self as repo};
use crate::account::security::model::EventKind;
use crate::account::security::model::Notice;
use crate::account::security::repo as feed;
use crate::account::security::service::log;
use crate::platform::db::Tx;
use crate::platform::request::Requester;
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult};
use crate::shared::phone::Phone;

/// Cancels the phone change that is waiting out its 14 days.
pub async fn cancel_waiting(deps: &Deps<'_>, req: &Requester, user_id: i64) -> AppResult<()> {
    let now = deps.now;
    let c = repo::waiting(&deps.db.pool, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = deps.db.begin_write().await?;
    if !cancel(&mut tx, &c, now).await? {
        return Err(AppError::NotFound);
    }
    log(
        &mut tx,
        Some(user_id),
        EventKind::PhoneChangeCancelled,
        "",
        req,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Applies the phone changes whose 14 days are over (the server runs this every
/// minute). A number taken meanwhile by another account cancels the change.
pub async fn apply_due(deps: &Deps<'_>) -> AppResult<usize> {
    let now = deps.now;
    let mut tx = deps.db.begin_write().await?;
    let due = repo::due(&mut tx, now).await?;
    for c in &due {
        // Each change is closed first and conditionally: a cancellation committed
        // since `due` read it leaves it alone.
        if repo::taken(&mut tx, "phone", &c.new_value, c.user_id).await? {
            cancel(&mut tx, c, now).await?;
            continue;
        }
        if !repo::finish(&mut tx, c.id, ChangeState::Waiting, ChangeState::Done, now).await? {
            continue;
        }
        repo::set_phone(&mut tx, c.user_id, &c.new_value).await?;
        let new = Phone::from_stored(c.new_value.clone());
        feed::log_event(
            &mut tx,
            feed::Event {
                user_id: Some(c.user_id),
                kind: EventKind::PhoneChanged,
                detail: &new.masked(),
                ip: "",
                user_agent: "",
                at: now,
            },
        )
        .await?;
        let notice = Notice::PhoneChanged {
            phone: new.display(),
        };
        feed::add_security_message(&mut tx, c.user_id, &notice, now).await?;
    }
    tx.commit().await?;
    Ok(due.len())
}

/// Cancels a waiting phone change and tells the Security feed; false if it was
/// no longer waiting.
async fn cancel(tx: &mut Tx, c: &ChangeRow, now: i64) -> AppResult<bool> {
    let (from, to) = (ChangeState::Waiting, ChangeState::Cancelled);
    if !repo::finish(tx, c.id, from, to, now).await? {
        return Ok(false);
    }
    feed::add_security_message(tx, c.user_id, &Notice::PhoneChangeCancelled, now).await?;
    Ok(true)
}
