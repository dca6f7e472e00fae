//! Starting a top-up and following it.

use crate::shared::error::AppError;
use crate::wallet::topups::model::TopUpView;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    crate::account::signed_in,
    crate::shared::error::Field,
    crate::wallet::topups::{model::parse_amount, service},
};

/// Starts a card top-up of `amount` roubles: sends the browser to the provider's
/// page (a 302 for a plain form; the page's answer for a hydrated one).
#[server(endpoint = "wallet/topups/start")]
pub async fn start_topup(amount: String) -> Result<String, AppError> {
    signed_in(|cx, me| async move {
        let amount = parse_amount(&amount).map_err(|why| AppError::invalid(Field::Amount, why))?;
        let url = service::start(&cx.deps(), me.user_id, amount).await?;
        leptos_axum::redirect(&url);
        Ok(url)
    })
    .await
}

/// Top-up `id` of the signed-in shopper, checked with the provider when it is not final.
#[server(input = GetUrl, endpoint = "wallet/topups/get")]
pub async fn get_topup(id: i64) -> Result<Option<TopUpView>, AppError> {
    signed_in(|cx, me| async move { service::view(&cx.deps(), me.user_id, id).await.map(Some) })
        .await
}
