use crate::i18n::{fill, t};
use crate::shared::error::AppError;
use leptos::prelude::*;

/// Shows an error in the page's design and, while rendering on the server, sets the
/// HTTP status to match.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::platform::request::set_status(error.status());
    let d = t();
    let (title, text) = match &error {
        AppError::NotFound => (d.not_found_title, d.not_found_text.to_string()),
        AppError::Forbidden | AppError::ReauthRequired => (d.error_title, d.forbidden.to_string()),
        AppError::InsufficientStock { available } => (
            d.error_title,
            fill(d.stock_limit, &[&available.to_string()]),
        ),
        AppError::Transport(_) => (d.error_title, d.network_error.to_string()),
        _ => (d.error_title, d.error_text.to_string()),
    };
    view! {
        <section class="error-page">
            <h1>{title}</h1>
            <p>{text}</p>
            <a href="/" class="button">{d.to_home}</a>
        </section>
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <ErrorView error=AppError::NotFound/> }
}
