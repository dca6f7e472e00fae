//! The outside services' settings: email (SMTP), the SMS and call gateway, the
//! OpenID Connect providers and the card payment provider (YooKassa).

use super::ConfigError;

/// A variable's value, `None` when unset or blank.
type Var<'a> = &'a dyn Fn(&str) -> Option<String>;

#[derive(Clone, Debug)]
pub struct SmtpConfig {
    /// APP_SMTP_HOST
    pub host: String,
    /// APP_SMTP_PORT, default 587 (465 for tls, 25 for none)
    pub port: u16,
    /// APP_SMTP_TLS: starttls (default), tls or none
    pub tls: SmtpTls,
    /// APP_SMTP_USER and APP_SMTP_PASSWORD, optional
    pub credentials: Option<(String, String)>,
    /// APP_SMTP_FROM, default "Rynok <no-reply@rynok.local>"
    pub from: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpTls {
    None,
    StartTls,
    Tls,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YooKassaConfig {
    pub shop_id: String,
    pub secret_key: String,
    /// The API's base (`https://api.yookassa.ru/v3`); None: the stand-in of this server.
    pub api_url: Option<String>,
    /// Where the provider's confirmation pages are (`https://yoomoney.ru`): a top-up's
    /// form post redirects there, so the pages' form-action allows it.
    pub confirmation_origin: Option<String>,
}

impl YooKassaConfig {
    /// The stand-in's credentials: not secrets, they open nothing but the stand-in.
    pub fn stand_in() -> YooKassaConfig {
        YooKassaConfig {
            shop_id: "rynok-dev".into(),
            secret_key: "test_rynok_dev_secret".into(),
            api_url: None,
            confirmation_origin: None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct GatewayConfig {
    pub url: String,
    pub key: String,
}

/// APP_SMTP_*: where emails go; none means no email delivery.
pub fn smtp(var: Var) -> Result<Option<SmtpConfig>, ConfigError> {
    Ok(match var("APP_SMTP_HOST") {
        None => None,
        Some(host) => {
            let tls = match var("APP_SMTP_TLS").as_deref() {
                None | Some("starttls") => SmtpTls::StartTls,
                Some("tls") => SmtpTls::Tls,
                Some("none") => SmtpTls::None,
                Some(v) => {
                    return Err(ConfigError::Invalid(
                        "APP_SMTP_TLS",
                        v.into(),
                        "expected starttls, tls or none",
                    ));
                }
            };
            let port = match var("APP_SMTP_PORT") {
                Some(p) => p.parse().map_err(|_| {
                    ConfigError::Invalid("APP_SMTP_PORT", p, "expected a port number")
                })?,
                None => match tls {
                    SmtpTls::StartTls => 587,
                    SmtpTls::Tls => 465,
                    SmtpTls::None => 25,
                },
            };
            let credentials = match (var("APP_SMTP_USER"), var("APP_SMTP_PASSWORD")) {
                (Some(u), Some(p)) => Some((u, p)),
                (None, None) => None,
                _ => {
                    return Err(ConfigError::Invalid(
                        "APP_SMTP_USER",
                        String::new(),
                        "set both APP_SMTP_USER and APP_SMTP_PASSWORD, or neither",
                    ));
                }
            };
            Some(SmtpConfig {
                host,
                port,
                tls,
                credentials,
                from: var("APP_SMTP_FROM").unwrap_or_else(|| "Rynok <no-reply@rynok.local>".into()),
            })
        }
    })
}

/// APP_SMS_GATEWAY_URL and APP_SMS_GATEWAY_KEY: calls and SMS.
pub fn sms_gateway(var: Var) -> Result<Option<GatewayConfig>, ConfigError> {
    Ok(match var("APP_SMS_GATEWAY_URL") {
        None => None,
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
            Some(GatewayConfig {
                url,
                key: var("APP_SMS_GATEWAY_KEY").unwrap_or_default(),
            })
        }
        Some(url) => {
            return Err(ConfigError::Invalid(
                "APP_SMS_GATEWAY_URL",
                url,
                "expected http:// or https://",
            ));
        }
    })
}

/// APP_OIDC_PROVIDERS and each provider's APP_OIDC_<NAME>_* variables.
pub fn oidc(var: Var, env: &str) -> Result<Vec<app::platform::state::OidcProvider>, ConfigError> {
    let mut oidc = Vec::new();
    for name in var("APP_OIDC_PROVIDERS")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        if !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            || name.len() > 20
        {
            return Err(ConfigError::Invalid(
                "APP_OIDC_PROVIDERS",
                name.to_string(),
                "names are lower-case letters and digits",
            ));
        }
        let key = |suffix: &str| format!("APP_OIDC_{}_{suffix}", name.to_ascii_uppercase());
        let need = |suffix: &str| -> Result<String, ConfigError> {
            var(&key(suffix)).ok_or(ConfigError::Invalid(
                "APP_OIDC_PROVIDERS",
                name.to_string(),
                "each provider needs _ISSUER, _CLIENT_ID and _CLIENT_SECRET",
            ))
        };
        let issuer = need("ISSUER")?;
        if !(issuer.starts_with("https://") || (env != "prod" && issuer.starts_with("http://"))) {
            return Err(ConfigError::Invalid(
                "APP_OIDC_PROVIDERS",
                issuer,
                "the issuer must be https:// (http:// outside production)",
            ));
        }
        let default_label = match name {
            "sber" => "Sber ID",
            "apple" => "Apple",
            other => other,
        };
        oidc.push(app::platform::state::OidcProvider {
            name: name.to_string(),
            label: var(&key("LABEL")).unwrap_or_else(|| default_label.to_string()),
            issuer,
            client_id: need("CLIENT_ID")?,
            client_secret: need("CLIENT_SECRET")?,
            scopes: var(&key("SCOPES"))
                .unwrap_or_else(|| "openid phone email".into())
                .split_whitespace()
                .map(str::to_string)
                .collect(),
            form_post: match var(&key("FORM_POST")).as_deref() {
                Some("on" | "1" | "true") => true,
                Some(_) => false,
                None => name == "apple",
            },
        });
    }
    Ok(oidc)
}

/// APP_YOOKASSA_*: required in production; the stand-in elsewhere when unset.
pub fn yookassa(var: Var, env: &str) -> Result<YooKassaConfig, ConfigError> {
    Ok(
        match (
            var("APP_YOOKASSA_SHOP_ID"),
            var("APP_YOOKASSA_SECRET_KEY"),
            var("APP_YOOKASSA_URL"),
        ) {
            (Some(shop_id), Some(secret_key), Some(url)) => {
                if env == "prod" && (!url.starts_with("https://") || url.contains("/dev/")) {
                    return Err(ConfigError::Invalid(
                        "APP_YOOKASSA_URL",
                        url,
                        "production pays through the real provider, over https",
                    ));
                }
                YooKassaConfig {
                    shop_id,
                    secret_key,
                    api_url: Some(url),
                    confirmation_origin: Some(
                        var("APP_YOOKASSA_CONFIRMATION_ORIGIN")
                            .unwrap_or_else(|| "https://yoomoney.ru".into()),
                    ),
                }
            }
            (None, None, None) if env != "prod" => YooKassaConfig::stand_in(),
            _ => {
                return Err(ConfigError::Invalid(
                    "APP_YOOKASSA_URL",
                    String::new(),
                    "set APP_YOOKASSA_SHOP_ID, APP_YOOKASSA_SECRET_KEY and APP_YOOKASSA_URL together \
                 (required in production; the stand-in is never used there)",
                ));
            }
        },
    )
}
