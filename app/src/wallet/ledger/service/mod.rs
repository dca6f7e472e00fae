//! The ledger's operations. Each is one database transaction: the transfer row and
//! the two accounts' sums change together or not at all. On SQLite the transaction
//! starts with `BEGIN IMMEDIATE` (one writer at a time, queued in the process by
//! `Db::write_turn`); on Postgres the sums change
//! by conditional updates in account-id order, so two transfers never wait on each
//! other in a circle, and a deadlock, serialisation failure or a lost race for an
//! idempotency key is retried a bounded number of times.
mod check;
mod frame;
mod pending;
mod post;
mod read;

pub use check::{Report, check};
pub use frame::{LedgerError, is_retryable, retry};
pub use pending::{Resolve, expire_due, resolve, resolve_in};
pub use post::{Spec, reserve, transfer, transfer_in};
pub use read::{account, find_account, find_by_id_in, find_in, history, owner_sums, sums};
