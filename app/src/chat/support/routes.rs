//! Support's pages as lazy routes: their own WASM chunk, fetched on the first visit.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

pub struct SupportRoute;

#[lazy_route]
impl LazyRoute for SupportRoute {
    fn data() -> Self {
        SupportRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::chat::support::pages::SupportPage/> }.into_any()
    }
}

pub struct RequestRoute;

#[lazy_route]
impl LazyRoute for RequestRoute {
    fn data() -> Self {
        RequestRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::chat::support::pages::RequestPage/> }.into_any()
    }
}

pub struct DeskRoute;

#[lazy_route]
impl LazyRoute for DeskRoute {
    fn data() -> Self {
        DeskRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::chat::support::pages::DeskPage/> }.into_any()
    }
}

pub struct DeskRequestRoute;

#[lazy_route]
impl LazyRoute for DeskRequestRoute {
    fn data() -> Self {
        DeskRequestRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::chat::support::pages::DeskRequestPage/> }.into_any()
    }
}
