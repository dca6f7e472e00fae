//! Checkout's server functions.

use crate::checkout::model::CheckoutView;
use crate::shared::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    crate::account::{current_session, signed_in},
    crate::checkout::service,
    crate::platform::request::serve,
    crate::shared::error::Field,
};

/// What the checkout page shows the signed-in shopper: `city` and `q` (address or
/// metro) narrow the pickup points, `point` is the one chosen, `promo` a code to
/// apply; `first_order` "later" keeps the first-order discount for another order;
/// `delivery` "courier" offers a courier in `city` instead of points.
/// `None` for a guest.
#[server(input = GetUrl, endpoint = "checkout")]
pub async fn get_checkout(
    delivery: Option<String>,
    city: Option<String>,
    q: Option<String>,
    point: Option<String>,
    promo: Option<String>,
    first_order: Option<String>,
) -> Result<Option<CheckoutView>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        let point = match point.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(p) => Some(AppError::parse_id(p, Field::PickupPoint)?),
        };
        let q: String = q.unwrap_or_default().chars().take(100).collect();
        let view = service::view(
            &cx.deps(),
            me.user_id,
            crate::orders::DeliveryKind::from_query(delivery.as_deref().unwrap_or_default()),
            city.as_deref().unwrap_or_default(),
            &q,
            point,
            promo.as_deref().unwrap_or_default(),
            first_order.as_deref().map(str::trim) != Some("later"),
        )
        .await?;
        Ok(Some(view))
    })
    .await
}

/// The shopper accepts the prices checkout showed for the selected lines.
#[server(endpoint = "checkout/accept-prices")]
pub async fn accept_prices() -> Result<(), AppError> {
    signed_in(|cx, me| async move { service::accept_prices(&cx.deps(), me.user_id).await }).await
}
