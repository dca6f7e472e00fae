//! The review form as a lazy route: its own WASM chunk, fetched on the first visit.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

pub struct WriteReviewRoute;

#[lazy_route]
impl LazyRoute for WriteReviewRoute {
    fn data() -> Self {
        WriteReviewRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::orders::reviews::pages::WriteReviewPage/> }.into_any()
    }
}
