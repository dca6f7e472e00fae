//! The wallet's pages as lazy routes: their own WASM chunk, fetched on the first
//! visit (see `account/routes.rs`).

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

pub struct WalletRoute;

#[lazy_route]
impl LazyRoute for WalletRoute {
    fn data() -> Self {
        WalletRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::wallet::statement::pages::WalletPage/> }.into_any()
    }
}

pub struct PointsRoute;

#[lazy_route]
impl LazyRoute for PointsRoute {
    fn data() -> Self {
        PointsRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::wallet::points::pages::PointsPage/> }.into_any()
    }
}

pub struct TopUpRoute;

#[lazy_route]
impl LazyRoute for TopUpRoute {
    fn data() -> Self {
        TopUpRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::wallet::topups::pages::TopUpPage/> }.into_any()
    }
}

pub struct CardRoute;

#[lazy_route]
impl LazyRoute for CardRoute {
    fn data() -> Self {
        CardRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::wallet::card::pages::CardPage/> }.into_any()
    }
}
