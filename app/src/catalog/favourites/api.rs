//! Favourites' server functions.

use crate::catalog::model::ProductCard;
use crate::shared::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    crate::account::current_session,
    crate::catalog::favourites::service,
    crate::platform::request::{redirect_to_sign_in, serve},
    crate::shared::error::Field,
};

/// The signed-in shopper keeps `product` (`on` = "1") or lets it go ("0"), and goes
/// back to where the form was (`back`: the product's page or the favourites); a
/// guest is sent to sign in first. A plain form posts it.
#[server(endpoint = "favourites/set")]
pub async fn set_favourite(
    product: String,
    on: String,
    back: Option<String>,
) -> Result<bool, AppError> {
    serve(|cx| async move {
        let id = AppError::parse_id(&product, Field::Product)?;
        let on = AppError::parse_on_off(&on)?;
        let Some(me) = current_session().await? else {
            redirect_to_sign_in(&crate::catalog::model::product_path(id, ""));
            return Ok(false);
        };
        let now = cx.deps().now;
        let path = service::set(&cx.st.db, now, me.user_id, id, on).await?;
        let to = match back.as_deref() {
            Some("favourites") => "/account/favourites".to_string(),
            _ => path,
        };
        leptos_axum::redirect(&to);
        Ok(on)
    })
    .await
}

/// The signed-in shopper's favourites, newest first; `None` for a guest.
#[server(input = GetUrl, endpoint = "favourites")]
pub async fn get_favourites() -> Result<Option<Vec<ProductCard>>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        service::list(&cx.st.db, me.user_id).await.map(Some)
    })
    .await
}
