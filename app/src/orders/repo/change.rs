//! Changing an order after it is placed: cancelling lines, moving postings on,
//! stock put back, money given back.

use super::ex::Ex;

/// Marks line `item` cancelled at `now` unless it already is: whether it was changed.
pub async fn cancel_item(ex: Ex<'_>, item: i64, now: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE order_items SET cancelled_at = $1 WHERE id = $2 AND cancelled_at IS NULL",
    )
    .bind(now)
    .bind(item)
    .execute(ex)
    .await?
    .rows_affected()
        == 1)
}

/// Puts `quantity` of product `id` back on its stock.
pub async fn return_stock(ex: Ex<'_>, id: i64, quantity: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE products SET stock = stock + $1 WHERE id = $2")
        .bind(quantity)
        .bind(id)
        .execute(ex)
        .await
        .map(|_| ())
}

/// Moves posting `id` from status `from` to `to`: whether it was in `from` (a
/// second server or a second run moves nothing twice).
pub async fn move_posting(
    ex: Ex<'_>,
    id: i64,
    from: &str,
    to: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    super::logistics::step_posting(ex, id, from, to, now, None).await
}

/// Records `refunded` more given back on order `id`, and what is now due on receipt.
pub async fn record_money(
    ex: Ex<'_>,
    id: i64,
    refunded: i64,
    due_on_receipt: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE orders SET refunded = refunded + $1, due_on_receipt = $2 WHERE id = $3")
        .bind(refunded)
        .bind(due_on_receipt)
        .bind(id)
        .execute(ex)
        .await
        .map(|_| ())
}

/// Records `kopecks` more of order `id`'s points given back.
pub async fn record_points_back(ex: Ex<'_>, id: i64, kopecks: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE orders SET refunded_points = refunded_points + $1 WHERE id = $2")
        .bind(kopecks)
        .bind(id)
        .execute(ex)
        .await
        .map(|_| ())
}
