//! Sign-in server functions. Each is a few lines inside the one frame
//! (`request::serve`): parse the input into domain types, call one use case of
//! `signin::service`. All but the read are POST; the server's middleware refuses
//! them unless they come from our own pages.

use crate::account::signin::model::SignInStep;
use crate::shared::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    crate::account::otp::model::{Channel, OtpCode, Target},
    crate::account::session::service::set_cookie as set_session,
    crate::account::signin::service::{self as signin, Verified},
    crate::platform::request::{self, serve},
    crate::shared::email::Email,
    crate::shared::error::{Field, Problem},
};

/// The cookie that ties a browser to its sign-in attempt.
#[cfg(feature = "ssr")]
pub const ATTEMPT_COOKIE: &str = "rynok_signin";
#[cfg(feature = "ssr")]
const ATTEMPT_COOKIE_SECS: i64 = 30 * 60;

#[cfg(feature = "ssr")]
fn attempt_token() -> Result<String, AppError> {
    request::cookie(ATTEMPT_COOKIE)
        .filter(|t| crate::platform::security::is_token(t))
        .ok_or(AppError::CodeExpired)
}

#[cfg(feature = "ssr")]
fn set_attempt(token: &str) {
    request::set_cookie(ATTEMPT_COOKIE, token, ATTEMPT_COOKIE_SECS, true);
}

/// Where this browser's sign-in stands.
#[server(input = GetUrl, endpoint = "account/signin")]
pub async fn signin_state() -> Result<SignInStep, AppError> {
    serve(|cx| async move {
        if crate::account::session::service::current().await?.is_some() {
            return Ok(SignInStep::Done);
        }
        let token = attempt_token().ok();
        signin::step(&cx.st.db, token.as_deref(), cx.deps().now).await
    })
    .await
}

/// Sends a code to a phone number, by a call (default) or an SMS.
#[server(endpoint = "account/signin/phone")]
pub async fn signin_phone(phone: String, channel: Option<String>) -> Result<SignInStep, AppError> {
    serve(|cx| async move {
        let target = Target::phone(&phone, channel.as_deref().unwrap_or("call"))?;
        let (token, step) = signin::start(&cx.deps(), &cx.req(), target).await?;
        set_attempt(&token);
        Ok(step)
    })
    .await
}

/// Sends a code to an account's verified email. The answer is the same whether or
/// not such an account exists.
#[server(endpoint = "account/signin/email")]
pub async fn signin_email(email: String) -> Result<SignInStep, AppError> {
    serve(|cx| async move {
        let target = Target::Email(Email::from_field(&email, Field::Email)?);
        let (token, step) = signin::start(&cx.deps(), &cx.req(), target).await?;
        set_attempt(&token);
        Ok(step)
    })
    .await
}

/// A new code for the sign-in under way; `channel` "sms" switches a call to an SMS.
#[server(endpoint = "account/signin/resend")]
pub async fn signin_resend(channel: Option<String>) -> Result<SignInStep, AppError> {
    serve(|cx| async move {
        let token = attempt_token()?;
        let channel = match channel.as_deref() {
            None | Some("") => None,
            Some(c) => Some(
                Channel::parse(c)
                    .ok_or_else(|| AppError::invalid(Field::Channel, Problem::Unknown))?,
            ),
        };
        signin::resend(&cx.deps(), &cx.req(), &token, channel).await
    })
    .await
}

/// Checks the code; signs in, or asks a new number to accept the terms.
#[server(endpoint = "account/signin/code")]
pub async fn signin_code(code: String) -> Result<SignInStep, AppError> {
    serve(|cx| async move {
        let code = OtpCode::from_field(&code)?;
        let token = attempt_token()?;
        match signin::verify(&cx.deps(), &cx.req(), &token, &code).await? {
            Verified::SignedIn { session_token } => {
                set_session(&cx.st.settings, &session_token);
                request::clear_cookie(ATTEMPT_COOKIE);
                Ok(SignInStep::Done)
            }
            Verified::NeedsTerms { to } => Ok(SignInStep::Terms { to }),
        }
    })
    .await
}

/// Creates the account for a new number once the terms are accepted (the checkbox
/// sends "on"; unticked, it sends nothing).
#[server(endpoint = "account/signin/terms")]
pub async fn signin_terms(accept: Option<String>) -> Result<SignInStep, AppError> {
    serve(|cx| async move {
        let token = attempt_token()?;
        let accepted = matches!(accept.as_deref(), Some("on" | "true" | "1"));
        let session_token = signin::accept_terms(&cx.deps(), &cx.req(), &token, accepted).await?;
        set_session(&cx.st.settings, &session_token);
        request::clear_cookie(ATTEMPT_COOKIE);
        Ok(SignInStep::Done)
    })
    .await
}

/// Abandons the sign-in under way (to enter another number).
#[server(endpoint = "account/signin/cancel")]
pub async fn signin_cancel() -> Result<(), AppError> {
    serve(|_| async move {
        request::clear_cookie(ATTEMPT_COOKIE);
        Ok(())
    })
    .await
}
