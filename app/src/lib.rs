//! Rynok: the shared Leptos application. This file only wires the domains together.
#![recursion_limit = "512"]

pub mod account;
pub mod cart;
pub mod catalog;
pub mod chat;
pub mod checkout;
pub mod i18n;
pub mod inbox;
#[cfg(feature = "ssr")]
pub mod lifecycle;
#[cfg(feature = "ssr")]
pub mod notify;
pub mod orders;
#[cfg(feature = "ssr")]
pub mod payments;
pub mod platform;
pub mod shared;
pub mod shell;
pub mod staff;
pub mod ui;
pub mod wallet;

use crate::account::{AccountRoute, RecoveryRoute, SecurityRoute, SignInRoute};
use crate::cart::CartPage;
use crate::catalog::FavouritesRoute;
use crate::catalog::{CategoryPage, HomePage, ProductPage, SearchPage};
use crate::chat::{
    DeskRequestRoute, DeskRoute, DialogRoute, MessagesRoute, RequestRoute, SecurityFeedRoute,
    SupportRoute,
};
use crate::checkout::CheckoutRoute;
use crate::i18n::Lang;
use crate::inbox::NoticesRoute;
use crate::orders::{
    OrderRoute, OrdersRoute, PickupRoute, PurchasesRoute, ReturnRoute, SellerRoute,
    WriteReviewRoute,
};
use crate::shell::Header;
use crate::ui::NotFoundPage;
use crate::wallet::{CardRoute, PointsRoute, TopUpRoute, WalletRoute};
use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, SsrMode, path};

/// What each request's rendering and server functions get besides the request
/// itself: the CSP nonce for inline scripts, and a place to keep the request's
/// session once it has been looked up.
#[cfg(feature = "ssr")]
pub fn provide_request_context() {
    leptos::prelude::provide_context(crate::account::RequestSession::default());
    crate::ui::csp::provide_nonce();
}

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let lang = crate::platform::request::lang();
    #[cfg(not(feature = "ssr"))]
    let lang = Lang::default();
    #[cfg(feature = "ssr")]
    let stylesheet = crate::platform::request::state()
        .map(|s| s.settings.stylesheet.clone())
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let stylesheet = String::new();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.ico"/>
                <link rel="stylesheet" href=stylesheet/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The language of the page: from the request on the server, from `<html lang>` in the browser.
fn page_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        crate::platform::request::lang()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|l| Lang::from_code(&l))
            .unwrap_or_default()
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = page_lang();
    provide_context(lang);
    cart::provide_cart_actions();
    let t = lang.dict();
    view! {
        <Title text=t.site_title/>
        <Router>
            <Header/>
            <main id="main">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/category/:slug") view=CategoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/product/:key") view=ProductPage ssr=SsrMode::Async/>
                    <Route path=path!("/cart") view=CartPage ssr=SsrMode::Async/>
                    <Route path=path!("/signin") view={Lazy::<SignInRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/signin/recovery") view={Lazy::<RecoveryRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account/security") view={Lazy::<SecurityRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account/wallet") view={Lazy::<WalletRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account/wallet/topup/:id") view={Lazy::<TopUpRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account/card") view={Lazy::<CardRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account/points") view={Lazy::<PointsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account/notices") view={Lazy::<NoticesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account/orders") view={Lazy::<OrdersRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account/purchases") view={Lazy::<PurchasesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account/favourites") view={Lazy::<FavouritesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/orders/:id") view={Lazy::<OrderRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/orders/:id/return") view={Lazy::<ReturnRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/orders/:id/review/:item") view={Lazy::<WriteReviewRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/checkout") view={Lazy::<CheckoutRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/pickup") view={Lazy::<PickupRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/seller") view={Lazy::<SellerRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/messages") view={Lazy::<MessagesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/messages/security") view={Lazy::<SecurityFeedRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/messages/support") view={Lazy::<SupportRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/messages/support/:id") view={Lazy::<RequestRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/messages/:id") view={Lazy::<DialogRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/support") view={Lazy::<DeskRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/support/:id") view={Lazy::<DeskRequestRoute>::new()} ssr=SsrMode::Async/>
                </Routes>
            </main>
            <footer class="site-footer">
                <p>"Rynok © 2026"</p>
            </footer>
        </Router>
    }
}
