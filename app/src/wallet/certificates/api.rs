//! The certificate field of the Rynok Account page.

use crate::shared::error::AppError;
use crate::shared::money::Money;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {crate::account::signed_in, crate::wallet::certificates::service};

/// Activates a gift certificate into the signed-in shopper's wallet: its value.
#[server(endpoint = "wallet/certificates/activate")]
pub async fn activate_certificate(code: String) -> Result<Money, AppError> {
    signed_in(|cx, me| async move {
        let now = cx.deps().now;
        service::activate(&cx.st.db, now, me.user_id, &cx.req().ip, &code).await
    })
    .await
}
