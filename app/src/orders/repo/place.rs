//! Placing an order: the product as it is now, its stock taken, the order, its
//! postings, items and first timeline step.

use super::ex::Ex;
use sqlx::Row;

/// What an order needs of a product: (title, price, stock, seller).
pub async fn product(ex: Ex<'_>, id: i64) -> Result<Option<(String, i64, i64, i64)>, sqlx::Error> {
    sqlx::query("SELECT title, price, stock, seller_id FROM products WHERE id = $1")
        .bind(id)
        .fetch_optional(ex)
        .await?
        .map(|r| {
            Ok((
                r.try_get("title")?,
                r.try_get("price")?,
                r.try_get("stock")?,
                r.try_get("seller_id")?,
            ))
        })
        .transpose()
}

/// Takes `quantity` of product `id` off its stock if that much is there: whether it
/// was. The condition and the CHECK (stock >= 0) make overselling impossible.
pub async fn take_stock(ex: Ex<'_>, id: i64, quantity: i64) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("UPDATE products SET stock = stock - $1 WHERE id = $2 AND stock >= $1")
            .bind(quantity)
            .bind(id)
            .execute(ex)
            .await?
            .rows_affected()
            == 1,
    )
}

/// A delivery rule: (price, free from), in kopecks.
pub async fn delivery_rule(ex: Ex<'_>, kind: &str) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query("SELECT price, free_from FROM delivery_rules WHERE kind = $1")
        .bind(kind.to_string())
        .fetch_optional(ex)
        .await?
        .map(|r| Ok((r.try_get("price")?, r.try_get("free_from")?)))
        .transpose()
}

pub struct NewOrder<'a> {
    pub user_id: i64,
    pub key: &'a str,
    pub request_hash: &'a str,
    pub pickup_point_id: i64,
    pub recipient_name: &'a str,
    pub recipient_phone: &'a str,
    pub goods: i64,
    pub delivery: i64,
    pub pay_method: &'a str,
    pub paid_wallet: i64,
    pub due_on_receipt: i64,
    pub pickup_code: &'a str,
    /// Paid by card: the idempotence key of its payment at the provider.
    pub payment_key: &'a str,
    /// Bonus points spent, in kopecks.
    pub paid_points: i64,
    /// Taken off the goods (the promo code's and the first-order discount), in
    /// kopecks, and the code.
    pub discount: i64,
    /// The part of `discount` that is the first-order discount.
    pub first_order_discount: i64,
    pub promo_code: Option<&'a str>,
    /// By courier: the address and the slot (from, to), Unix ms.
    pub courier: Option<(&'a str, i64, i64)>,
    pub now: i64,
}

pub async fn insert_order(ex: Ex<'_>, o: &NewOrder<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO orders (user_id, idempotency_key, request_hash, pickup_point_id, \
         recipient_name, recipient_phone, goods, delivery, total, pay_method, paid_wallet, \
         due_on_receipt, pickup_code, payment_key, paid_points, discount, promo_code, created_at, \
         first_order_discount, delivery_kind, courier_address, courier_from, courier_to) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, \
         $19, $20, $21, $22, $23) \
         RETURNING id",
    )
    .bind(o.user_id)
    .bind(o.key.to_string())
    .bind(o.request_hash.to_string())
    .bind(o.pickup_point_id)
    .bind(o.recipient_name.to_string())
    .bind(o.recipient_phone.to_string())
    .bind(o.goods)
    .bind(o.delivery)
    .bind(o.goods + o.delivery)
    .bind(o.pay_method.to_string())
    .bind(o.paid_wallet)
    .bind(o.due_on_receipt)
    .bind(o.pickup_code.to_string())
    .bind(o.payment_key.to_string())
    .bind(o.paid_points)
    .bind(o.discount)
    .bind(o.promo_code.map(str::to_string))
    .bind(o.now)
    .bind(o.first_order_discount)
    .bind(if o.courier.is_some() {
        "courier"
    } else {
        "pickup"
    })
    .bind(o.courier.map(|c| c.0.to_string()))
    .bind(o.courier.map(|c| c.1))
    .bind(o.courier.map(|c| c.2))
    .fetch_one(ex)
    .await
}

/// Records what the order was paid with (set once the payment exists).
pub async fn set_paid_wallet(ex: Ex<'_>, id: i64, kopecks: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE orders SET paid_wallet = $1 WHERE id = $2")
        .bind(kopecks)
        .bind(id)
        .execute(ex)
        .await
        .map(|_| ())
}

pub async fn insert_posting(
    ex: Ex<'_>,
    order: i64,
    seller: i64,
    status: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    // A seller that ships itself keeps its postings at its own warehouse.
    sqlx::query_scalar(
        "INSERT INTO postings (order_id, seller_id, warehouse, status, updated_at) \
         VALUES ($1, $2, COALESCE((SELECT CASE WHEN ships_itself <> 0 THEN 'seller' ELSE 'rynok' END \
         FROM sellers WHERE id = $2), 'rynok'), $3, $4) RETURNING id",
    )
    .bind(order)
    .bind(seller)
    .bind(status.to_string())
    .bind(now)
    .fetch_one(ex)
    .await
}

pub async fn insert_item(
    ex: Ex<'_>,
    order: i64,
    posting: i64,
    product: i64,
    title: &str,
    price: i64,
    quantity: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO order_items (order_id, posting_id, product_id, title, price, quantity) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(order)
    .bind(posting)
    .bind(product)
    .bind(title.to_string())
    .bind(price)
    .bind(quantity)
    .execute(ex)
    .await
    .map(|_| ())
}

pub async fn add_event(
    ex: Ex<'_>,
    posting: i64,
    status: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO posting_events (posting_id, status, at) VALUES ($1, $2, $3)")
        .bind(posting)
        .bind(status.to_string())
        .bind(now)
        .execute(ex)
        .await
        .map(|_| ())
}

/// Whether an order not yet finished at pickup point `point` already has `code`.
pub async fn pickup_code_taken(ex: Ex<'_>, point: i64, code: &str) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(&format!(
        "SELECT 1 FROM orders o WHERE o.pickup_point_id = $1 AND o.pickup_code = $2 \
         AND EXISTS (SELECT 1 FROM postings p WHERE p.order_id = o.id AND {}) LIMIT 1",
        super::read::OPEN
    ))
    .bind(point)
    .bind(code.to_string())
    .fetch_optional(ex)
    .await?
    .is_some())
}
