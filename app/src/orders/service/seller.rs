//! Postings a seller ships itself (FBS): its staff see what to pack and what to
//! hand to delivery, mark a posting packed, hand it over (Rynok's logistics takes
//! it on from "in transit"), or cancel it when it cannot be sent (the money goes
//! back as on a shopper's cancel). A posting not shipped within `SHIP_WINDOW_MS`
//! of its payment is cancelled by the logistics job. Every use case asks
//! `staff::require` first, and a posting of another seller, or of Rynok's
//! warehouse, is not found: staff see only their seller's.

use super::release::{Back, release_posting};
use crate::orders::model::{
    DESK_PAGE, PackLine, PostingStatus, SHIP_WINDOW_MS, SellerDesk, SellerPosting, SellerProduct,
    order_number, ship_by, write_until,
};
use crate::orders::repo::{self, SellerPostingRow};
use crate::platform::db::Tx;
use crate::platform::state::Deps;
use crate::shared::error::{AppError, AppResult, Field, Problem};
use crate::shared::money::Money;
use crate::staff::Role;

/// Postings cancelled per run of the job.
const BATCH: i64 = 500;

/// The seller whose page `user` sees: the first of the sellers they work for.
async fn seller_of(deps: &Deps<'_>, user: i64) -> AppResult<i64> {
    let sellers = crate::staff::require(deps.db, user, Role::SellerStaff).await?;
    sellers.first().copied().ok_or(AppError::Forbidden)
}

/// The seller's page for `user`, one of its staff.
pub async fn desk(deps: &Deps<'_>, user: i64) -> AppResult<SellerDesk> {
    let seller = seller_of(deps, user).await?;
    let mut conn = deps.db.pool.acquire().await?;
    let (name, ships) = repo::seller(&mut conn, seller)
        .await?
        .ok_or(AppError::NotFound)?;
    let groups: [&[PostingStatus]; 3] = [
        &[PostingStatus::AwaitingPackaging],
        &[PostingStatus::AwaitingShipment],
        &[
            PostingStatus::InTransit,
            PostingStatus::AtPickupPoint,
            PostingStatus::Received,
        ],
    ];
    let names: Vec<Vec<&str>> = groups
        .iter()
        .map(|g| g.iter().map(|s| s.as_str()).collect())
        .collect();
    let names: Vec<&[&str]> = names.iter().map(Vec::as_slice).collect();
    let rows = repo::seller_postings(&mut conn, seller, &names, DESK_PAGE).await?;
    let all = postings_view(&mut conn, rows, deps.now).await?;
    let mut lists: Vec<Vec<SellerPosting>> = groups
        .iter()
        .map(|g| {
            all.iter()
                .filter(|p| g.contains(&p.status))
                .cloned()
                .collect()
        })
        .collect();
    drop(conn);
    let products = crate::catalog::seller_products(deps.db, seller)
        .await?
        .into_iter()
        .map(|(id, title, price, stock)| SellerProduct {
            id,
            title,
            price,
            stock,
        })
        .collect();
    let shipped = lists.pop().unwrap_or_default();
    let to_ship = lists.pop().unwrap_or_default();
    let to_pack = lists.pop().unwrap_or_default();
    Ok(SellerDesk {
        seller,
        name,
        ships_itself: ships != 0,
        to_pack,
        to_ship,
        shipped,
        products,
    })
}

/// The postings with their standing lines, as the seller sees them.
async fn postings_view(
    conn: &mut sqlx::AnyConnection,
    rows: Vec<SellerPostingRow>,
    now: i64,
) -> AppResult<Vec<SellerPosting>> {
    let orders: Vec<i64> = rows.iter().map(|r| r.order_id).collect();
    let items = repo::items_of(&mut *conn, &orders).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let status = PostingStatus::parse(&r.status)?;
            let waiting = matches!(
                status,
                PostingStatus::AwaitingPackaging | PostingStatus::AwaitingShipment
            );
            Some(SellerPosting {
                id: r.id,
                number: order_number(r.order_id),
                status,
                since: r.updated_at,
                ship_by: r.ready_at.filter(|_| waiting).map(ship_by),
                write_until: write_until(r.contact_at, now),
                lines: items
                    .iter()
                    .filter(|i| i.posting_id == r.id && i.cancelled_at.is_none())
                    .map(|i| PackLine {
                        product: i.product_id,
                        title: i.title.clone(),
                        quantity: i.quantity,
                    })
                    .collect(),
            })
        })
        .collect())
}

/// Whom `user`, a seller's staff, may write to first about their seller's posting
/// `posting`: (the shopper, the seller, the order), within 72 hours of its payment
/// or delivery (`write_until`); after that, "expired"; someone else's posting is
/// not found.
pub async fn contact(deps: &Deps<'_>, user: i64, posting: i64) -> AppResult<(i64, i64, i64)> {
    let seller = seller_of(deps, user).await?;
    let mut conn = deps.db.pool.acquire().await?;
    let p = own(&mut conn, seller, posting).await?;
    if write_until(p.contact_at, deps.now).is_none() {
        return Err(AppError::invalid(Field::OrderNumber, Problem::Expired));
    }
    let shopper = repo::order(&mut conn, p.order_id)
        .await?
        .ok_or(AppError::NotFound)?
        .user_id;
    Ok((shopper, seller, p.order_id))
}

/// Posting `id` if it is one of `seller`'s own shipments, else not found.
async fn own(ex: repo::Ex<'_>, seller: i64, id: i64) -> AppResult<SellerPostingRow> {
    repo::seller_posting(ex, id)
        .await?
        .filter(|p| p.seller_id == seller && p.warehouse == "seller")
        .ok_or(AppError::NotFound)
}

/// Moves `user`'s seller's posting `id` from `from` to `to`, on its timeline.
async fn step(
    deps: &Deps<'_>,
    user: i64,
    id: i64,
    from: PostingStatus,
    to: PostingStatus,
) -> AppResult<String> {
    let seller = seller_of(deps, user).await?;
    let now = deps.now;
    let mut tx = deps.db.begin_write().await?;
    let p = own(&mut tx, seller, id).await?;
    if p.status != from.as_str()
        || !repo::move_posting(&mut tx, id, from.as_str(), to.as_str(), now).await?
    {
        return Err(AppError::invalid(Field::Request, Problem::Refused));
    }
    repo::add_event(&mut tx, id, to.as_str(), now).await?;
    if to == PostingStatus::InTransit {
        let user = repo::order(&mut tx, p.order_id)
            .await?
            .ok_or(AppError::NotFound)?
            .user_id;
        super::tell::tell(&mut tx, now, user, p.order_id, id, to, None, None).await?;
    }
    tx.commit().await?;
    Ok(order_number(p.order_id))
}

/// The seller has packed posting `id`: it waits to be handed to delivery.
/// Answers the order's number.
pub async fn pack(deps: &Deps<'_>, user: i64, id: i64) -> AppResult<String> {
    step(
        deps,
        user,
        id,
        PostingStatus::AwaitingPackaging,
        PostingStatus::AwaitingShipment,
    )
    .await
}

/// The seller has handed posting `id` to delivery: it is on its way.
/// Answers the order's number.
pub async fn ship(deps: &Deps<'_>, user: i64, id: i64) -> AppResult<String> {
    step(
        deps,
        user,
        id,
        PostingStatus::AwaitingShipment,
        PostingStatus::InTransit,
    )
    .await
}

/// The seller cannot send posting `id` (not yet handed to delivery): it is
/// cancelled, its stock goes back, and the shopper gets the money back.
/// Answers the order's number.
pub async fn cancel(deps: &Deps<'_>, user: i64, id: i64) -> AppResult<String> {
    let seller = seller_of(deps, user).await?;
    let (order, shopper) = {
        let mut conn = deps.db.pool.acquire().await?;
        let p = own(&mut conn, seller, id).await?;
        let o = repo::order(&mut conn, p.order_id)
            .await?
            .ok_or(AppError::NotFound)?;
        (o.id, o.user_id)
    };
    let cancelled = let_go(deps, order, shopper, id, Why::Seller).await?;
    if !cancelled {
        return Err(AppError::invalid(Field::Request, Problem::Refused));
    }
    super::card::send_refunds(deps, Some(order)).await?;
    Ok(order_number(order))
}

/// `user`'s seller now has `stock` (as typed) of its product `product`; back from
/// none, the shoppers who asked are told.
pub async fn set_stock(deps: &Deps<'_>, user: i64, product: i64, stock: &str) -> AppResult<i64> {
    let seller = seller_of(deps, user).await?;
    let stock: i64 = stock
        .trim()
        .parse()
        .map_err(|_| AppError::invalid(Field::Quantity, Problem::NotAWholeNumber))?;
    crate::catalog::set_stock(deps.db, deps.now, seller, product, stock).await?;
    Ok(stock)
}

/// `user`'s seller now sells its product `product` at `price` (as typed, in
/// roubles); lower than before, the shoppers following its price are told.
pub async fn set_price(deps: &Deps<'_>, user: i64, product: i64, price: &str) -> AppResult<Money> {
    let seller = seller_of(deps, user).await?;
    let price = Money::parse_roubles(price)
        .map_err(|_| AppError::invalid(Field::Amount, Problem::Malformed))?;
    crate::catalog::set_price(deps.db, deps.now, seller, product, price).await?;
    Ok(price)
}

/// Postings their sellers did not ship in time are cancelled with the money back:
/// how many.
pub async fn cancel_overdue(deps: &Deps<'_>) -> AppResult<usize> {
    let due = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::seller_postings_overdue(&mut conn, deps.now - SHIP_WINDOW_MS, BATCH).await?
    };
    let mut cancelled = 0;
    for (posting, order, user) in due {
        if let_go(deps, order, user, posting, Why::Late).await? {
            cancelled += 1;
        }
    }
    if cancelled > 0 {
        super::card::send_refunds(deps, None).await?;
    }
    Ok(cancelled)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Why {
    /// The seller cancelled it.
    Seller,
    /// The seller did not ship it in time.
    Late,
}

/// Lets every standing line of posting `posting` of `user`'s order `order` go, in
/// one transaction that re-reads it: whether it was still waiting for its seller
/// (and, for `Late`, still overdue).
async fn let_go(deps: &Deps<'_>, order: i64, user: i64, posting: i64, why: Why) -> AppResult<bool> {
    let now = deps.now;
    let back = Back::open(deps, user).await?;
    let done = crate::wallet::retry(deps.db, || async {
        let mut tx = deps.db.begin_write().await?;
        let Some(o) = repo::order(&mut tx, order).await? else {
            return Ok(false);
        };
        let Some(p) = repo::seller_posting(&mut tx, posting).await? else {
            return Ok(false);
        };
        let waiting = [
            PostingStatus::AwaitingPackaging,
            PostingStatus::AwaitingShipment,
        ]
        .iter()
        .any(|s| s.as_str() == p.status);
        let late = p.ready_at.is_some_and(|t| ship_by(t) <= now);
        if !waiting || (why == Why::Late && !late) {
            return Ok(false);
        }
        let Some(refund) =
            release_posting(&mut tx, now, back, &o, posting, PostingStatus::Cancelled).await?
        else {
            return Ok(false);
        };
        tell_cancelled(&mut tx, now, user, order, posting, why, refund).await?;
        tx.commit().await?;
        Ok(true)
    })
    .await?;
    Ok(done)
}

async fn tell_cancelled(
    tx: &mut Tx,
    now: i64,
    user: i64,
    order: i64,
    posting: i64,
    why: Why,
    refund: Money,
) -> Result<(), sqlx::Error> {
    let n = order_number(order);
    let (mut ru, mut en) = match why {
        Why::Seller => (
            format!("Продавец не сможет отправить часть заказа № {n}, она отменена."),
            format!("The seller cannot send part of order No. {n}; it is cancelled."),
        ),
        Why::Late => (
            format!("Продавец не отправил вовремя часть заказа № {n}, она отменена."),
            format!("The seller did not send part of order No. {n} in time; it is cancelled."),
        ),
    };
    if refund > Money::ZERO {
        ru.push_str(&format!(" {refund} вернутся туда, откуда были оплачены."));
        en.push_str(&format!(" {refund} goes back to where it was paid from."));
    }
    super::tell::post(
        tx,
        now,
        user,
        order,
        posting,
        PostingStatus::Cancelled,
        ru,
        en,
    )
    .await
}
