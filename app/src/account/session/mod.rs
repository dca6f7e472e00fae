//! Sessions: the cookie, the lookup per request, the list on the Security page.

pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
