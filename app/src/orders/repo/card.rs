//! Card payments of orders and the refunds going back to cards.

use super::ex::Ex;

/// Records the provider's payment of order `id` and the page to pay on.
pub async fn set_payment(
    ex: Ex<'_>,
    id: i64,
    payment_id: &str,
    url: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE orders SET payment_id = $1, payment_url = $2 WHERE id = $3")
        .bind(payment_id.to_string())
        .bind(url.map(str::to_string))
        .bind(id)
        .execute(ex)
        .await
        .map(|_| ())
}

/// Records that order `id` was paid `kopecks` by card.
pub async fn set_paid_card(ex: Ex<'_>, id: i64, kopecks: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE orders SET paid_card = $1, payment_url = NULL WHERE id = $2")
        .bind(kopecks)
        .bind(id)
        .execute(ex)
        .await
        .map(|_| ())
}

/// The order whose payment at the provider is `payment_id`.
pub async fn order_by_payment(ex: Ex<'_>, payment_id: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM orders WHERE payment_id = $1")
        .bind(payment_id.to_string())
        .fetch_optional(ex)
        .await
}

/// Orders paid by card with a posting still awaiting payment: (id, created at),
/// oldest first.
pub async fn awaiting_payment(ex: Ex<'_>, limit: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.id, o.created_at FROM orders o WHERE o.pay_method = 'card' AND EXISTS \
         (SELECT 1 FROM postings p WHERE p.order_id = o.id AND p.status = 'awaiting_payment') \
         ORDER BY o.id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// Writes a refund to card of `amount` for order `order`, named `what`; nothing
/// when it is written already.
pub async fn insert_card_refund(
    ex: Ex<'_>,
    order: i64,
    what: &str,
    amount: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO card_refunds (order_id, what, amount, status, created_at) \
         VALUES ($1, $2, $3, 'pending', $4) ON CONFLICT (order_id, what) DO NOTHING",
    )
    .bind(order)
    .bind(what.to_string())
    .bind(amount)
    .bind(now)
    .execute(ex)
    .await
    .map(|_| ())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CardRefundRow {
    pub id: i64,
    pub order_id: i64,
    pub amount: i64,
}

/// Refunds the provider has not confirmed yet (of one order, or all), oldest first.
pub async fn pending_card_refunds(
    ex: Ex<'_>,
    order: Option<i64>,
    limit: i64,
) -> Result<Vec<CardRefundRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, order_id, amount FROM card_refunds WHERE status = 'pending' \
         AND ($1 = 0 OR order_id = $1) ORDER BY id LIMIT $2",
    )
    .bind(order.unwrap_or(0))
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// The provider confirmed refund `id`.
pub async fn card_refund_done(ex: Ex<'_>, id: i64, provider_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE card_refunds SET status = 'succeeded', provider_id = $1 WHERE id = $2")
        .bind(provider_id.to_string())
        .bind(id)
        .execute(ex)
        .await
        .map(|_| ())
}
