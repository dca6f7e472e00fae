//! Security page server functions.

use crate::account::security::model::{SecurityMessage, SecurityView};
use crate::shared::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    crate::account::security::service,
    crate::account::session::service::{current, signed_in},
    crate::platform::request::serve,
};

/// The Security feed alone (the "Безопасность" tab of the messages). `None` for
/// a guest.
#[server(input = GetUrl, endpoint = "account/security/feed")]
pub async fn get_security_feed() -> Result<Option<Vec<SecurityMessage>>, AppError> {
    serve(|cx| async move {
        let Some(me) = current().await? else {
            return Ok(None);
        };
        let lang = crate::platform::request::lang();
        Ok(Some(service::feed(&cx.deps(), lang, me.user_id).await?))
    })
    .await
}

/// Sessions, history, messages, passkeys and recent ways to sign in.
#[server(input = GetUrl, endpoint = "account/security")]
pub async fn get_security() -> Result<SecurityView, AppError> {
    signed_in(|cx, me| async move {
        let lang = crate::platform::request::lang();
        service::security(&cx.deps(), lang, &me).await
    })
    .await
}

/// Removes the ways to sign in added in the last days (after a break-in).
#[server(endpoint = "account/methods/remove-recent")]
pub async fn remove_recent_methods() -> Result<u64, AppError> {
    signed_in(|cx, me| async move { service::remove_recent(&cx.deps(), &cx.req(), &me).await })
        .await
}
