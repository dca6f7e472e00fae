//! The signed-in person's own account: sessions, sign-in history, the Security feed.

use crate::account::model::{
    EventInfo, PasskeyInfo, RecentKind, RecentMethod, SecurityMessage, SessionInfo,
};
use crate::account::repo::{self, SessionRow};
use crate::account::server::SecurityView;
use crate::account::session::{describe_browser, is_live};
use crate::account::signin::{Requester, log};
use crate::platform::db::Db;
use crate::platform::state::Settings;
use crate::shared::error::{AppError, AppResult};

/// Ends the session the request came with.
pub async fn sign_out(
    db: &Db,
    req: &Requester,
    user_id: i64,
    session_id: i64,
    now: i64,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    repo::end_session(&mut tx, user_id, session_id, now).await?;
    log(&mut tx, Some(user_id), "signout", "", req, now).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn security(
    db: &Db,
    settings: &Settings,
    current: &SessionRow,
    now: i64,
) -> AppResult<SecurityView> {
    let sessions = repo::live_sessions(db, current.user_id)
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
        .map(|(kind, detail, ip, ua, at)| EventInfo {
            kind,
            detail,
            ip,
            browser: describe_browser(&ua),
            at,
        })
        .collect();
    let messages = repo::security_messages(db, current.user_id, 50)
        .await?
        .into_iter()
        .map(|m| SecurityMessage {
            id: m.id,
            body: show_code(settings, current.user_id, &m, now),
            at: m.at,
        })
        .collect();
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
pub async fn remove_recent(
    db: &Db,
    req: &Requester,
    current: &SessionRow,
    now: i64,
) -> AppResult<u64> {
    let mut tx = db.begin_write().await?;
    let n = repo::remove_recent_methods(&mut tx, current.user_id, now - RECENT_MS).await?;
    log(
        &mut tx,
        Some(current.user_id),
        "methods_removed",
        &n.to_string(),
        req,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}

/// A message's text with its sealed code in place while the code lives, and dots
/// once it is used, replaced or expired.
fn show_code(settings: &Settings, user_id: i64, m: &repo::MessageRow, now: i64) -> String {
    if !m.body.contains(repo::CODE_MARK) {
        return m.body.clone();
    }
    let code = match (&m.secret, m.secret_expires_at) {
        (Some(sealed), Some(until)) if until > now => {
            crate::account::signin::unseal_feed_code(&settings.secret, user_id, sealed)
        }
        _ => None,
    };
    m.body
        .replace(repo::CODE_MARK, code.as_deref().unwrap_or("••••••"))
}

/// Ends another session of the same account.
pub async fn end_session(
    db: &Db,
    req: &Requester,
    current: &SessionRow,
    id: i64,
    now: i64,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    if !repo::end_session(&mut tx, current.user_id, id, now).await? {
        return Err(AppError::NotFound);
    }
    log(
        &mut tx,
        Some(current.user_id),
        "session_ended",
        &id.to_string(),
        req,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Ends every other session of the account; answers how many.
pub async fn end_others(
    db: &Db,
    req: &Requester,
    current: &SessionRow,
    now: i64,
) -> AppResult<u64> {
    let mut tx = db.begin_write().await?;
    let n = repo::end_other_sessions(&mut tx, current.user_id, Some(current.id), now).await?;
    log(
        &mut tx,
        Some(current.user_id),
        "sessions_ended",
        &n.to_string(),
        req,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}
