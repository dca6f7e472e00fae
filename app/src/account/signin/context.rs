//! What every Rynok ID use case shares: who asks, what the server provides, what a
//! code is sent to, how codes are made and checked against the send limits, and
//! how the person is told.

use crate::account::limits::{self, FAILURES_PER_HOUR, LIMITS};
use crate::account::model::{Channel, Email, Phone};
use crate::account::repo::{self, Event, SendKey, UserRow};
use crate::i18n::Lang;
use crate::notify::{Message, SharedNotifier};
use crate::platform::client_addr::limit_bucket;
use crate::platform::db::{Db, Tx};
use crate::platform::state::Settings;
use crate::shared::error::{AppError, AppResult};
use hmac::{Hmac, Mac};
use rand::TryRngCore;
use sha2::Sha256;

/// Who is asking and from where; every use case gets one.
pub struct Requester {
    pub ip: String,
    pub user_agent: String,
    pub lang: Lang,
    /// The hash of the guest cart cookie, to merge into the account's cart.
    pub guest_cart: Option<String>,
}

/// What the use cases need from the server.
pub struct Deps<'a> {
    pub db: &'a Db,
    pub settings: &'a Settings,
    pub notifier: &'a SharedNotifier,
    pub now: i64,
}

/// What to sign in with.
#[derive(Debug, Clone)]
pub enum Target {
    Phone(Phone, Channel),
    Email(Email),
}

impl Target {
    pub(crate) fn key(&self) -> &str {
        match self {
            Target::Phone(p, _) => p.as_str(),
            Target::Email(e) => e.as_str(),
        }
    }

    pub(crate) fn prefix(&self) -> String {
        match self {
            Target::Phone(p, _) => p.prefix().to_string(),
            // A domain is shared by many people: limit per address only.
            Target::Email(e) => e.as_str().to_string(),
        }
    }

    pub(crate) fn masked(&self) -> String {
        match self {
            Target::Phone(p, _) => p.masked(),
            Target::Email(e) => e.masked(),
        }
    }

    /// The country of a phone target (ISO code); none for an email.
    pub(crate) fn country(&self) -> Option<&'static str> {
        match self {
            Target::Phone(p, _) => Some(p.country()),
            Target::Email(_) => None,
        }
    }

    pub(crate) fn channel(&self) -> Channel {
        match self {
            Target::Phone(_, c) => *c,
            Target::Email(_) => Channel::Email,
        }
    }
}

/// The answer to a wrong code, given how many wrong codes the attempt has now.
pub fn wrong_code(failures: i64) -> AppError {
    if failures >= super::MAX_FAILURES {
        AppError::CodeBurned
    } else {
        AppError::WrongCode {
            attempts_left: super::MAX_FAILURES - failures,
        }
    }
}

/// Six decimal digits, uniform, from the operating system's CSPRNG.
pub fn new_code() -> String {
    let mut rng = rand::rngs::OsRng;
    loop {
        let Ok(n) = rng.try_next_u32() else {
            continue;
        };
        // 4 294 000 000 is the largest multiple of 10^6 below 2^32: no modulo bias.
        if n < 4_294_000_000 {
            return format!("{:06}", n % 1_000_000);
        }
    }
}

/// The code's MAC, bound to the attempt it was sent for.
pub fn code_mac(secret: &[u8], attempt_token_hash: &str, code: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret).expect("HMAC takes any key");
    mac.update(attempt_token_hash.as_bytes());
    mac.update(b":");
    mac.update(code.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Seconds to wait before another code to `target` may go, if any; refuses numbers
/// of countries that get no codes. The counts are read under locks that the
/// transaction keeps until its send is recorded (`record_send`), so parallel
/// requests cannot all read "no sends yet".
pub(crate) async fn wait_before_send(
    tx: &mut Tx,
    settings: &Settings,
    target: &Target,
    ip: &str,
    now: i64,
) -> AppResult<Option<i64>> {
    let country = target.country();
    let budget = match country {
        Some(iso) => Some(
            settings
                .country_budget(iso)
                .ok_or_else(|| AppError::invalid("phone", "country_closed"))?,
        ),
        None => None,
    };
    let mut keys: Vec<String> = LIMITS
        .iter()
        .map(|l| format!("send:{}", key_value(l.key, target, ip)))
        .collect();
    if let Some(iso) = country {
        keys.push(format!("send:country:{iso}"));
    }
    repo::lock_keys(tx, &keys).await?;
    let mut wait = 0;
    for limit in LIMITS {
        let value = key_value(limit.key, target, ip);
        let recent =
            repo::recent_sends(tx, limit.key, &value, now - limit.window_ms, limit.max).await?;
        if let Some(w) = limits::wait_ms(limit, now, &recent) {
            wait = wait.max(w);
        }
    }
    if repo::failures_since(tx, target.key(), now - HOUR_MS).await? >= FAILURES_PER_HOUR {
        wait = wait.max(HOUR_MS);
    }
    // Budgets against SMS pumping: per country, and all phones together. The
    // country's is exact (its lock is held); the shop-wide one may be passed by
    // the few sends other countries commit at the same moment.
    if let (Some(iso), Some(budget)) = (country, budget) {
        for (scope, max) in [(Some(iso), budget), (None, settings.code_hourly_budget)] {
            let nth = repo::nth_recent_phone_send(tx, scope, now - HOUR_MS, max).await?;
            if let Some(at) = nth {
                wait = wait.max((at + HOUR_MS - now).max(1));
            }
        }
    }
    Ok((wait > 0).then(|| limits::ceil_secs(wait)))
}

const HOUR_MS: i64 = 3_600_000;

/// Records a code sent to `target` for the limits (call after `wait_before_send`).
pub(crate) async fn record_send(tx: &mut Tx, target: &Target, ip: &str, now: i64) -> AppResult<()> {
    repo::record_send(
        tx,
        repo::Send {
            target: target.key(),
            prefix: &target.prefix(),
            ip: &limit_bucket(ip),
            country: target.country().unwrap_or(""),
            now,
        },
    )
    .await?;
    Ok(())
}

fn key_value(key: SendKey, target: &Target, ip: &str) -> String {
    match key {
        SendKey::Target => target.key().to_string(),
        SendKey::Prefix => target.prefix(),
        SendKey::Ip => limit_bucket(ip),
    }
}

/// Sends without waiting for the outcome (it is logged).
pub(crate) fn send_later(deps: &Deps<'_>, message: Message) {
    let notifier = deps.notifier.clone();
    tokio::spawn(async move {
        if let Err(e) = notifier.send(&message).await {
            tracing::error!(error = %e, channel = message.channel(), "delivery failed");
        }
    });
}

/// Emails the account's verified email, if it has one (in the background).
pub(crate) fn email_account(deps: &Deps<'_>, user: &UserRow, subject: &str, text: String) {
    if let (Some(email), true) = (&user.email, user.email_verified) {
        send_later(
            deps,
            Message::Email {
                to: email.clone(),
                subject: subject.to_string(),
                text,
            },
        );
    }
}

/// Texts the account's phone, if it has one (in the background).
pub(crate) fn sms_account(deps: &Deps<'_>, user: &UserRow, text: String) {
    if let Some(phone) = &user.phone {
        send_later(
            deps,
            Message::Sms {
                to: phone.clone(),
                text,
            },
        );
    }
}

pub async fn log(
    tx: &mut Tx,
    user_id: Option<i64>,
    kind: &str,
    detail: &str,
    req: &Requester,
    now: i64,
) -> AppResult<()> {
    repo::log_event(
        tx,
        Event {
            user_id,
            kind,
            detail,
            ip: &req.ip,
            user_agent: &req.user_agent,
            at: now,
        },
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits_and_vary() {
        let codes: std::collections::HashSet<String> = (0..200).map(|_| new_code()).collect();
        assert!(
            codes
                .iter()
                .all(|c| c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit()))
        );
        assert!(codes.len() > 190);
    }

    #[test]
    fn a_code_mac_is_bound_to_its_attempt_and_key() {
        let a = code_mac(b"k1", "attempt-a", "123456");
        assert_eq!(a, code_mac(b"k1", "attempt-a", "123456"));
        assert_ne!(a, code_mac(b"k1", "attempt-b", "123456"));
        assert_ne!(a, code_mac(b"k2", "attempt-a", "123456"));
        assert_ne!(a, code_mac(b"k1", "attempt-a", "123457"));
        assert!(!a.contains("123456"));
    }
}
