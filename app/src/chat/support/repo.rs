//! Support requests' SQL, nothing else: the year's numbers, requests, their
//! messages, the shopper's read mark, and the agents' queue.

use crate::chat::support::model::{Author, Status};

pub type Ex<'e> = &'e mut sqlx::AnyConnection;

/// The next number in `year`'s sequence: one statement, so two requests made at
/// once never share one (the row is locked, or the database written by one at a
/// time).
pub async fn next_seq(ex: Ex<'_>, year: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO support_numbers (year, seq) VALUES ($1, 1) \
         ON CONFLICT (year) DO UPDATE SET seq = support_numbers.seq + 1 RETURNING seq",
    )
    .bind(year)
    .fetch_one(ex)
    .await
}

pub struct NewRequest<'a> {
    pub number: &'a str,
    pub shopper: i64,
    pub topic: &'a str,
    pub order: Option<i64>,
}

/// A new open request, waiting for an agent since `now`: its id.
pub async fn insert_request(ex: Ex<'_>, r: &NewRequest<'_>, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO support_requests (number, shopper_id, topic, order_id, status, waiting_since, \
         last_at, created_at) VALUES ($1, $2, $3, $4, 'open', $5, $5, $5) RETURNING id",
    )
    .bind(r.number.to_string())
    .bind(r.shopper)
    .bind(r.topic.to_string())
    .bind(r.order)
    .bind(now)
    .fetch_one(ex)
    .await
}

/// Writes a message in `request` and moves its last moment on: its id.
pub async fn insert_message(
    ex: Ex<'_>,
    request: i64,
    author: Author,
    author_id: Option<i64>,
    body: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO support_messages (request_id, author, author_id, body, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(request)
    .bind(author.as_str())
    .bind(author_id)
    .bind(body.to_string())
    .bind(now)
    .fetch_one(&mut *ex)
    .await?;
    if author != Author::Note {
        sqlx::query("UPDATE support_requests SET last_at = $1 WHERE id = $2")
            .bind(now)
            .bind(request)
            .execute(ex)
            .await?;
    }
    Ok(id)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RequestRow {
    pub id: i64,
    pub number: String,
    pub shopper_id: i64,
    pub topic: String,
    pub order_id: Option<i64>,
    pub status: String,
    pub agent_id: Option<i64>,
    pub waiting_since: Option<i64>,
    pub shopper_read: i64,
    pub rating: Option<i64>,
    pub last_at: i64,
    pub created_at: i64,
}

const COLUMNS: &str = "r.id, r.number, r.shopper_id, r.topic, r.order_id, r.status, r.agent_id, \
     r.waiting_since, r.shopper_read, r.rating, r.last_at, r.created_at";

pub async fn request(ex: Ex<'_>, id: i64) -> Result<Option<RequestRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM support_requests r WHERE r.id = $1"
    ))
    .bind(id)
    .fetch_optional(ex)
    .await
}

/// Moves `request` to `status`; `waiting` is since when the shopper waits for an
/// agent (kept as it was when `None` is `keep`).
pub async fn set_status(
    ex: Ex<'_>,
    request: i64,
    status: Status,
    waiting_since: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE support_requests SET status = $1, waiting_since = $2 WHERE id = $3")
        .bind(status.as_str())
        .bind(waiting_since)
        .bind(request)
        .execute(ex)
        .await
        .map(|_| ())
}

/// Gives `request` to agent `agent`.
pub async fn assign(ex: Ex<'_>, request: i64, agent: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE support_requests SET agent_id = $1 WHERE id = $2")
        .bind(agent)
        .bind(request)
        .execute(ex)
        .await
        .map(|_| ())
}

/// Sets the rating of a closed, unrated request: whether it was set.
pub async fn rate(ex: Ex<'_>, request: i64, rating: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE support_requests SET rating = $1 \
         WHERE id = $2 AND status = 'closed' AND rating IS NULL",
    )
    .bind(rating)
    .bind(request)
    .execute(ex)
    .await?
    .rows_affected()
        == 1)
}

/// Raises the shopper's read mark in `request` to `upto`: whether it rose.
pub async fn mark_read(ex: Ex<'_>, request: i64, upto: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE support_requests SET shopper_read = $1 WHERE id = $2 AND shopper_read < $1",
    )
    .bind(upto)
    .bind(request)
    .execute(ex)
    .await?
    .rows_affected()
        == 1)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub author: String,
    pub body: String,
    pub created_at: i64,
}

/// The messages of `request`, oldest first (at most 500); agents' notes only if
/// `with_notes`.
pub async fn messages(
    ex: Ex<'_>,
    request: i64,
    with_notes: bool,
) -> Result<Vec<MessageRow>, sqlx::Error> {
    let notes = if with_notes {
        ""
    } else {
        " AND author <> 'note'"
    };
    sqlx::query_as(&format!(
        "SELECT id, author, body, created_at FROM support_messages \
         WHERE request_id = $1{notes} ORDER BY id LIMIT 500"
    ))
    .bind(request)
    .fetch_all(ex)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SummaryRow {
    pub id: i64,
    pub number: String,
    pub topic: String,
    pub status: String,
    pub agent_id: Option<i64>,
    pub waiting_since: Option<i64>,
    pub last_at: i64,
    pub unread: i64,
}

const UNREAD: &str = "(SELECT COUNT(*) FROM support_messages m WHERE m.request_id = r.id \
     AND m.author IN ('agent', 'auto') AND m.id > r.shopper_read)";

/// `shopper`'s requests, latest first, with the agents' messages they have not read.
pub async fn of_shopper(ex: Ex<'_>, shopper: i64) -> Result<Vec<SummaryRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT r.id, r.number, r.topic, r.status, r.agent_id, r.waiting_since, r.last_at, \
         {UNREAD} AS unread FROM support_requests r WHERE r.shopper_id = $1 \
         ORDER BY r.last_at DESC, r.id DESC LIMIT 100"
    ))
    .bind(shopper)
    .fetch_all(ex)
    .await
}

/// The requests not closed, those waiting longest for an agent first, then the
/// rest by their last moment; only agent `mine`'s when given.
pub async fn queue(
    ex: Ex<'_>,
    mine: Option<i64>,
    limit: i64,
) -> Result<Vec<SummaryRow>, sqlx::Error> {
    let only = if mine.is_some() {
        " AND r.agent_id = $2"
    } else {
        " AND $2 = $2"
    };
    sqlx::query_as(&format!(
        "SELECT r.id, r.number, r.topic, r.status, r.agent_id, r.waiting_since, r.last_at, \
         CAST(0 AS BIGINT) AS unread FROM support_requests r WHERE r.status <> 'closed'{only} \
         ORDER BY CASE WHEN r.waiting_since IS NULL THEN 1 ELSE 0 END, r.waiting_since, \
         r.last_at, r.id LIMIT $1"
    ))
    .bind(limit)
    .bind(mine.unwrap_or(0))
    .fetch_all(ex)
    .await
}

/// How many of `shopper`'s requests are not closed.
pub async fn open_count(ex: Ex<'_>, shopper: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM support_requests WHERE shopper_id = $1 AND status <> 'closed'",
    )
    .bind(shopper)
    .fetch_one(ex)
    .await
}

/// How many messages account `author` wrote in requests since `since`.
pub async fn sent_since(ex: Ex<'_>, author: i64, since: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM support_messages WHERE author_id = $1 AND created_at >= $2",
    )
    .bind(author)
    .bind(since)
    .fetch_one(ex)
    .await
}

/// How many agents' messages wait unread by `shopper` in all.
pub async fn unread_total(ex: Ex<'_>, shopper: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM support_messages m JOIN support_requests r ON r.id = m.request_id \
         WHERE r.shopper_id = $1 AND m.author IN ('agent', 'auto') AND m.id > r.shopper_read",
    )
    .bind(shopper)
    .fetch_one(ex)
    .await
}

/// An erased account's requests lose their text.
pub async fn erase(ex: Ex<'_>, shopper: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE support_messages SET body = '' WHERE request_id IN \
         (SELECT id FROM support_requests WHERE shopper_id = $1)",
    )
    .bind(shopper)
    .execute(ex)
    .await
    .map(|_| ())
}

/// Requests whose shopper has left an agent's answer unread since before `before`
/// and was not emailed about it yet: (request, shopper, number, the newest such
/// message, the mark it had), at most `limit`.
pub async fn unread_to_email(
    ex: Ex<'_>,
    before: i64,
    limit: i64,
) -> Result<Vec<(i64, i64, String, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.id, r.shopper_id, r.number, MAX(m.id), r.emailed_upto FROM support_requests r \
         JOIN support_messages m ON m.request_id = r.id \
         WHERE r.status <> 'closed' AND m.author = 'agent' AND m.id > r.shopper_read \
         AND m.id > r.emailed_upto AND m.created_at <= $1 \
         GROUP BY r.id, r.shopper_id, r.number, r.emailed_upto ORDER BY r.id LIMIT $2",
    )
    .bind(before)
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// Marks request `request` emailed about its messages up to `upto` (`from` the
/// mark it had): whether this call moved it.
pub async fn set_emailed(
    ex: Ex<'_>,
    request: i64,
    (from, upto): (i64, i64),
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE support_requests SET emailed_upto = $1 WHERE id = $2 AND emailed_upto = $3",
    )
    .bind(upto)
    .bind(request)
    .bind(from)
    .execute(ex)
    .await?
    .rows_affected()
        == 1)
}
