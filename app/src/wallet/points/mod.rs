//! Bonus points: a points account per shopper in the ledger, granted in batches that
//! expire, spent soonest-expiring first and at most 25 % of the goods, returned to
//! their batches on cancellation, expired by a job.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
