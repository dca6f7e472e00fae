//! One-time codes: what a code is, how it travels, and how long someone must
//! wait before another (the send limits).

use crate::shared::email::Email;
use crate::shared::error::{Field, Problem};
use crate::shared::phone::Phone;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A code lives five minutes.
pub const CODE_TTL_MS: i64 = 5 * 60_000;
/// Five wrong entries burn a code.
pub const MAX_FAILURES: i64 = 5;

/// A one-time code as typed: exactly six digits (spaces and dashes ignored).
#[derive(Clone, PartialEq, Eq)]
pub struct OtpCode(String);

impl OtpCode {
    pub fn parse(input: &str) -> Option<OtpCode> {
        let digits: String = input.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        (digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(OtpCode(digits))
    }

    /// The code field of a form: six digits, else the page's "six digits" message.
    pub fn from_field(input: &str) -> Result<OtpCode, crate::shared::error::AppError> {
        OtpCode::parse(input)
            .ok_or_else(|| crate::shared::error::AppError::invalid(Field::Code, Problem::SixDigits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

// A code is a secret: it is never printed in logs by accident.
impl fmt::Debug for OtpCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OtpCode(******)")
    }
}

/// How a sign-in code travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Channel {
    Call,
    Sms,
    Email,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Call => "call",
            Channel::Sms => "sms",
            Channel::Email => "email",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        match s {
            "call" => Some(Channel::Call),
            "sms" => Some(Channel::Sms),
            "email" => Some(Channel::Email),
            _ => None,
        }
    }
}

/// What to sign in with.
#[derive(Debug, Clone)]
pub enum Target {
    Phone(Phone, Channel),
    Email(Email),
}

impl Target {
    pub fn key(&self) -> &str {
        match self {
            Target::Phone(p, _) => p.as_str(),
            Target::Email(e) => e.as_str(),
        }
    }

    pub fn prefix(&self) -> String {
        match self {
            Target::Phone(p, _) => p.prefix().to_string(),
            // A domain is shared by many people: limit per address only.
            Target::Email(e) => e.as_str().to_string(),
        }
    }

    pub fn masked(&self) -> String {
        match self {
            Target::Phone(p, _) => p.masked(),
            Target::Email(e) => e.masked(),
        }
    }

    /// The country of a phone target (ISO code); none for an email.
    pub fn country(&self) -> Option<&'static str> {
        match self {
            Target::Phone(p, _) => Some(p.country()),
            Target::Email(_) => None,
        }
    }

    pub fn channel(&self) -> Channel {
        match self {
            Target::Phone(_, c) => *c,
            Target::Email(_) => Channel::Email,
        }
    }
}

impl Target {
    /// A phone field and the channel chosen for it ("call" or "sms").
    pub fn phone(raw: &str, channel: &str) -> Result<Target, crate::shared::error::AppError> {
        let phone = Phone::from_field(raw, Field::Phone)?;
        match Channel::parse(channel) {
            Some(c @ (Channel::Call | Channel::Sms)) => Ok(Target::Phone(phone, c)),
            _ => Err(crate::shared::error::AppError::invalid(
                Field::Channel,
                Problem::Unknown,
            )),
        }
    }
}

/// Which column a send limit counts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendKey {
    Target,
    Prefix,
    Ip,
}

/// At most `max` codes per `window_ms` for the same value of `key`.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub key: SendKey,
    pub max: i64,
    pub window_ms: i64,
}

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// One code a minute, five an hour, ten a day to one number or email; a number
/// prefix (ten thousand numbers) and one IP address get a larger share.
pub const LIMITS: &[Limit] = &[
    Limit {
        key: SendKey::Target,
        max: 1,
        window_ms: MINUTE,
    },
    Limit {
        key: SendKey::Target,
        max: 5,
        window_ms: HOUR,
    },
    Limit {
        key: SendKey::Target,
        max: 10,
        window_ms: DAY,
    },
    Limit {
        key: SendKey::Prefix,
        max: 30,
        window_ms: HOUR,
    },
    Limit {
        key: SendKey::Ip,
        max: 30,
        window_ms: HOUR,
    },
    Limit {
        key: SendKey::Ip,
        max: 200,
        window_ms: DAY,
    },
];

/// The interval between two codes of one sign-in, shown as the countdown.
pub const RESEND_MS: i64 = MINUTE;

/// Wrong codes for one number within an hour, over all its attempts, after which
/// no new code is sent for an hour.
pub const FAILURES_PER_HOUR: i64 = 10;

/// How long to wait under one limit, given the newest sends in its window (newest
/// first, at most `limit.max` of them): none if another send is allowed now.
pub fn wait_ms(limit: &Limit, now: i64, recent_desc: &[i64]) -> Option<i64> {
    let max = usize::try_from(limit.max).ok()?;
    if recent_desc.len() < max || max == 0 {
        return None;
    }
    let frees_at = recent_desc[max - 1] + limit.window_ms;
    (frees_at > now).then_some(frees_at - now)
}

/// Milliseconds to seconds for a message, rounded up so "0 s" never shows.
pub fn ceil_secs(ms: i64) -> i64 {
    (ms + 999) / 1000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits() {
        assert!(OtpCode::parse("123456").is_some());
        assert!(OtpCode::parse("123 456").is_some());
        for bad in ["12345", "1234567", "12345a", "", "１２３４５６"] {
            assert!(OtpCode::parse(bad).is_none(), "{bad}");
        }
        assert_eq!(
            format!("{:?}", OtpCode::parse("123456").unwrap()),
            "OtpCode(******)"
        );
    }

    const ONE_PER_MINUTE: Limit = Limit {
        key: SendKey::Target,
        max: 1,
        window_ms: MINUTE,
    };
    const FIVE_PER_HOUR: Limit = Limit {
        key: SendKey::Target,
        max: 5,
        window_ms: HOUR,
    };

    #[test]
    fn the_first_code_is_free() {
        assert_eq!(wait_ms(&ONE_PER_MINUTE, 1_000_000, &[]), None);
    }

    #[test]
    fn a_second_code_within_a_minute_waits_for_the_rest_of_it() {
        assert_eq!(wait_ms(&ONE_PER_MINUTE, 100_000, &[90_000]), Some(50_000));
        assert_eq!(wait_ms(&ONE_PER_MINUTE, 150_000, &[90_000]), None);
    }

    #[test]
    fn the_sixth_code_in_an_hour_waits_until_the_oldest_of_five_leaves_the_window() {
        let now = 10 * HOUR;
        let sends = [
            now - MINUTE,
            now - 2 * MINUTE,
            now - 3 * MINUTE,
            now - 4 * MINUTE,
            now - 50 * MINUTE,
        ];
        assert_eq!(wait_ms(&FIVE_PER_HOUR, now, &sends), Some(10 * MINUTE));
        assert_eq!(wait_ms(&FIVE_PER_HOUR, now, &sends[..4]), None);
    }

    #[test]
    fn seconds_round_up() {
        assert_eq!(ceil_secs(1), 1);
        assert_eq!(ceil_secs(60_000), 60);
        assert_eq!(ceil_secs(59_001), 60);
    }
}
