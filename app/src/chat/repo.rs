//! The chat's SQL, nothing else: dialogs (one per shopper and seller), their
//! messages, read marks, and the counts the lists and the badge show.

use crate::chat::model::Side;
use crate::platform::db::{Arg, SqlBuf};

pub type Ex<'e> = &'e mut sqlx::AnyConnection;

mod moderation;
pub use moderation::{
    HeldRow, OneMessage, decide_held, held, message, set_emailed, set_reported, unread_to_email,
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DialogRow {
    pub id: i64,
    pub shopper_id: i64,
    pub seller_id: i64,
    pub seller_name: String,
    pub product_id: Option<i64>,
    pub order_id: Option<i64>,
    pub shopper_read: i64,
    pub seller_read: i64,
    pub blocked_at: Option<i64>,
}

/// Shopper `shopper`'s dialog with seller `seller`, made if there is none, pinned
/// to `product` or `order` when given: its id.
pub async fn open_dialog(
    ex: Ex<'_>,
    shopper: i64,
    seller: i64,
    (product, order): (Option<i64>, Option<i64>),
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO dialogs (shopper_id, seller_id, product_id, order_id, last_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $5) \
         ON CONFLICT (shopper_id, seller_id) DO UPDATE SET \
         product_id = COALESCE(excluded.product_id, dialogs.product_id), \
         order_id = COALESCE(excluded.order_id, dialogs.order_id) \
         RETURNING id",
    )
    .bind(shopper)
    .bind(seller)
    .bind(product)
    .bind(order)
    .bind(now)
    .fetch_one(ex)
    .await
}

pub async fn dialog(ex: Ex<'_>, id: i64) -> Result<Option<DialogRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT d.id, d.shopper_id, d.seller_id, s.name AS seller_name, d.product_id, d.order_id, \
         d.shopper_read, d.seller_read, d.blocked_at \
         FROM dialogs d JOIN sellers s ON s.id = d.seller_id WHERE d.id = $1",
    )
    .bind(id)
    .fetch_optional(ex)
    .await
}

/// Writes a message and moves the dialog on (its last message, and the writer's
/// read mark: one reads what one writes): its id.
pub async fn insert_message(
    ex: Ex<'_>,
    dialog: i64,
    side: Side,
    author: i64,
    body: &str,
    held: bool,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO messages (dialog_id, side, author_id, body, held, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(dialog)
    .bind(side.as_str())
    .bind(author)
    .bind(body.to_string())
    .bind(i64::from(held))
    .bind(now)
    .fetch_one(&mut *ex)
    .await?;
    let read = read_column(side);
    sqlx::query(&format!(
        "UPDATE dialogs SET last_message = $1, last_at = $2, {read} = $1 WHERE id = $3"
    ))
    .bind(id)
    .bind(now)
    .bind(dialog)
    .execute(ex)
    .await?;
    Ok(id)
}

fn read_column(side: Side) -> &'static str {
    match side {
        Side::Shopper => "shopper_read",
        Side::Seller => "seller_read",
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub side: String,
    pub body: String,
    pub held: i64,
    pub created_at: i64,
    pub image: Option<String>,
    pub image_w: Option<i64>,
    pub image_h: Option<i64>,
}

/// Messages of `dialog` with ids in (`after`, `before`), newest first, at most
/// `limit`; held ones only if `with_held`.
pub async fn messages(
    ex: Ex<'_>,
    dialog: i64,
    (after, before): (i64, i64),
    limit: i64,
    with_held: bool,
) -> Result<Vec<MessageRow>, sqlx::Error> {
    let held = if with_held { "" } else { " AND m.held = 0" };
    sqlx::query_as(&format!(
        "SELECT m.id, m.side, m.body, m.held, m.created_at, i.token AS image, \
         i.width AS image_w, i.height AS image_h FROM messages m \
         LEFT JOIN message_images i ON i.message_id = m.id \
         WHERE m.dialog_id = $1 AND m.id > $2 AND m.id < $3{held} ORDER BY m.id DESC LIMIT $4"
    ))
    .bind(dialog)
    .bind(after)
    .bind(before)
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// Raises `side`'s read mark in `dialog` to `upto`: whether it rose.
pub async fn mark_read(
    ex: Ex<'_>,
    dialog: i64,
    side: Side,
    upto: i64,
) -> Result<bool, sqlx::Error> {
    let read = read_column(side);
    Ok(sqlx::query(&format!(
        "UPDATE dialogs SET {read} = $1 WHERE id = $2 AND {read} < $1"
    ))
    .bind(upto)
    .bind(dialog)
    .execute(ex)
    .await?
    .rows_affected()
        == 1)
}

/// How many messages account `author` wrote since `since`.
pub async fn sent_since(ex: Ex<'_>, author: i64, since: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM messages WHERE author_id = $1 AND created_at >= $2")
        .bind(author)
        .bind(since)
        .fetch_one(ex)
        .await
}

/// The dialog's owners: `d.shopper_id = $1`, or `d.seller_id IN (…)`.
fn whose(q: &mut SqlBuf, side: Side, ids: &[i64]) {
    match side {
        Side::Shopper => q.push(" d.shopper_id IN "),
        Side::Seller => q.push(" d.seller_id IN "),
    };
    q.bind_list(ids);
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SummaryRow {
    pub id: i64,
    pub shopper_id: i64,
    pub seller_name: String,
    pub last_at: i64,
    pub last_body: Option<String>,
    pub unread: i64,
}

/// The dialogs of `side` `ids` (a shopper, or a seller's staff over these
/// sellers), latest first, at most `limit`, each with its last message the reader
/// may see and how many are unread.
pub async fn summaries(
    ex: Ex<'_>,
    side: Side,
    ids: &[i64],
    limit: i64,
) -> Result<Vec<SummaryRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let (read, held) = match side {
        Side::Shopper => ("d.shopper_read", " AND m.held = 0"),
        Side::Seller => ("d.seller_read", ""),
    };
    let mut q = SqlBuf::new(&format!(
        "SELECT d.id, d.shopper_id, s.name AS seller_name, d.last_at, \
         (SELECT m.body FROM messages m WHERE m.dialog_id = d.id{held} ORDER BY m.id DESC LIMIT 1) \
         AS last_body, \
         (SELECT COUNT(*) FROM messages m WHERE m.dialog_id = d.id AND m.side <> '{}' \
         AND m.held = 0 AND m.id > {read}) AS unread \
         FROM dialogs d JOIN sellers s ON s.id = d.seller_id WHERE",
        side.as_str()
    ));
    whose(&mut q, side, ids);
    q.push(" ORDER BY d.last_at DESC, d.id DESC LIMIT ");
    q.bind(Arg::I64(limit));
    q.query_as().fetch_all(ex).await
}

/// How many messages wait unread for `side` `ids` in all: one indexed count.
pub async fn unread_total(ex: Ex<'_>, side: Side, ids: &[i64]) -> Result<i64, sqlx::Error> {
    if ids.is_empty() {
        return Ok(0);
    }
    let read = read_column(side);
    let mut q = SqlBuf::new(&format!(
        "SELECT COUNT(*) FROM messages m JOIN dialogs d ON d.id = m.dialog_id \
         WHERE m.side <> '{}' AND m.held = 0 AND m.id > d.{read} AND",
        side.as_str()
    ));
    whose(&mut q, side, ids);
    let (n,): (i64,) = q.query_as().fetch_one(ex).await?;
    Ok(n)
}

/// The shopper stops the seller's messages (`at`), or lets them through (`None`).
pub async fn set_blocked(ex: Ex<'_>, dialog: i64, at: Option<i64>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE dialogs SET blocked_at = $1 WHERE id = $2")
        .bind(at)
        .bind(dialog)
        .execute(ex)
        .await
        .map(|_| ())
}

/// An erased account's dialogs lose their text and images: what it wrote and what
/// it was told.
pub async fn erase(ex: Ex<'_>, shopper: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM message_images WHERE message_id IN (SELECT m.id FROM messages m \
         JOIN dialogs d ON d.id = m.dialog_id WHERE d.shopper_id = $1)",
    )
    .bind(shopper)
    .execute(&mut *ex)
    .await?;
    sqlx::query(
        "UPDATE messages SET body = '' WHERE dialog_id IN \
         (SELECT id FROM dialogs WHERE shopper_id = $1)",
    )
    .bind(shopper)
    .execute(ex)
    .await
    .map(|_| ())
}

/// The badge's counter as a scalar subquery over account `s.user_id`: the sum of
/// its own counter and those of the sellers it works for. Each counter only rises,
/// so the sum changes whenever one of them does. The badge's poll reads it in the
/// statement that finds the session (`account::peek_session_with`).
pub const BADGE_VERSION_OF_SESSION: &str = "(SELECT COALESCE(SUM(c.version), 0) \
     FROM change_counters c WHERE c.party = 'u:' || s.user_id OR c.party IN \
     (SELECT 's:' || r.scope_id FROM staff_roles r JOIN users w ON w.phone = r.phone \
     WHERE w.id = s.user_id AND r.role = 'seller_staff'))";

/// The badge's counter of account `user` (see [`BADGE_VERSION_OF_SESSION`]).
pub async fn badge_version(ex: Ex<'_>, user: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(&format!(
        "SELECT CAST({BADGE_VERSION_OF_SESSION} AS BIGINT) FROM (SELECT CAST($1 AS BIGINT) AS user_id) s"
    ))
    .bind(user)
    .fetch_one(ex)
    .await
}

/// Keeps the image of message `message` under `token`.
pub async fn insert_image(
    ex: Ex<'_>,
    message: i64,
    token: &str,
    photo: &crate::platform::photo::Photo,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO message_images (message_id, token, image, thumb, width, height, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(message)
    .bind(token.to_string())
    .bind(photo.image.clone())
    .bind(photo.thumb.clone())
    .bind(i64::from(photo.width))
    .bind(i64::from(photo.height))
    .bind(now)
    .execute(ex)
    .await
    .map(|_| ())
}

/// The image under `token` (or its thumbnail): its dialog, whether its message is
/// held back, and its bytes.
pub async fn image(
    ex: Ex<'_>,
    token: &str,
    thumb: bool,
) -> Result<Option<(i64, i64, Vec<u8>)>, sqlx::Error> {
    let column = if thumb { "i.thumb" } else { "i.image" };
    sqlx::query_as(&format!(
        "SELECT m.dialog_id, m.held, {column} FROM message_images i \
         JOIN messages m ON m.id = i.message_id WHERE i.token = $1"
    ))
    .bind(token.to_string())
    .fetch_optional(ex)
    .await
}
