//! Configuration: defaults that run with no setup, overridden by environment variables.

use std::net::IpAddr;

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
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0} has an invalid value {1:?}: {2}")]
    Invalid(&'static str, String, &'static str),
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
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
        Ok(Config {
            host,
            port,
            database_url: var("DATABASE_URL").unwrap_or_else(|| "sqlite://data/rynok.db".into()),
            env,
            public_url,
            seed_products,
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
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
        }
    }
}
