//! Session server functions: signing out here, or elsewhere.

use crate::shared::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::account::session::service::{self as session, signed_in},
    crate::platform::request::{self, serve},
    crate::shared::error::Field,
};

/// Ends this browser's session.
#[server(endpoint = "account/signout")]
pub async fn sign_out() -> Result<(), AppError> {
    serve(|cx| async move {
        if let Some(me) = session::current().await? {
            session::sign_out(&cx.deps(), &cx.req(), &me).await?;
        }
        request::clear_cookie(session::cookie_name(&cx.st.settings));
        Ok(())
    })
    .await
}

/// Signs out one of the account's other sessions.
#[server(endpoint = "account/sessions/end")]
pub async fn end_session(id: String) -> Result<(), AppError> {
    signed_in(|cx, me| async move {
        let id = AppError::parse_id(&id, Field::Id)?;
        session::end_session(&cx.deps(), &cx.req(), &me, id).await
    })
    .await
}

/// Signs out every session of the account but this one.
#[server(endpoint = "account/sessions/end-others")]
pub async fn end_other_sessions() -> Result<u64, AppError> {
    signed_in(|cx, me| async move { session::end_others(&cx.deps(), &cx.req(), &me).await }).await
}
