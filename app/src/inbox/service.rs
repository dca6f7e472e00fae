//! The inbox's use cases.

use crate::i18n::Lang;
use crate::inbox::model::{Inbox, NewNotice, NoticeView, PAGE};
use crate::inbox::repo;
use crate::notify::Message;
use crate::platform::db::{Db, Tx};
use crate::platform::state::Deps;
use crate::shared::error::AppResult;
use crate::shared::time::local_datetime;

/// Posts a notice to `user` inside the caller's transaction, so it is kept exactly
/// when the change it tells about is. A repeat for the same (topic, subject,
/// status) keeps nothing: true when this call kept it. A notice unfit to keep (an
/// empty text, a link off the site) is a wording bug: it is logged and dropped,
/// and never stops the change it tells about.
pub async fn post(
    tx: &mut Tx,
    user: i64,
    now: i64,
    n: &NewNotice<'_>,
) -> Result<bool, sqlx::Error> {
    if !n.is_valid() {
        tracing::error!(
            topic = n.topic,
            subject = n.subject,
            "a notice not fit to keep"
        );
        return Ok(false);
    }
    let kept = repo::insert(tx, user, n, now).await?;
    if kept {
        // The header's badge counts notices too: its poll sees the change.
        crate::platform::changes::bump(tx, &format!("u:{user}")).await?;
    }
    Ok(kept)
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

/// Topics whose notices are emailed as well: an order's steps, told at every status
/// that matters, and back-in-stock alerts. Other domains email what they must
/// themselves.
pub const EMAILED_TOPICS: [&str; 7] = [
    "order",
    "order_item",
    "order_payment",
    "posting",
    "price_alert",
    "return",
    "stock_alert",
];
/// Notices the email job takes per pass.
const EMAIL_BATCH: i64 = 200;

/// Emails the notices about orders kept since the last run, once each, to the
/// account's verified address (none: nothing is sent). Each is claimed before it
/// is sent, so several servers never send one twice; one whose send fails is given
/// back for the next run. Answers how many went out.
pub async fn email_pending(deps: &Deps<'_>) -> AppResult<usize> {
    let mut sent = 0;
    loop {
        let rows = {
            let mut conn = deps.db.pool.acquire().await?;
            repo::unmailed(&mut conn, EMAIL_BATCH).await?
        };
        let last = rows.len() < EMAIL_BATCH as usize;
        for r in rows {
            let claimed = {
                let mut conn = deps.db.pool.acquire().await?;
                repo::set_emailed(&mut conn, r.id, Some(deps.now)).await?
            };
            if !claimed || !EMAILED_TOPICS.contains(&r.topic.as_str()) {
                continue;
            }
            let Some(to) = crate::account::verified_email_of(deps.db, r.user_id).await? else {
                continue;
            };
            let m = Message::Email {
                to,
                subject: subject_of(&r.text_ru),
                text: format!(
                    "{}\n\nПодробнее: {}{}\n\nRynok",
                    r.text_ru,
                    deps.settings.public_url.trim_end_matches('/'),
                    r.link
                ),
            };
            match deps.notifier.send(&m).await {
                Ok(()) => sent += 1,
                Err(e) => {
                    tracing::warn!(error = %e, notice = r.id, "emailing a notice failed; it waits for the next run");
                    let mut conn = deps.db.pool.acquire().await?;
                    repo::set_emailed(&mut conn, r.id, None).await?;
                    // The mail server is away: the rest waits too.
                    return Ok(sent);
                }
            }
        }
        if last {
            return Ok(sent);
        }
    }
}

/// An email's subject from a notice's text: its first sentence, at most 100
/// characters.
fn subject_of(text: &str) -> String {
    let first = text.split_inclusive(". ").next().unwrap_or(text).trim();
    let first = first.strip_suffix('.').unwrap_or(first);
    if first.chars().count() <= 100 {
        first.to_string()
    } else {
        let cut: String = first.chars().take(99).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::subject_of;

    #[test]
    fn a_subject_is_the_first_sentence_within_100_characters() {
        assert_eq!(
            subject_of("Заказ № 00000012 отменён. 500 ₽ вернутся на Rynok Счёт."),
            "Заказ № 00000012 отменён"
        );
        assert_eq!(
            subject_of("Заказ № 00000012 в пути."),
            "Заказ № 00000012 в пути"
        );
        let long = "а".repeat(150);
        assert_eq!(subject_of(&long).chars().count(), 100);
    }
}
