//! The chat's pages as lazy routes: their own WASM chunk, fetched on the first visit.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

pub struct MessagesRoute;

#[lazy_route]
impl LazyRoute for MessagesRoute {
    fn data() -> Self {
        MessagesRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::chat::pages::MessagesPage/> }.into_any()
    }
}

pub struct DialogRoute;

#[lazy_route]
impl LazyRoute for DialogRoute {
    fn data() -> Self {
        DialogRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::chat::pages::DialogPage/> }.into_any()
    }
}

pub struct SecurityFeedRoute;

#[lazy_route]
impl LazyRoute for SecurityFeedRoute {
    fn data() -> Self {
        SecurityFeedRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::chat::pages::SecurityFeedPage/> }.into_any()
    }
}
