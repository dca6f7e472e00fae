//! Per-client request limits kept in this server's memory (GCRA, the algorithm of
//! a leaky bucket without a timer). For requests that must stay cheap: a refused
//! one touches no database, so a flood cannot take SQLite's write lock from real
//! sign-ins. Each server of a shop counts on its own, so N servers allow N times
//! the rate: these limits bound cost, while the limits that protect accounts
//! (codes, guesses) live in the database and hold across servers.

use std::collections::HashMap;
use std::sync::Mutex;

/// A sustained rate of one request per `interval_ms`, with bursts of `burst`.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub name: &'static str,
    pub interval_ms: i64,
    pub burst: i64,
}

/// Starting passkey sign-ins: 30 a minute, bursts of 20.
pub const PASSKEY_LOGIN: Rule = Rule {
    name: "passkey_login",
    interval_ms: 2_000,
    burst: 20,
};
/// Starting "Sign in with ...": 30 a minute, bursts of 20.
pub const OIDC_START: Rule = Rule {
    name: "oidc_start",
    interval_ms: 2_000,
    burst: 20,
};
/// New guest carts: 12 a minute, bursts of 30 (a shared address holds many shoppers).
pub const GUEST_CART: Rule = Rule {
    name: "guest_cart",
    interval_ms: 5_000,
    burst: 30,
};
/// Searches and suggestions: 10 a second, bursts of 60.
pub const SEARCH: Rule = Rule {
    name: "search",
    interval_ms: 100,
    burst: 60,
};

/// Chat messages from one address: 30 a minute, bursts of 20.
pub const CHAT_SEND: Rule = Rule {
    name: "chat_send",
    interval_ms: 2_000,
    burst: 20,
};

/// Entries kept before the ones that have recovered fully are dropped.
const PRUNE_AT: usize = 100_000;

#[derive(Debug, Default)]
pub struct RateLimiter {
    /// (rule, client) -> the theoretical arrival time of the next request.
    tat: Mutex<HashMap<(&'static str, String), i64>>,
}

impl RateLimiter {
    /// Lets one request of `client` (its limit bucket) through at `now`, or says
    /// how many milliseconds to wait.
    pub fn check(&self, rule: Rule, client: &str, now: i64) -> Result<(), i64> {
        let Ok(mut map) = self.tat.lock() else {
            return Ok(());
        };
        if map.len() >= PRUNE_AT {
            map.retain(|_, tat| *tat > now);
        }
        let tat = map.entry((rule.name, client.to_string())).or_insert(now);
        let start = (*tat).max(now);
        let allowed_from = start - rule.interval_ms * rule.burst;
        if allowed_from > now - rule.interval_ms {
            return Err(allowed_from - (now - rule.interval_ms));
        }
        *tat = start + rule.interval_ms;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: Rule = Rule {
        name: "t",
        interval_ms: 1_000,
        burst: 3,
    };

    #[test]
    fn a_burst_passes_then_the_rate_holds() {
        let l = RateLimiter::default();
        for _ in 0..3 {
            assert_eq!(l.check(RULE, "a", 0), Ok(()));
        }
        assert_eq!(l.check(RULE, "a", 0), Err(1_000));
        assert_eq!(l.check(RULE, "b", 0), Ok(()), "another client");
        assert_eq!(l.check(RULE, "a", 999), Err(1));
        assert_eq!(l.check(RULE, "a", 1_000), Ok(()));
        assert!(l.check(RULE, "a", 1_000).is_err());
        // After a quiet spell the whole burst is back.
        for _ in 0..3 {
            assert_eq!(l.check(RULE, "a", 60_000), Ok(()));
        }
        assert!(l.check(RULE, "a", 60_000).is_err());
    }
}
