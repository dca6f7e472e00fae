//! "Sign in with ..." over OpenID Connect: `api` starts a sign-in (server
//! functions), `service` checks the provider's answer and finds or makes the
//! account (ssr). The callback route itself is in `server/src/oidc.rs`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
