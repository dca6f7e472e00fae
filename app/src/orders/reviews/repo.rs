//! The SQL of writing reviews from orders: the lines of a shopper's order they
//! received.

use crate::orders::repo::Ex;

/// A received line: (item, product, title).
pub type ReceivedLine = (i64, i64, String);

/// The lines of `user`'s order `order` they received (not refused or cancelled).
pub async fn received(ex: Ex<'_>, user: i64, order: i64) -> Result<Vec<ReceivedLine>, sqlx::Error> {
    sqlx::query_as(
        "SELECT i.id, i.product_id, i.title FROM order_items i JOIN orders o ON o.id = i.order_id \
         WHERE i.order_id = $1 AND o.user_id = $2 AND i.cancelled_at IS NULL \
         AND EXISTS (SELECT 1 FROM posting_events e \
                     WHERE e.posting_id = i.posting_id AND e.status = 'received') \
         ORDER BY i.id",
    )
    .bind(order)
    .bind(user)
    .fetch_all(ex)
    .await
}
