//! Passkey server functions. The ceremony's random token travels in an HttpOnly
//! cookie; the options and the authenticator's answer travel as JSON text.

use crate::account::signin::model::SignInStep;
use crate::shared::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::account::passkeys::service,
    crate::account::session::service::{set_cookie as set_session, signed_in},
    crate::platform::ratelimit::PASSKEY_LOGIN,
    crate::platform::request::{self, serve},
    crate::shared::error::Field,
};

#[cfg(feature = "ssr")]
mod cookie {
    use crate::platform::request;
    use crate::shared::error::AppError;

    const NAME: &str = "rynok_webauthn";

    pub fn set(token: &str) {
        request::set_cookie(NAME, token, 5 * 60, true);
    }

    pub fn take() -> Result<String, AppError> {
        let t = request::cookie(NAME)
            .filter(|t| crate::platform::security::is_token(t))
            .ok_or(AppError::CodeExpired)?;
        request::clear_cookie(NAME);
        Ok(t)
    }
}

/// Options for `navigator.credentials.create`, for a passkey called `name`.
#[server(endpoint = "account/passkeys/register/start")]
pub async fn passkey_register_start(name: String) -> Result<String, AppError> {
    signed_in(|cx, me| async move {
        let (options, token) = service::register_start(&cx.deps(), &me, &name).await?;
        cookie::set(&token);
        Ok(options)
    })
    .await
}

#[server(endpoint = "account/passkeys/register/finish")]
pub async fn passkey_register_finish(credential: String) -> Result<(), AppError> {
    signed_in(|cx, me| async move {
        let token = cookie::take()?;
        service::register_finish(&cx.deps(), &cx.req(), me.user_id, &token, &credential).await
    })
    .await
}

/// Options for `navigator.credentials.get`.
#[server(endpoint = "account/passkeys/login/start")]
pub async fn passkey_login_start() -> Result<String, AppError> {
    serve(|cx| async move {
        request::limit(PASSKEY_LOGIN)?;
        let (options, token) = service::login_start(&cx.deps()).await?;
        cookie::set(&token);
        Ok(options)
    })
    .await
}

#[server(endpoint = "account/passkeys/login/finish")]
pub async fn passkey_login_finish(credential: String) -> Result<SignInStep, AppError> {
    serve(|cx| async move {
        let token = cookie::take()?;
        let session = service::login_finish(&cx.deps(), &cx.req(), &token, &credential).await?;
        set_session(&cx.st.settings, &session);
        Ok(SignInStep::Done)
    })
    .await
}

#[server(endpoint = "account/passkeys/delete")]
pub async fn passkey_delete(id: String) -> Result<(), AppError> {
    signed_in(|cx, me| async move {
        let id = AppError::parse_id(&id, Field::Id)?;
        service::remove(&cx.deps(), &cx.req(), me.user_id, id).await
    })
    .await
}
