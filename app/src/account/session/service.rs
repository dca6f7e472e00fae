//! Sessions: a random token in an HttpOnly cookie, only its hash in the database,
//! with an idle and an absolute lifetime.

use crate::account::security::model::EventKind;
use crate::account::security::service::{commit_counted, log};
use crate::account::session::model::is_live;
use crate::account::session::repo::{self, NewSession, SessionRow};
use crate::platform::db::{Db, Tx};
use crate::platform::request::{Ctx, Requester, serve};
use crate::platform::security::{hash_token, is_token, random_token};
use crate::platform::state::{Deps, Settings};
use crate::shared::error::{AppError, AppResult};

/// The cookie's name: with the `__Host-` prefix when served over https, which makes
/// the browser insist on Secure, Path=/ and no Domain.
pub fn cookie_name(settings: &Settings) -> &'static str {
    if settings.is_https() {
        "__Host-rynok_session"
    } else {
        "rynok_session"
    }
}

/// Requests closer together than this do not rewrite "last seen".
const TOUCH_EVERY_MS: i64 = 60_000;

/// Starts a session for the account and returns its token for the cookie.
pub async fn create(
    tx: &mut Tx,
    user_id: i64,
    settings: &Settings,
    now: i64,
    user_agent: &str,
    ip: &str,
) -> Result<String, sqlx::Error> {
    let token = random_token();
    repo::insert_session(
        tx,
        NewSession {
            token_hash: &hash_token(&token),
            user_id,
            now,
            expires_at: now + settings.session_absolute_ms,
            user_agent,
            ip,
        },
    )
    .await?;
    Ok(token)
}

/// The live session a cookie value stands for, marking it seen. A value not shaped
/// like a token is no session, and never reaches the database.
pub async fn resolve(
    db: &Db,
    settings: &Settings,
    token: &str,
    now: i64,
    ip: &str,
) -> AppResult<Option<SessionRow>> {
    if !is_token(token) {
        return Ok(None);
    }
    let Some(s) = repo::session_by_token(db, &hash_token(token)).await? else {
        return Ok(None);
    };
    if !is_live(&s, now, settings) {
        return Ok(None);
    }
    if now - s.last_seen_at >= TOUCH_EVERY_MS || s.ip != ip {
        repo::touch_session(db, s.id, now, ip).await?;
    }
    Ok(Some(s))
}

/// The session of one request, looked up once however many server functions the
/// page's rendering calls (the header, the cart badge and the page each ask).
#[derive(Clone, Default)]
pub struct RequestSession(std::sync::Arc<tokio::sync::OnceCell<Option<SessionRow>>>);

/// The session of the current request, if it has a live one.
pub async fn current() -> AppResult<Option<SessionRow>> {
    match leptos::prelude::use_context::<RequestSession>() {
        Some(cache) => cache.0.get_or_try_init(lookup).await.cloned(),
        None => lookup().await,
    }
}

async fn lookup() -> AppResult<Option<SessionRow>> {
    let st = crate::platform::request::state()?;
    // `resolve` checks the value's shape.
    let Some(token) = crate::platform::request::cookie(cookie_name(&st.settings)) else {
        return Ok(None);
    };
    let now = st.clock.now_ms();
    let ip = crate::platform::request::client_ip();
    resolve(&st.db, &st.settings, &token, now, &ip).await
}

/// The request's session cookie, when it is shaped like a token (anything else is
/// no session, and never reaches the database).
fn cookie_token(settings: &Settings) -> Option<String> {
    crate::platform::request::cookie(cookie_name(settings)).filter(|t| is_token(t))
}

/// The current request's live session and `extra` (a scalar subquery over
/// `s.user_id`, see [`repo::session_by_token_with`]), read in one query. For polls:
/// the session is not marked seen, since a tab left open polls on its own and that
/// is not the person's activity (the sessions list and the idle limit go by what
/// the person does).
pub async fn peek_with(extra: &str) -> AppResult<Option<(SessionRow, i64)>> {
    let st = crate::platform::request::state()?;
    let Some(hash) = cookie_token(&st.settings).map(|t| hash_token(&t)) else {
        return Ok(None);
    };
    let Some(row) = repo::session_by_token_with(&st.db, &hash, extra).await? else {
        return Ok(None);
    };
    Ok(is_live(&row.session, st.clock.now_ms(), &st.settings).then_some((row.session, row.extra)))
}

/// The session of the current request, or `Unauthorized`.
pub async fn require() -> AppResult<SessionRow> {
    current()
        .await?
        .ok_or(crate::shared::error::AppError::Unauthorized)
}

/// The frame of a server function for signed-in people: [`serve`] with the
/// request's session, or `Unauthorized` for a guest.
pub async fn signed_in<T, Fut>(f: impl FnOnce(Ctx, SessionRow) -> Fut) -> AppResult<T>
where
    Fut: std::future::Future<Output = AppResult<T>>,
{
    serve(|cx| async move {
        let me = require().await?;
        f(cx, me).await
    })
    .await
}

/// Gives the browser its session cookie.
pub fn set_cookie(settings: &Settings, token: &str) {
    crate::platform::request::set_cookie(
        cookie_name(settings),
        token,
        settings.session_absolute_ms / 1000,
        true,
    );
}

/// Ends the session the request came with.
pub async fn sign_out(deps: &Deps<'_>, req: &Requester, me: &SessionRow) -> AppResult<()> {
    let mut tx = deps.db.begin_write().await?;
    repo::end_session(&mut tx, me.user_id, me.id, deps.now).await?;
    log(
        &mut tx,
        Some(me.user_id),
        EventKind::Signout,
        "",
        req,
        deps.now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Ends another session of the same account.
pub async fn end_session(
    deps: &Deps<'_>,
    req: &Requester,
    me: &SessionRow,
    id: i64,
) -> AppResult<()> {
    let mut tx = deps.db.begin_write().await?;
    if !repo::end_session(&mut tx, me.user_id, id, deps.now).await? {
        return Err(AppError::NotFound);
    }
    let detail = id.to_string();
    log(
        &mut tx,
        Some(me.user_id),
        EventKind::SessionEnded,
        &detail,
        req,
        deps.now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Ends every other session of the account; answers how many.
pub async fn end_others(deps: &Deps<'_>, req: &Requester, me: &SessionRow) -> AppResult<u64> {
    let mut tx = deps.db.begin_write().await?;
    let n = repo::end_other_sessions(&mut tx, me.user_id, Some(me.id), deps.now).await?;
    commit_counted(tx, me, EventKind::SessionsEnded, n, req, deps.now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_cookies_carry_the_host_prefix() {
        let mut s = Settings::for_tests();
        assert_eq!(cookie_name(&s), "rynok_session");
        s.public_url = "https://rynok.ru".into();
        assert_eq!(cookie_name(&s), "__Host-rynok_session");
    }
}
