//! Passkey server functions. The ceremony's random token travels in an HttpOnly
//! cookie; the options and the authenticator's answer travel as JSON text.

use crate::account::model::SignInStep;
use crate::shared::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod cookie {
    pub const NAME: &str = "rynok_webauthn";

    pub fn set(token: &str) {
        crate::platform::request::set_cookie(NAME, token, 5 * 60, true);
    }

    pub fn take() -> Result<String, crate::shared::error::AppError> {
        let t = crate::platform::request::cookie(NAME)
            .filter(|t| crate::platform::security::is_token(t))
            .ok_or(crate::shared::error::AppError::CodeExpired)?;
        crate::platform::request::clear_cookie(NAME);
        Ok(t)
    }
}

/// Options for `navigator.credentials.create`, for a passkey called `name`.
#[server(endpoint = "account/passkeys/register/start")]
pub async fn passkey_register_start(name: String) -> Result<String, AppError> {
    crate::platform::request::answer(
        async move {
            use crate::account::server::ctx;
            let st = crate::platform::request::state()?;
            let s = crate::account::session::require().await?;
            // A passkey is a way to sign in: a stolen session must prove the
            // account afresh (a code to its phone) before it can add one.
            if !crate::account::session::is_fresh(&s, st.clock.now_ms()) {
                return Err(AppError::ReauthRequired);
            }
            let user = crate::account::repo::user_by_id(&st.db, s.user_id)
                .await?
                .ok_or(AppError::Unauthorized)?;
            let phone = user.phone.map(|p| p.display()).unwrap_or_default();
            let (options, token) = crate::account::passkeys::service::register_start(
                &ctx::deps(&st),
                s.user_id,
                &phone,
                &name,
            )
            .await?;
            cookie::set(&token);
            Ok(options)
        }
        .await,
    )
}

#[server(endpoint = "account/passkeys/register/finish")]
pub async fn passkey_register_finish(credential: String) -> Result<(), AppError> {
    crate::platform::request::answer(
        async move {
            use crate::account::server::ctx;
            let st = crate::platform::request::state()?;
            let s = crate::account::session::require().await?;
            let token = cookie::take()?;
            crate::account::passkeys::service::register_finish(
                &ctx::deps(&st),
                &ctx::requester(),
                s.user_id,
                &token,
                &credential,
            )
            .await
        }
        .await,
    )
}

/// Options for `navigator.credentials.get`.
#[server(endpoint = "account/passkeys/login/start")]
pub async fn passkey_login_start() -> Result<String, AppError> {
    crate::platform::request::answer(
        async move {
            use crate::account::server::ctx;
            let st = crate::platform::request::state()?;
            crate::platform::request::limit(crate::platform::ratelimit::PASSKEY_LOGIN)?;
            let (options, token) =
                crate::account::passkeys::service::login_start(&ctx::deps(&st)).await?;
            cookie::set(&token);
            Ok(options)
        }
        .await,
    )
}

#[server(endpoint = "account/passkeys/login/finish")]
pub async fn passkey_login_finish(credential: String) -> Result<SignInStep, AppError> {
    crate::platform::request::answer(
        async move {
            use crate::account::server::ctx;
            let st = crate::platform::request::state()?;
            let token = cookie::take()?;
            let session = crate::account::passkeys::service::login_finish(
                &ctx::deps(&st),
                &ctx::requester(),
                &token,
                &credential,
            )
            .await?;
            ctx::set_session(&st, &session);
            Ok(SignInStep::Done)
        }
        .await,
    )
}

#[server(endpoint = "account/passkeys/delete")]
pub async fn passkey_delete(id: String) -> Result<(), AppError> {
    crate::platform::request::answer(
        async move {
            use crate::account::server::ctx;
            let st = crate::platform::request::state()?;
            let s = crate::account::session::require().await?;
            let id = AppError::parse_id(&id, "id", "not a passkey")?;
            crate::account::passkeys::service::remove(
                &ctx::deps(&st),
                &ctx::requester(),
                s.user_id,
                id,
            )
            .await
        }
        .await,
    )
}
