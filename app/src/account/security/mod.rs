//! The security log, the Security feed and what the owner is told (SMS, email),
//! and the Security page that shows them with the sessions and passkeys.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
