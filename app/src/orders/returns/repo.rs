//! Returns' SQL, nothing else: the lines an order could return, returns with their
//! lines and photos, and the changes a return makes to its order's lines.

use crate::orders::repo::Ex;
use crate::platform::db::SqlBuf;

/// A line of an order with what decides whether it can be returned.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LineRow {
    pub id: i64,
    pub product_id: i64,
    pub title: String,
    pub price: i64,
    pub quantity: i64,
    pub cancelled_at: Option<i64>,
    /// The open or accepted return holding it.
    pub return_id: Option<i64>,
    /// Its category's return period in days (0: never).
    pub return_days: i64,
    /// When its posting was received, if it was.
    pub received_at: Option<i64>,
}

/// Every line of order `order`, in the order they were written.
pub async fn lines(ex: Ex<'_>, order: i64) -> Result<Vec<LineRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT i.id, i.product_id, i.title, i.price, i.quantity, i.cancelled_at, i.return_id, \
         c.return_days, \
         (SELECT MAX(e.at) FROM posting_events e \
          WHERE e.posting_id = i.posting_id AND e.status = 'received') AS received_at \
         FROM order_items i JOIN products p ON p.id = i.product_id \
         JOIN categories c ON c.id = p.category_id \
         WHERE i.order_id = $1 ORDER BY i.id",
    )
    .bind(order)
    .fetch_all(ex)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReturnRow {
    pub id: i64,
    pub order_id: i64,
    pub user_id: i64,
    pub code: String,
    pub reason: String,
    pub comment: String,
    pub refund_to: String,
    pub status: String,
    pub refund: i64,
    pub points_back: i64,
    pub points_taken: i64,
    pub created_at: i64,
    pub closed_at: Option<i64>,
}

const COLUMNS: &str = "id, order_id, user_id, code, reason, comment, refund_to, status, refund, \
     points_back, points_taken, created_at, closed_at";

pub struct NewReturn<'a> {
    pub order: i64,
    pub user: i64,
    pub code: &'a str,
    pub reason: &'a str,
    pub comment: &'a str,
    pub refund_to: &'a str,
    pub now: i64,
}

pub async fn insert_return(ex: Ex<'_>, r: &NewReturn<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO returns (order_id, user_id, code, reason, comment, refund_to, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'created', $7) RETURNING id",
    )
    .bind(r.order)
    .bind(r.user)
    .bind(r.code.to_string())
    .bind(r.reason.to_string())
    .bind(r.comment.to_string())
    .bind(r.refund_to.to_string())
    .bind(r.now)
    .fetch_one(ex)
    .await
}

pub async fn code_taken(ex: Ex<'_>, code: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM returns WHERE code = $1")
        .bind(code.to_string())
        .fetch_one(ex)
        .await?;
    Ok(n > 0)
}

/// Puts line `item` into return `ret` unless it is in one already or was
/// cancelled: whether it was.
pub async fn claim_line(ex: Ex<'_>, item: i64, ret: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE order_items SET return_id = $1 \
         WHERE id = $2 AND return_id IS NULL AND cancelled_at IS NULL",
    )
    .bind(ret)
    .bind(item)
    .execute(&mut *ex)
    .await?
    .rows_affected()
        == 1;
    if done {
        sqlx::query("INSERT INTO return_items (return_id, item_id) VALUES ($1, $2)")
            .bind(ret)
            .bind(item)
            .execute(ex)
            .await?;
    }
    Ok(done)
}

pub async fn insert_photo(
    ex: Ex<'_>,
    ret: i64,
    image: &[u8],
    thumb: &[u8],
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO return_photos (return_id, image, thumb, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(ret)
    .bind(image.to_vec())
    .bind(thumb.to_vec())
    .bind(now)
    .execute(ex)
    .await
    .map(|_| ())
}

/// Order `order`'s returns, newest first.
pub async fn returns_of(ex: Ex<'_>, order: i64) -> Result<Vec<ReturnRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM returns WHERE order_id = $1 ORDER BY id DESC"
    ))
    .bind(order)
    .fetch_all(ex)
    .await
}

/// The return waiting under `code`.
pub async fn waiting_by_code(ex: Ex<'_>, code: &str) -> Result<Option<ReturnRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM returns WHERE code = $1 AND status = 'created'"
    ))
    .bind(code.to_string())
    .fetch_optional(ex)
    .await
}

pub async fn by_id(ex: Ex<'_>, id: i64) -> Result<Option<ReturnRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM returns WHERE id = $1"))
        .bind(id)
        .fetch_optional(ex)
        .await
}

/// A line of a return: (return, product, title, price, quantity).
pub type ReturnLineRow = (i64, i64, String, i64, i64);

/// The lines of these returns.
pub async fn lines_of(ex: Ex<'_>, returns: &[i64]) -> Result<Vec<ReturnLineRow>, sqlx::Error> {
    if returns.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = SqlBuf::new(
        "SELECT r.return_id, i.product_id, i.title, i.price, i.quantity FROM return_items r \
         JOIN order_items i ON i.id = r.item_id WHERE r.return_id IN ",
    );
    q.bind_list(returns).push(" ORDER BY i.id");
    q.query_as().fetch_all(ex).await
}

/// The photos' (return, id) of these returns.
pub async fn photos_of(ex: Ex<'_>, returns: &[i64]) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    if returns.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = SqlBuf::new("SELECT return_id, id FROM return_photos WHERE return_id IN ");
    q.bind_list(returns).push(" ORDER BY id");
    q.query_as().fetch_all(ex).await
}

/// Photo `id` (or its thumbnail) with the account whose return it is.
pub async fn photo(
    ex: Ex<'_>,
    id: i64,
    thumb: bool,
) -> Result<Option<(i64, Vec<u8>)>, sqlx::Error> {
    let column = if thumb { "p.thumb" } else { "p.image" };
    sqlx::query_as(&format!(
        "SELECT r.user_id, {column} FROM return_photos p JOIN returns r ON r.id = p.return_id \
         WHERE p.id = $1"
    ))
    .bind(id)
    .fetch_optional(ex)
    .await
}

/// Moves return `id` from `created` to `to`, with what it gave back: whether it
/// was still waiting.
pub async fn close(
    ex: Ex<'_>,
    id: i64,
    to: &str,
    now: i64,
    point: Option<i64>,
    (refund, points_back, points_taken): (i64, i64, i64),
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE returns SET status = $1, closed_at = $2, point_id = $3, refund = $4, \
         points_back = $5, points_taken = $6 WHERE id = $7 AND status = 'created'",
    )
    .bind(to.to_string())
    .bind(now)
    .bind(point)
    .bind(refund)
    .bind(points_back)
    .bind(points_taken)
    .bind(id)
    .execute(ex)
    .await?
    .rows_affected()
        == 1)
}

/// Returns still waiting that were made at `before` or earlier, oldest first, at
/// most `limit`: (id, user, order).
pub async fn waiting_since(
    ex: Ex<'_>,
    before: i64,
    limit: i64,
) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, user_id, order_id FROM returns WHERE status = 'created' AND created_at <= $1 \
         ORDER BY created_at LIMIT $2",
    )
    .bind(before)
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// A withdrawn return lets its lines go, so they can be returned again.
pub async fn free_lines(ex: Ex<'_>, ret: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE order_items SET return_id = NULL WHERE return_id = $1")
        .bind(ret)
        .execute(ex)
        .await
        .map(|_| ())
}

/// An accepted return's lines came back at `now`.
pub async fn mark_returned(ex: Ex<'_>, ret: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE order_items SET returned_at = $1 WHERE return_id = $2")
        .bind(now)
        .bind(ret)
        .execute(ex)
        .await
        .map(|_| ())
}

/// Whether `user` has a return not accepted or withdrawn yet.
pub async fn has_open(ex: Ex<'_>, user: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM returns WHERE user_id = $1 AND status = 'created'",
    )
    .bind(user)
    .fetch_one(ex)
    .await?;
    Ok(n > 0)
}

/// The account is erased: its returns' photos go (the returns stay with the
/// orders, as the books need them).
pub async fn erase_photos(ex: Ex<'_>, user: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM return_photos WHERE return_id IN (SELECT id FROM returns WHERE user_id = $1)",
    )
    .bind(user)
    .execute(ex)
    .await
    .map(|_| ())
}
