//! Send limits for one-time codes: how long someone must wait before another code.

use crate::account::repo::SendKey;

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
