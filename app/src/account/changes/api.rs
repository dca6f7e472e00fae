//! Server functions for changing the account: the email, the phone, deletion, the
//! fresh proof before adding a way to sign in, and the recovery request.

use crate::account::changes::model::ChangeStep;
use crate::shared::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::account::changes::model::{ChangeKind, RecoveryForm},
    crate::account::changes::service,
    crate::account::otp::model::OtpCode,
    crate::account::session::service::{cookie_name, signed_in},
    crate::platform::request::{self, serve},
    crate::shared::email::Email,
    crate::shared::error::Field,
    crate::shared::phone::Phone,
};

/// The changes whose code `change_confirm` checks.
#[cfg(feature = "ssr")]
const CONFIRMED_ON_MY_DATA: &[ChangeKind] = &[
    ChangeKind::Email,
    ChangeKind::Phone,
    ChangeKind::PhoneLost,
    ChangeKind::Delete,
];

#[server(endpoint = "account/email/start")]
pub async fn email_start(email: String) -> Result<ChangeStep, AppError> {
    signed_in(|cx, me| async move {
        let email = Email::from_field(&email, Field::Email)?;
        service::start_email(&cx.deps(), &cx.req(), &me, email).await
    })
    .await
}

/// Confirms the code of whichever change is waiting for one (email, phone, deletion).
#[server(endpoint = "account/change/confirm")]
pub async fn change_confirm(code: String) -> Result<ChangeStep, AppError> {
    signed_in(|cx, me| async move {
        let code = OtpCode::from_field(&code)?;
        let deps = cx.deps();
        let step =
            service::confirm(&deps, &cx.req(), me.user_id, CONFIRMED_ON_MY_DATA, &code).await?;
        if step == ChangeStep::Deleted {
            request::clear_cookie(cookie_name(deps.settings));
        }
        Ok(step)
    })
    .await
}

/// Starts a phone change; `lost` ("on") when the old number is out of reach.
#[server(endpoint = "account/phone/start")]
pub async fn phone_start(phone: String, lost: Option<String>) -> Result<ChangeStep, AppError> {
    signed_in(|cx, me| async move {
        let new = Phone::from_field(&phone, Field::Phone)?;
        let lost = matches!(lost.as_deref(), Some("on" | "true" | "1"));
        service::start_phone(&cx.deps(), &cx.req(), &me, new, lost).await
    })
    .await
}

#[server(endpoint = "account/phone/cancel")]
pub async fn phone_cancel() -> Result<(), AppError> {
    signed_in(
        |cx, me| async move { service::cancel_waiting(&cx.deps(), &cx.req(), me.user_id).await },
    )
    .await
}

#[server(endpoint = "account/delete/start")]
pub async fn delete_start(reason: String, comment: Option<String>) -> Result<ChangeStep, AppError> {
    signed_in(|cx, me| async move {
        let comment = comment.as_deref().unwrap_or("");
        service::start_delete(&cx.deps(), &cx.req(), me.user_id, &reason, comment).await
    })
    .await
}

/// A request for support when both the phone and the email are lost; answers its number.
#[server(endpoint = "account/recovery")]
pub async fn recovery_request(
    full_name: String,
    old_phone: String,
    new_phone: String,
    order_number: String,
) -> Result<String, AppError> {
    serve(|cx| async move {
        let form = RecoveryForm::parse(&full_name, &old_phone, &new_phone, &order_number)?;
        let number = service::request_recovery(&cx.deps(), &cx.req(), &form).await?;
        if request::accepts_html() {
            // A plain form post: show the number on the page it goes back to.
            let n = crate::shared::url::percent_encode(&number);
            leptos_axum::redirect(&format!("/signin/recovery?n={n}"));
        }
        Ok(number)
    })
    .await
}

/// Sends a code that proves the account afresh in this session (before adding a
/// passkey).
#[server(endpoint = "account/reauth/start")]
pub async fn reauth_start() -> Result<ChangeStep, AppError> {
    signed_in(|cx, me| async move { service::start_reauth(&cx.deps(), &cx.req(), &me).await }).await
}

/// Checks the code sent by [`reauth_start`].
#[server(endpoint = "account/reauth/confirm")]
pub async fn reauth_confirm(code: String) -> Result<ChangeStep, AppError> {
    signed_in(|cx, me| async move {
        let code = OtpCode::from_field(&code)?;
        service::confirm(
            &cx.deps(),
            &cx.req(),
            me.user_id,
            &[ChangeKind::Reauth],
            &code,
        )
        .await
    })
    .await
}
