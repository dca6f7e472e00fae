//! What a page that needs an account shows a guest.

use crate::i18n::use_lang;
use leptos::prelude::*;

/// Sends a guest to the sign-in page and back to `here` afterwards: a redirect
/// while rendering on the server, a link in the browser.
pub fn require_sign_in(here: &str) -> impl IntoView + use<> {
    let to = format!("/signin?next={here}");
    #[cfg(feature = "ssr")]
    leptos_axum::redirect(&to);
    let t = use_lang().dict();
    view! {
        <p>{t.sign_in_needed}</p>
        <a class="button" href=to>{t.sign_in}</a>
    }
}
