//! The Rynok Account page's data.

use crate::shared::error::AppError;
use crate::wallet::statement::model::Statement;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    crate::account::current_session,
    crate::platform::request::serve,
    crate::wallet::statement::{model::Filter, service},
};

/// The signed-in shopper's wallet with the operations the filter keeps (kind,
/// `from` and `to` as YYYY-MM-DD, each may be empty); nothing for a guest.
#[server(input = GetUrl, endpoint = "wallet/statement")]
pub async fn get_statement(
    kind: String,
    from: String,
    to: String,
) -> Result<Option<Statement>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        let filter = Filter::parse(&kind, &from, &to)
            .map_err(|(field, why)| AppError::invalid(field, why))?;
        Ok(Some(
            service::statement(&cx.st.db, cx.deps().now, me.user_id, filter).await?,
        ))
    })
    .await
}
