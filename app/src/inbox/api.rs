//! The inbox's server functions.

use crate::inbox::model::Inbox;
use crate::shared::error::AppError;
#[cfg(feature = "ssr")]
use crate::shared::error::Field;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    crate::account::{current_session, signed_in},
    crate::inbox::service,
    crate::platform::request::serve,
};

/// A page of the signed-in shopper's notices, newest first; nothing for a guest.
/// `before` pages back (an id from the previous page's `older`).
#[server(input = GetUrl, endpoint = "inbox/notices")]
pub async fn get_inbox(before: Option<String>) -> Result<Option<Inbox>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        let before = match before.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => Some(AppError::parse_id(s, Field::Id)?),
        };
        Ok(Some(
            service::page(&cx.st.db, cx.req().lang, me.user_id, before).await?,
        ))
    })
    .await
}

/// Marks the signed-in shopper's notices up to `upto` read.
#[server(endpoint = "inbox/read")]
pub async fn mark_notices_read(upto: String) -> Result<u64, AppError> {
    signed_in(|cx, me| async move {
        let upto = AppError::parse_id(&upto, Field::Id)?;
        service::mark_read(&cx.st.db, cx.deps().now, me.user_id, upto).await
    })
    .await
}
