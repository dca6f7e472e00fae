//! Rynok ID: who a shopper is and how they prove it.

pub mod changes;
pub mod components;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod limits;
pub mod model;
pub mod oidc;
pub mod passkeys;
#[cfg(feature = "ssr")]
pub mod profile;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod signin;
