//! The double-entry ledger under Rynok Account: accounts, immutable transfers with
//! idempotency keys, two-phase (pending) transfers, balances that never go below
//! zero, and the check that proves it all adds up.

pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
