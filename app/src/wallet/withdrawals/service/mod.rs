//! Withdrawals: asked for with the amount and the bank details, confirmed by a code
//! to the phone bound to exactly those, reserved in the ledger at once, paid out
//! by the payout provider, and posted when it pays or returned when it fails.

mod confirm;
mod read;
mod settle;
mod shared;
mod start;

pub use confirm::confirm;
pub use read::{awaiting, has_open, recent, saved_details, view};
pub use settle::settle;
pub use start::{Request, start};
