//! The shopping cart: a guest's cart lives in the database under a random cookie,
//! and joins the account's cart at sign-in.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;

// The public face.
pub use model::CartLine;
pub use pages::{AddToCartForm, CartPage, cart_changed, provide_cart_actions, use_cart_units};
#[cfg(feature = "ssr")]
pub use service::{accept_prices, lines_of, on_account_erased, on_ordered, on_sign_in};
