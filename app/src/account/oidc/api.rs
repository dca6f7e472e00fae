//! "Sign in with ..." server functions: which providers are configured, and the
//! start of a sign-in (a redirect to the provider). The callback is an axum route
//! (`server/src/oidc.rs`), since the provider calls it, not our pages.

use crate::shared::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    crate::account::oidc::service::{self, FLOW_TTL_MS},
    crate::account::signin::model::safe_next,
    crate::platform::ratelimit::OIDC_START,
    crate::platform::request::{self, serve},
};

/// The configured providers: (name, button label).
#[server(input = GetUrl, endpoint = "account/oidc/providers")]
pub async fn oidc_providers() -> Result<Vec<(String, String)>, AppError> {
    serve(|cx| async move { Ok(service::providers(&cx.st.settings)) }).await
}

/// The cookie that binds a provider's answer to the browser that asked.
pub const OIDC_COOKIE: &str = "rynok_oidc";

/// Sends the browser to the provider (a 302 for a plain form, a redirect header for
/// the hydrated page).
#[server(endpoint = "account/oidc/start")]
pub async fn oidc_start(provider: String, next: Option<String>) -> Result<(), AppError> {
    serve(|cx| async move {
        request::limit(OIDC_START)?;
        let next = safe_next(next);
        let (url, browser) = service::start(&cx.deps(), &provider, &next).await?;
        request::set_cookie(OIDC_COOKIE, &browser, FLOW_TTL_MS / 1000, true);
        leptos_axum::redirect(&url);
        Ok(())
    })
    .await
}
