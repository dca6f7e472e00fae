//! Integration tests: each starts the real server on a free port with a fresh
//! database (SQLite by default; Postgres when TEST_DATABASE_URL points at one).

mod helpers;

mod account;
mod account_changes;
mod account_codes;
mod account_deletion;
mod account_limits;
mod account_races;
mod account_review;
mod account_sessions;
mod cart;
mod catalog;
mod email;
mod oidc;
mod passkeys;
mod platform;
