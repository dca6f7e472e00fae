//! The chat's server functions. Each asks who is signed in and lets the service
//! decide what they may see or do; a state change is a POST.

use crate::chat::model::{BadgeAnswer, DialogList, DialogView, PollAnswer};
use crate::shared::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    crate::account::{current_session, signed_in},
    crate::chat::service,
    crate::platform::request::{limit, redirect_to_sign_in, serve},
    crate::shared::error::Field,
};

/// "Написать продавцу" on a product's page: opens the signed-in shopper's dialog
/// with its seller and goes there; a guest is sent to sign in first.
#[server(endpoint = "chat/start")]
pub async fn start_chat(product: String) -> Result<i64, AppError> {
    serve(|cx| async move {
        let product = AppError::parse_id(&product, Field::Product)?;
        let Some(me) = current_session().await? else {
            redirect_to_sign_in(&crate::catalog::product_path(product, ""));
            return Ok(0);
        };
        let id = service::start_about_product(&cx.deps(), me.user_id, product).await?;
        leptos_axum::redirect(&format!("/messages/{id}"));
        Ok(id)
    })
    .await
}

/// "Написать продавцу" on an order's page: the dialog with `seller` about `order`.
#[server(endpoint = "chat/start-order")]
pub async fn start_order_chat(order: String, seller: String) -> Result<i64, AppError> {
    signed_in(|cx, me| async move {
        let order = AppError::parse_id(&order, Field::OrderNumber)?;
        let seller = AppError::parse_id(&seller, Field::Id)?;
        let id = service::start_about_order(&cx.deps(), me.user_id, order, seller).await?;
        leptos_axum::redirect(&format!("/messages/{id}"));
        Ok(id)
    })
    .await
}

/// The signed-in person's dialogs: with sellers, or (`as` = "seller") the
/// shoppers' dialogs with the sellers they work for. `None` for a guest.
#[server(input = GetUrl, endpoint = "chat/dialogs")]
pub async fn get_dialogs(r#as: Option<String>) -> Result<Option<DialogList>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        let as_seller = r#as.as_deref() == Some("seller");
        Ok(Some(service::list(&cx.st.db, me.user_id, as_seller).await?))
    })
    .await
}

/// A dialog's page of messages (`before` pages back); reading the newest marks it
/// read. `None` for a guest.
#[server(input = GetUrl, endpoint = "chat/dialog")]
pub async fn get_dialog(
    id: String,
    before: Option<String>,
) -> Result<Option<DialogView>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        let id = AppError::parse_id(&id, Field::Id)?;
        let before = match before.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(b) => Some(AppError::parse_id(b, Field::Id)?),
        };
        Ok(Some(
            service::view(&cx.deps(), me.user_id, id, before).await?,
        ))
    })
    .await
}

/// Writes `text` in dialog `dialog`. A plain form comes back to the dialog.
#[server(endpoint = "chat/send")]
pub async fn send_message(dialog: String, text: String) -> Result<i64, AppError> {
    signed_in(|cx, me| async move {
        limit(crate::platform::ratelimit::CHAT_SEND)?;
        let dialog = AppError::parse_id(&dialog, Field::Id)?;
        service::send(&cx.deps(), me.user_id, dialog, &text).await
    })
    .await
}

/// The shopper stops (`on` = "1") or lets through again ("0") a seller's messages.
#[server(endpoint = "chat/block")]
pub async fn block_dialog(dialog: String, on: String) -> Result<bool, AppError> {
    signed_in(|cx, me| async move {
        let dialog = AppError::parse_id(&dialog, Field::Id)?;
        let on = AppError::parse_on_off(&on)?;
        service::block(&cx.deps(), me.user_id, dialog, on).await?;
        Ok(on)
    })
    .await
}

/// What changed for the header's badge since `cursor`; it asks every 30 s. An
/// unchanged state is one read by primary key. `None` for a guest.
#[server(input = GetUrl, endpoint = "chat/badge")]
pub async fn poll_badge(cursor: String) -> Result<Option<BadgeAnswer>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        let cursor: i64 = cursor.trim().parse().unwrap_or(-1);
        Ok(Some(
            service::badge_poll(&cx.deps(), me.user_id, cursor).await?,
        ))
    })
    .await
}

/// What changed in open dialog `dialog` since `cursor`, with the messages after
/// `after` (the last it shows); it asks every 3 s. An unchanged state is one read
/// by primary key. `None` for a guest.
#[server(input = GetUrl, endpoint = "chat/poll")]
pub async fn poll(
    cursor: String,
    dialog: String,
    after: Option<String>,
) -> Result<Option<PollAnswer>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        let cursor: i64 = cursor.trim().parse().unwrap_or(-1);
        let dialog = AppError::parse_id(&dialog, Field::Id)?;
        let after = after
            .and_then(|a| a.trim().parse::<i64>().ok())
            .unwrap_or(0)
            .max(0);
        Ok(Some(
            service::poll(&cx.deps(), me.user_id, cursor, (dialog, after)).await?,
        ))
    })
    .await
}
