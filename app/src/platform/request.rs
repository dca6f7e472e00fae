//! Helpers for server functions: the shared state, the request and its cookies.

use crate::i18n::Lang;
use crate::platform::state::AppState;
use crate::shared::error::{AppError, AppResult};
use http::HeaderValue;
use http::header::{ACCEPT_LANGUAGE, COOKIE, SET_COOKIE};
use http::request::Parts;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

pub fn state() -> AppResult<AppState> {
    use_context::<AppState>().ok_or_else(|| AppError::internal("AppState missing from context"))
}

fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// The value of one cookie in these request headers.
pub fn cookie_in(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| cookie_in_str(v, name))
}

/// The value of one cookie of the current request.
pub fn cookie(name: &str) -> Option<String> {
    cookie_in(&parts()?.headers, name)
}

/// The language of the current request (cookie, then Accept-Language).
pub fn lang() -> Lang {
    let accept = parts().and_then(|p| {
        p.headers
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    });
    Lang::negotiate(cookie("lang").as_deref(), accept.as_deref())
}

/// Adds a Set-Cookie header: HttpOnly unless said otherwise, SameSite=Lax, Path=/,
/// and Secure when the shop is served over https.
pub fn set_cookie(name: &str, value: &str, max_age_secs: i64, http_only: bool) {
    let secure = state().map(|s| s.settings.is_https()).unwrap_or(false);
    let mut c = format!("{name}={value}; Path=/; Max-Age={max_age_secs}; SameSite=Lax");
    if http_only {
        c.push_str("; HttpOnly");
    }
    if secure {
        c.push_str("; Secure");
    }
    if let (Some(res), Ok(v)) = (use_context::<ResponseOptions>(), HeaderValue::from_str(&c)) {
        res.append_header(SET_COOKIE, v);
    }
}

/// Sets the HTTP status of the page being rendered.
pub fn set_status(code: u16) {
    if let (Some(res), Ok(s)) = (
        use_context::<ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        res.set_status(s);
    }
}

/// Sends a guest to sign in first, with `next` (a path of this shop) as the way back.
pub fn redirect_to_sign_in(next: &str) {
    leptos_axum::redirect(&format!(
        "/signin?next={}",
        crate::shared::url::percent_encode(next)
    ));
}

/// Whether the request came from a plain HTML form (no JavaScript), which leptos
/// answers with a redirect back to the page.
pub fn accepts_html() -> bool {
    parts()
        .and_then(|p| {
            p.headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}

/// Gives a server function's error answer the HTTP status of its error; a plain
/// form post keeps its redirect back to the page, with the error in the URL.
pub fn answer<T>(result: crate::shared::error::AppResult<T>) -> crate::shared::error::AppResult<T> {
    if let Err(e) = &result
        && !accepts_html()
    {
        set_status(e.status());
    }
    result
}

/// The client's address (see `client_addr`): the connection's peer, or behind the
/// shop's own proxies the nearest untrusted X-Forwarded-For entry.
pub fn client_ip() -> String {
    let Some(p) = parts() else {
        return String::new();
    };
    let Some(peer) = p
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
    else {
        return String::new();
    };
    let trusted = state()
        .map(|s| s.settings.trusted_proxies.clone())
        .unwrap_or_default();
    client_ip_of(&p.headers, peer, &trusted)
}

/// The client's address for these headers, arriving from `peer`.
pub fn client_ip_of(
    headers: &http::HeaderMap,
    peer: std::net::IpAddr,
    trusted: &[crate::platform::client_addr::Cidr],
) -> String {
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    crate::platform::client_addr::client_ip(peer, &forwarded, trusted).to_string()
}

/// Lets this request through the per-client limit `rule` of this server, or
/// answers how long to wait.
pub fn limit(rule: crate::platform::ratelimit::Rule) -> AppResult<()> {
    let st = state()?;
    let client = crate::platform::client_addr::limit_bucket(&client_ip());
    st.limiter
        .check(rule, &client, st.clock.now_ms())
        .map_err(|ms| AppError::TooManyRequests {
            retry_after_secs: (ms + 999) / 1000,
        })
}

/// The browser's User-Agent, cut to a sane length.
pub fn user_agent() -> String {
    parts()
        .map(|p| user_agent_of(&p.headers))
        .unwrap_or_default()
}

fn user_agent_of(headers: &http::HeaderMap) -> String {
    headers
        .get(http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.chars().take(300).collect())
        .unwrap_or_default()
}

/// Removes a cookie set with [`set_cookie`].
pub fn clear_cookie(name: &str) {
    set_cookie(name, "", 0, true);
}

/// Tags the answer of a GET server function with an ETag the browser keeps and
/// revalidates on every use (`private, no-cache`): when the next request's
/// If-None-Match names the same tag, the server's conditional layer answers 304
/// with no body and the browser takes the copy it has.
pub fn set_etag(tag: &str) {
    let (Some(res), Ok(etag)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&format!("\"{tag}\"")),
    ) else {
        return;
    };
    res.insert_header(http::header::ETAG, etag);
    res.insert_header(
        http::header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
}

/// Who is asking and from where: every use case that logs or limits gets one.
#[derive(Debug, Clone, Default)]
pub struct Requester {
    pub ip: String,
    pub user_agent: String,
    pub lang: Lang,
    /// The request's Cookie header, for the domains that keep something of a
    /// guest's under their own cookie (the cart) to find it.
    pub cookies: String,
}

impl Requester {
    /// The requester of the current server function or page.
    pub fn current() -> Requester {
        let cookies = parts()
            .map(|p| cookie_header(&p.headers))
            .unwrap_or_default();
        Requester {
            ip: client_ip(),
            user_agent: user_agent(),
            lang: lang(),
            cookies,
        }
    }

    /// The requester of a plain axum handler: `peer` is the connection's address.
    pub fn from_headers(
        headers: &http::HeaderMap,
        peer: std::net::IpAddr,
        trusted: &[crate::platform::client_addr::Cidr],
    ) -> Requester {
        let accept = headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
        Requester {
            ip: client_ip_of(headers, peer, trusted),
            user_agent: user_agent_of(headers),
            lang: Lang::negotiate(cookie_in(headers, "lang").as_deref(), accept),
            cookies: cookie_header(headers),
        }
    }

    /// One of the request's cookies.
    pub fn cookie(&self, name: &str) -> Option<String> {
        cookie_in_str(&self.cookies, name)
    }
}

fn cookie_header(headers: &http::HeaderMap) -> String {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join("; ")
}

fn cookie_in_str(header: &str, name: &str) -> Option<String> {
    header
        .split(';')
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// What a server function works with: the shared state, and who asks.
pub struct Ctx {
    pub st: AppState,
}

impl Ctx {
    pub fn deps(&self) -> crate::platform::state::Deps<'_> {
        self.st.deps()
    }

    /// Who asks (read from the request each time it is called).
    pub fn req(&self) -> Requester {
        Requester::current()
    }
}

/// The frame of every server function: the shared state in, and out the error
/// with its HTTP status (see [`answer`]). A server function is then a few lines:
/// parse the input into domain types, call one service function.
pub async fn serve<T, Fut>(f: impl FnOnce(Ctx) -> Fut) -> AppResult<T>
where
    Fut: std::future::Future<Output = AppResult<T>>,
{
    let result = match state() {
        Ok(st) => f(Ctx { st }).await,
        Err(e) => Err(e),
    };
    answer(result)
}
