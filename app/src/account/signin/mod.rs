//! Signing in with a one-time code by phone (call or SMS) or verified email, and
//! the sign-up of a new number.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
