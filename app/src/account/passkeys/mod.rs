//! Passkeys (WebAuthn): adding, listing and removing them under Security, and
//! signing in with one. `api` holds the server functions, `service` the rules
//! (ssr), `repo` the SQL (ssr), `pages` the widgets, `webauthn_js` the browser glue.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod webauthn_js;
