//! What every request handler and server function shares.

use crate::platform::clock::SharedClock;
use crate::platform::db::Db;
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
    /// The server's secret key for one-time code MACs (APP_SECRET; shared by all servers).
    pub secret: Vec<u8>,
    /// A session ends after this long without a request (default 30 days).
    pub session_idle_ms: i64,
    /// A session ends this long after sign-in whatever happens (default 90 days).
    pub session_absolute_ms: i64,
    /// The shop's own proxies (APP_TRUSTED_PROXIES): behind them the client's
    /// address is read from X-Forwarded-For (see `client_addr`).
    pub trusted_proxies: Vec<crate::platform::client_addr::Cidr>,
    /// Countries whose numbers may receive codes, each with its hourly budget of
    /// sends (APP_CODE_COUNTRIES, default `RU`).
    pub code_countries: Vec<CountryBudget>,
    /// Codes sent to phones per hour, all countries together (APP_CODE_HOURLY_BUDGET).
    pub code_hourly_budget: i64,
    /// "Sign in with ..." providers, in the order their buttons appear.
    pub oidc: Vec<OidcProvider>,
    /// Origins a form may lead to besides our own (the payment provider's
    /// confirmation page, which a top-up's form post redirects to).
    pub form_targets: Vec<String>,
}

/// A country that may receive codes, and how many an hour at most.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountryBudget {
    /// ISO 3166 code: `RU`, `BY`, ...
    pub iso: String,
    pub hourly: i64,
}

/// The default hourly budget of one country, when APP_CODE_COUNTRIES names none.
pub const DEFAULT_COUNTRY_HOURLY: i64 = 1_000;
/// The default hourly budget of all phone sends together.
pub const DEFAULT_CODE_HOURLY_BUDGET: i64 = 2_000;

/// One OpenID Connect provider from configuration.
#[derive(Clone, Debug)]
pub struct OidcProvider {
    /// Short name used in URLs: `sber`, `apple`.
    pub name: String,
    /// What the button says: "Sber ID", "Apple".
    pub label: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    pub scopes: Vec<String>,
    /// Ask for `response_mode=form_post` (Apple answers with a cross-site POST).
    pub form_post: bool,
}

impl Settings {
    /// The hourly budget of codes to numbers of `iso`, if they may get codes at all.
    pub fn country_budget(&self, iso: &str) -> Option<i64> {
        self.code_countries
            .iter()
            .find(|c| c.iso == iso)
            .map(|c| c.hourly)
    }

    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// Settings for unit tests and tools.
    pub fn for_tests() -> Settings {
        Settings {
            public_url: "http://127.0.0.1".into(),
            env: "test".into(),
            stylesheet: "/pkg/rynok.css".into(),
            secret: b"test secret, not for production use".to_vec(),
            session_idle_ms: 30 * 24 * 3600 * 1000,
            session_absolute_ms: 90 * 24 * 3600 * 1000,
            trusted_proxies: Vec::new(),
            code_countries: vec![CountryBudget {
                iso: "RU".into(),
                hourly: DEFAULT_COUNTRY_HOURLY,
            }],
            code_hourly_budget: DEFAULT_CODE_HOURLY_BUDGET,
            oidc: Vec::new(),
            form_targets: Vec::new(),
        }
    }
}

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub settings: Arc<Settings>,
    pub clock: SharedClock,
    pub notifier: crate::notify::SharedNotifier,
    /// Per-client request limits of this server (`ratelimit`).
    pub limiter: Arc<crate::platform::ratelimit::RateLimiter>,
    /// The card payment provider (YooKassa, or its stand-in in dev and tests).
    pub payments: crate::payments::SharedGateway,
    /// The payout provider for withdrawals (its sandbox in dev and tests).
    pub payouts: crate::payments::SharedPayouts,
    /// The partner bank that issues the Rynok Card (its sandbox in dev and tests).
    pub bank: crate::payments::bank::SharedBank,
}

/// What a use case needs from the server, with the moment it runs at (read once
/// from the clock, so that one use case sees one "now").
pub struct Deps<'a> {
    pub db: &'a Db,
    pub settings: &'a Settings,
    pub notifier: &'a crate::notify::SharedNotifier,
    pub payments: &'a crate::payments::SharedGateway,
    pub payouts: &'a crate::payments::SharedPayouts,
    pub bank: &'a crate::payments::bank::SharedBank,
    pub now: i64,
}

impl AppState {
    pub fn deps(&self) -> Deps<'_> {
        Deps {
            db: &self.db,
            settings: &self.settings,
            notifier: &self.notifier,
            payments: &self.payments,
            payouts: &self.payouts,
            bank: &self.bank,
            now: self.clock.now_ms(),
        }
    }
}
