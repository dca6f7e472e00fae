//! Orders' server functions.

use crate::orders::model::OrderView;
use crate::shared::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    crate::account::signed_in,
    crate::orders::service::{self, PlaceRequest},
    crate::shared::error::Field,
};

/// Places the signed-in shopper's order from the lines confirmed at checkout.
#[server(endpoint = "orders/place")]
pub async fn place_order(
    key: String,
    lines: String,
    pickup_point: String,
    recipient_name: String,
    recipient_phone: String,
    pay: String,
) -> Result<OrderView, AppError> {
    signed_in(|cx, me| async move {
        let r = PlaceRequest {
            key: &key,
            lines: &lines,
            pickup_point: &pickup_point,
            recipient_name: &recipient_name,
            recipient_phone: &recipient_phone,
            pay: &pay,
        };
        service::place(&cx.deps(), me.user_id, r).await
    })
    .await
}

/// The signed-in shopper's orders, newest first.
#[server(input = GetUrl, endpoint = "orders")]
pub async fn get_orders() -> Result<Vec<OrderView>, AppError> {
    signed_in(|cx, me| async move { service::list(&cx.st.db, me.user_id).await }).await
}

/// One of the signed-in shopper's orders.
#[server(input = GetUrl, endpoint = "orders/get")]
pub async fn get_order(id: String) -> Result<OrderView, AppError> {
    signed_in(|cx, me| async move {
        let id = AppError::parse_id(&id, Field::Id)?;
        service::view(&cx.st.db, me.user_id, id).await
    })
    .await
}
