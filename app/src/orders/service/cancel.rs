//! Cancelling a whole order or one of its lines before it is packed, in one
//! transaction (`release` lets the lines go: stock back, timeline, money back).

use super::read::view;
use super::release::Release;
use crate::orders::model::{OrderView, PostingStatus};
use crate::orders::repo;
use crate::platform::db::{Tx, lock_keys};
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::shared::money::Money;

/// Cancels line `item` of order `order`, or every line when `item` is `None`.
/// Refused when the order is not `user`'s (not found), the line is already
/// cancelled, or something to cancel is packed already.
pub async fn cancel(
    deps: &Deps<'_>,
    user: i64,
    order: i64,
    item: Option<i64>,
) -> AppResult<OrderView> {
    let now = deps.now;
    let back = super::release::Back::open(deps, user).await?;
    let outcome = crate::wallet::retry(deps.db, || async {
        let mut tx = deps.db.begin_write().await?;
        lock_keys(&mut tx, &[format!("order:{user}")]).await?;
        let done = cancel_in(&mut tx, now, user, order, item, back).await?;
        if done.is_ok() {
            tx.commit().await?;
        }
        Ok(done)
    })
    .await?;
    outcome?;
    super::card::send_refunds(deps, Some(order)).await?;
    view(deps.db, user, order).await
}

async fn cancel_in(
    tx: &mut Tx,
    now: i64,
    user: i64,
    order: i64,
    item: Option<i64>,
    back: super::release::Back,
) -> Result<AppResult<()>, crate::wallet::LedgerError> {
    let Some(o) = repo::order(tx, order).await?.filter(|o| o.user_id == user) else {
        return Ok(Err(AppError::NotFound));
    };
    let items = repo::items_of(tx, &[order]).await?;
    let postings = repo::postings_of(tx, &[order]).await?;
    let status_of = |posting: i64| {
        postings
            .iter()
            .find(|p| p.id == posting)
            .and_then(|p| PostingStatus::parse(&p.status))
            .unwrap_or(PostingStatus::Cancelled)
    };
    let standing: Vec<_> = items.iter().filter(|i| i.cancelled_at.is_none()).collect();
    let targets: Vec<_> = match item {
        Some(id) => match items.iter().find(|i| i.id == id) {
            None => return Ok(Err(AppError::NotFound)),
            Some(i) if i.cancelled_at.is_some() => {
                return Ok(Err(AppError::invalid(Field::Request, Problem::Cancelled)));
            }
            Some(i) => vec![i],
        },
        None => standing.clone(),
    };
    if targets.is_empty() {
        return Ok(Err(AppError::invalid(Field::Request, Problem::Cancelled)));
    }
    if targets
        .iter()
        .any(|i| !status_of(i.posting_id).cancellable())
    {
        return Ok(Err(AppError::invalid(Field::Request, Problem::Refused)));
    }
    let release = Release {
        order: &o,
        items: &items,
        postings: &postings,
        targets,
        to: PostingStatus::Cancelled,
        what: match item {
            Some(id) => format!("item:{id}"),
            None => "all".to_string(),
        },
    };
    let (refund, everything) = super::release::release(tx, now, back, release).await?;
    notify(tx, now, user, order, item, everything, refund).await?;
    Ok(Ok(()))
}

/// Tells the shopper in the inbox: the order cancelled, or one line of it.
async fn notify(
    tx: &mut Tx,
    now: i64,
    user: i64,
    order: i64,
    item: Option<i64>,
    everything: bool,
    refund: Money,
) -> Result<(), sqlx::Error> {
    let number = crate::orders::model::order_number(order);
    let back_ru = if refund > Money::ZERO {
        format!(" {refund} вернутся на Rynok Счёт.")
    } else {
        String::new()
    };
    let back_en = if refund > Money::ZERO {
        format!(" {refund} goes back to Rynok Account.")
    } else {
        String::new()
    };
    let (topic, subject, text_ru, text_en) = match (item, everything) {
        (Some(id), false) => (
            "order_item",
            id,
            format!("Товар из заказа № {number} отменён.{back_ru}"),
            format!("An item of order No. {number} was cancelled.{back_en}"),
        ),
        _ => (
            "order",
            order,
            format!("Заказ № {number} отменён.{back_ru}"),
            format!("Order No. {number} was cancelled.{back_en}"),
        ),
    };
    let notice = crate::inbox::NewNotice {
        topic,
        subject,
        status: "cancelled",
        text_ru,
        text_en,
        link: format!("/orders/{order}"),
    };
    crate::inbox::post(tx, user, now, &notice).await.map(|_| ())
}
