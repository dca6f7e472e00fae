//! Reading the configuration from variables.

use super::*;

fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    Config::from_vars(|name| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    })
}

#[test]
fn the_outbox_is_off_on_a_network_address_unless_asked_for() {
    assert!(config(&[]).unwrap().outbox, "on for 127.0.0.1 in dev");
    assert!(!config(&[("APP_HOST", "0.0.0.0")]).unwrap().outbox);
    assert!(
        !config(&[("APP_HOST", "192.0.2.10"), ("APP_ENV", "test")])
            .unwrap()
            .outbox
    );
    let asked = config(&[("APP_HOST", "0.0.0.0"), ("APP_OUTBOX", "on")]).unwrap();
    assert!(asked.outbox);
}

#[test]
fn trusted_proxies_and_code_countries_parse() {
    let c = config(&[
        ("APP_TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1,::1"),
        ("APP_CODE_COUNTRIES", "ru:500,BY"),
        ("APP_CODE_HOURLY_BUDGET", "700"),
    ])
    .unwrap();
    assert_eq!(c.trusted_proxies.len(), 3);
    assert_eq!(c.code_countries[0].iso, "RU");
    assert_eq!(c.code_countries[0].hourly, 500);
    assert_eq!(
        c.code_countries[1].hourly,
        app::platform::state::DEFAULT_COUNTRY_HOURLY
    );
    assert_eq!(c.code_hourly_budget, 700);
    assert_eq!(
        config(&[]).unwrap().code_countries.len(),
        1,
        "Russia alone by default"
    );
    for (k, v) in [
        ("APP_TRUSTED_PROXIES", "10.0.0.0/99"),
        ("APP_CODE_COUNTRIES", "Russia"),
        ("APP_CODE_COUNTRIES", "RU:lots"),
        ("APP_CODE_HOURLY_BUDGET", "-1"),
        ("APP_TRUST_PROXY", "on"),
    ] {
        assert!(config(&[(k, v)]).is_err(), "{k}={v}");
    }
}
