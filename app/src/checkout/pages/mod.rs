//! The checkout page. Without JavaScript it is plain forms: a GET form narrows the
//! pickup points, the placing form posts to `orders/place` and is redirected to the
//! order's page. `page` draws it, `delivery` the pickup points and the courier,
//! `promo` the promo code and the first-order discount, `links` its own links.

mod delivery;
mod links;
mod page;
mod promo;

pub use page::CheckoutPage;
