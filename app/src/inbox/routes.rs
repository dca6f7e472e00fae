//! The inbox's page as a lazy route: its own WASM chunk.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

pub struct NoticesRoute;

#[lazy_route]
impl LazyRoute for NoticesRoute {
    fn data() -> Self {
        NoticesRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::inbox::pages::NoticesPage/> }.into_any()
    }
}
