//! Microcaching: a storefront page rendered for an anonymous shopper is kept for a
//! moment (`APP_MICROCACHE_MS`, one second by default) and served as it is, already
//! compressed, to the next anonymous shoppers asking for the same page in the same
//! language. Under load most page views then cost a hash lookup instead of queries,
//! rendering and compression.
//!
//! Who never gets a stored page: anyone sending a cookie other than the language one
//! (a session, a guest cart, a sign-in under way), anything but a GET of the home,
//! category, search and product pages. What is never stored: any answer but 200 HTML,
//! and any answer that sets a cookie. A price or stock change therefore shows to
//! anonymous shoppers at most one lifetime after the first page rendered after it,
//! and at once to everyone else. While a page is being rendered to be stored, others
//! asking for it wait for that one rendering instead of each rendering it (a busy
//! search page would otherwise never be stored before it expired).
//!
//! A stored page keeps the Content-Security-Policy it was rendered with, because its
//! inline scripts carry that response's nonce. The nonce is then shared by the
//! shoppers served within the lifetime; the page is the same bytes for all of them, so
//! nothing a shopper sends can be written into a page whose nonce they already know.

use app::platform::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// A page larger than this is not stored.
const MAX_PAGE_BYTES: usize = 2 * 1024 * 1024;
/// All stored pages together stay under this.
const MAX_TOTAL_BYTES: usize = 32 * 1024 * 1024;

/// The response header that says whether a page came from the microcache.
pub const HEADER: &str = "x-microcache";

/// The storefront pages an anonymous shopper sees the same as any other.
fn is_storefront(path: &str) -> bool {
    path == "/"
        || path == "/search"
        || path.starts_with("/category/")
        || path.starts_with("/product/")
}

/// Whether the request carries nothing that could make its page differ from
/// another anonymous shopper's: no cookie but the language, no credentials.
fn is_anonymous(headers: &HeaderMap) -> bool {
    if headers.contains_key(header::AUTHORIZATION) {
        return false;
    }
    headers
        .get_all(header::COOKIE)
        .iter()
        .all(|v| match v.to_str() {
            Ok(s) => s
                .split(';')
                .map(str::trim)
                .filter(|kv| !kv.is_empty())
                .all(|kv| kv.split_once('=').is_some_and(|(k, _)| k == "lang")),
            Err(_) => false,
        })
}

#[derive(Clone, PartialEq, Eq, Hash, Debug)]
struct Key {
    path_and_query: String,
    lang: app::i18n::Lang,
    /// Accept-Encoding as sent: answers are stored compressed, and only reused for
    /// requests that would have got the same coding.
    accept_encoding: String,
}

struct Entry {
    stored_at_ms: i64,
    headers: HeaderMap,
    body: Bytes,
}

/// The stored pages of this process. Each server keeps its own; with several
/// servers a change still shows everywhere within the lifetime.
pub struct MicroCache {
    ttl_ms: i64,
    pages: RwLock<HashMap<Key, Entry>>,
    /// Pages being rendered to be stored: one request renders, the others asking
    /// for the same page meanwhile wait for it instead of rendering it again.
    rendering: std::sync::Mutex<HashMap<Key, Arc<tokio::sync::Mutex<()>>>>,
}

impl MicroCache {
    pub fn new(ttl_ms: i64) -> Arc<MicroCache> {
        Arc::new(MicroCache {
            ttl_ms,
            pages: RwLock::new(HashMap::new()),
            rendering: Default::default(),
        })
    }

    fn get(&self, key: &Key, now_ms: i64) -> Option<Response> {
        let pages = self.pages.read().ok()?;
        let e = pages.get(key)?;
        if now_ms - e.stored_at_ms >= self.ttl_ms || now_ms < e.stored_at_ms {
            return None;
        }
        let mut res = Response::new(Body::from(e.body.clone()));
        *res.headers_mut() = e.headers.clone();
        res.headers_mut()
            .insert(HEADER, HeaderValue::from_static("hit"));
        Some(res)
    }

    fn put(&self, key: Key, entry: Entry) {
        let Ok(mut pages) = self.pages.write() else {
            return;
        };
        let size = |e: &Entry| e.body.len() + 512;
        let mut total: usize = pages.values().map(size).sum();
        if total + size(&entry) > MAX_TOTAL_BYTES {
            // Drop what has expired; if that is not enough, start afresh.
            let now = entry.stored_at_ms;
            pages.retain(|_, e| now - e.stored_at_ms < self.ttl_ms);
            total = pages.values().map(size).sum();
            if total + size(&entry) > MAX_TOTAL_BYTES {
                pages.clear();
            }
        }
        pages.insert(key, entry);
    }
}

/// The middleware: serves a stored page when there is a fresh one, otherwise renders
/// and stores what may be stored.
pub async fn serve(
    State((state, cache)): State<(AppState, Arc<MicroCache>)>,
    req: Request,
    next: Next,
) -> Response {
    if cache.ttl_ms <= 0
        || req.method() != Method::GET
        || !is_storefront(req.uri().path())
        || !is_anonymous(req.headers())
    {
        return next.run(req).await;
    }
    let headers = req.headers();
    let lang = app::i18n::Lang::negotiate(
        app::platform::request::cookie_in(headers, "lang").as_deref(),
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let key = Key {
        path_and_query: req
            .uri()
            .path_and_query()
            .map_or_else(|| req.uri().path().to_string(), |p| p.as_str().to_string()),
        lang,
        accept_encoding: headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(","),
    };
    if let Some(hit) = cache.get(&key, state.clock.now_ms()) {
        return hit;
    }
    let turn = cache
        .rendering
        .lock()
        .map(|mut r| r.entry(key.clone()).or_default().clone())
        .ok();
    let Some(turn) = turn else {
        return next.run(req).await;
    };
    let _leader = match turn.clone().try_lock_owned() {
        Ok(guard) => guard,
        Err(_) => {
            // Someone renders this page now: wait for them, then take what they
            // stored. If they could not store it, render it here (not in turn).
            drop(turn.lock().await);
            if let Some(hit) = cache.get(&key, state.clock.now_ms()) {
                return hit;
            }
            return next.run(req).await;
        }
    };
    let res = next.run(req).await;
    let res = store(&cache, key.clone(), res, state.clock.now_ms()).await;
    if let Ok(mut r) = cache.rendering.lock() {
        r.remove(&key);
    }
    res
}

/// Stores what may be stored (200 HTML without cookies) as of `now`, the time its
/// rendering finished, and returns it.
async fn store(cache: &MicroCache, key: Key, res: Response, now: i64) -> Response {
    let storable = res.status() == StatusCode::OK
        && !res.headers().contains_key(header::SET_COOKIE)
        && res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
    if !storable {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_PAGE_BYTES).await else {
        // Too large or broken: the shopper gets an error rather than half a page.
        return Response::builder()
            .status(StatusCode::INTERNAL_SERVER_ERROR)
            .body(Body::empty())
            .unwrap_or_default();
    };
    cache.put(
        key,
        Entry {
            stored_at_ms: now,
            headers: parts.headers.clone(),
            body: body.clone(),
        },
    );
    parts
        .headers
        .insert(HEADER, HeaderValue::from_static("miss"));
    Response::from_parts(parts, Body::from(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn only_the_language_cookie_keeps_a_request_anonymous() {
        assert!(is_anonymous(&headers(&[])));
        assert!(is_anonymous(&headers(&[("cookie", "lang=en")])));
        assert!(!is_anonymous(&headers(&[(
            "cookie",
            "lang=en; rynok_session=x"
        )])));
        assert!(!is_anonymous(&headers(&[("cookie", "rynok_cart=abc")])));
        assert!(!is_anonymous(&headers(&[("cookie", "lang")])));
        assert!(!is_anonymous(&headers(&[
            ("cookie", "lang=ru"),
            ("cookie", "x=1")
        ])));
        assert!(!is_anonymous(&headers(&[("authorization", "Bearer x")])));
    }

    #[test]
    fn only_storefront_pages_are_kept() {
        for p in ["/", "/search", "/category/smartphones", "/product/x-1"] {
            assert!(is_storefront(p), "{p}");
        }
        for p in [
            "/cart",
            "/id",
            "/api/catalog/listing",
            "/searchx",
            "/dev/outbox",
        ] {
            assert!(!is_storefront(p), "{p}");
        }
    }
}
