//! Making and checking one-time codes: six digits from the CSPRNG, their MAC bound
//! to an attempt, the wrong-code answer, and the send limits read and recorded
//! under locks.

use crate::account::otp::model::{
    self as limits, FAILURES_PER_HOUR, LIMITS, MAX_FAILURES, SendKey, Target,
};
use crate::account::otp::repo as sends;
use crate::platform::client_addr::limit_bucket;
use crate::platform::db::Tx;
use crate::platform::state::Settings;
use crate::shared::error::{AppError, AppResult};
use crate::shared::error::{Field, Problem};
use rand::TryRngCore;

/// The answer to a wrong code, given how many wrong codes the attempt has now.
pub fn wrong_code(failures: i64) -> AppError {
    if failures >= MAX_FAILURES {
        AppError::CodeBurned
    } else {
        AppError::WrongCode {
            attempts_left: MAX_FAILURES - failures,
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
    let parts: [&[u8]; 3] = [attempt_token_hash.as_bytes(), b":", code.as_bytes()];
    hex::encode(crate::platform::security::mac(secret, &parts))
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
                .ok_or_else(|| AppError::invalid(Field::Phone, Problem::CountryClosed))?,
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
    crate::platform::db::lock_keys(tx, &keys).await?;
    let mut wait = 0;
    for limit in LIMITS {
        let value = key_value(limit.key, target, ip);
        let recent =
            sends::recent_sends(tx, limit.key, &value, now - limit.window_ms, limit.max).await?;
        if let Some(w) = limits::wait_ms(limit, now, &recent) {
            wait = wait.max(w);
        }
    }
    if sends::failures_since(tx, target.key(), now - HOUR_MS).await? >= FAILURES_PER_HOUR {
        wait = wait.max(HOUR_MS);
    }
    // Budgets against SMS pumping: per country, and all phones together. The
    // country's is exact (its lock is held); the shop-wide one may be passed by
    // the few sends other countries commit at the same moment.
    if let (Some(iso), Some(budget)) = (country, budget) {
        for (scope, max) in [(Some(iso), budget), (None, settings.code_hourly_budget)] {
            let nth = sends::nth_recent_phone_send(tx, scope, now - HOUR_MS, max).await?;
            if let Some(at) = nth {
                wait = wait.max((at + HOUR_MS - now).max(1));
            }
        }
    }
    Ok((wait > 0).then(|| limits::ceil_secs(wait)))
}

const HOUR_MS: i64 = 3_600_000;

/// A new code for `target` if its send limits allow one now, the send recorded in
/// `tx`: (a random salt to bind its MAC to, the code). For every use case that
/// proves something by a code to the phone (changes, withdrawals, the card).
pub async fn code_for(
    tx: &mut Tx,
    settings: &Settings,
    target: &Target,
    ip: &str,
    now: i64,
) -> AppResult<(String, String)> {
    if let Some(secs) = wait_before_send(tx, settings, target, ip, now).await? {
        return Err(AppError::TooManyRequests {
            retry_after_secs: secs,
        });
    }
    record_send(tx, target, ip, now).await?;
    Ok((crate::platform::security::random_token(), new_code()))
}

/// Records a code sent to `target` for the limits (call after `wait_before_send`).
pub(crate) async fn record_send(tx: &mut Tx, target: &Target, ip: &str, now: i64) -> AppResult<()> {
    sends::record_send(
        tx,
        sends::Send {
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
