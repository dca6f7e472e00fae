//! What every domain stands on and none owns: the database pool and SQL builder,
//! the request context, the shared state and settings, the clock, tokens and
//! sealing, the client's address and per-client limits, uploaded photos, the change
//! counters polls read. Imports no domain.

#[cfg(feature = "ssr")]
pub mod changes;
#[cfg(feature = "ssr")]
pub mod client_addr;
pub mod clock;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod photo;
#[cfg(feature = "ssr")]
pub mod ratelimit;
#[cfg(feature = "ssr")]
pub mod request;
#[cfg(feature = "ssr")]
pub mod security;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod upload;
