//! The security log and the Security feed: what is written when something happens
//! to an account, how the owner is told, and what the Security page shows.

use crate::account::i18n::notice_text;
use crate::account::passkeys::model::PasskeyInfo;
use crate::account::profile::repo::UserRow;
use crate::account::security::model::EventKind;
use crate::account::security::model::{
    EventInfo, Notice, RecentKind, RecentMethod, SecurityMessage, SecurityView,
};
use crate::account::security::repo::{self, Event};
use crate::account::session::model::{SessionInfo, SessionRow, describe_browser, is_live};
use crate::i18n::Lang;
use crate::notify::Message;
use crate::platform::db::{Db, Tx};
use crate::platform::request::Requester;
use crate::platform::state::{Deps, Settings};
use crate::shared::error::AppResult;

mod feed;

pub use feed::{FeedCode, copy_to_security_feed, unseal_feed_code};

/// How many Security messages account `user` has not seen yet.
pub async fn unread(ex: &mut sqlx::AnyConnection, user: i64) -> AppResult<i64> {
    Ok(repo::security_unread(ex, user).await?)
}

/// The Security feed of account `user`, newest first (at most 50): sign-in codes
/// for its other devices while they are live (used or expired, they are gone),
/// sign-in alerts and changes, worded in `lang`.
/// Reading it marks it seen (the badge of the account's devices drops).
pub async fn feed(deps: &Deps<'_>, lang: Lang, user: i64) -> AppResult<Vec<SecurityMessage>> {
    // Reading the feed marks it seen; a feed already seen takes no write lock.
    let unseen = {
        let mut conn = deps.db.pool.acquire().await?;
        repo::has_security_unread(&mut conn, user).await?
    };
    if unseen {
        let mut tx = deps.db.begin_write().await?;
        if repo::mark_security_read(&mut tx, user).await? {
            crate::platform::changes::bump(&mut tx, &format!("u:{user}")).await?;
        }
        tx.commit().await?;
    }
    Ok(repo::security_messages(deps.db, user, 50)
        .await?
        .into_iter()
        .map(|m| SecurityMessage {
            id: m.id,
            body: show_message(deps.settings, lang, user, &m, deps.now),
            at: m.at,
        })
        .collect())
}

pub async fn security(
    deps: &Deps<'_>,
    lang: Lang,
    current: &SessionRow,
) -> AppResult<SecurityView> {
    let (db, settings, now) = (deps.db, deps.settings, deps.now);
    let sessions = crate::account::session::repo::live_sessions(db, current.user_id)
        .await?
        .into_iter()
        .filter(|s| is_live(s, now, settings))
        .map(|s| SessionInfo {
            id: s.id,
            browser: describe_browser(&s.user_agent),
            ip: s.ip,
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
            current: s.id == current.id,
        })
        .collect();
    let history = repo::events(db, current.user_id, 50)
        .await?
        .into_iter()
        .filter_map(|(kind, detail, ip, ua, at)| {
            Some(EventInfo {
                kind: EventKind::try_from(kind).ok()?,
                detail,
                ip,
                browser: describe_browser(&ua),
                at,
            })
        })
        .collect();
    let messages = feed(deps, lang, current.user_id).await?;
    let passkeys = crate::account::passkeys::repo::passkeys(db, current.user_id)
        .await?
        .into_iter()
        .map(|(id, name, _, created_at, last_used_at)| PasskeyInfo {
            id,
            name,
            created_at,
            last_used_at,
        })
        .collect();
    let recent = recent_methods(db, settings, current.user_id, now).await?;
    Ok(SecurityView {
        sessions,
        history,
        messages,
        passkeys,
        recent,
    })
}

/// How far back "recently added" ways to sign in go.
pub const RECENT_MS: i64 = 7 * 24 * 3_600_000;

async fn recent_methods(
    db: &Db,
    settings: &Settings,
    user_id: i64,
    now: i64,
) -> AppResult<Vec<RecentMethod>> {
    let r = repo::recent_methods(db, user_id, now - RECENT_MS).await?;
    let mut list: Vec<RecentMethod> = r
        .passkeys
        .into_iter()
        .map(|(_, name, at)| RecentMethod {
            kind: RecentKind::Passkey,
            label: name,
            added_at: at,
        })
        .collect();
    if let Some((email, at)) = r.email {
        list.push(RecentMethod {
            kind: RecentKind::Email,
            label: email,
            added_at: at,
        });
    }
    for (provider, at) in r.providers {
        let label = settings
            .oidc
            .iter()
            .find(|p| p.name == provider)
            .map(|p| p.label.clone())
            .unwrap_or(provider);
        list.push(RecentMethod {
            kind: RecentKind::Provider,
            label,
            added_at: at,
        });
    }
    list.sort_by_key(|m| m.added_at);
    Ok(list)
}

/// Removes the ways to sign in added in the last [`RECENT_MS`]; how many.
pub async fn remove_recent(deps: &Deps<'_>, req: &Requester, me: &SessionRow) -> AppResult<u64> {
    let mut tx = deps.db.begin_write().await?;
    let n = repo::remove_recent_methods(&mut tx, me.user_id, deps.now - RECENT_MS).await?;
    commit_counted(tx, me, EventKind::MethodsRemoved, n, req, deps.now).await
}

/// Logs how many things an action did to the account (`kind`), then commits;
/// answers the count.
pub async fn commit_counted(
    mut tx: Tx,
    me: &SessionRow,
    kind: EventKind,
    n: u64,
    req: &Requester,
    now: i64,
) -> AppResult<u64> {
    log(&mut tx, Some(me.user_id), kind, &n.to_string(), req, now).await?;
    tx.commit().await?;
    Ok(n)
}

/// A message's text with its sealed code in place while the code lives, and dots
/// once it is used, replaced or expired.
/// Messages written before notices keep their stored text.
fn show_message(
    settings: &Settings,
    lang: Lang,
    user_id: i64,
    m: &repo::MessageRow,
    now: i64,
) -> String {
    let code = match (&m.secret, m.secret_expires_at) {
        (Some(sealed), Some(until)) if until > now => {
            unseal_feed_code(&settings.secret, user_id, sealed)
        }
        _ => None,
    };
    let code = code.as_deref().unwrap_or("••••••");
    match m.notice.as_deref().map(serde_json::from_str::<Notice>) {
        Some(Ok(n)) => notice_text(lang, &n, code),
        Some(Err(e)) => {
            tracing::warn!(error = %e, id = m.id, "unreadable security notice");
            String::new()
        }
        None => m.body.replace(repo::CODE_MARK, code),
    }
}

/// Sends without waiting for the outcome (it is logged).
pub(crate) fn send_later(deps: &Deps<'_>, message: Message) {
    let notifier = deps.notifier.clone();
    tokio::spawn(async move {
        if let Err(e) = notifier.send(&message).await {
            tracing::error!(error = %e, channel = message.channel(), "delivery failed");
        }
    });
}

/// Emails the account's verified email, if it has one (in the background).
pub(crate) fn email_account(deps: &Deps<'_>, user: &UserRow, subject: &str, text: String) {
    if let (Some(email), true) = (&user.email, user.email_verified) {
        send_later(
            deps,
            Message::Email {
                to: email.clone(),
                subject: subject.to_string(),
                text,
            },
        );
    }
}

/// Texts the account's phone, if it has one (in the background).
pub(crate) fn sms_account(deps: &Deps<'_>, user: &UserRow, text: String) {
    if let Some(phone) = &user.phone {
        send_later(
            deps,
            Message::Sms {
                to: phone.clone(),
                text,
            },
        );
    }
}

pub async fn log(
    tx: &mut Tx,
    user_id: Option<i64>,
    kind: EventKind,
    detail: &str,
    req: &Requester,
    now: i64,
) -> AppResult<()> {
    repo::log_event(
        tx,
        Event {
            user_id,
            kind,
            detail,
            ip: &req.ip,
            user_agent: &req.user_agent,
            at: now,
        },
    )
    .await?;
    Ok(())
}
