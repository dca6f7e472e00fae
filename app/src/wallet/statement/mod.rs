//! Rynok Account's page: the balance, what is reserved and on its way, the
//! operations with their running balance, filters and the CSV export; and an
//! order's receipts, the operations that name it.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
