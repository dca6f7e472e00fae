//! The chat's server functions. Each asks who is signed in and lets the service
//! decide what they may see or do; a state change is a POST.

use crate::chat::model::{BadgeAnswer, DialogList, DialogView, HeldMessage, PollAnswer};
use crate::shared::error::AppError;
use leptos::prelude::*;
use server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
use {
    crate::account::{current_session, signed_in},
    crate::chat::service,
    crate::platform::request::{limit, redirect_to_sign_in, serve},
    crate::shared::error::{Field, Problem},
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

/// "Написать покупателю" on the seller's page: a seller's staff open the dialog
/// with the shopper of their posting `posting`, within 72 hours of its payment or
/// delivery, and go there.
#[server(endpoint = "chat/start-seller")]
pub async fn start_seller_chat(posting: String) -> Result<i64, AppError> {
    signed_in(|cx, me| async move {
        let posting = AppError::parse_id(&posting, Field::Id)?;
        let id = service::start_as_seller(&cx.deps(), me.user_id, posting).await?;
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

/// The shopper reports a seller's message to support, and goes to the request
/// that quotes it.
#[server(endpoint = "chat/report")]
pub async fn report_message(message: String) -> Result<i64, AppError> {
    signed_in(|cx, me| async move {
        limit(crate::platform::ratelimit::CHAT_SEND)?;
        let message = AppError::parse_id(&message, Field::Id)?;
        let id = service::report(&cx.deps(), me.user_id, message).await?;
        leptos_axum::redirect(&format!("/messages/support/{id}"));
        Ok(id)
    })
    .await
}

/// The sellers' messages held back, for an agent. `None` for a guest.
#[server(input = GetUrl, endpoint = "chat/held")]
pub async fn get_held() -> Result<Option<Vec<HeldMessage>>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        Ok(Some(service::held(&cx.st.db, me.user_id).await?))
    })
    .await
}

/// An agent lets a held message through (`release` = "1") or keeps it from the
/// shopper ("0").
#[server(endpoint = "chat/held-decide")]
pub async fn decide_held(message: String, release: String) -> Result<bool, AppError> {
    signed_in(|cx, me| async move {
        let message = AppError::parse_id(&message, Field::Id)?;
        let release = AppError::parse_on_off(&release)?;
        service::decide_held(&cx.deps(), me.user_id, message, release).await?;
        Ok(release)
    })
    .await
}

/// Sends an image (field `photo`: JPEG, PNG or WebP, at most 10 MB, checked by its
/// content and re-encoded without metadata) with an optional `text` in dialog
/// `dialog`. The page's plain multipart form comes back to the dialog.
#[server(input = MultipartFormData, endpoint = "chat/send-image")]
pub async fn send_image(data: MultipartData) -> Result<i64, AppError> {
    signed_in(|cx, me| async move {
        limit(crate::platform::ratelimit::CHAT_SEND)?;
        let form = crate::platform::upload::read(data, 1).await?;
        let dialog = AppError::parse_id(form.get("dialog"), Field::Id)?;
        let text = form.get("text").to_string();
        let Some(photo) = crate::platform::photo::clean_all(form.photos, 1)
            .await?
            .pop()
        else {
            return Err(AppError::invalid(Field::Photo, Problem::Empty));
        };
        let id = service::send_image(&cx.deps(), me.user_id, dialog, &text, photo).await?;
        leptos_axum::redirect(&format!("/messages/{dialog}#m{id}"));
        Ok(id)
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
/// unchanged state costs one query (the session and the counter, read together).
/// The answer carries an ETag: the browser asks again with If-None-Match, and an
/// unchanged state answers 304 with no body. `None` for a guest.
#[server(input = GetUrl, endpoint = "chat/badge")]
pub async fn poll_badge(cursor: String) -> Result<Option<BadgeAnswer>, AppError> {
    serve(|cx| async move {
        let peek =
            crate::account::peek_session_with(crate::chat::repo::BADGE_VERSION_OF_SESSION).await?;
        let Some((me, version)) = peek else {
            return Ok(None);
        };
        let cursor: i64 = cursor.trim().parse().unwrap_or(-1);
        let a = service::badge_poll(&cx.deps(), me.user_id, cursor, version).await?;
        // The session is in the tag: one browser's cache never answers for another account.
        crate::platform::request::set_etag(&format!(
            "b{}-{}-{}-{}",
            me.id, a.version, a.changed as u8, a.next_ms
        ));
        Ok(Some(a))
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
