//! Configuration: defaults that run with no setup, overridden by environment variables.

use std::net::IpAddr;

mod lists;
mod services;

pub use lists::{parse_countries, parse_proxies};
pub use services::{GatewayConfig, SmtpConfig, SmtpTls, YooKassaConfig};

#[derive(Clone, Debug)]
pub struct Config {
    /// APP_HOST, default 127.0.0.1
    pub host: IpAddr,
    /// APP_PORT, default 3000 (0 picks a free port)
    pub port: u16,
    /// DATABASE_URL, default sqlite://data/rynok.db
    pub database_url: String,
    /// APP_ENV: dev (default), test or prod
    pub env: String,
    /// APP_PUBLIC_URL, default http://{host}:{port}
    pub public_url: Option<String>,
    /// APP_SEED_PRODUCTS: products to seed into an empty database at start, default 3000 (0: none)
    pub seed_products: u32,
    /// LEPTOS_SITE_ROOT: where the built assets are, default target/site
    pub site_root: String,
    /// APP_SECRET: the key for one-time code MACs, at least 32 characters; required
    /// in production (all servers of one shop share it), random per start otherwise.
    pub secret: Option<String>,
    /// APP_SESSION_IDLE_DAYS (30) and APP_SESSION_ABSOLUTE_DAYS (90)
    pub session_idle_days: i64,
    pub session_absolute_days: i64,
    /// APP_TRUSTED_PROXIES: the shop's own proxies (addresses or CIDRs, comma
    /// separated); behind them the client is read from X-Forwarded-For
    pub trusted_proxies: Vec<app::platform::client_addr::Cidr>,
    /// APP_CODE_COUNTRIES: countries whose numbers get codes, each with an optional
    /// hourly budget, `RU` or `RU:1000,BY:50` (default `RU`)
    pub code_countries: Vec<app::platform::state::CountryBudget>,
    /// APP_CODE_HOURLY_BUDGET: codes to phones per hour, all countries (default 2000)
    pub code_hourly_budget: i64,
    /// APP_OUTBOX: on (default in dev and test) or off; never on in production
    pub outbox: bool,
    /// APP_SMTP_*: where emails go; none means no email delivery
    pub smtp: Option<SmtpConfig>,
    /// APP_SMS_GATEWAY_URL and APP_SMS_GATEWAY_KEY: calls and SMS
    pub sms_gateway: Option<GatewayConfig>,
    /// APP_OIDC_PROVIDERS=sber,apple and APP_OIDC_<NAME>_{ISSUER,CLIENT_ID,CLIENT_SECRET,SCOPES,LABEL,FORM_POST}
    pub oidc: Vec<app::platform::state::OidcProvider>,
    /// APP_YOOKASSA_SHOP_ID, APP_YOOKASSA_SECRET_KEY, APP_YOOKASSA_URL and
    /// APP_YOOKASSA_CONFIRMATION_ORIGIN: the card payment provider. Required in
    /// production; in dev and test the stand-in under /dev/yookassa/ answers.
    pub yookassa: YooKassaConfig,
    /// APP_PAYOUT_SANDBOX_DAYS: business days the payout sandbox takes to pay (2);
    /// dev and test only (production has no payout adapter yet: withdrawals wait).
    pub payout_sandbox_days: u32,
    /// How long a storefront page rendered for an anonymous shopper is served again
    /// to others (`APP_MICROCACHE_MS`, 0 to turn it off): the bound on how late a
    /// price or stock change can show.
    pub microcache_ms: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0} has an invalid value {1:?}: {2}")]
    Invalid(&'static str, String, &'static str),
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// The configuration from these variables (`from_env` reads the process's).
    pub fn from_vars(source: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let var = |name: &str| source(name).filter(|v| !v.trim().is_empty());
        let host = match var("APP_HOST") {
            Some(h) => h
                .parse()
                .map_err(|_| ConfigError::Invalid("APP_HOST", h, "expected an IP address"))?,
            None => IpAddr::from([127, 0, 0, 1]),
        };
        let port = match var("APP_PORT") {
            Some(p) => p
                .parse()
                .map_err(|_| ConfigError::Invalid("APP_PORT", p, "expected a port number"))?,
            None => 3000,
        };
        let env = var("APP_ENV").unwrap_or_else(|| "dev".into());
        if !matches!(env.as_str(), "dev" | "test" | "prod") {
            return Err(ConfigError::Invalid(
                "APP_ENV",
                env,
                "expected dev, test or prod",
            ));
        }
        let seed_products = match var("APP_SEED_PRODUCTS") {
            Some(n) => n.parse().map_err(|_| {
                ConfigError::Invalid("APP_SEED_PRODUCTS", n, "expected a whole number")
            })?,
            None => 3000,
        };
        let microcache_ms = match var("APP_MICROCACHE_MS") {
            Some(n) => n
                .parse()
                .ok()
                .filter(|ms| (0..=60_000).contains(ms))
                .ok_or(ConfigError::Invalid(
                    "APP_MICROCACHE_MS",
                    n,
                    "expected milliseconds from 0 to 60000",
                ))?,
            None => 1000,
        };
        let public_url = var("APP_PUBLIC_URL");
        if let Some(u) = &public_url
            && !(u.starts_with("http://") || u.starts_with("https://"))
        {
            return Err(ConfigError::Invalid(
                "APP_PUBLIC_URL",
                u.clone(),
                "expected http:// or https://",
            ));
        }
        let secret = var("APP_SECRET");
        if let Some(k) = &secret
            && k.len() < 32
        {
            return Err(ConfigError::Invalid(
                "APP_SECRET",
                "…".into(),
                "expected at least 32 characters",
            ));
        }
        let days = |name: &'static str, default: i64| -> Result<i64, ConfigError> {
            match var(name) {
                Some(v) => v
                    .parse::<i64>()
                    .ok()
                    .filter(|d| (1..=3650).contains(d))
                    .ok_or(ConfigError::Invalid(
                        name,
                        v,
                        "expected a number of days from 1 to 3650",
                    )),
                None => Ok(default),
            }
        };
        let session_idle_days = days("APP_SESSION_IDLE_DAYS", 30)?;
        let session_absolute_days = days("APP_SESSION_ABSOLUTE_DAYS", 90)?;
        let flag = |name: &'static str, default: bool| -> Result<bool, ConfigError> {
            match var(name).as_deref() {
                None => Ok(default),
                Some("1" | "on" | "true" | "yes") => Ok(true),
                Some("0" | "off" | "false" | "no") => Ok(false),
                Some(v) => Err(ConfigError::Invalid(
                    name,
                    v.to_string(),
                    "expected on or off",
                )),
            }
        };
        if var("APP_TRUST_PROXY").is_some() {
            return Err(ConfigError::Invalid(
                "APP_TRUST_PROXY",
                String::new(),
                "replaced by APP_TRUSTED_PROXIES: list your proxies' addresses",
            ));
        }
        let trusted_proxies = parse_proxies(var("APP_TRUSTED_PROXIES").as_deref().unwrap_or(""))?;
        let code_countries = parse_countries(var("APP_CODE_COUNTRIES").as_deref().unwrap_or("RU"))?;
        let code_hourly_budget = match var("APP_CODE_HOURLY_BUDGET") {
            Some(v) => v
                .parse::<i64>()
                .ok()
                .filter(|n| *n >= 0)
                .ok_or(ConfigError::Invalid(
                    "APP_CODE_HOURLY_BUDGET",
                    v,
                    "expected a whole number",
                ))?,
            None => app::platform::state::DEFAULT_CODE_HOURLY_BUDGET,
        };
        // The outbox shows every code to whoever can reach /dev/outbox: by default
        // only on a loopback address; elsewhere only when asked for by name.
        let outbox = flag("APP_OUTBOX", env != "prod" && host.is_loopback())?;
        let smtp = services::smtp(&var)?;
        let sms_gateway = services::sms_gateway(&var)?;
        let oidc = services::oidc(&var, &env)?;
        let yookassa = services::yookassa(&var, &env)?;
        if env == "prod" {
            if outbox {
                return Err(ConfigError::Invalid(
                    "APP_OUTBOX",
                    "on".into(),
                    "the development outbox cannot run in production",
                ));
            }
            if secret.is_none() {
                return Err(ConfigError::Invalid(
                    "APP_SECRET",
                    String::new(),
                    "required in production",
                ));
            }
            if sms_gateway.is_none() {
                return Err(ConfigError::Invalid(
                    "APP_SMS_GATEWAY_URL",
                    String::new(),
                    "required in production: codes must reach phones",
                ));
            }
        }
        Ok(Config {
            host,
            port,
            database_url: var("DATABASE_URL").unwrap_or_else(|| "sqlite://data/rynok.db".into()),
            env,
            public_url,
            seed_products,
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            secret,
            session_idle_days,
            session_absolute_days,
            trusted_proxies,
            code_countries,
            code_hourly_budget,
            outbox,
            smtp,
            sms_gateway,
            oidc,
            yookassa,
            payout_sandbox_days: match var("APP_PAYOUT_SANDBOX_DAYS") {
                Some(v) => {
                    v.parse::<u32>()
                        .ok()
                        .filter(|d| *d <= 30)
                        .ok_or(ConfigError::Invalid(
                            "APP_PAYOUT_SANDBOX_DAYS",
                            v,
                            "0 to 30",
                        ))?
                }
                None => 2,
            },
            microcache_ms,
        })
    }

    /// A configuration for tests: a free port, the given database, nothing seeded.
    pub fn for_tests(database_url: String) -> Config {
        Config {
            host: IpAddr::from([127, 0, 0, 1]),
            port: 0,
            database_url,
            env: "test".into(),
            public_url: None,
            seed_products: 0,
            site_root: "target/site".into(),
            secret: None,
            session_idle_days: 30,
            session_absolute_days: 90,
            trusted_proxies: Vec::new(),
            code_countries: parse_countries("RU,BY").unwrap_or_default(),
            code_hourly_budget: app::platform::state::DEFAULT_CODE_HOURLY_BUDGET,
            outbox: true,
            smtp: None,
            sms_gateway: None,
            oidc: Vec::new(),
            yookassa: YooKassaConfig::stand_in(),
            payout_sandbox_days: 2,
            // Off: tests that change the catalogue read their change at once.
            microcache_ms: 0,
        }
    }
}

#[cfg(test)]
mod tests;
