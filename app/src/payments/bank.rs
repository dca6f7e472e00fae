//! The partner bank that issues the Rynok Card: the port the card application
//! speaks to. The server plugs in the bank's sandbox in development and tests
//! (`server/src/payments/bank_sandbox.rs`); production has no partner bank yet, so
//! applications wait under review ([`NoBank`]) and nothing is decided by guesswork.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// What the bank is told to decide on. The passport and tax numbers stay sealed in
/// our database: a real adapter would unseal and send them over its own channel.
#[derive(Debug, Clone)]
pub struct Applicant {
    /// Our reference ("card:<application id>"), the bank's idempotency key.
    pub reference: String,
    pub last_name: String,
    /// YYYY-MM-DD.
    pub birth_date: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Not decided yet: ask again later.
    Pending,
    Approved,
    Declined,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum BankError {
    #[error("the bank is unavailable: {0}")]
    Unavailable(String),
}

pub type BankFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, BankError>> + Send + 'a>>;

pub trait CardBank: Send + Sync {
    /// The bank's decision on an application (asked again while it is pending).
    fn review<'a>(&'a self, a: &'a Applicant, today: &'a str) -> BankFuture<'a, Decision>;
    /// Issues the approved card `reference`: its last four digits, or None while it
    /// is not made yet.
    fn issue<'a>(&'a self, reference: &'a str, today: &'a str) -> BankFuture<'a, Option<String>>;
    /// Closes the card `reference` (at the holder's request).
    fn close<'a>(&'a self, reference: &'a str) -> BankFuture<'a, ()>;
}

pub type SharedBank = Arc<dyn CardBank>;

/// No partner bank configured: every call says so, and applications wait.
pub struct NoBank;

fn unavailable<'a, T: Send + 'a>() -> BankFuture<'a, T> {
    Box::pin(async { Err(BankError::Unavailable("no partner bank configured".into())) })
}

impl CardBank for NoBank {
    fn review<'a>(&'a self, _: &'a Applicant, _: &'a str) -> BankFuture<'a, Decision> {
        unavailable()
    }

    fn issue<'a>(&'a self, _: &'a str, _: &'a str) -> BankFuture<'a, Option<String>> {
        unavailable()
    }

    fn close<'a>(&'a self, _: &'a str) -> BankFuture<'a, ()> {
        unavailable()
    }
}
