//! Rynok Card application server functions.

// The application form is thirteen fields, one argument each, as a plain form
// posts them.
#![allow(clippy::too_many_arguments)]

use crate::shared::error::AppError;
use crate::wallet::card::model::CardView;
use crate::wallet::withdrawals::model::CodeSent;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    crate::account::{current_session, signed_in},
    crate::platform::request::serve,
    crate::wallet::card::service,
};

#[server(endpoint = "wallet/card/apply")]
pub async fn card_apply(
    email: String,
    code_word: String,
    last_name: String,
    first_name: String,
    middle_name: String,
    birth_date: String,
    passport_series: String,
    passport_number: String,
    issue_date: String,
    issuer_code: String,
    document_kind: String,
    document: String,
    consent: Option<String>,
) -> Result<CodeSent, AppError> {
    signed_in(|cx, me| async move {
        let f = service::CardForm {
            email: &email,
            code_word: &code_word,
            last_name: &last_name,
            first_name: &first_name,
            middle_name: &middle_name,
            birth_date: &birth_date,
            passport_series: &passport_series,
            passport_number: &passport_number,
            issue_date: &issue_date,
            issuer_code: &issuer_code,
            document_kind: &document_kind,
            document: &document,
            consent: matches!(consent.as_deref(), Some("on" | "true" | "1")),
        };
        service::start(&cx.deps(), &cx.req(), me.user_id, f).await
    })
    .await
}

#[server(endpoint = "wallet/card/confirm")]
pub async fn card_confirm(id: String, code: String) -> Result<CardView, AppError> {
    signed_in(|cx, me| async move {
        let id = AppError::parse_id(&id, crate::shared::error::Field::Id)?;
        service::confirm(&cx.deps(), me.user_id, id, &code).await
    })
    .await
}

/// Closes the signed-in shopper's active card; `confirm` is the "I understand" box
/// (absent when unticked).
#[server(endpoint = "wallet/card/close")]
pub async fn card_close(id: String, confirm: Option<String>) -> Result<CardView, AppError> {
    signed_in(|cx, me| async move {
        let id = AppError::parse_id(&id, crate::shared::error::Field::Id)?;
        let confirmed = confirm.is_some_and(|c| !c.is_empty());
        service::close(&cx.deps(), me.user_id, id, confirmed).await
    })
    .await
}

/// The signed-in shopper's latest application (None: none yet); Err(Unauthorized)
/// for a guest.
#[server(input = GetUrl, endpoint = "wallet/card")]
pub async fn get_card() -> Result<Option<CardView>, AppError> {
    serve(|cx| async move {
        let me = current_session().await?.ok_or(AppError::Unauthorized)?;
        service::view(&cx.deps(), me.user_id).await
    })
    .await
}
