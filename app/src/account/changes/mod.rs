//! Changing what identifies an account: adding an email, changing the phone (with
//! a proof of the current number, or the 14-day path when it is lost), proving
//! the account afresh before adding a way to sign in, deleting the profile.
//! `api` holds the server functions; the rules (`service`, re-exported here),
//! `deletion` and the SQL (`repo`) run on the server only.

pub mod api;
#[cfg(feature = "ssr")]
pub mod deletion;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
mod service;
#[cfg(feature = "ssr")]
pub use service::*;
