//! Orders paid by card. The order stands first (its stock taken, its postings
//! awaiting payment); then the provider's payment is created with the order's own
//! idempotence key, and whatever happens next — the shopper's return, a
//! notification (whose body is never believed), the job — asks the provider's API
//! and applies its answer once: paid, the postings go to packaging and the ledger
//! records the card payment; declined, the order is cancelled and its stock
//! released; still unpaid after `PAYMENT_HOLD_MS`, the job cancels it. Money that
//! arrives for an order cancelled meanwhile goes back to the card at once. Refunds
//! to cards are written with the change that causes them and sent to the provider
//! after it (`send_refunds`), again by the job until the provider confirms them.

use super::release::{Back, Release, release};
use crate::orders::model::{PostingStatus, order_number};
use crate::orders::repo::{self, OrderRow};
use crate::payments::{NewPayment, NewRefund, Payment, PaymentStatus, RefundStatus};
use crate::platform::db::{Tx, lock_keys};
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult};
use crate::shared::money::Money;

/// How long an unpaid card order keeps its stock.
pub const PAYMENT_HOLD_MS: i64 = 30 * 60_000;

async fn order(deps: &Deps<'_>, id: i64) -> AppResult<OrderRow> {
    let mut conn = deps.db.pool.acquire().await?;
    repo::order(&mut conn, id).await?.ok_or(AppError::NotFound)
}

async fn awaiting(deps: &Deps<'_>, id: i64) -> AppResult<bool> {
    let mut conn = deps.db.pool.acquire().await?;
    Ok(repo::postings_of(&mut conn, &[id])
        .await?
        .iter()
        .any(|p| p.status == PostingStatus::AwaitingPayment.as_str()))
}

fn new_payment(deps: &Deps<'_>, o: &OrderRow) -> NewPayment {
    NewPayment {
        amount: Money::from_kopecks(o.to_pay()),
        idempotence_key: o.payment_key.clone(),
        return_url: format!("{}/orders/{}", deps.settings.public_url, o.id),
        description: format!("Заказ № {} на Rynok", order_number(o.id)),
        reference: format!("order:{}", o.id),
    }
}

/// Creates (or, by its key, finds again) the payment of card order `id` and applies
/// the provider's answer. A provider out of reach leaves the order waiting: the job
/// and the order's page ask again.
pub async fn start(deps: &Deps<'_>, id: i64) -> AppResult<()> {
    let o = order(deps, id).await?;
    if o.pay_method != "card" || !awaiting(deps, id).await? {
        return Ok(());
    }
    match deps.payments.create(&new_payment(deps, &o)).await {
        Ok(p) => apply(deps, &o, &p).await,
        Err(e) => {
            tracing::warn!(error = %e, order = id, "creating an order's payment failed");
            Ok(())
        }
    }
}

/// Asks the provider about card order `id`'s payment and applies the answer.
pub async fn sync(deps: &Deps<'_>, id: i64) -> AppResult<()> {
    let o = order(deps, id).await?;
    if o.pay_method != "card" || o.paid_card > 0 {
        return Ok(());
    }
    let answer = match &o.payment_id {
        Some(pid) => deps.payments.get(pid).await,
        None if awaiting(deps, id).await? => deps.payments.create(&new_payment(deps, &o)).await,
        None => return Ok(()),
    };
    match answer {
        Ok(p) => apply(deps, &o, &p).await,
        Err(e) => {
            tracing::warn!(error = %e, order = id, "asking about an order's payment failed");
            Ok(())
        }
    }
}

/// A notification named `payment_id`: if it is an order's, its payment is asked
/// about. Whether it was an order's.
pub async fn on_notification(deps: &Deps<'_>, payment_id: &str) -> AppResult<bool> {
    let id = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::order_by_payment(&mut conn, payment_id).await?
    };
    match id {
        Some(id) => sync(deps, id).await.map(|_| true),
        None => Ok(false),
    }
}

/// Applies the provider's answer about order `o`'s payment, in one transaction.
async fn apply(deps: &Deps<'_>, o: &OrderRow, p: &Payment) -> AppResult<()> {
    let now = deps.now;
    let back = Back::open(deps, o.user_id).await?;
    // What the card pays: the total less the points.
    let total = Money::from_kopecks(o.to_pay());
    if p.status == PaymentStatus::Succeeded && p.amount != total {
        // Never believe a sum we did not ask for; a person has to look at it.
        tracing::error!(order = o.id, paid = %p.amount, "a payment of another sum");
        return Ok(());
    }
    crate::wallet::retry(deps.db, || async {
        let mut tx = deps.db.begin_write().await?;
        lock_keys(&mut tx, &[format!("order:{}", o.user_id)]).await?;
        let Some(o) = repo::order(&mut tx, o.id).await? else {
            return Ok(());
        };
        if o.payment_id.as_deref() != Some(p.id.as_str()) {
            repo::set_payment(&mut tx, o.id, &p.id, p.confirmation_url.as_deref()).await?;
        }
        let items = repo::items_of(&mut tx, &[o.id]).await?;
        let postings = repo::postings_of(&mut tx, &[o.id]).await?;
        let waiting: Vec<_> = postings
            .iter()
            .filter(|p| p.status == PostingStatus::AwaitingPayment.as_str())
            .collect();
        match p.status {
            PaymentStatus::Succeeded if o.paid_card == 0 => {
                crate::wallet::card_paid_in(&mut tx, now, back.card, o.id, total).await?;
                repo::set_paid_card(&mut tx, o.id, total.kopecks()).await?;
                if waiting.is_empty() {
                    // Cancelled before the money came: all of it goes back to the card.
                    crate::wallet::refund_order_in(&mut tx, now, back.card, o.id, "late", total)
                        .await?;
                    repo::insert_card_refund(&mut tx, o.id, "late", total.kopecks(), now).await?;
                    repo::record_money(&mut tx, o.id, total.kopecks(), o.due_on_receipt).await?;
                    tell(&mut tx, now, &o, "paid_late", total).await?;
                } else {
                    let next = PostingStatus::AwaitingPackaging.as_str();
                    for w in &waiting {
                        if repo::move_posting(&mut tx, w.id, &w.status, next, now).await? {
                            repo::add_event(&mut tx, w.id, next, now).await?;
                        }
                    }
                    tell(&mut tx, now, &o, "paid", total).await?;
                }
            }
            PaymentStatus::Canceled if !waiting.is_empty() => {
                let targets = items.iter().filter(|i| i.cancelled_at.is_none()).collect();
                let r = Release {
                    order: &o,
                    items: &items,
                    postings: &postings,
                    targets,
                    to: PostingStatus::Cancelled,
                    what: "unpaid".to_string(),
                };
                release(&mut tx, now, back, r).await?;
                tell(&mut tx, now, &o, "declined", total).await?;
            }
            _ => {}
        }
        tx.commit().await?;
        Ok(())
    })
    .await?;
    send_refunds(deps, Some(o.id)).await.map(|_| ())
}

/// Asks the provider about every card order still awaiting payment, and cancels the
/// ones unpaid for `PAYMENT_HOLD_MS`, releasing their stock; then sends the card
/// refunds not confirmed yet. How many orders changed.
pub async fn reconcile(deps: &Deps<'_>) -> AppResult<usize> {
    let due = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::awaiting_payment(&mut conn, 200).await?
    };
    let mut changed = 0;
    for (id, created_at) in due {
        sync(deps, id).await?;
        if !awaiting(deps, id).await? {
            changed += 1;
        } else if deps.now - created_at >= PAYMENT_HOLD_MS {
            expire(deps, id).await?;
            changed += 1;
        }
    }
    Ok(changed + send_refunds(deps, None).await?)
}

/// Cancels unpaid card order `id`: its stock goes back.
async fn expire(deps: &Deps<'_>, id: i64) -> AppResult<()> {
    let now = deps.now;
    let o = order(deps, id).await?;
    let back = Back::open(deps, o.user_id).await?;
    crate::wallet::retry(deps.db, || async {
        let mut tx = deps.db.begin_write().await?;
        lock_keys(&mut tx, &[format!("order:{}", o.user_id)]).await?;
        let items = repo::items_of(&mut tx, &[id]).await?;
        let postings = repo::postings_of(&mut tx, &[id]).await?;
        if !postings
            .iter()
            .any(|p| p.status == PostingStatus::AwaitingPayment.as_str())
        {
            return Ok(());
        }
        let targets = items.iter().filter(|i| i.cancelled_at.is_none()).collect();
        let r = Release {
            order: &o,
            items: &items,
            postings: &postings,
            targets,
            to: PostingStatus::Cancelled,
            what: "unpaid".to_string(),
        };
        release(&mut tx, now, back, r).await?;
        tell(&mut tx, now, &o, "expired", Money::from_kopecks(o.total)).await?;
        tx.commit().await?;
        Ok(())
    })
    .await?;
    Ok(())
}

/// Sends the provider the card refunds written but not confirmed (of one order, or
/// all): how many it confirmed. Each refund's idempotence key is its row's, so a
/// retry never refunds twice.
pub async fn send_refunds(deps: &Deps<'_>, order_id: Option<i64>) -> AppResult<usize> {
    let rows = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::pending_card_refunds(&mut conn, order_id, 100).await?
    };
    let mut done = 0;
    for r in rows {
        let o = order(deps, r.order_id).await?;
        let Some(payment_id) = o.payment_id.clone() else {
            continue;
        };
        let refund = NewRefund {
            payment_id,
            amount: Money::from_kopecks(r.amount),
            idempotence_key: format!("rynok-refund-{}", r.id),
            description: format!("Возврат по заказу № {}", order_number(o.id)),
        };
        match deps.payments.refund(&refund).await {
            Ok(made) if made.status == RefundStatus::Succeeded => {
                let mut conn = deps.db.pool.acquire().await?;
                repo::card_refund_done(&mut conn, r.id, &made.id).await?;
                done += 1;
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, refund = r.id, "a card refund is not made yet"),
        }
    }
    Ok(done)
}

async fn tell(
    tx: &mut Tx,
    now: i64,
    o: &OrderRow,
    status: &'static str,
    sum: Money,
) -> Result<(), sqlx::Error> {
    let n = order_number(o.id);
    let (text_ru, text_en) = match status {
        "paid" => (
            format!("Заказ № {n} оплачен картой: {sum}."),
            format!("Order No. {n} is paid by card: {sum}."),
        ),
        "paid_late" => (
            format!("Оплата заказа № {n} пришла после его отмены: {sum} вернутся на карту."),
            format!(
                "The payment for order No. {n} came after it was cancelled: {sum} goes back to the card."
            ),
        ),
        "declined" => (
            format!("Оплата заказа № {n} не прошла, заказ отменён."),
            format!("The payment for order No. {n} did not go through; the order is cancelled."),
        ),
        _ => (
            format!("Заказ № {n} не оплачен вовремя и отменён."),
            format!("Order No. {n} was not paid in time and is cancelled."),
        ),
    };
    let notice = crate::inbox::NewNotice {
        topic: "order_payment",
        subject: o.id,
        status,
        text_ru,
        text_en,
        link: format!("/orders/{}", o.id),
    };
    crate::inbox::post(tx, o.user_id, now, &notice)
        .await
        .map(|_| ())
}
