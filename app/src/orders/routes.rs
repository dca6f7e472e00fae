//! Orders' pages as lazy routes: their own WASM chunk, fetched on the first visit.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

pub struct OrdersRoute;

#[lazy_route]
impl LazyRoute for OrdersRoute {
    fn data() -> Self {
        OrdersRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::orders::pages::OrdersPage/> }.into_any()
    }
}

pub struct OrderRoute;

#[lazy_route]
impl LazyRoute for OrderRoute {
    fn data() -> Self {
        OrderRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::orders::pages::OrderPage/> }.into_any()
    }
}

pub struct PickupRoute;

#[lazy_route]
impl LazyRoute for PickupRoute {
    fn data() -> Self {
        PickupRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::orders::pages::PickupPage/> }.into_any()
    }
}

pub struct SellerRoute;

#[lazy_route]
impl LazyRoute for SellerRoute {
    fn data() -> Self {
        SellerRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::orders::pages::SellerPage/> }.into_any()
    }
}

pub struct PurchasesRoute;

#[lazy_route]
impl LazyRoute for PurchasesRoute {
    fn data() -> Self {
        PurchasesRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::orders::pages::PurchasesPage/> }.into_any()
    }
}
