//! Reading orders back as the shopper sees them: one with its timeline, or a page
//! of them in a fixed number of queries however many orders it holds.

use crate::orders::model::{
    CourierView, ItemView, OrderFilter, OrderView, PayMethod, PostingStatus, PostingView, Slot,
    order_number,
};
use crate::orders::repo::{self, ItemRow, OrderRow, PointRow, PostingRow};
use crate::platform::db::Db;
use crate::shared::error::{AppError, AppResult, Blocker};
use crate::shared::money::Money;
use crate::shared::phone::Phone;
use crate::shared::time::{date_of, date_ru};

/// How many orders a page of the list holds.
pub const PAGE: i64 = 20;

/// "City, address" of a point.
pub fn point_text(p: &PointRow) -> String {
    format!("{}, {}", p.city, p.address)
}

/// Builds the views of `orders` from their postings, items, points and (for one
/// order's page) timelines, read beforehand.
fn build(
    orders: Vec<OrderRow>,
    postings: &[PostingRow],
    items: &[ItemRow],
    points: &[PointRow],
    events: &[(i64, String, i64)],
) -> Vec<OrderView> {
    orders
        .into_iter()
        .map(|o| {
            let number = order_number(o.id);
            let postings = postings
                .iter()
                .filter(|p| p.order_id == o.id)
                .enumerate()
                .map(|(n, p)| PostingView {
                    id: p.id,
                    seller: p.seller_id,
                    extended: p.storage_extended != 0,
                    number: format!("{number}-{}", n + 1),
                    status: PostingStatus::parse(&p.status)
                        .unwrap_or(PostingStatus::AwaitingPackaging),
                    stored_until: p.stored_until,
                    items: items
                        .iter()
                        .filter(|i| i.posting_id == p.id)
                        .map(|i| ItemView {
                            id: i.id,
                            product: i.product_id,
                            title: i.title.clone(),
                            price: Money::from_kopecks(i.price),
                            quantity: i.quantity,
                            cancelled: i.cancelled_at.is_some(),
                        })
                        .collect(),
                    timeline: events
                        .iter()
                        .filter(|e| e.0 == p.id)
                        .filter_map(|(_, s, at)| PostingStatus::parse(s).map(|s| (s, *at)))
                        .collect(),
                })
                .collect::<Vec<PostingView>>();
            let awaiting = postings
                .iter()
                .any(|p| p.status == PostingStatus::AwaitingPayment);
            let point = points.iter().find(|p| p.id == o.pickup_point_id);
            let courier = match (&o.courier_address, o.courier_from, o.courier_to) {
                (Some(address), Some(from), Some(to)) => Some(CourierView {
                    address: format!(
                        "{}, {address}",
                        point.map(|p| p.city.as_str()).unwrap_or_default()
                    ),
                    when: format!("{}, {}", date_ru(&date_of(from)), Slot::of(from, to).text()),
                }),
                _ => None,
            };
            OrderView {
                payment_url: o.payment_url.clone().filter(|_| awaiting),
                id: o.id,
                number,
                pickup_point: point.map(point_text).unwrap_or_default(),
                courier,
                recipient: format!(
                    "{}, {}",
                    o.recipient_name,
                    Phone::from_stored(o.recipient_phone.clone()).display()
                ),
                goods: Money::from_kopecks(o.goods),
                delivery: Money::from_kopecks(o.delivery),
                total: Money::from_kopecks(o.total),
                pay: PayMethod::parse(&o.pay_method).unwrap_or(PayMethod::OnReceipt),
                paid: Money::from_kopecks(o.paid_wallet + o.paid_card),
                due_on_receipt: Money::from_kopecks(o.due_on_receipt),
                refunded: Money::from_kopecks(o.refunded),
                paid_points: Money::from_kopecks(o.paid_points),
                discount: Money::from_kopecks(o.discount),
                promo_code: o.promo_code.clone(),
                first_order_discount: Money::from_kopecks(o.first_order_discount),
                refunded_points: Money::from_kopecks(o.refunded_points),
                pickup_code: o.pickup_code,
                created_at: o.created_at,
                postings,
                receipts: Vec::new(),
            }
        })
        .collect()
}

async fn views(
    conn: &mut sqlx::AnyConnection,
    orders: Vec<OrderRow>,
    with_timeline: bool,
) -> AppResult<Vec<OrderView>> {
    let ids: Vec<i64> = orders.iter().map(|o| o.id).collect();
    let mut point_ids: Vec<i64> = orders.iter().map(|o| o.pickup_point_id).collect();
    point_ids.sort_unstable();
    point_ids.dedup();
    let postings = repo::postings_of(conn, &ids).await?;
    let items = repo::items_of(conn, &ids).await?;
    let points = repo::points(conn, &point_ids).await?;
    let events = match (with_timeline, ids.as_slice()) {
        (true, [one]) => repo::events_of(conn, *one).await?,
        _ => Vec::new(),
    };
    Ok(build(orders, &postings, &items, &points, &events))
}

/// What orders say against deleting the account: one not received, returned or
/// cancelled yet.
/// The newest of `user`'s orders with product `product` in it, if any: a question
/// asked from the product's page becomes that order's once the shopper buys it.
pub async fn latest_order_with(db: &Db, user: i64, product: i64) -> AppResult<Option<i64>> {
    let mut conn = db.pool.acquire().await?;
    Ok(repo::latest_with(&mut conn, user, product).await?)
}

/// Whether `user` placed order `order` with goods of seller `seller` in it.
pub async fn bought_from(db: &Db, user: i64, order: i64, seller: i64) -> AppResult<bool> {
    let mut conn = db.pool.acquire().await?;
    let mine = repo::order(&mut conn, order)
        .await?
        .is_some_and(|o| o.user_id == user);
    Ok(mine && repo::has_seller(&mut conn, order, seller).await?)
}

/// Whether `user` placed order `order`.
pub async fn placed_by(db: &Db, user: i64, order: i64) -> AppResult<bool> {
    let mut conn = db.pool.acquire().await?;
    Ok(repo::order(&mut conn, order)
        .await?
        .is_some_and(|o| o.user_id == user))
}

pub async fn deletion_blockers(db: &Db, user: i64) -> AppResult<Vec<Blocker>> {
    let mut conn = db.pool.acquire().await?;
    Ok(if repo::has_open(&mut conn, user).await? {
        vec![Blocker::OrderInProgress]
    } else {
        Vec::new()
    })
}

/// Order `id` of `user` with its timeline (another account's order is not found).
pub async fn view(db: &Db, user: i64, id: i64) -> AppResult<OrderView> {
    let mut conn = db.pool.acquire().await?;
    let o = repo::order(&mut conn, id)
        .await?
        .filter(|o| o.user_id == user)
        .ok_or(AppError::NotFound)?;
    let mut view = views(&mut conn, vec![o], true)
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    drop(conn);
    view.receipts = crate::wallet::order_receipts(db, id).await?;
    Ok(view)
}

/// A page of `user`'s orders that `filter` admits, newest first, older than
/// `before` when given; the second value is where the next page starts.
pub async fn list(
    db: &Db,
    user: i64,
    filter: OrderFilter,
    before: Option<i64>,
) -> AppResult<(Vec<OrderView>, Option<i64>)> {
    let mut conn = db.pool.acquire().await?;
    let mut rows = repo::orders_page(&mut conn, user, filter.as_str(), before, PAGE + 1).await?;
    let more = rows.len() as i64 > PAGE;
    rows.truncate(PAGE as usize);
    let next = more.then(|| rows.last().map(|o| o.id)).flatten();
    Ok((views(&mut conn, rows, false).await?, next))
}

/// What `user` received, one entry per product, last received first (at most 200).
pub async fn purchases(db: &Db, user: i64) -> AppResult<Vec<crate::orders::model::Purchase>> {
    let mut conn = db.pool.acquire().await?;
    Ok(repo::purchased(&mut conn, user, 200)
        .await?
        .into_iter()
        .map(|(product, title, at)| crate::orders::model::Purchase { product, title, at })
        .collect())
}
