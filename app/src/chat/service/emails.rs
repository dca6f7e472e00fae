//! The email sent when a message waits unread for 15 minutes: for a seller's
//! message in a dialog and for support's answer to a request alike, once for what
//! is unread then, to the shopper's verified address unless they turned it off.

use crate::chat::repo;
use crate::platform::state::Deps;
use crate::shared::error::AppResult;

/// A message waits this long unread before its shopper is emailed about it.
pub const EMAIL_AFTER_MS: i64 = 15 * 60_000;
/// Dialogs (and requests) the email job takes per run.
const EMAIL_BATCH: i64 = 200;

/// Where an unread message waits: its mark of what was emailed lives there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Thread {
    Dialog,
    Request,
}

/// One email to send about a thread left unread.
struct Unread {
    thread: Thread,
    id: i64,
    shopper: i64,
    /// The mark the thread had, and the newest unread message it moves to.
    marks: (i64, i64),
    subject: String,
    text: String,
}

/// Emails each shopper who left a seller's message (or support's answer) unread
/// for 15 minutes. Answers how many went out.
pub async fn email_unread(deps: &Deps<'_>) -> AppResult<usize> {
    let before = deps.now - EMAIL_AFTER_MS;
    let rows = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::unread_to_email(&mut conn, before, EMAIL_BATCH).await?
    };
    let base = deps.settings.public_url.trim_end_matches('/');
    let dialogs = rows.into_iter().map(|(id, shopper, seller, upto, from)| Unread {
        thread: Thread::Dialog,
        id,
        shopper,
        marks: (from, upto),
        subject: format!("Новое сообщение от продавца «{seller}»"),
        text: format!(
            "Продавец «{seller}» написал вам в Rynok, и сообщение не прочитано уже 15 минут.\n\n\
             Открыть диалог: {base}/messages/{id}\n\n\
             Такие письма можно отключить в «Моих данных»: {base}/account\n\nRynok"
        ),
    });
    let rows = crate::chat::support::service::unread_to_email(deps, before, EMAIL_BATCH).await?;
    let requests = rows
        .into_iter()
        .map(|(id, shopper, number, upto, from)| Unread {
            thread: Thread::Request,
            id,
            shopper,
            marks: (from, upto),
            subject: format!("Ответ поддержки по обращению № {number}"),
            text: format!(
                "Поддержка Rynok ответила на ваше обращение № {number}, и ответ не прочитан уже \
             15 минут.\n\nОткрыть обращение: {base}/messages/support/{id}\n\n\
             Отвечая письмом, оставьте номер обращения в теме.\n\
             Такие письма можно отключить в «Моих данных»: {base}/account\n\nRynok"
            ),
        });
    send(deps, dialogs.chain(requests)).await
}

/// Sends each email, its thread claimed first (its mark moved), so that several
/// servers never send one twice; a failed send gives the claim back for the next
/// run, and the run stops there. How many went out.
async fn send(deps: &Deps<'_>, all: impl Iterator<Item = Unread>) -> AppResult<usize> {
    let mut sent = 0;
    for u in all {
        let (from, upto) = u.marks;
        if !set_emailed(deps, u.thread, u.id, (from, upto)).await? {
            continue;
        }
        let Some(to) = crate::account::chat_email_of(deps.db, u.shopper).await? else {
            continue;
        };
        let m = crate::notify::Message::Email {
            to,
            subject: u.subject,
            text: u.text,
        };
        if let Err(e) = deps.notifier.send(&m).await {
            tracing::warn!(error = %e, thread = ?u.thread, id = u.id, "emailing an unread message failed; it waits for the next run");
            set_emailed(deps, u.thread, u.id, (upto, from)).await?;
            return Ok(sent);
        }
        sent += 1;
    }
    Ok(sent)
}

/// Moves a thread's emailed mark from `from` to `upto`: whether this call moved it.
async fn set_emailed(
    deps: &Deps<'_>,
    thread: Thread,
    id: i64,
    marks: (i64, i64),
) -> AppResult<bool> {
    match thread {
        Thread::Dialog => {
            let mut conn = deps.db.pool.acquire().await?;
            Ok(repo::set_emailed(&mut conn, id, marks).await?)
        }
        Thread::Request => crate::chat::support::service::set_emailed(deps, id, marks).await,
    }
}
