//! Back-in-stock and price-drop alerts' server functions.

use crate::shared::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::account::current_session,
    crate::catalog::alerts::service,
    crate::platform::request::{redirect_to_sign_in, serve},
    crate::shared::error::Field,
};

/// The signed-in shopper asks to be told when `product` is back in stock, and goes
/// back to its page (`?alert=1`); a guest is sent to sign in first, with the
/// product's page as the way back. A plain form posts it.
#[server(endpoint = "alerts/stock")]
pub async fn ask_stock_alert(product: String) -> Result<bool, AppError> {
    serve(|cx| async move {
        let id = AppError::parse_id(&product, Field::Product)?;
        let Some(me) = current_session().await? else {
            redirect_to_sign_in(&crate::catalog::model::product_path(id, ""));
            return Ok(false);
        };
        let now = cx.deps().now;
        let path = service::ask(&cx.st.db, now, me.user_id, id).await?;
        leptos_axum::redirect(&format!("{path}?alert=1"));
        Ok(true)
    })
    .await
}

/// The signed-in shopper follows `product`'s price (`on` = "1") from today's, or
/// stops ("0"), and goes back to its page (`?price_alert=1` or `0`); a guest is sent
/// to sign in first. A plain form posts it.
#[server(endpoint = "alerts/price")]
pub async fn follow_price(product: String, on: String) -> Result<bool, AppError> {
    serve(|cx| async move {
        let id = AppError::parse_id(&product, Field::Product)?;
        let on = AppError::parse_on_off(&on)?;
        let Some(me) = current_session().await? else {
            redirect_to_sign_in(&crate::catalog::model::product_path(id, ""));
            return Ok(false);
        };
        let now = cx.deps().now;
        let path = service::follow_price(&cx.st.db, now, me.user_id, id, on).await?;
        leptos_axum::redirect(&format!("{path}?price_alert={}", u8::from(on)));
        Ok(on)
    })
    .await
}
