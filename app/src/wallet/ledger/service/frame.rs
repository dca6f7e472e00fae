//! The frame of every ledger write: its error, and the bounded retry of a whole
//! transaction when the database asks for one.

use crate::platform::db::Db;
use crate::wallet::ledger::model::LedgerRefusal;

/// A refusal (nothing written) or a storage failure.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error(transparent)]
    Refused(#[from] LedgerRefusal),
    #[error("ledger storage: {0}")]
    Db(#[from] sqlx::Error),
    /// A concurrent transaction took this idempotency key first: try the whole
    /// transaction again, and it answers that transfer.
    #[error("a concurrent transfer took the same key")]
    Raced,
}

impl From<LedgerError> for crate::shared::error::AppError {
    fn from(e: LedgerError) -> Self {
        match e {
            LedgerError::Db(e) => e.into(),
            LedgerError::Raced => crate::shared::error::AppError::internal("ledger key race"),
            // Each use case words its own refusals before they get here; one that
            // arrives unworded is a bug in that use case.
            LedgerError::Refused(r) => crate::shared::error::AppError::internal(r),
        }
    }
}

/// How many times an operation is tried when the database asks for a retry.
const ATTEMPTS: usize = 8;

/// Whether the database asked for the transaction to be tried again: a deadlock or
/// a serialisation failure (Postgres), a busy database (SQLite), or a unique key
/// another transaction took first (the retry then finds its transfer).
pub fn is_retryable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => {
            d.is_unique_violation()
                || matches!(
                    d.code().as_deref(),
                    Some("40001" | "40P01" | "5" | "517" | "6")
                )
        }
        _ => false,
    }
}

/// Runs `op` (one whole write transaction) in this process's write turn, again
/// while the database asks for a retry or a concurrent transaction took its key,
/// at most [`ATTEMPTS`] times. Use cases that write more than a transfer in the
/// same transaction (certificates, withdrawals, checkout) run in it too.
pub async fn retry<T, F, Fut>(db: &Db, mut op: F) -> Result<T, LedgerError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, LedgerError>>,
{
    let _turn = db.write_turn().await;
    let mut attempt = 1;
    loop {
        match op().await {
            Err(LedgerError::Db(e)) if attempt < ATTEMPTS && is_retryable(&e) => attempt += 1,
            Err(LedgerError::Raced) if attempt < ATTEMPTS => attempt += 1,
            other => return other,
        }
    }
}
