//! The inbox's SQL, nothing else.

use crate::inbox::model::NewNotice;

type Ex<'e> = &'e mut sqlx::AnyConnection;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NoticeRow {
    pub id: i64,
    pub text_ru: String,
    pub text_en: String,
    pub link: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

/// Keeps a notice unless one for the same (topic, subject, status) exists: true if
/// this call kept it.
pub async fn insert(
    ex: Ex<'_>,
    user: i64,
    n: &NewNotice<'_>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO notices (user_id, topic, subject_id, status, text_ru, text_en, link, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (topic, subject_id, status) DO NOTHING",
    )
    .bind(user)
    .bind(n.topic)
    .bind(n.subject)
    .bind(n.status)
    .bind(n.text_ru.clone())
    .bind(n.text_en.clone())
    .bind(n.link.clone())
    .bind(now)
    .execute(ex)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Up to `limit` of `user`'s notices older than `before`, newest first.
pub async fn page(
    ex: Ex<'_>,
    user: i64,
    before: i64,
    limit: i64,
) -> Result<Vec<NoticeRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, text_ru, text_en, link, created_at, read_at FROM notices \
         WHERE user_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
    )
    .bind(user)
    .bind(before)
    .bind(limit)
    .fetch_all(ex)
    .await
}

pub async fn unread(ex: Ex<'_>, user: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM notices WHERE user_id = $1 AND read_at IS NULL",
    )
    .bind(user)
    .fetch_one(ex)
    .await
}

/// Marks `user`'s notices up to `upto` read: how many were unread.
pub async fn mark_read(ex: Ex<'_>, user: i64, upto: i64, now: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE notices SET read_at = $1 WHERE user_id = $2 AND id <= $3 AND read_at IS NULL",
    )
    .bind(now)
    .bind(user)
    .bind(upto)
    .execute(ex)
    .await?
    .rows_affected())
}

pub async fn erase(ex: Ex<'_>, user: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM notices WHERE user_id = $1")
        .bind(user)
        .execute(ex)
        .await
        .map(|_| ())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UnmailedRow {
    pub id: i64,
    pub user_id: i64,
    pub topic: String,
    pub text_ru: String,
    pub link: String,
}

/// The oldest notices the email job has not dealt with, at most `limit`.
pub async fn unmailed(ex: Ex<'_>, limit: i64) -> Result<Vec<UnmailedRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, user_id, topic, text_ru, link FROM notices WHERE emailed_at IS NULL \
         ORDER BY id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// Claims notice `id` for the email job (`Some(now)`), or gives it back after a
/// failed send (`None`): whether this call changed it.
pub async fn set_emailed(ex: Ex<'_>, id: i64, at: Option<i64>) -> Result<bool, sqlx::Error> {
    let sql = if at.is_some() {
        "UPDATE notices SET emailed_at = $1 WHERE id = $2 AND emailed_at IS NULL"
    } else {
        "UPDATE notices SET emailed_at = $1 WHERE id = $2 AND emailed_at IS NOT NULL"
    };
    Ok(sqlx::query(sql)
        .bind(at)
        .bind(id)
        .execute(ex)
        .await?
        .rows_affected()
        == 1)
}
