//! The pickup point's operator: finding an order by the shopper's code at one of
//! the operator's points, the shopper refusing a line (it goes back with its money,
//! a partial buyout), and handing over the rest, taking payment on receipt. Every
//! use case asks `staff::require` first, and the code is asked for every action:
//! an operator sees only what a shopper's code opens at their own point.

use super::release::{Release, release};
use crate::orders::model::{
    HandedOver, Handover, ItemView, PayMethod, PostingStatus, order_number, parse_pickup_code,
    take_now,
};
use crate::orders::repo::{self, ItemRow, OrderRow, PostingRow};
use crate::platform::db::Tx;
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::shared::money::Money;
use crate::staff::Role;

/// The lines of `items` waiting at the point: standing lines of postings there.
fn waiting<'a>(items: &'a [ItemRow], postings: &[PostingRow]) -> Vec<&'a ItemRow> {
    let at = PostingStatus::AtPickupPoint.as_str();
    items
        .iter()
        .filter(|i| i.cancelled_at.is_none())
        .filter(|i| {
            postings
                .iter()
                .any(|p| p.id == i.posting_id && p.status == at)
        })
        .collect()
}

fn item_view(i: &ItemRow) -> ItemView {
    ItemView {
        id: i.id,
        product: i.product_id,
        title: i.title.clone(),
        price: Money::from_kopecks(i.price),
        quantity: i.quantity,
        cancelled: false,
    }
}

/// The order whose code is `code` at one of `operator`'s points, with what waits there.
pub async fn find(deps: &Deps<'_>, operator: i64, code: &str) -> AppResult<Handover> {
    let points = crate::staff::require(deps.db, operator, Role::Operator).await?;
    let code = parse_pickup_code(code)?;
    let mut conn = deps.db.pool.acquire().await?;
    let o = repo::order_by_code(&mut conn, &points, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    let items = repo::items_of(&mut conn, &[o.id]).await?;
    let postings = repo::postings_of(&mut conn, &[o.id]).await?;
    Ok(Handover {
        order: o.id,
        number: order_number(o.id),
        recipient: o.recipient_name.clone(),
        items: waiting(&items, &postings)
            .into_iter()
            .map(item_view)
            .collect(),
        due: Money::from_kopecks(o.due_on_receipt),
    })
}

/// The order behind `code` at `operator`'s points, re-read inside the transaction.
async fn locate(tx: &mut Tx, points: &[i64], code: &str) -> Result<Option<OrderRow>, sqlx::Error> {
    repo::order_by_code(tx, points, code).await
}

/// The shopper refuses line `item` at the point: it goes back with its money.
pub async fn refuse(deps: &Deps<'_>, operator: i64, code: &str, item: i64) -> AppResult<Handover> {
    let points = crate::staff::require(deps.db, operator, Role::Operator).await?;
    let code = parse_pickup_code(code)?;
    let now = deps.now;
    let user = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::order_by_code(&mut conn, &points, &code)
            .await?
            .ok_or(AppError::NotFound)?
            .user_id
    };
    let back = super::release::Back::open(deps, user).await?;
    let outcome = crate::wallet::retry(deps.db, || async {
        let mut tx = deps.db.begin_write().await?;
        let Some(o) = locate(&mut tx, &points, &code).await? else {
            return Ok(Err(AppError::NotFound));
        };
        let items = repo::items_of(&mut tx, &[o.id]).await?;
        let postings = repo::postings_of(&mut tx, &[o.id]).await?;
        let Some(target) = waiting(&items, &postings)
            .into_iter()
            .find(|i| i.id == item)
        else {
            return Ok(Err(AppError::invalid(Field::Selected, Problem::Unknown)));
        };
        let r = Release {
            order: &o,
            items: &items,
            postings: &postings,
            targets: vec![target],
            to: PostingStatus::NotCollected,
            what: format!("refused:{item}"),
        };
        release(&mut tx, now, back, r).await?;
        tx.commit().await?;
        Ok(Ok(()))
    })
    .await?;
    outcome?;
    super::card::send_refunds(deps, None).await?;
    find(deps, operator, &code).await
}

/// Hands everything waiting at the point over to the shopper. Paid on receipt, what
/// is due for it is taken (`paid` says the operator has it) and recorded in the
/// ledger once per hand-over.
pub async fn hand_over(
    deps: &Deps<'_>,
    operator: i64,
    code: &str,
    paid: bool,
) -> AppResult<HandedOver> {
    let points = crate::staff::require(deps.db, operator, Role::Operator).await?;
    let code = parse_pickup_code(code)?;
    let now = deps.now;
    let takings = crate::wallet::receipt_accounts(deps.db, now).await?;
    let user = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::order_by_code(&mut conn, &points, &code)
            .await?
            .ok_or(AppError::NotFound)?
            .user_id
    };
    let bonus = crate::wallet::points_accounts(deps.db, now, user).await?;
    crate::wallet::retry(deps.db, || async {
        let mut tx = deps.db.begin_write().await?;
        let Some(o) = locate(&mut tx, &points, &code).await? else {
            return Ok(Err(AppError::NotFound));
        };
        let items = repo::items_of(&mut tx, &[o.id]).await?;
        let postings = repo::postings_of(&mut tx, &[o.id]).await?;
        let handed = waiting(&items, &postings);
        if handed.is_empty() {
            return Ok(Err(AppError::NotFound));
        }
        let first = !postings
            .iter()
            .any(|p| p.status == PostingStatus::Received.as_str());
        let goods: i64 = handed.iter().map(|i| i.price * i.quantity).sum();
        let on_receipt = PayMethod::parse(&o.pay_method) == Ok(PayMethod::OnReceipt);
        let due = Money::from_kopecks(o.due_on_receipt);
        let take = if on_receipt {
            take_now(
                Money::from_kopecks(goods),
                Money::from_kopecks(o.delivery),
                first,
                due,
            )
        } else {
            Money::ZERO
        };
        if take > Money::ZERO && !paid {
            return Ok(Err(AppError::invalid(Field::Request, Problem::Required)));
        }
        if take > Money::ZERO {
            let what = format!("handover:{}", handed[0].id);
            crate::wallet::take_on_receipt_in(&mut tx, now, takings, o.id, &what, take).await?;
            repo::record_money(&mut tx, o.id, 0, due.kopecks() - take.kopecks()).await?;
        }
        // Points earned on what was received, as paid (less its share of a discount).
        let net = goods * (o.goods - o.discount) / o.goods.max(1);
        let what = format!("handover:{}", handed[0].id);
        crate::wallet::earn_points_in(&mut tx, now, bonus, o.id, &what, Money::from_kopecks(net))
            .await?;
        let received = PostingStatus::Received.as_str();
        for p in postings
            .iter()
            .filter(|p| handed.iter().any(|i| i.posting_id == p.id))
        {
            if repo::move_posting(&mut tx, p.id, &p.status, received, now).await? {
                repo::add_event(&mut tx, p.id, received, now).await?;
                tell(&mut tx, now, &o, p.id).await?;
            }
        }
        tx.commit().await?;
        Ok(Ok(HandedOver {
            number: order_number(o.id),
            handed: handed.len(),
            taken: take,
        }))
    })
    .await?
}

async fn tell(tx: &mut Tx, now: i64, o: &OrderRow, posting: i64) -> Result<(), sqlx::Error> {
    let n = order_number(o.id);
    let notice = crate::inbox::NewNotice {
        topic: "posting",
        subject: posting,
        status: PostingStatus::Received.as_str(),
        text_ru: format!("Заказ № {n} получен. Спасибо за покупку!"),
        text_en: format!("Order No. {n} was received. Thank you for shopping with us!"),
        link: format!("/orders/{}", o.id),
    };
    crate::inbox::post(tx, o.user_id, now, &notice)
        .await
        .map(|_| ())
}
