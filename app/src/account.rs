//! Rynok ID: who a shopper is and how they prove it.

#[cfg(feature = "ssr")]
pub mod change_repo;
#[cfg(feature = "ssr")]
pub mod changes;
pub mod changes_server;
pub mod components;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod limits;
pub mod model;
#[cfg(feature = "ssr")]
pub mod passkey_repo;
pub mod passkey_server;
#[cfg(feature = "ssr")]
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
pub mod webauthn_js;
