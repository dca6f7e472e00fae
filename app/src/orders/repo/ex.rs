//! What every query runs on.

/// A connection or a transaction (a `Tx` derefs to one).
pub type Ex<'e> = &'e mut sqlx::AnyConnection;
