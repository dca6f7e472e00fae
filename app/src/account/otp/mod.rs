//! One-time codes: what a code is and where it goes, how it is made and checked,
//! and the limits on sending them (per number, prefix, client and country).

pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
