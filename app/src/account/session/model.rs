//! A session as the Security page lists it: both builds.

use serde::{Deserialize, Serialize};

/// One session in the "Security" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub id: i64,
    pub browser: String,
    pub ip: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub current: bool,
}

#[cfg(feature = "ssr")]
pub use ssr::*;

#[cfg(feature = "ssr")]
mod ssr {
    use crate::platform::state::Settings;

    /// A live session found by its token's hash.
    #[derive(Debug, Clone, sqlx::FromRow)]
    pub struct SessionRow {
        pub id: i64,
        pub user_id: i64,
        pub created_at: i64,
        pub last_seen_at: i64,
        pub expires_at: i64,
        pub user_agent: String,
        pub ip: String,
        /// When this session last proved the account afresh: its sign-in, or a code
        /// entered since (adding a way to sign in asks for a recent one).
        pub reauth_at: Option<i64>,
    }

    /// Whether a stored session still counts at `now`.
    pub fn is_live(s: &SessionRow, now: i64, settings: &Settings) -> bool {
        now < s.expires_at && now - s.last_seen_at < settings.session_idle_ms
    }

    /// How long a sign-in or a code entered in this session counts as a fresh proof
    /// of the account, for adding a way to sign in.
    pub const REAUTH_TTL_MS: i64 = 10 * 60_000;

    /// Whether the session proved the account within [`REAUTH_TTL_MS`].
    pub fn is_fresh(s: &SessionRow, now: i64) -> bool {
        s.reauth_at.is_some_and(|at| now - at < REAUTH_TTL_MS)
    }
}

/// A short description of a browser from its User-Agent: "Chrome, Linux".
pub fn describe_browser(user_agent: &str) -> String {
    let ua = user_agent;
    let browser = if ua.contains("YaBrowser") {
        "Yandex Browser"
    } else if ua.contains("Edg/") {
        "Edge"
    } else if ua.contains("OPR/") {
        "Opera"
    } else if ua.contains("Firefox/") {
        "Firefox"
    } else if ua.contains("Chrome/") || ua.contains("Chromium/") {
        "Chrome"
    } else if ua.contains("Safari/") {
        "Safari"
    } else {
        ""
    };
    let os = if ua.contains("Android") {
        "Android"
    } else if ua.contains("iPhone") || ua.contains("iPad") {
        "iOS"
    } else if ua.contains("Windows") {
        "Windows"
    } else if ua.contains("Mac OS X") {
        "macOS"
    } else if ua.contains("Linux") {
        "Linux"
    } else {
        ""
    };
    match (browser, os) {
        ("", "") => String::new(),
        (b, "") => b.to_string(),
        ("", o) => o.to_string(),
        (b, o) => format!("{b}, {o}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::state::Settings;

    fn session(last_seen: i64, expires: i64) -> SessionRow {
        SessionRow {
            id: 1,
            user_id: 1,
            created_at: 0,
            last_seen_at: last_seen,
            expires_at: expires,
            user_agent: String::new(),
            ip: String::new(),
            reauth_at: Some(0),
        }
    }

    #[test]
    fn a_sign_in_or_a_code_counts_as_fresh_for_ten_minutes() {
        let s = session(0, 1);
        assert!(is_fresh(&s, REAUTH_TTL_MS - 1));
        assert!(!is_fresh(&s, REAUTH_TTL_MS));
        let never = SessionRow {
            reauth_at: None,
            ..session(0, 1)
        };
        assert!(!is_fresh(&never, 0));
    }

    #[test]
    fn sessions_end_after_idle_or_absolute_lifetime() {
        let s = Settings::for_tests();
        let day = 24 * 3600 * 1000;
        let live = session(0, 90 * day);
        assert!(is_live(&live, 29 * day, &s));
        assert!(!is_live(&live, 30 * day, &s), "idle 30 days");
        let active = session(89 * day, 90 * day);
        assert!(!is_live(&active, 90 * day, &s), "absolute 90 days");
    }

    #[test]
    fn browsers_are_named() {
        let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
        assert_eq!(describe_browser(chrome), "Chrome, Linux");
        assert_eq!(describe_browser("curl/8"), "");
    }
}
