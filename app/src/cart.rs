//! The shopping cart: a guest's cart lives in the database under a random cookie.

pub mod components;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
