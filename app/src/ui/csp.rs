//! The Content-Security-Policy of HTML pages: scripts only from us or with this
//! response's nonce (the hydration script), WASM allowed, nothing framed.

use http::HeaderValue;
use http::header::CONTENT_SECURITY_POLICY;
use leptos::nonce::use_nonce;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

pub fn policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

pub fn set_header() {
    let (Some(nonce), Some(res)) = (use_nonce(), use_context::<ResponseOptions>()) else {
        return;
    };
    if let Ok(v) = HeaderValue::from_str(&policy(&nonce)) {
        res.insert_header(CONTENT_SECURITY_POLICY, v);
    }
}
