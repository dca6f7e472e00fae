//! Reading orders back: one, a page of a shopper's, and their postings, items and
//! timelines for several orders in one query each.

use super::ex::Ex;
use crate::platform::db::{Arg, SqlBuf};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrderRow {
    pub id: i64,
    pub user_id: i64,
    pub request_hash: String,
    pub pickup_point_id: i64,
    pub recipient_name: String,
    pub recipient_phone: String,
    pub goods: i64,
    pub delivery: i64,
    pub total: i64,
    pub pay_method: String,
    pub paid_wallet: i64,
    pub due_on_receipt: i64,
    pub refunded: i64,
    pub pickup_code: String,
    pub payment_key: String,
    pub payment_id: Option<String>,
    pub payment_url: Option<String>,
    pub paid_card: i64,
    pub paid_points: i64,
    pub refunded_points: i64,
    pub discount: i64,
    pub promo_code: Option<String>,
    pub created_at: i64,
    /// The part of `discount` that is the first-order discount.
    pub first_order_discount: i64,
    /// "pickup" or "courier"; a courier's address and slot (Unix ms).
    pub delivery_kind: String,
    pub courier_address: Option<String>,
    pub courier_from: Option<i64>,
    pub courier_to: Option<i64>,
}

impl OrderRow {
    /// What the shopper owes in money and points: the total less the discount.
    pub fn payable(&self) -> i64 {
        self.total - self.discount
    }

    /// What money pays: the payable less the points.
    pub fn to_pay(&self) -> i64 {
        self.payable() - self.paid_points
    }
}

const ORDER_COLUMNS: &str = "id, user_id, request_hash, pickup_point_id, recipient_name, \
     recipient_phone, goods, delivery, total, pay_method, paid_wallet, due_on_receipt, refunded, \
     pickup_code, payment_key, payment_id, payment_url, paid_card, paid_points, refunded_points, \
     discount, promo_code, created_at, first_order_discount, delivery_kind, courier_address, \
     courier_from, courier_to";

pub async fn order_by_key(
    ex: Ex<'_>,
    user: i64,
    key: &str,
) -> Result<Option<OrderRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ORDER_COLUMNS} FROM orders WHERE user_id = $1 AND idempotency_key = $2"
    ))
    .bind(user)
    .bind(key.to_string())
    .fetch_optional(ex)
    .await
}

pub async fn order(ex: Ex<'_>, id: i64) -> Result<Option<OrderRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {ORDER_COLUMNS} FROM orders WHERE id = $1"))
        .bind(id)
        .fetch_optional(ex)
        .await
}

/// Postings that are not finished (received, not collected, cancelled).
pub(super) const OPEN: &str = "p.status NOT IN ('received', 'not_collected', 'cancelled')";

/// A page of `user`'s orders, newest first, older than `before` when given:
/// `filter` is one of all, active, received, cancelled (`OrderFilter::as_str`).
pub async fn orders_page(
    ex: Ex<'_>,
    user: i64,
    filter: &str,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<OrderRow>, sqlx::Error> {
    let mut q = SqlBuf::new(&format!(
        "SELECT {ORDER_COLUMNS} FROM orders o WHERE user_id = "
    ));
    q.bind(Arg::I64(user));
    if let Some(b) = before {
        q.push(" AND id < ").bind(Arg::I64(b));
    }
    let exists = |cond: &str| {
        format!(" AND EXISTS (SELECT 1 FROM postings p WHERE p.order_id = o.id AND {cond})")
    };
    match filter {
        "active" => q.push(&exists(OPEN)),
        "received" => q.push(&exists("p.status = 'received'")),
        "cancelled" => q.push(
            " AND NOT EXISTS (SELECT 1 FROM postings p WHERE p.order_id = o.id \
             AND p.status NOT IN ('cancelled', 'not_collected'))",
        ),
        _ => &mut q,
    };
    q.push(" ORDER BY id DESC LIMIT ").bind(Arg::I64(limit));
    q.query_as().fetch_all(ex).await
}

/// Whether `user` has a posting that is neither received, returned nor cancelled.
pub async fn has_open(ex: Ex<'_>, user: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(&format!(
        "SELECT 1 FROM postings p JOIN orders o ON o.id = p.order_id \
         WHERE o.user_id = $1 AND {OPEN} LIMIT 1"
    ))
    .bind(user)
    .fetch_optional(ex)
    .await?
    .is_some())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PostingRow {
    pub id: i64,
    pub order_id: i64,
    pub seller_id: i64,
    pub status: String,
    pub stored_until: Option<i64>,
    pub storage_extended: i64,
}

/// The postings of these orders, in the order they were made.
pub async fn postings_of(ex: Ex<'_>, orders: &[i64]) -> Result<Vec<PostingRow>, sqlx::Error> {
    if orders.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = SqlBuf::new(
        "SELECT id, order_id, seller_id, status, stored_until, storage_extended FROM postings \
         WHERE order_id IN ",
    );
    q.bind_list(orders).push(" ORDER BY id");
    q.query_as().fetch_all(ex).await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ItemRow {
    pub id: i64,
    pub order_id: i64,
    pub posting_id: i64,
    pub product_id: i64,
    pub title: String,
    pub price: i64,
    pub quantity: i64,
    pub cancelled_at: Option<i64>,
}

/// The items of these orders, in the order they were written.
pub async fn items_of(ex: Ex<'_>, orders: &[i64]) -> Result<Vec<ItemRow>, sqlx::Error> {
    if orders.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = SqlBuf::new(
        "SELECT id, order_id, posting_id, product_id, title, price, quantity, cancelled_at \
         FROM order_items WHERE order_id IN ",
    );
    q.bind_list(orders).push(" ORDER BY id");
    q.query_as().fetch_all(ex).await
}

/// The timelines of all of an order's postings, in one query: (posting, status,
/// moment) rows, oldest first.
pub async fn events_of(ex: Ex<'_>, order: i64) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.posting_id, e.status, e.at FROM posting_events e \
         JOIN postings p ON p.id = e.posting_id WHERE p.order_id = $1 ORDER BY e.id",
    )
    .bind(order)
    .fetch_all(ex)
    .await
}

/// The order at one of `points` whose pickup code is `code` and that has a posting
/// waiting at its point.
pub async fn order_by_code(
    ex: Ex<'_>,
    points: &[i64],
    code: &str,
) -> Result<Option<OrderRow>, sqlx::Error> {
    if points.is_empty() {
        return Ok(None);
    }
    let mut q = SqlBuf::new(&format!(
        "SELECT {ORDER_COLUMNS} FROM orders o WHERE pickup_code = "
    ));
    q.bind(Arg::Text(code.to_string()))
        .push(" AND pickup_point_id IN ")
        .bind_list(points)
        .push(
            " AND EXISTS (SELECT 1 FROM postings p WHERE p.order_id = o.id \
             AND p.status = 'at_pickup_point') ORDER BY id DESC LIMIT 1",
        );
    q.query_as().fetch_optional(ex).await
}

/// What `user` received, one row per product, last received first: (product,
/// title, when).
pub async fn purchased(
    ex: Ex<'_>,
    user: i64,
    limit: i64,
) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT i.product_id, MAX(i.title), MAX(p.updated_at) AS at FROM order_items i \
         JOIN postings p ON p.id = i.posting_id JOIN orders o ON o.id = i.order_id \
         WHERE o.user_id = $1 AND p.status = 'received' AND i.cancelled_at IS NULL \
         GROUP BY i.product_id ORDER BY at DESC LIMIT $2",
    )
    .bind(user)
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// The newest of `user`'s orders with product `product` in it, if any.
pub async fn latest_with(ex: Ex<'_>, user: i64, product: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT MAX(o.id) FROM orders o JOIN order_items i ON i.order_id = o.id \
         WHERE o.user_id = $1 AND i.product_id = $2",
    )
    .bind(user)
    .bind(product)
    .fetch_one(ex)
    .await
}

/// Whether order `order` has a posting of seller `seller`.
pub async fn has_seller(ex: Ex<'_>, order: i64, seller: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT 1 FROM postings WHERE order_id = $1 AND seller_id = $2 LIMIT 1",
    )
    .bind(order)
    .bind(seller)
    .fetch_optional(ex)
    .await?
    .is_some())
}
