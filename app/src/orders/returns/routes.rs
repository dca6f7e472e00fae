//! The return form as a lazy route: its own WASM chunk, fetched on the first visit.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

pub struct ReturnRoute;

#[lazy_route]
impl LazyRoute for ReturnRoute {
    fn data() -> Self {
        ReturnRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::orders::returns::pages::ReturnPage/> }.into_any()
    }
}
