//! The chat's SQL of looking after messages: the emails about unread ones, reports,
//! and the messages held back for an agent.

type Ex<'e> = &'e mut sqlx::AnyConnection;

/// Dialogs whose shopper has left a seller's message unread since before `before`
/// and was not emailed about it yet: (dialog, shopper, seller's name, the newest
/// such message, the mark it had), at most `limit`.
pub async fn unread_to_email(
    ex: Ex<'_>,
    before: i64,
    limit: i64,
) -> Result<Vec<(i64, i64, String, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT d.id, d.shopper_id, s.name, MAX(m.id), d.emailed_upto FROM dialogs d \
         JOIN sellers s ON s.id = d.seller_id \
         JOIN messages m ON m.dialog_id = d.id \
         WHERE d.last_message > d.shopper_read AND d.last_message > d.emailed_upto \
         AND m.side = 'seller' AND m.held = 0 AND m.id > d.shopper_read \
         AND m.id > d.emailed_upto AND m.created_at <= $1 \
         GROUP BY d.id, d.shopper_id, s.name, d.emailed_upto ORDER BY d.id LIMIT $2",
    )
    .bind(before)
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// Marks dialog `dialog` emailed about its messages up to `upto` (`from` the mark
/// it had): whether this call moved it, so two servers never send one email twice.
pub async fn set_emailed(
    ex: Ex<'_>,
    dialog: i64,
    (from, upto): (i64, i64),
) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("UPDATE dialogs SET emailed_upto = $1 WHERE id = $2 AND emailed_upto = $3")
            .bind(upto)
            .bind(dialog)
            .bind(from)
            .execute(ex)
            .await?
            .rows_affected()
            == 1,
    )
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OneMessage {
    pub id: i64,
    pub dialog_id: i64,
    pub side: String,
    pub body: String,
    pub held: i64,
    pub reported_at: Option<i64>,
    pub created_at: i64,
}

pub async fn message(ex: Ex<'_>, id: i64) -> Result<Option<OneMessage>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, dialog_id, side, body, held, reported_at, created_at FROM messages WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(ex)
    .await
}

/// Marks message `id` reported at `at` (`None`: not reported after all): whether
/// this call changed it, so a message is reported once.
pub async fn set_reported(ex: Ex<'_>, id: i64, at: Option<i64>) -> Result<bool, sqlx::Error> {
    let only = if at.is_some() {
        " AND reported_at IS NULL"
    } else {
        ""
    };
    Ok(sqlx::query(&format!(
        "UPDATE messages SET reported_at = $1 WHERE id = $2{only}"
    ))
    .bind(at)
    .bind(id)
    .execute(ex)
    .await?
    .rows_affected()
        == 1)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HeldRow {
    pub id: i64,
    pub seller_name: String,
    pub body: String,
    pub created_at: i64,
}

/// Messages held back and waiting for an agent (held = 1), oldest first.
pub async fn held(ex: Ex<'_>, limit: i64) -> Result<Vec<HeldRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.id, s.name AS seller_name, m.body, m.created_at FROM messages m \
         JOIN dialogs d ON d.id = m.dialog_id JOIN sellers s ON s.id = d.seller_id \
         WHERE m.held = 1 ORDER BY m.id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// An agent's decision on held message `id`: let through (0) or kept from the
/// shopper (2). Whether it was still waiting.
pub async fn decide_held(ex: Ex<'_>, id: i64, held: i64) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("UPDATE messages SET held = $1 WHERE id = $2 AND held = 1")
            .bind(held)
            .bind(id)
            .execute(ex)
            .await?
            .rows_affected()
            == 1,
    )
}
