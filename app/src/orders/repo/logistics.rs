//! The logistics job's SQL: its steps, the postings due for one, moving them on,
//! the ones whose storage ended, and extending storage.

use super::ex::Ex;

/// The steps of Rynok's own warehouse: (from, to, after how many minutes).
pub async fn logistics_steps(ex: Ex<'_>) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT from_status, to_status, after_minutes FROM logistics_steps")
        .fetch_all(ex)
        .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DueRow {
    pub id: i64,
    pub order_id: i64,
    pub user_id: i64,
    pub updated_at: i64,
    pub storage_days: i64,
    /// By courier: the slot chosen (from, to), Unix ms.
    pub courier_from: Option<i64>,
    pub courier_to: Option<i64>,
}

/// Postings in `status` since `before` or earlier, oldest first, at most `limit`:
/// from Rynok's warehouse, or any once handed to delivery (a seller packs and
/// ships its own); a courier's only once its slot begins by `slot_by`.
pub async fn postings_due(
    ex: Ex<'_>,
    status: &str,
    before: i64,
    slot_by: i64,
    limit: i64,
) -> Result<Vec<DueRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.id, p.order_id, o.user_id, p.updated_at, pp.storage_days, o.courier_from, \
         o.courier_to FROM postings p \
         JOIN orders o ON o.id = p.order_id JOIN pickup_points pp ON pp.id = o.pickup_point_id \
         WHERE p.status = $1 AND p.updated_at <= $2 \
         AND (p.warehouse = 'rynok' OR p.status NOT IN ('awaiting_packaging', 'awaiting_shipment')) \
         AND (o.courier_from IS NULL OR o.courier_from <= $3) \
         ORDER BY p.updated_at, p.id LIMIT $4",
    )
    .bind(status.to_string())
    .bind(before)
    .bind(slot_by)
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// Moves posting `id` from `from` to `to` as of `at` (kept until `stored_until`
/// when given), if it is still where it was: whether it moved.
pub async fn step_posting(
    ex: Ex<'_>,
    id: i64,
    from: &str,
    to: &str,
    at: i64,
    stored_until: Option<i64>,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE postings SET status = $1, updated_at = $2, stored_until = COALESCE($3, stored_until) \
         WHERE id = $4 AND status = $5",
    )
    .bind(to.to_string())
    .bind(at)
    .bind(stored_until)
    .bind(id)
    .bind(from.to_string())
    .execute(ex)
    .await?
    .rows_affected()
        == 1)
}

/// Postings waiting at a pickup point whose storage ended by `now`: (posting,
/// order, user), at most `limit`.
pub async fn postings_uncollected(
    ex: Ex<'_>,
    now: i64,
    limit: i64,
) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.id, p.order_id, o.user_id FROM postings p JOIN orders o ON o.id = p.order_id \
         WHERE p.status = 'at_pickup_point' AND p.stored_until <= $1 ORDER BY p.stored_until LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// Keeps posting `id` of order `order` `by_ms` longer at the pickup point, once:
/// whether it was waiting there and not extended before.
pub async fn extend_storage(
    ex: Ex<'_>,
    id: i64,
    order: i64,
    by_ms: i64,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE postings SET stored_until = stored_until + $1, storage_extended = 1 \
         WHERE id = $2 AND order_id = $3 AND status = 'at_pickup_point' AND storage_extended = 0",
    )
    .bind(by_ms)
    .bind(id)
    .bind(order)
    .execute(ex)
    .await?
    .rows_affected()
        == 1)
}
