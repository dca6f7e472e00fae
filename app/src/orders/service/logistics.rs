//! The logistics job: postings of Rynok's own warehouse, and seller-shipped ones
//! once handed to delivery, move through their
//! statuses once each step's time (`logistics_steps`) has passed since the last,
//! as of the moment each step would have happened, so a job that was away catches
//! up; at the pickup point they are kept for the point's storage days (once
//! extensible by 3), and when storage ends they go back with the money. Every move
//! is one transaction that re-checks the posting's status, so several servers or a
//! second run move nothing twice. The shopper is told in the inbox (and by email,
//! which the inbox's job sends). Seller-shipped postings not handed to
//! delivery in time are cancelled (`seller::cancel_overdue`).

use super::release::release_posting;
use super::tell::{post, tell};
use crate::orders::model::{COURIER_KEEP_DAYS, PostingStatus, order_number};
use crate::orders::repo;
use crate::platform::db::Tx;
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::shared::money::Money;

pub const DAY_MS: i64 = 86_400_000;
/// How many days longer a shopper may have an order kept, once.
pub const EXTENSION_DAYS: i64 = 3;
/// Postings moved per step and pass.
const BATCH: i64 = 500;

/// Moves every posting that is due, and returns the ones whose storage ended:
/// how many changed.
pub async fn run(deps: &Deps<'_>) -> AppResult<usize> {
    let now = deps.now;
    let steps = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::logistics_steps(&mut conn).await?
    };
    let mut moved = 0;
    // A posting whose next step is due as well moves again in the next pass.
    for _ in 0..=steps.len() {
        let mut this_pass = 0;
        for (from, to, after_minutes) in &steps {
            let Some(status) = PostingStatus::parse(to) else {
                tracing::error!(to, "a logistics step to an unknown status");
                continue;
            };
            let after = after_minutes * 60_000;
            // A courier takes an order out when its slot begins, not before.
            let last_mile = status == PostingStatus::AtPickupPoint;
            let slot_by = if last_mile { now } else { i64::MAX };
            let due = {
                let mut conn = deps.db.pool.acquire().await?;
                repo::postings_due(&mut conn, from, now - after, slot_by, BATCH).await?
            };
            for p in due {
                let (at, stored) = match (last_mile, p.courier_from, p.courier_to) {
                    (false, _, _) => (p.updated_at + after, None),
                    (true, Some(from), Some(to)) => {
                        let at = (p.updated_at + after).max(from);
                        (at, Some(to + COURIER_KEEP_DAYS * DAY_MS))
                    }
                    (true, _, _) => {
                        let at = p.updated_at + after;
                        (at, Some(at + p.storage_days * DAY_MS))
                    }
                };
                let mut tx = deps.db.begin_write().await?;
                if !repo::step_posting(&mut tx, p.id, from, to, at, stored).await? {
                    continue;
                }
                repo::add_event(&mut tx, p.id, to, at).await?;
                let courier = p.courier_from.zip(p.courier_to);
                tell(
                    &mut tx, now, p.user_id, p.order_id, p.id, status, stored, courier,
                )
                .await?;
                tx.commit().await?;
                this_pass += 1;
            }
        }
        moved += this_pass;
        if this_pass == 0 {
            break;
        }
    }
    let late = super::seller::cancel_overdue(deps).await?;
    Ok(moved + late + return_uncollected(deps).await?)
}

/// Postings whose storage ended go back: their lines let go, the money returned.
async fn return_uncollected(deps: &Deps<'_>) -> AppResult<usize> {
    let now = deps.now;
    let due = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::postings_uncollected(&mut conn, now, BATCH).await?
    };
    let mut returned = 0;
    for (posting, order, user) in due {
        let back = super::release::Back::open(deps, user).await?;
        let done = crate::wallet::retry(deps.db, || async {
            let mut tx = deps.db.begin_write().await?;
            let Some(o) = repo::order(&mut tx, order).await? else {
                return Ok(false);
            };
            let postings = repo::postings_of(&mut tx, &[order]).await?;
            // Still waiting there, and its time is over (another server may have
            // returned it, or the shopper extended it, since the list was read).
            let waiting = postings.iter().any(|p| {
                p.id == posting
                    && p.status == PostingStatus::AtPickupPoint.as_str()
                    && p.stored_until.is_some_and(|t| t <= now)
            });
            if !waiting {
                return Ok(false);
            }
            let to = PostingStatus::NotCollected;
            let refund = release_posting(&mut tx, now, back, &o, posting, to)
                .await?
                .unwrap_or(Money::ZERO);
            tell_returned(&mut tx, now, user, order, posting, refund).await?;
            tx.commit().await?;
            Ok(true)
        })
        .await?;
        returned += usize::from(done);
    }
    if returned > 0 {
        super::card::send_refunds(deps, None).await?;
    }
    Ok(returned)
}

/// Keeps posting `posting` of `user`'s order `order` 3 days longer at the pickup
/// point, once.
pub async fn extend_storage(deps: &Deps<'_>, user: i64, order: i64, posting: i64) -> AppResult<()> {
    let mut tx = deps.db.begin_write().await?;
    let o = repo::order(&mut tx, order).await?;
    let mine = o.as_ref().is_some_and(|o| o.user_id == user);
    let p = repo::postings_of(&mut tx, &[order])
        .await?
        .into_iter()
        .find(|p| p.id == posting);
    let (true, Some(p)) = (mine, p) else {
        return Err(AppError::NotFound);
    };
    // A courier's order is not kept longer: the courier comes on the day chosen.
    let courier = o.is_some_and(|o| o.delivery_kind == "courier");
    if p.status != PostingStatus::AtPickupPoint.as_str() || courier {
        return Err(AppError::invalid(Field::Request, Problem::Refused));
    }
    if !repo::extend_storage(&mut tx, posting, order, EXTENSION_DAYS * DAY_MS).await? {
        return Err(AppError::invalid(Field::Request, Problem::Once));
    }
    tx.commit().await?;
    Ok(())
}

async fn tell_returned(
    tx: &mut Tx,
    now: i64,
    user: i64,
    order: i64,
    posting: i64,
    refund: Money,
) -> Result<(), sqlx::Error> {
    let n = order_number(order);
    let (mut ru, mut en) = (
        format!("Срок хранения заказа № {n} закончился, заказ вернулся на склад."),
        format!("Order No. {n} was not collected in time and went back."),
    );
    if refund > Money::ZERO {
        ru.push_str(&format!(" {refund} вернутся на Rynok Счёт."));
        en.push_str(&format!(" {refund} goes back to Rynok Account."));
    }
    post(
        tx,
        now,
        user,
        order,
        posting,
        PostingStatus::NotCollected,
        ru,
        en,
    )
    .await
}
