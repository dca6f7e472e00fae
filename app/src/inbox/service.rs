//! The inbox's use cases.

use crate::i18n::Lang;
use crate::inbox::model::{Inbox, NewNotice, NoticeView, PAGE};
use crate::inbox::repo;
use crate::platform::db::{Db, Tx};
use crate::shared::error::AppResult;
use crate::shared::time::local_datetime;

/// Posts a notice to `user` inside the caller's transaction, so it is kept exactly
/// when the change it tells about is. A repeat for the same (topic, subject,
/// status) keeps nothing: true when this call kept it. A notice unfit to keep (an
/// empty text, a link off the site) is a wording bug: it is logged and dropped,
/// and never stops the change it tells about.
pub async fn post(tx: &mut Tx, user: i64, now: i64, n: &NewNotice) -> Result<bool, sqlx::Error> {
    if !n.is_valid() {
        tracing::error!(
            topic = n.topic,
            subject = n.subject,
            "a notice not fit to keep"
        );
        return Ok(false);
    }
    repo::insert(tx, user, n, now).await
}

/// How many of `user`'s notices are unread (one indexed count).
pub async fn unread(db: &Db, user: i64) -> AppResult<i64> {
    let mut conn = db.pool.acquire().await?;
    Ok(repo::unread(&mut conn, user).await?)
}

/// A page of `user`'s notices older than `before` (the newest page without it).
pub async fn page(db: &Db, lang: Lang, user: i64, before: Option<i64>) -> AppResult<Inbox> {
    let mut conn = db.pool.acquire().await?;
    let mut rows = repo::page(&mut conn, user, before.unwrap_or(i64::MAX), PAGE + 1).await?;
    let unread = repo::unread(&mut conn, user).await?;
    let more = rows.len() as i64 > PAGE;
    rows.truncate(PAGE as usize);
    Ok(Inbox {
        older: more.then(|| rows.last().map(|r| r.id)).flatten(),
        newest: rows.first().map(|r| r.id),
        unread,
        notices: rows
            .into_iter()
            .map(|r| NoticeView {
                id: r.id,
                text: match lang {
                    Lang::Ru => r.text_ru,
                    Lang::En => r.text_en,
                },
                link: r.link,
                at: local_datetime(r.created_at),
                unread: r.read_at.is_none(),
            })
            .collect(),
    })
}

/// Marks `user`'s notices up to `upto` read; another account's ids are untouched.
pub async fn mark_read(db: &Db, now: i64, user: i64, upto: i64) -> AppResult<u64> {
    let mut conn = db.pool.acquire().await?;
    Ok(repo::mark_read(&mut conn, user, upto, now).await?)
}

/// The account is being erased (inside the erasing transaction).
pub async fn on_account_erased(tx: &mut Tx, user: i64) -> AppResult<()> {
    Ok(repo::erase(tx, user).await?)
}
