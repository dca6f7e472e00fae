//! The list-valued settings: trusted proxies and the countries that get codes.

use super::ConfigError;

/// `10.0.0.0/8, 127.0.0.1, ::1`: each entry an address or a CIDR.
pub fn parse_proxies(raw: &str) -> Result<Vec<app::platform::client_addr::Cidr>, ConfigError> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            app::platform::client_addr::Cidr::parse(s).ok_or(ConfigError::Invalid(
                "APP_TRUSTED_PROXIES",
                s.to_string(),
                "expected addresses or CIDRs such as 10.0.0.0/8",
            ))
        })
        .collect()
}

/// `RU` or `RU:1000,BY:50`: ISO country codes, each with an optional hourly budget.
pub fn parse_countries(raw: &str) -> Result<Vec<app::platform::state::CountryBudget>, ConfigError> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|entry| {
            let bad = || {
                ConfigError::Invalid(
                    "APP_CODE_COUNTRIES",
                    entry.to_string(),
                    "expected ISO codes with optional hourly budgets, e.g. RU,BY:50",
                )
            };
            let (iso, hourly) = match entry.split_once(':') {
                Some((iso, n)) => (iso, n.trim().parse::<i64>().map_err(|_| bad())?),
                None => (entry, app::platform::state::DEFAULT_COUNTRY_HOURLY),
            };
            let iso = iso.trim().to_ascii_uppercase();
            if iso.len() != 2 || !iso.bytes().all(|b| b.is_ascii_uppercase()) || hourly < 0 {
                return Err(bad());
            }
            Ok(app::platform::state::CountryBudget { iso, hourly })
        })
        .collect()
}
