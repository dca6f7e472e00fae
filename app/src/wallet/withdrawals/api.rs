//! Withdrawal server functions: ask, confirm by code, follow.

use crate::shared::error::AppError;
use crate::wallet::withdrawals::model::{CodeSent, SavedDetails, WithdrawalView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    crate::account::{current_session, signed_in},
    crate::platform::request::serve,
    crate::wallet::withdrawals::service,
};

/// What the withdrawal section shows: a withdrawal waiting for its code, and the
/// latest ones with where they stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Withdrawals {
    pub awaiting: Option<CodeSent>,
    pub recent: Vec<WithdrawalView>,
    /// The details of the last confirmed withdrawal, filled into the form.
    pub saved: Option<SavedDetails>,
}

#[server(endpoint = "wallet/withdrawals/start")]
pub async fn withdraw_start(
    amount: String,
    recipient: String,
    bik: String,
    account_number: String,
) -> Result<CodeSent, AppError> {
    signed_in(|cx, me| async move {
        let f = service::Request {
            amount: &amount,
            recipient: &recipient,
            bik: &bik,
            account_number: &account_number,
        };
        service::start(&cx.deps(), &cx.req(), me.user_id, f).await
    })
    .await
}

#[server(endpoint = "wallet/withdrawals/confirm")]
pub async fn withdraw_confirm(id: String, code: String) -> Result<WithdrawalView, AppError> {
    signed_in(|cx, me| async move {
        let id = AppError::parse_id(&id, crate::shared::error::Field::Id)?;
        service::confirm(&cx.deps(), &cx.req(), me.user_id, id, &code).await
    })
    .await
}

#[server(input = GetUrl, endpoint = "wallet/withdrawals")]
pub async fn get_withdrawals() -> Result<Withdrawals, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(Withdrawals::default());
        };
        let deps = cx.deps();
        Ok(Withdrawals {
            awaiting: service::awaiting(deps.db, deps.now, me.user_id).await?,
            recent: service::recent(deps.db, me.user_id).await?,
            saved: service::saved_details(deps.db, me.user_id).await?,
        })
    })
    .await
}
