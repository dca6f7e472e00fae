//! Profile server functions: who is signed in, "My data" and saving it.

use crate::account::profile::model::{AccountView, Me};
use crate::shared::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    crate::account::profile::model::Profile,
    crate::account::profile::service,
    crate::account::session::service::{current, signed_in},
    crate::platform::request::serve,
    crate::shared::time::date_of,
};

/// The signed-in person, or nothing for a guest.
#[server(input = GetUrl, endpoint = "account/me")]
pub async fn get_me() -> Result<Option<Me>, AppError> {
    serve(|cx| async move {
        match current().await? {
            Some(me) => service::me(&cx.st.db, me.user_id).await,
            None => Ok(None),
        }
    })
    .await
}

/// Everything the "My data" page shows; nothing for a guest.
#[server(input = GetUrl, endpoint = "account/profile")]
pub async fn get_account() -> Result<Option<AccountView>, AppError> {
    serve(|cx| async move {
        match current().await? {
            Some(me) => service::account_view(&cx.st.db, me.user_id).await,
            None => Ok(None),
        }
    })
    .await
}

#[server(endpoint = "account/profile/save")]
pub async fn save_profile(
    last_name: String,
    first_name: String,
    middle_name: String,
    gender: Option<String>,
    birth_date: Option<String>,
    newsletter: Option<String>,
    chat_emails: Option<String>,
) -> Result<(), AppError> {
    signed_in(|cx, me| async move {
        let today = date_of(cx.deps().now);
        let mut p = Profile::parse(
            &last_name,
            &first_name,
            &middle_name,
            gender.as_deref().unwrap_or(""),
            birth_date.as_deref().unwrap_or(""),
            matches!(newsletter.as_deref(), Some("on" | "true" | "1")),
            &today,
        )
        .map_err(|(field, why)| AppError::invalid(field, why))?;
        p.chat_emails = matches!(chat_emails.as_deref(), Some("on" | "true" | "1"));
        service::save(&cx.st.db, me.user_id, p).await
    })
    .await
}
