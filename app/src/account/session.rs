//! Sessions: a random token in an HttpOnly cookie, only its hash in the database,
//! with an idle and an absolute lifetime.

use crate::account::repo::{self, NewSession, SessionRow};
use crate::platform::db::{Db, Tx};
use crate::platform::security::{hash_token, is_token, random_token};
use crate::platform::state::Settings;
use crate::shared::error::AppResult;

/// The cookie's name: with the `__Host-` prefix when served over https, which makes
/// the browser insist on Secure, Path=/ and no Domain.
pub fn cookie_name(settings: &Settings) -> &'static str {
    if settings.is_https() {
        "__Host-rynok_session"
    } else {
        "rynok_session"
    }
}

/// Whether a stored session still counts at `now`.
pub fn is_live(s: &SessionRow, now: i64, settings: &Settings) -> bool {
    now < s.expires_at && now - s.last_seen_at < settings.session_idle_ms
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

/// The live session a cookie value stands for, marking it seen.
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
    let Some(token) = crate::platform::request::cookie(cookie_name(&st.settings)) else {
        return Ok(None);
    };
    resolve(
        &st.db,
        &st.settings,
        &token,
        st.clock.now_ms(),
        &crate::platform::request::client_ip(),
    )
    .await
}

/// The session of the current request, or `Unauthorized`.
/// How long a sign-in or a code entered in this session counts as a fresh proof
/// of the account, for adding a way to sign in.
pub const REAUTH_TTL_MS: i64 = 10 * 60_000;

/// Whether the session proved the account within [`REAUTH_TTL_MS`].
pub fn is_fresh(s: &SessionRow, now: i64) -> bool {
    s.reauth_at.is_some_and(|at| now - at < REAUTH_TTL_MS)
}

pub async fn require() -> AppResult<SessionRow> {
    current()
        .await?
        .ok_or(crate::shared::error::AppError::Unauthorized)
}

/// A short description of a browser from its User-Agent: "Chrome, Linux".
pub fn describe_browser(user_agent: &str) -> String {
    let ua = user_agent;
    let browser = if ua.contains("YaBrowser") {
        "Yandex Browser"
    } else if ua.contains("Edg/") {
        "Edge"
    } else if ua.contains("OPR/") {
        "Opera"
    } else if ua.contains("Firefox/") {
        "Firefox"
    } else if ua.contains("Chrome/") || ua.contains("Chromium/") {
        "Chrome"
    } else if ua.contains("Safari/") {
        "Safari"
    } else {
        ""
    };
    let os = if ua.contains("Android") {
        "Android"
    } else if ua.contains("iPhone") || ua.contains("iPad") {
        "iOS"
    } else if ua.contains("Windows") {
        "Windows"
    } else if ua.contains("Mac OS X") {
        "macOS"
    } else if ua.contains("Linux") {
        "Linux"
    } else {
        ""
    };
    match (browser, os) {
        ("", "") => String::new(),
        (b, "") => b.to_string(),
        ("", o) => o.to_string(),
        (b, o) => format!("{b}, {o}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(last_seen: i64, expires: i64) -> SessionRow {
        SessionRow {
            id: 1,
            user_id: 1,
            created_at: 0,
            last_seen_at: last_seen,
            expires_at: expires,
            user_agent: String::new(),
            ip: String::new(),
            reauth_at: Some(0),
        }
    }

    #[test]
    fn a_sign_in_or_a_code_counts_as_fresh_for_ten_minutes() {
        let s = session(0, 1);
        assert!(is_fresh(&s, REAUTH_TTL_MS - 1));
        assert!(!is_fresh(&s, REAUTH_TTL_MS));
        let never = SessionRow {
            reauth_at: None,
            ..session(0, 1)
        };
        assert!(!is_fresh(&never, 0));
    }

    #[test]
    fn sessions_end_after_idle_or_absolute_lifetime() {
        let s = Settings::for_tests();
        let day = 24 * 3600 * 1000;
        let live = session(0, 90 * day);
        assert!(is_live(&live, 29 * day, &s));
        assert!(!is_live(&live, 30 * day, &s), "idle 30 days");
        let active = session(89 * day, 90 * day);
        assert!(!is_live(&active, 90 * day, &s), "absolute 90 days");
    }

    #[test]
    fn browsers_are_named() {
        let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
        assert_eq!(describe_browser(chrome), "Chrome, Linux");
        assert_eq!(describe_browser("curl/8"), "");
    }

    #[test]
    fn https_cookies_carry_the_host_prefix() {
        let mut s = Settings::for_tests();
        assert_eq!(cookie_name(&s), "rynok_session");
        s.public_url = "https://rynok.ru".into();
        assert_eq!(cookie_name(&s), "__Host-rynok_session");
    }
}
