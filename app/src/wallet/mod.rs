//! Rynok Account (the wallet), bonus points and gift certificates. Money moves only
//! through the ledger.

pub mod ledger;
pub mod withdrawals;
