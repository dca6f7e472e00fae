//! Gift certificates: issued by staff (and later sold at checkout), activated once
//! into a shopper's wallet within a year, at most three a day.

pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
