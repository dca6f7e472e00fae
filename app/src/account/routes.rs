//! The account's pages as lazy routes. In a split build (`cargo leptos build --split`,
//! which `make` always runs) each page's code is its own WASM chunk, fetched when a
//! shopper first goes there, so the storefront's first load never carries Rynok ID.
//! `data` starts nothing: each page starts its own resources, and on the server
//! they render as before.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

pub struct SignInRoute;

#[lazy_route]
impl LazyRoute for SignInRoute {
    fn data() -> Self {
        SignInRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::account::signin::pages::SignInPage/> }.into_any()
    }
}

pub struct RecoveryRoute;

#[lazy_route]
impl LazyRoute for RecoveryRoute {
    fn data() -> Self {
        RecoveryRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::account::changes::pages::RecoveryPage/> }.into_any()
    }
}

pub struct AccountRoute;

#[lazy_route]
impl LazyRoute for AccountRoute {
    fn data() -> Self {
        AccountRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::account::profile::pages::AccountPage/> }.into_any()
    }
}

pub struct SecurityRoute;

#[lazy_route]
impl LazyRoute for SecurityRoute {
    fn data() -> Self {
        SecurityRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::account::security::pages::SecurityPage/> }.into_any()
    }
}

/// The sign-in steps for the header's dialog, from their own chunk: the code is
/// fetched when a shopper clicks "Sign in", not with every page.
#[lazy]
pub fn sign_in_flow(next: String) -> AnyView {
    view! { <crate::account::signin::pages::SignInFlow next/> }.into_any()
}
