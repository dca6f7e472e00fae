//! "Sign in with ..." server functions: which providers are configured, and the
//! start of a sign-in (a redirect to the provider). The callback is an axum route
//! (`server/src/oidc.rs`), since the provider calls it, not our pages.

use crate::shared::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

/// The configured providers: (name, button label).
#[server(input = GetUrl, endpoint = "account/oidc/providers")]
pub async fn oidc_providers() -> Result<Vec<(String, String)>, AppError> {
    let st = crate::platform::request::state()?;
    Ok(st
        .settings
        .oidc
        .iter()
        .map(|p| (p.name.clone(), p.label.clone()))
        .collect())
}

/// The cookie that binds a provider's answer to the browser that asked.
pub const OIDC_COOKIE: &str = "rynok_oidc";

/// Sends the browser to the provider (a 302 for a plain form, a redirect header for
/// the hydrated page).
#[server(endpoint = "account/oidc/start")]
pub async fn oidc_start(provider: String, next: Option<String>) -> Result<(), AppError> {
    crate::platform::request::answer(
        async move {
            use crate::account::server::ctx;
            let st = crate::platform::request::state()?;
            crate::platform::request::limit(crate::platform::ratelimit::OIDC_START)?;
            let next = crate::account::components::safe_next(next);
            let (url, browser) =
                crate::account::oidc::service::start(&ctx::deps(&st), &provider, &next).await?;
            crate::platform::request::set_cookie(
                OIDC_COOKIE,
                &browser,
                crate::account::oidc::service::FLOW_TTL_MS / 1000,
                true,
            );
            leptos_axum::redirect(&url);
            Ok(())
        }
        .await,
    )
}
