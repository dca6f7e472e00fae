//! What every request handler and server function shares.

use crate::clock::SharedClock;
use crate::db::Db;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

/// Settings read once at start-up (see `server/src/config.rs` for the environment variables).
#[derive(Clone, Debug)]
pub struct Settings {
    /// The address people use to reach the shop, for canonical links and Origin checks.
    pub public_url: String,
    /// `dev`, `test` or `prod`.
    pub env: String,
    /// Where the stylesheet is served, with its content hash when the build made one.
    pub stylesheet: String,
}

impl Settings {
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub settings: Arc<Settings>,
    pub clock: SharedClock,
}
