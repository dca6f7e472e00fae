//! Integration tests: each starts the real server on a free port with a fresh
//! database (SQLite by default; Postgres when TEST_DATABASE_URL points at one).

mod helpers;

mod account;
mod cart;
mod catalog;
mod chat;
mod favourites;
mod microcache;
mod orders;
mod platform;
mod support;
mod wallet;
