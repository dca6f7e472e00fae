//! Favourites ("Избранное"): a signed-in shopper keeps products to come back to,
//! from the product's page (a plain form, so the storefront's first WASM load does
//! not grow), and finds them on `/account/favourites`, newest first. The product
//! page says whether it is kept, for the shopper who asks only.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;

/// Products one account may keep.
pub const MAX_FAVOURITES: i64 = 1000;
