//! Checkout's page as a lazy route: its own WASM chunk.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

pub struct CheckoutRoute;

#[lazy_route]
impl LazyRoute for CheckoutRoute {
    fn data() -> Self {
        CheckoutRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::checkout::pages::CheckoutPage/> }.into_any()
    }
}
