//! The Content-Security-Policy of HTML pages: scripts only from us or with this
//! response's nonce (the hydration script and resource data), WASM allowed, nothing
//! framed. The server's middleware makes the nonce, puts it in the request and sets
//! the header; rendering takes the same nonce from the request.

use http::request::Parts;
use leptos::nonce::Nonce;
use leptos::prelude::*;

/// The nonce the middleware chose for this response.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

/// `form_targets`: other origins a form may lead to (the "Sign in with ..."
/// providers, whose pages a plain form post is redirected to), space-separated.
pub fn policy(nonce: &str, form_targets: &str) -> String {
    let sep = if form_targets.is_empty() { "" } else { " " };
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'{sep}{form_targets}; frame-ancestors 'none'"
    )
}

/// The policy of everything that is not a page: nothing runs, nothing frames it.
pub const NON_HTML_POLICY: &str =
    "default-src 'none'; img-src 'self'; style-src 'self'; frame-ancestors 'none'";

/// Gives rendering this response's nonce, for the inline scripts.
pub fn provide_nonce() {
    if let Some(n) = use_context::<Parts>().and_then(|p| p.extensions.get::<CspNonce>().cloned()) {
        provide_context(Nonce::from_value(n.0));
    }
}
