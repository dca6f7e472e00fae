//! Returns' server functions. Asking for a return is a multipart form (it carries
//! photos), posted by the browser itself with or without JavaScript; the rest are
//! plain forms and reads.

use crate::orders::returns::model::{ReturnAtPoint, ReturnForm, ReturnView};
use crate::shared::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
use {
    crate::account::{current_session, signed_in},
    crate::orders::returns::{accept, model::MAX_PHOTOS, service},
    crate::platform::request::serve,
    crate::shared::error::Field,
};

/// An order's returns, and whether some line of it can still be returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderReturns {
    pub returns: Vec<ReturnView>,
    pub can_return: bool,
}

/// The return form of the signed-in shopper's order `order`. `None` for a guest.
#[server(input = GetUrl, endpoint = "returns/form")]
pub async fn get_return_form(order: String) -> Result<Option<ReturnForm>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        let order = AppError::parse_id(&order, Field::Id)?;
        let now = cx.deps().now;
        service::form(&cx.st.db, now, me.user_id, order)
            .await
            .map(Some)
    })
    .await
}

/// The returns of the signed-in shopper's order `order`. `None` for a guest.
#[server(input = GetUrl, endpoint = "returns/of-order")]
pub async fn get_order_returns(order: String) -> Result<Option<OrderReturns>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        let order = AppError::parse_id(&order, Field::Id)?;
        let now = cx.deps().now;
        let returns = service::of_order(&cx.st.db, me.user_id, order).await?;
        let form = service::form(&cx.st.db, now, me.user_id, order).await?;
        Ok(Some(OrderReturns {
            returns,
            can_return: !form.lines.is_empty(),
        }))
    })
    .await
}

/// The shopper asks to return lines of an order: fields `order`, `item` (one per
/// line), `reason`, `comment`, `refund_to` and up to three `photo` files. Sends the
/// browser to the order's page.
#[server(input = MultipartFormData, endpoint = "returns/create")]
pub async fn create_return(data: MultipartData) -> Result<i64, AppError> {
    signed_in(|cx, me| async move {
        let form = crate::platform::upload::read(data, MAX_PHOTOS).await?;
        let order = AppError::parse_id(form.get("order"), Field::Id)?;
        let items = form
            .all("item")
            .map(|i| AppError::parse_id(i, Field::Selected))
            .collect::<Result<Vec<_>, _>>()?;
        let r = service::ReturnRequest {
            order,
            items,
            reason: form.get("reason").to_string(),
            comment: form.get("comment").to_string(),
            refund_to: form.get("refund_to").to_string(),
            photos: form.photos,
        };
        let id = service::create(&cx.deps(), me.user_id, r).await?;
        leptos_axum::redirect(&format!("/orders/{order}?return={id}"));
        Ok(id)
    })
    .await
}

/// The shopper withdraws return `id` before it is accepted. Sends the browser back
/// to the order's page.
#[server(endpoint = "returns/cancel")]
pub async fn cancel_return(id: String) -> Result<i64, AppError> {
    signed_in(|cx, me| async move {
        let id = AppError::parse_id(&id, Field::Id)?;
        let order = service::cancel(&cx.deps(), me.user_id, id).await?;
        leptos_axum::redirect(&format!("/orders/{order}"));
        Ok(order)
    })
    .await
}

/// The return waiting under `code`, for the signed-in operator.
#[server(input = GetUrl, endpoint = "pickup/return")]
pub async fn find_return(code: String) -> Result<ReturnAtPoint, AppError> {
    signed_in(|cx, me| async move { service::find_at_point(&cx.deps(), me.user_id, &code).await })
        .await
}

/// The operator accepts the return under `code`: the money goes back at once.
/// Sends a plain form back to the screen with the return's number.
#[server(endpoint = "pickup/accept-return")]
pub async fn accept_return(code: String) -> Result<String, AppError> {
    signed_in(|cx, me| async move {
        let deps = cx.deps();
        let (number, order, card) = accept::accept(&deps, me.user_id, &code).await?;
        // The card refund is recorded; asking the provider now is a courtesy, and
        // the payments job asks again if it fails.
        if card && let Err(e) = crate::orders::service::send_refunds(&deps, Some(order)).await {
            tracing::warn!(order, error = ?e, "card refund of a return not sent yet");
        }
        leptos_axum::redirect(&format!("/pickup?returned={number}"));
        Ok(number)
    })
    .await
}
