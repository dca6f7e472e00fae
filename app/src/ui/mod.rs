//! Domain-free widgets: prices, error pages, form errors, the sign-in prompt. Imports no domain.

#[cfg(feature = "ssr")]
pub mod csp;
mod error_view;
pub mod forms;
mod price;
mod sign_in;

pub use error_view::{ErrorView, NotFoundPage};
pub use forms::FormError;
pub use price::Price;
pub use sign_in::require_sign_in;

/// Text for `<Title>`. leptos_meta 0.8 writes the title into the server's HTML
/// without escaping it, so on the server it is escaped here (the browser decodes the
/// entities, showing the same text); in the browser it is set as plain text.
pub fn title_text(text: String) -> String {
    #[cfg(feature = "ssr")]
    {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                c => out.push(c),
            }
        }
        out
    }
    #[cfg(not(feature = "ssr"))]
    {
        text
    }
}
