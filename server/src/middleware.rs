//! Request guards and response headers that apply to the whole site.

use app::platform::state::AppState;
use app::shared::error::AppError;
use app::ui::csp::{CspNonce, NON_HTML_POLICY, policy};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// `scheme://host[:port]` of a URL, as browsers write it in the Origin header.
pub fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let host = rest.split('/').next().unwrap_or("");
    format!("{scheme}://{host}")
}

/// The loopback names of one machine count as one origin (a shop served on
/// 127.0.0.1 is also reached as localhost, which passkeys need); nothing else does.
fn loopback_alias(origin: &str) -> String {
    for name in ["://127.0.0.1", "://[::1]"] {
        if let Some(i) = origin.find(name) {
            let rest = &origin[i + name.len()..];
            if rest.is_empty() || rest.starts_with(':') {
                return format!("{}://localhost{rest}", &origin[..i]);
            }
        }
    }
    origin.to_string()
}

/// Whether a state-changing request came from our own pages: its Origin is the
/// public URL's, or, where a browser sends no Origin, Sec-Fetch-Site says same-origin.
pub fn is_same_origin(public_url: &str, origin: Option<&str>, fetch_site: Option<&str>) -> bool {
    match (origin, fetch_site) {
        (Some(o), _) => loopback_alias(o) == loopback_alias(&origin_of(public_url)),
        (None, Some(site)) => site == "same-origin" || site == "none",
        (None, None) => false,
    }
}

/// `/auth/oidc/<provider>/callback`, nothing else.
fn is_oidc_callback(path: &str) -> bool {
    path.strip_prefix("/auth/oidc/")
        .and_then(|rest| rest.strip_suffix("/callback"))
        .is_some_and(|p| !p.is_empty() && !p.contains('/'))
}

/// Refuses POST, PUT, PATCH and DELETE from other sites (CSRF).
pub async fn check_origin(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    // A `form_post` OpenID provider answers with a cross-site POST; the callback
    // only turns it into a GET, where the single-use state and the cookie are checked.
    if is_oidc_callback(req.uri().path()) {
        return next.run(req).await;
    }
    // The payment provider's notifications come from its servers: their body is
    // never trusted, only the payment the provider's API answers for its id.
    // So do the calls of the shop's server to the provider's API, which the
    // stand-in serves in development and tests (Basic auth, no browser involved).
    let path = req.uri().path();
    if path == crate::payments::NOTIFICATION_PATH || path.starts_with("/dev/yookassa/v3/") {
        return next.run(req).await;
    }
    let h = req.headers();
    let origin = h.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let site = h.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if is_same_origin(&state.settings.public_url, origin, site) {
        return next.run(req).await;
    }
    tracing::warn!(?origin, ?site, path = %req.uri().path(), "cross-site request refused");
    let body = serde_json::to_string(&AppError::Forbidden).unwrap_or_default();
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "application/json")],
        Body::from(body),
    )
        .into_response()
}

/// Chooses a nonce for the response, hands it to the renderer through the request and
/// sets the Content-Security-Policy: the page policy with that nonce for HTML, a
/// closed policy for everything else.
pub async fn content_security_policy(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let nonce = app::platform::security::random_nonce();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut res = next.run(req).await;
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let value = if is_html {
        let providers: Vec<String> = state
            .settings
            .oidc
            .iter()
            .map(|p| origin_of(&p.issuer))
            .chain(state.settings.form_targets.iter().cloned())
            .collect();
        HeaderValue::from_str(&policy(&nonce, &providers.join(" "))).ok()
    } else {
        Some(HeaderValue::from_static(NON_HTML_POLICY))
    };
    if let Some(v) = value {
        res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
    }
    res
}

/// Conditional GET for answers that carry an ETag (the badge's poll): when the
/// request's If-None-Match names the answer's tag, the answer becomes 304 Not
/// Modified with no body, keeping the tag and the cache policy, and the browser
/// uses the copy it has. Anything without a tag, or with another, passes as it is.
pub async fn not_modified(req: Request, next: Next) -> Response {
    let wanted = (req.method() == Method::GET)
        .then(|| req.headers().get(header::IF_NONE_MATCH).cloned())
        .flatten();
    let res = next.run(req).await;
    let Some(wanted) = wanted else {
        return res;
    };
    let tag = res.headers().get(header::ETAG);
    if res.status() != StatusCode::OK || !tag.is_some_and(|t| names_tag(&wanted, t)) {
        return res;
    }
    let mut out = StatusCode::NOT_MODIFIED.into_response();
    for name in [header::ETAG, header::CACHE_CONTROL, header::VARY] {
        if let Some(v) = res.headers().get(&name) {
            out.headers_mut().insert(name, v.clone());
        }
    }
    out
}

/// Whether If-None-Match `wanted` ("*", or tags separated by commas, weak or
/// strong: the weak comparison GET uses) names `tag`.
fn names_tag(wanted: &HeaderValue, tag: &HeaderValue) -> bool {
    let (Ok(wanted), Ok(tag)) = (wanted.to_str(), tag.to_str()) else {
        return false;
    };
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
    let tag = bare(tag);
    wanted.split(',').any(|w| w.trim() == "*" || bare(w) == tag)
}

/// Built assets whose names carry a content hash (`/pkg/rynok.<hash>.js`) never
/// change, so they are cached for a year; anything else under `/pkg/` is revalidated
/// on every use (cheap: ServeDir answers 304 to If-Modified-Since).
pub async fn asset_cache(req: Request, next: Next) -> Response {
    let policy = cache_policy(req.uri().path());
    let mut res = next.run(req).await;
    if let Some(p) = policy
        && res.status().is_success()
    {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(p));
    }
    res
}

fn cache_policy(path: &str) -> Option<&'static str> {
    path.strip_prefix("/pkg/").map(|file| {
        if file.split('.').count() >= 3 {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        }
    })
}

/// The most a request body may hold, but for the forms with photos.
const BODY_LIMIT: usize = 1024 * 1024;
/// A form with photos (a return's, a review's): three of 10 MB and its fields.
const UPLOAD_LIMIT: usize = 3 * app::platform::photo::MAX_BYTES + 64 * 1024;

/// Bounds every request body: a larger declared length is refused with 413 at
/// once, and a body that runs over while it is read stops there. A multipart
/// form must say so, with its boundary (the decoder would give up otherwise).
pub async fn body_limit(req: Request, next: Next) -> Response {
    use server_fn::ServerFn;
    let path = req.uri().path();
    let upload = path == app::orders::returns::api::CreateReturn::PATH
        || path == app::orders::reviews::api::CreateReview::PATH;
    let limit = if upload { UPLOAD_LIMIT } else { BODY_LIMIT };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    if upload && req.method() == Method::POST {
        let multipart = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("multipart/form-data") && ct.contains("boundary="));
        if !multipart {
            return StatusCode::UNSUPPORTED_MEDIA_TYPE.into_response();
        }
    }
    let (parts, body) = req.into_parts();
    let body = Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, body)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_names_a_tag_strong_weak_listed_or_any() {
        let tag = HeaderValue::from_static("\"b1-5-0-30000\"");
        for (wanted, hit) in [
            ("\"b1-5-0-30000\"", true),
            ("W/\"b1-5-0-30000\"", true),
            ("\"x\", \"b1-5-0-30000\"", true),
            ("*", true),
            ("\"b1-6-0-30000\"", false),
            ("", false),
        ] {
            assert_eq!(
                names_tag(&HeaderValue::from_static(wanted), &tag),
                hit,
                "{wanted}"
            );
        }
    }

    #[test]
    fn hashed_assets_are_cached_for_a_year_and_others_revalidated() {
        assert_eq!(
            cache_policy("/pkg/rynok.CsGMknKy.js"),
            Some("public, max-age=31536000, immutable")
        );
        assert_eq!(cache_policy("/pkg/rynok.js"), Some("no-cache"));
        assert_eq!(cache_policy("/product/x-1"), None);
    }

    #[test]
    fn only_our_origin_may_post() {
        let url = "http://127.0.0.1:3000";
        assert!(is_same_origin(url, Some("http://127.0.0.1:3000"), None));
        assert!(!is_same_origin(
            url,
            Some("http://evil.example"),
            Some("same-origin")
        ));
        assert!(!is_same_origin(url, Some("null"), None));
        assert!(is_same_origin(url, None, Some("same-origin")));
        assert!(!is_same_origin(url, None, Some("cross-site")));
        assert!(!is_same_origin(url, None, None));
        assert_eq!(origin_of("https://rynok.ru/path?x"), "https://rynok.ru");
        // Loopback names are one machine; other ports and hosts are not.
        assert!(is_same_origin(url, Some("http://localhost:3000"), None));
        assert!(is_same_origin(
            "http://localhost:3000",
            Some("http://[::1]:3000"),
            None
        ));
        assert!(!is_same_origin(url, Some("http://localhost:3001"), None));
        assert!(!is_same_origin(
            url,
            Some("http://127.0.0.1.evil.example:3000"),
            None
        ));
        assert!(!is_same_origin(
            "https://rynok.ru",
            Some("http://localhost"),
            None
        ));
    }

    #[test]
    fn only_the_oidc_callback_takes_cross_site_posts() {
        assert!(is_oidc_callback("/auth/oidc/apple/callback"));
        assert!(!is_oidc_callback("/auth/oidc//callback"));
        assert!(!is_oidc_callback("/auth/oidc/a/b/callback"));
        assert!(!is_oidc_callback("/api/account/signout"));
    }
}
