//! Rynok Account (the wallet), bonus points and gift certificates. Money moves only
//! through the ledger.

pub mod certificates;
pub mod i18n;
pub mod ledger;
pub mod points;
pub mod routes;
pub mod statement;
pub mod topups;
pub mod withdrawals;

// The public face: what the shell and the server use.
pub use routes::{PointsRoute, TopUpRoute, WalletRoute};
#[cfg(feature = "ssr")]
pub use statement::service::{csv as statement_csv, statement};
