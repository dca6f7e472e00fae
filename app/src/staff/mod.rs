//! Staff: the roles people hold at Rynok (a pickup point's operator, a seller's
//! staff, support, admin) and where. Every server function of a staff screen asks
//! `require` first; hiding a link is never the check.

pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;

// The public face.
pub use model::{Grants, Role};
#[cfg(feature = "ssr")]
pub use service::{grant, grants, require, scopes};
