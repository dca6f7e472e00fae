//! Rynok ID server functions: thin wrappers that read the request, parse the input
//! into domain types and call `signin` / `profile`. All but the reads are POST; the
//! server's middleware refuses them unless they come from our own pages.

use crate::account::model::{EventInfo, Me, PasskeyInfo, SecurityMessage, SessionInfo, SignInStep};
use crate::shared::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
pub(crate) mod ctx {
    use crate::account::model::{Channel, Email, Phone};
    use crate::account::signin::{Deps, Requester, Target};
    use crate::platform::request;
    use crate::platform::security::is_token;
    use crate::platform::state::AppState;
    use crate::shared::error::{AppError, AppResult};

    /// The cookie that ties a browser to its sign-in attempt.
    pub const ATTEMPT_COOKIE: &str = "rynok_signin";
    const ATTEMPT_COOKIE_SECS: i64 = 30 * 60;

    pub fn deps(st: &AppState) -> Deps<'_> {
        Deps {
            db: &st.db,
            settings: &st.settings,
            notifier: &st.notifier,
            now: st.clock.now_ms(),
        }
    }

    pub fn requester() -> Requester {
        Requester {
            ip: request::client_ip(),
            user_agent: request::user_agent(),
            lang: request::lang(),
            guest_cart: crate::cart::server::guest::current(),
        }
    }

    pub fn attempt_token() -> Option<String> {
        request::cookie(ATTEMPT_COOKIE).filter(|t| is_token(t))
    }

    pub fn set_attempt(token: &str) {
        request::set_cookie(ATTEMPT_COOKIE, token, ATTEMPT_COOKIE_SECS, true);
    }

    pub fn clear_attempt() {
        request::clear_cookie(ATTEMPT_COOKIE);
    }

    pub fn set_session(st: &AppState, token: &str) {
        let name = crate::account::session::cookie_name(&st.settings);
        request::set_cookie(name, token, st.settings.session_absolute_ms / 1000, true);
    }

    pub fn phone(raw: &str, channel: &str) -> AppResult<Target> {
        use crate::account::model::PhoneError::*;
        let phone = Phone::parse(raw).map_err(|e| {
            let why = match e {
                Empty => "empty",
                BadCharacters => "bad_characters",
                WrongLength => "wrong_length",
                NotMobile => "not_mobile",
                UnknownCountry => "unknown_country",
            };
            AppError::invalid("phone", why)
        })?;
        let channel = match Channel::parse(channel) {
            Some(c @ (Channel::Call | Channel::Sms)) => c,
            _ => return Err(AppError::invalid("channel", "unknown")),
        };
        Ok(Target::Phone(phone, channel))
    }

    pub fn email(raw: &str) -> AppResult<Email> {
        use crate::account::model::EmailError::*;
        Email::parse(raw).map_err(|e| {
            let why = match e {
                Empty => "empty",
                TooLong => "too_long",
                Malformed => "malformed",
            };
            AppError::invalid("email", why)
        })
    }
}

/// The signed-in person, or nothing for a guest.
#[server(input = GetUrl, endpoint = "account/me")]
pub async fn get_me() -> Result<Option<Me>, AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            let Some(s) = crate::account::session::current().await? else {
                return Ok(None);
            };
            let Some(u) = crate::account::repo::user_by_id(&st.db, s.user_id).await? else {
                return Ok(None);
            };
            let name = format!("{} {}", u.first_name, u.last_name)
                .trim()
                .to_string();
            Ok(Some(Me {
                id: u.id,
                name,
                phone: u.phone.map(|p| p.display()).unwrap_or_default(),
                email: u.email.map(|e| e.as_str().to_string()),
                email_verified: u.email_verified,
            }))
        }
        .await,
    )
}

/// Where this browser's sign-in stands.
#[server(input = GetUrl, endpoint = "account/signin")]
pub async fn signin_state() -> Result<SignInStep, AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            if crate::account::session::current().await?.is_some() {
                return Ok(SignInStep::Done);
            }
            let token = ctx::attempt_token();
            crate::account::signin::step(&st.db, token.as_deref(), st.clock.now_ms()).await
        }
        .await,
    )
}

/// Sends a code to a phone number, by a call (default) or an SMS.
#[server(endpoint = "account/signin/phone")]
pub async fn signin_phone(phone: String, channel: Option<String>) -> Result<SignInStep, AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            let target = ctx::phone(&phone, channel.as_deref().unwrap_or("call"))?;
            let (token, step) =
                crate::account::signin::start(&ctx::deps(&st), &ctx::requester(), target).await?;
            ctx::set_attempt(&token);
            Ok(step)
        }
        .await,
    )
}

/// Sends a code to an account's verified email. The answer is the same whether or
/// not such an account exists.
#[server(endpoint = "account/signin/email")]
pub async fn signin_email(email: String) -> Result<SignInStep, AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            let email = ctx::email(&email)?;
            let target = crate::account::signin::Target::Email(email);
            let (token, step) =
                crate::account::signin::start(&ctx::deps(&st), &ctx::requester(), target).await?;
            ctx::set_attempt(&token);
            Ok(step)
        }
        .await,
    )
}

/// A new code for the sign-in under way; `channel` "sms" switches a call to an SMS.
#[server(endpoint = "account/signin/resend")]
pub async fn signin_resend(channel: Option<String>) -> Result<SignInStep, AppError> {
    crate::platform::request::answer(
        async move {
            use crate::account::model::Channel;
            let st = crate::platform::request::state()?;
            let token = ctx::attempt_token().ok_or(AppError::CodeExpired)?;
            let channel = match channel.as_deref() {
                None | Some("") => None,
                Some(c) => {
                    Some(Channel::parse(c).ok_or_else(|| AppError::invalid("channel", "unknown"))?)
                }
            };
            crate::account::signin::resend(&ctx::deps(&st), &ctx::requester(), &token, channel)
                .await
        }
        .await,
    )
}

/// Checks the code; signs in, or asks a new number to accept the terms.
#[server(endpoint = "account/signin/code")]
pub async fn signin_code(code: String) -> Result<SignInStep, AppError> {
    crate::platform::request::answer(
        async move {
            use crate::account::signin::Verified;
            let st = crate::platform::request::state()?;
            let code = crate::account::model::OtpCode::from_field(&code)?;
            let token = ctx::attempt_token().ok_or(AppError::CodeExpired)?;
            match crate::account::signin::verify(&ctx::deps(&st), &ctx::requester(), &token, &code)
                .await?
            {
                Verified::SignedIn { session_token } => {
                    ctx::set_session(&st, &session_token);
                    ctx::clear_attempt();
                    Ok(SignInStep::Done)
                }
                Verified::NeedsTerms { to } => Ok(SignInStep::Terms { to }),
            }
        }
        .await,
    )
}

/// Creates the account for a new number once the terms are accepted (the checkbox
/// sends "on"; unticked, it sends nothing).
#[server(endpoint = "account/signin/terms")]
pub async fn signin_terms(accept: Option<String>) -> Result<SignInStep, AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            let token = ctx::attempt_token().ok_or(AppError::CodeExpired)?;
            let accepted = matches!(accept.as_deref(), Some("on" | "true" | "1"));
            let session_token = crate::account::signin::accept_terms(
                &ctx::deps(&st),
                &ctx::requester(),
                &token,
                accepted,
            )
            .await?;
            ctx::set_session(&st, &session_token);
            ctx::clear_attempt();
            Ok(SignInStep::Done)
        }
        .await,
    )
}

/// Abandons the sign-in under way (to enter another number).
#[server(endpoint = "account/signin/cancel")]
pub async fn signin_cancel() -> Result<(), AppError> {
    ctx::clear_attempt();
    Ok(())
}

/// Ends this browser's session.
#[server(endpoint = "account/signout")]
pub async fn sign_out() -> Result<(), AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            let name = crate::account::session::cookie_name(&st.settings);
            if let Some(s) = crate::account::session::current().await? {
                crate::account::profile::sign_out(
                    &st.db,
                    &ctx::requester(),
                    s.user_id,
                    s.id,
                    st.clock.now_ms(),
                )
                .await?;
            }
            crate::platform::request::clear_cookie(name);
            Ok(())
        }
        .await,
    )
}

/// What the "Security" page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityView {
    pub sessions: Vec<SessionInfo>,
    pub history: Vec<EventInfo>,
    pub messages: Vec<SecurityMessage>,
    pub passkeys: Vec<PasskeyInfo>,
    /// Ways to sign in added in the last days, offered for removal.
    pub recent: Vec<crate::account::model::RecentMethod>,
}

#[server(input = GetUrl, endpoint = "account/security")]
pub async fn get_security() -> Result<SecurityView, AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            let s = crate::account::session::require().await?;
            crate::account::profile::security(&st.db, &st.settings, &s, st.clock.now_ms()).await
        }
        .await,
    )
}

/// Signs out one of the account's other sessions.
#[server(endpoint = "account/sessions/end")]
pub async fn end_session(id: String) -> Result<(), AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            let s = crate::account::session::require().await?;
            let id = AppError::parse_id(&id, "id", "not a session")?;
            crate::account::profile::end_session(
                &st.db,
                &ctx::requester(),
                &s,
                id,
                st.clock.now_ms(),
            )
            .await
        }
        .await,
    )
}

/// Signs out every session of the account but this one.
#[server(endpoint = "account/sessions/end-others")]
pub async fn end_other_sessions() -> Result<u64, AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            let s = crate::account::session::require().await?;
            crate::account::profile::end_others(&st.db, &ctx::requester(), &s, st.clock.now_ms())
                .await
        }
        .await,
    )
}

/// Removes the ways to sign in added in the last days (after a break-in).
#[server(endpoint = "account/methods/remove-recent")]
pub async fn remove_recent_methods() -> Result<u64, AppError> {
    crate::platform::request::answer(
        async move {
            let st = crate::platform::request::state()?;
            let s = crate::account::session::require().await?;
            crate::account::profile::remove_recent(&st.db, &ctx::requester(), &s, st.clock.now_ms())
                .await
        }
        .await,
    )
}
