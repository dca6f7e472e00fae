//! Seller-shipped postings' SQL: a seller's postings by status, one posting with
//! its seller, and the ones the seller did not ship in time.

use super::ex::Ex;
use crate::platform::db::{Arg, SqlBuf};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SellerPostingRow {
    pub id: i64,
    pub order_id: i64,
    pub seller_id: i64,
    pub warehouse: String,
    pub status: String,
    pub updated_at: i64,
    /// When it was paid (or placed to pay on receipt) and the seller's time began.
    pub ready_at: Option<i64>,
    /// The last time it was paid (or placed) or received: the seller may write
    /// to the shopper first within 72 hours of it.
    pub contact_at: Option<i64>,
}

const SELECT: &str = "SELECT p.id, p.order_id, p.seller_id, p.warehouse, p.status, p.updated_at, \
     (SELECT MAX(e.at) FROM posting_events e WHERE e.posting_id = p.id AND e.status = 'awaiting_packaging') AS ready_at, \
     (SELECT MAX(e.at) FROM posting_events e WHERE e.posting_id = p.id \
      AND e.status IN ('awaiting_packaging', 'received')) AS contact_at \
     FROM postings p";

/// Seller `seller`'s postings for each group of statuses in `groups`, newest first,
/// at most `limit` of each group, in one query.
pub async fn seller_postings(
    ex: Ex<'_>,
    seller: i64,
    groups: &[&[&str]],
    limit: i64,
) -> Result<Vec<SellerPostingRow>, sqlx::Error> {
    let mut q = SqlBuf::new("");
    for (g, statuses) in groups.iter().enumerate() {
        q.push(if g == 0 { "" } else { " UNION ALL " })
            .push("SELECT * FROM (")
            .push(SELECT)
            .push(" WHERE p.seller_id = ")
            .bind(Arg::I64(seller))
            .push(" AND p.warehouse = 'seller' AND p.status IN (");
        for (i, s) in statuses.iter().enumerate() {
            q.push(if i == 0 { "" } else { ", " })
                .bind(Arg::Text(s.to_string()));
        }
        q.push(") ORDER BY p.id DESC LIMIT ")
            .bind(Arg::I64(limit))
            .push(&format!(") AS g{g}"));
    }
    q.query_as().fetch_all(ex).await
}

/// Posting `id` with its seller.
pub async fn seller_posting(ex: Ex<'_>, id: i64) -> Result<Option<SellerPostingRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(ex)
        .await
}

/// Seller-shipped postings still waiting for their seller whose time to ship began
/// at `before` or earlier, oldest first, at most `limit`: (posting, order, user).
pub async fn seller_postings_overdue(
    ex: Ex<'_>,
    before: i64,
    limit: i64,
) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.id, p.order_id, o.user_id FROM postings p JOIN orders o ON o.id = p.order_id \
         WHERE p.status IN ('awaiting_packaging', 'awaiting_shipment') AND p.warehouse = 'seller' \
         AND (SELECT MAX(e.at) FROM posting_events e \
              WHERE e.posting_id = p.id AND e.status = 'awaiting_packaging') <= $1 \
         ORDER BY p.id LIMIT $2",
    )
    .bind(before)
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// Seller `id`'s name and whether it ships itself.
pub async fn seller(ex: Ex<'_>, id: i64) -> Result<Option<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT name, ships_itself FROM sellers WHERE id = $1")
        .bind(id)
        .fetch_optional(ex)
        .await
}
