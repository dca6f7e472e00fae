//! Support requests' server functions. Each asks who is signed in and lets the
//! service decide what they may see or do (an agent's functions ask for the
//! support role there); a state change is a POST. Plain forms come back to the
//! page they were sent from.

use crate::chat::support::model::{RequestList, RequestSummary, RequestView};
use crate::shared::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    crate::account::{current_session, signed_in},
    crate::chat::support::service,
    crate::platform::request::{limit, serve},
    crate::shared::error::Field,
};

/// The signed-in shopper's requests and their orders. `None` for a guest.
#[server(input = GetUrl, endpoint = "support/requests")]
pub async fn get_requests() -> Result<Option<RequestList>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        Ok(Some(service::list(&cx.deps(), me.user_id).await?))
    })
    .await
}

/// Opens a request on `topic` (perhaps about `order`, empty for none) with its
/// first message, and goes to it.
#[server(endpoint = "support/open")]
pub async fn open_request(
    topic: String,
    order: Option<String>,
    text: String,
) -> Result<i64, AppError> {
    signed_in(|cx, me| async move {
        limit(crate::platform::ratelimit::CHAT_SEND)?;
        let order = match order.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(o) => Some(AppError::parse_id(o, Field::OrderNumber)?),
        };
        let id = service::open(&cx.deps(), me.user_id, &topic, order, &text).await?;
        leptos_axum::redirect(&format!("/messages/support/{id}"));
        Ok(id)
    })
    .await
}

/// A request as its shopper reads it (which marks it read). `None` for a guest.
#[server(input = GetUrl, endpoint = "support/request")]
pub async fn get_request(id: String) -> Result<Option<RequestView>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        let id = AppError::parse_id(&id, Field::Id)?;
        Ok(Some(service::view(&cx.deps(), me.user_id, id).await?))
    })
    .await
}

/// The shopper writes in their request.
#[server(endpoint = "support/write")]
pub async fn write_request(request: String, text: String) -> Result<i64, AppError> {
    signed_in(|cx, me| async move {
        limit(crate::platform::ratelimit::CHAT_SEND)?;
        let id = AppError::parse_id(&request, Field::Id)?;
        service::write(&cx.deps(), me.user_id, id, &text).await
    })
    .await
}

/// The shopper closes their request.
#[server(endpoint = "support/close")]
pub async fn close_request(request: String) -> Result<(), AppError> {
    signed_in(|cx, me| async move {
        let id = AppError::parse_id(&request, Field::Id)?;
        service::close(&cx.deps(), me.user_id, id).await
    })
    .await
}

/// The shopper rates the answer of their closed request (1 to 5).
#[server(endpoint = "support/rate")]
pub async fn rate_request(request: String, rating: String) -> Result<(), AppError> {
    signed_in(|cx, me| async move {
        let id = AppError::parse_id(&request, Field::Id)?;
        service::rate(&cx.deps(), me.user_id, id, &rating).await
    })
    .await
}

/// The agents' queue (`mine` = "1": only the signed-in agent's). `None` for a guest.
#[server(input = GetUrl, endpoint = "support/queue")]
pub async fn get_queue(mine: Option<String>) -> Result<Option<Vec<RequestSummary>>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        let mine = mine.as_deref() == Some("1");
        Ok(Some(service::queue(&cx.st.db, me.user_id, mine).await?))
    })
    .await
}

/// A request as an agent sees it. `None` for a guest.
#[server(input = GetUrl, endpoint = "support/desk")]
pub async fn get_desk_request(id: String) -> Result<Option<RequestView>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        let id = AppError::parse_id(&id, Field::Id)?;
        Ok(Some(service::agent_view(&cx.deps(), me.user_id, id).await?))
    })
    .await
}

/// An agent answers a request, or (`note` = "1") keeps an internal note on it.
#[server(endpoint = "support/answer")]
pub async fn answer_request(
    request: String,
    text: String,
    note: Option<String>,
) -> Result<i64, AppError> {
    signed_in(|cx, me| async move {
        let id = AppError::parse_id(&request, Field::Id)?;
        let note = match note.as_deref() {
            None | Some("") => false,
            Some(n) => AppError::parse_on_off(n)?,
        };
        service::answer(&cx.deps(), me.user_id, id, &text, note).await
    })
    .await
}

/// An agent takes a request for themselves.
#[server(endpoint = "support/take")]
pub async fn take_request(request: String) -> Result<(), AppError> {
    signed_in(|cx, me| async move {
        let id = AppError::parse_id(&request, Field::Id)?;
        service::take(&cx.deps(), me.user_id, id).await
    })
    .await
}

/// An agent moves a request to a status: open, waiting, answered or closed.
#[server(endpoint = "support/status")]
pub async fn set_request_status(request: String, status: String) -> Result<(), AppError> {
    signed_in(|cx, me| async move {
        let id = AppError::parse_id(&request, Field::Id)?;
        service::set_status(&cx.deps(), me.user_id, id, &status).await
    })
    .await
}
