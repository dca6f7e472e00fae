//! Orders' server functions.

// `place_order` takes one argument per field of the checkout form, as server
// functions do; the macro's client and server halves both carry them.
#![allow(clippy::too_many_arguments)]

use crate::orders::model::{HandedOver, Handover, OrderList, OrderView, Purchase, SellerDesk};
use crate::shared::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    crate::account::{current_session, signed_in},
    crate::orders::model::{OrderFilter, PostingStatus},
    crate::orders::service::{self, CourierRequest, PlaceRequest},
    crate::platform::request::serve,
    crate::shared::error::{Field, Problem},
};

/// Places the signed-in shopper's order from the lines confirmed at checkout, and
/// sends the browser to the order's page (a 302 for a plain form). `delivery`
/// "courier" brings it to `address` in `city` on `date` in `slot` instead of
/// `pickup_point`.
#[server(endpoint = "orders/place")]
pub async fn place_order(
    key: String,
    lines: String,
    pickup_point: Option<String>,
    delivery: Option<String>,
    city: Option<String>,
    address: Option<String>,
    date: Option<String>,
    slot: Option<String>,
    recipient_name: String,
    recipient_phone: String,
    pay: String,
    points: Option<String>,
    promo: Option<String>,
    first_order: Option<String>,
) -> Result<OrderView, AppError> {
    signed_in(|cx, me| async move {
        // "1": checkout showed the first-order discount applied.
        let first_order = match first_order.as_deref().map(str::trim) {
            None | Some("") => false,
            Some("1") => true,
            Some(_) => return Err(AppError::invalid(Field::Discount, Problem::Malformed)),
        };
        let courier = match crate::orders::model::DeliveryKind::parse(
            delivery.as_deref().unwrap_or_default(),
        )? {
            crate::orders::model::DeliveryKind::Pickup => None,
            crate::orders::model::DeliveryKind::Courier => Some(CourierRequest {
                city: city.as_deref().unwrap_or_default(),
                address: address.as_deref().unwrap_or_default(),
                date: date.as_deref().unwrap_or_default(),
                slot: slot.as_deref().unwrap_or_default(),
            }),
        };
        let r = PlaceRequest {
            key: &key,
            lines: &lines,
            pickup_point: pickup_point.as_deref().unwrap_or_default(),
            courier,
            recipient_name: &recipient_name,
            recipient_phone: &recipient_phone,
            pay: &pay,
            points: points.as_deref().unwrap_or_default(),
            promo: promo.as_deref().unwrap_or_default(),
            first_order,
        };
        let order = service::place(&cx.deps(), me.user_id, r).await?;
        // By card: to the provider's page to pay; otherwise to the order.
        match &order.payment_url {
            Some(url) => leptos_axum::redirect(url),
            None => leptos_axum::redirect(&format!("/orders/{}", order.id)),
        }
        Ok(order)
    })
    .await
}

/// A page of the signed-in shopper's orders, newest first: `filter` is all, active,
/// received or cancelled; `before` pages back. `None` for a guest.
#[server(input = GetUrl, endpoint = "orders")]
pub async fn get_orders(
    filter: Option<String>,
    before: Option<String>,
) -> Result<Option<OrderList>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        let filter = OrderFilter::parse(filter.as_deref().unwrap_or_default());
        let before = match before.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(b) => Some(AppError::parse_id(b, Field::Id)?),
        };
        let (orders, next) = service::list(&cx.st.db, me.user_id, filter, before).await?;
        Ok(Some(OrderList { orders, next }))
    })
    .await
}

/// One of the signed-in shopper's orders, with its timeline. `None` for a guest.
#[server(input = GetUrl, endpoint = "orders/get")]
pub async fn get_order(id: String) -> Result<Option<OrderView>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        let id = AppError::parse_id(&id, Field::Id)?;
        let order = service::view(&cx.st.db, me.user_id, id).await?;
        if order.payment_url.is_none() && order.status() != PostingStatus::AwaitingPayment {
            return Ok(Some(order));
        }
        // Awaiting the card payment (back from the provider's page, say): ask it.
        service::sync_payment(&cx.deps(), id).await?;
        service::view(&cx.st.db, me.user_id, id).await.map(Some)
    })
    .await
}

/// Cancels the order `id`, or only its line `item`, before it is packed.
#[server(endpoint = "orders/cancel")]
pub async fn cancel_order(id: String, item: Option<String>) -> Result<OrderView, AppError> {
    signed_in(|cx, me| async move {
        let id = AppError::parse_id(&id, Field::Id)?;
        let item = match item.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(i) => Some(AppError::parse_id(i, Field::Id)?),
        };
        service::cancel(&cx.deps(), me.user_id, id, item).await
    })
    .await
}

/// Keeps posting `posting` of order `id` 3 days longer at the pickup point, once.
#[server(endpoint = "orders/extend")]
pub async fn extend_storage(id: String, posting: String) -> Result<(), AppError> {
    signed_in(|cx, me| async move {
        let id = AppError::parse_id(&id, Field::Id)?;
        let posting = AppError::parse_id(&posting, Field::Id)?;
        service::extend_storage(&cx.deps(), me.user_id, id, posting).await
    })
    .await
}

/// The order whose pickup code is `code` at the signed-in operator's points.
#[server(input = GetUrl, endpoint = "pickup/find")]
pub async fn find_for_pickup(code: String) -> Result<Handover, AppError> {
    signed_in(|cx, me| async move { service::find_for_pickup(&cx.deps(), me.user_id, &code).await })
        .await
}

/// The shopper refuses line `item` of the order behind `code`: it goes back.
#[server(endpoint = "pickup/refuse")]
pub async fn refuse_at_pickup(code: String, item: String) -> Result<Handover, AppError> {
    signed_in(|cx, me| async move {
        let item = AppError::parse_id(&item, Field::Selected)?;
        service::refuse(&cx.deps(), me.user_id, &code, item).await
    })
    .await
}

/// Hands over what waits at the point for `code`; `paid` ("on") confirms the
/// payment on receipt was taken. Sends a plain form back to the screen with the
/// order's number.
#[server(endpoint = "pickup/hand-over")]
pub async fn hand_over(code: String, paid: Option<String>) -> Result<HandedOver, AppError> {
    signed_in(|cx, me| async move {
        let paid = paid.is_some_and(|p| !p.is_empty());
        let done = service::hand_over(&cx.deps(), me.user_id, &code, paid).await?;
        leptos_axum::redirect(&format!("/pickup?done={}", done.number));
        Ok(done)
    })
    .await
}

/// Pays card order `id` (again): sends the browser to the provider's page.
#[server(endpoint = "orders/pay")]
pub async fn pay_order(id: String) -> Result<String, AppError> {
    signed_in(|cx, me| async move {
        let id = AppError::parse_id(&id, Field::Id)?;
        service::view(&cx.st.db, me.user_id, id).await?;
        service::start_payment(&cx.deps(), id).await?;
        let order = service::view(&cx.st.db, me.user_id, id).await?;
        let url = order
            .payment_url
            .ok_or(AppError::invalid(Field::Request, Problem::Pending))?;
        leptos_axum::redirect(&url);
        Ok(url)
    })
    .await
}

/// What the signed-in shopper received, one entry per product. `None` for a guest.
#[server(input = GetUrl, endpoint = "orders/purchases")]
pub async fn get_purchases() -> Result<Option<Vec<Purchase>>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        service::purchases(&cx.st.db, me.user_id).await.map(Some)
    })
    .await
}

/// The signed-in seller staff's page: postings to pack and ship, and products.
#[server(input = GetUrl, endpoint = "seller/desk")]
pub async fn get_seller_desk() -> Result<SellerDesk, AppError> {
    signed_in(|cx, me| async move { service::seller_desk(&cx.deps(), me.user_id).await }).await
}

/// A seller's staff act on posting `posting`: `pack` it, `ship` it (hand it to
/// delivery) or `cancel` it. Sends a plain form back to the page with the order's
/// number.
#[server(endpoint = "seller/posting")]
pub async fn seller_posting(posting: String, action: String) -> Result<String, AppError> {
    signed_in(|cx, me| async move {
        let posting = AppError::parse_id(&posting, Field::Id)?;
        let deps = cx.deps();
        let number = match action.trim() {
            "pack" => service::seller_pack(&deps, me.user_id, posting).await?,
            "ship" => service::seller_ship(&deps, me.user_id, posting).await?,
            "cancel" => service::seller_cancel(&deps, me.user_id, posting).await?,
            _ => return Err(AppError::invalid(Field::Request, Problem::Unknown)),
        };
        leptos_axum::redirect(&format!("/seller?done={}&n={number}", action.trim()));
        Ok(number)
    })
    .await
}

/// A seller's staff set how many of `product` the seller has. Sends a plain form
/// back to the page.
#[server(endpoint = "seller/stock")]
pub async fn seller_stock(product: String, stock: String) -> Result<i64, AppError> {
    signed_in(|cx, me| async move {
        let product = AppError::parse_id(&product, Field::Product)?;
        let stock = service::seller_set_stock(&cx.deps(), me.user_id, product, &stock).await?;
        leptos_axum::redirect(&format!("/seller?done=stock&n={stock}"));
        Ok(stock)
    })
    .await
}

/// A seller's staff set the price of `product`, in roubles as typed. Sends a plain
/// form back to the page.
#[server(endpoint = "seller/price")]
pub async fn seller_price(product: String, price: String) -> Result<String, AppError> {
    signed_in(|cx, me| async move {
        let product = AppError::parse_id(&product, Field::Product)?;
        let price = service::seller_set_price(&cx.deps(), me.user_id, product, &price).await?;
        let shown = crate::shared::url::percent_encode(&price.to_string());
        leptos_axum::redirect(&format!("/seller?done=price&n={shown}"));
        Ok(price.to_string())
    })
    .await
}
