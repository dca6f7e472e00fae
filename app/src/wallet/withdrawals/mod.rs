//! Withdrawals from Rynok Account to a bank account: the amount and bank details
//! rules, the code to the phone bound to them, the reservation, the payout and its
//! statuses.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
