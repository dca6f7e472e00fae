//! The "Баллы" page's data.

use crate::shared::error::AppError;
use crate::wallet::points::model::PointsView;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    crate::account::current_session, crate::platform::request::serve,
    crate::wallet::points::service,
};

/// The signed-in shopper's points by expiry date; nothing for a guest.
#[server(input = GetUrl, endpoint = "wallet/points")]
pub async fn get_points() -> Result<Option<PointsView>, AppError> {
    serve(|cx| async move {
        let Some(me) = current_session().await? else {
            return Ok(None);
        };
        Ok(Some(
            service::view(&cx.st.db, cx.deps().now, me.user_id).await?,
        ))
    })
    .await
}
