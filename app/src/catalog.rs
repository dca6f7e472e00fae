//! The catalogue: categories, products, listings with filters, search.

pub mod components;
pub mod filters;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod search;
pub mod server;
