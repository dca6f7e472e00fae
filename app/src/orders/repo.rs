//! Orders' SQL, nothing else.

use sqlx::Row;

type Ex<'e> = &'e mut sqlx::AnyConnection;

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
    pub created_at: i64,
}

const ORDER_COLUMNS: &str = "id, user_id, request_hash, pickup_point_id, recipient_name, \
     recipient_phone, goods, delivery, total, pay_method, paid_wallet, due_on_receipt, created_at";

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

/// `user`'s orders, newest first.
pub async fn orders_of(ex: Ex<'_>, user: i64, limit: i64) -> Result<Vec<OrderRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ORDER_COLUMNS} FROM orders WHERE user_id = $1 ORDER BY id DESC LIMIT $2"
    ))
    .bind(user)
    .bind(limit)
    .fetch_all(ex)
    .await
}

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

/// A pickup point's "city, address", if it exists.
pub async fn pickup_point(ex: Ex<'_>, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query("SELECT city, address FROM pickup_points WHERE id = $1")
        .bind(id)
        .fetch_optional(ex)
        .await?
        .map(|r| {
            let (city, address): (String, String) = (r.try_get("city")?, r.try_get("address")?);
            Ok(format!("{city}, {address}"))
        })
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
    pub now: i64,
}

pub async fn insert_order(ex: Ex<'_>, o: &NewOrder<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO orders (user_id, idempotency_key, request_hash, pickup_point_id, \
         recipient_name, recipient_phone, goods, delivery, total, pay_method, paid_wallet, \
         due_on_receipt, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
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
    .bind(o.now)
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
    sqlx::query_scalar(
        "INSERT INTO postings (order_id, seller_id, status, updated_at) \
         VALUES ($1, $2, $3, $4) RETURNING id",
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

/// Whether `user` has a posting that is neither received, returned nor cancelled.
pub async fn has_open(ex: Ex<'_>, user: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "SELECT 1 FROM postings p JOIN orders o ON o.id = p.order_id \
         WHERE o.user_id = $1 AND p.status NOT IN ('received', 'not_collected', 'cancelled') LIMIT 1",
    )
    .bind(user)
    .fetch_optional(ex)
    .await?
    .is_some())
}

/// An order's postings: (id, status), in the order they were made.
pub async fn postings_of(ex: Ex<'_>, order: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, status FROM postings WHERE order_id = $1 ORDER BY id")
        .bind(order)
        .fetch_all(ex)
        .await
}

/// An order's items: (posting, product, title, price, quantity).
pub async fn items_of(
    ex: Ex<'_>,
    order: i64,
) -> Result<Vec<(i64, i64, String, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT posting_id, product_id, title, price, quantity FROM order_items \
         WHERE order_id = $1 ORDER BY id",
    )
    .bind(order)
    .fetch_all(ex)
    .await
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
