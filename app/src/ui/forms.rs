//! Errors of form posts, hydrated or not, and the one way they are shown.

use crate::shared::error::AppError;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// An error a no-JavaScript form post left in the URL (`?__err=`), for the action at `path`.
pub fn error_from_url(path: &str) -> Option<AppError> {
    use server_fn::error::ServerFnUrlError;
    let q = use_query_map();
    q.with_untracked(|q| {
        let p = q.get("__path")?;
        (p == path).then(|| {
            q.get("__err")
                .map(|e| ServerFnUrlError::<AppError>::decode_err(&e))
        })?
    })
}

pub fn action_error<T: 'static>(
    value: impl Fn() -> Option<Result<T, AppError>> + Send + Sync + 'static,
    path: &'static str,
) -> Signal<Option<AppError>> {
    let from_url = error_from_url(path);
    Signal::derive(move || match value() {
        Some(Err(e)) => Some(e),
        Some(Ok(_)) => None,
        None => from_url.clone(),
    })
}

/// A form's error line: announced to screen readers, empty while there is none.
#[component]
pub fn FormError(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! { <p role="alert" class="form-error">{move || message.get()}</p> }
}
