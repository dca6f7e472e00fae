//! Where a sign-in stands, and where it sends the person afterwards: both builds.

use crate::account::otp::model::Channel;
use serde::{Deserialize, Serialize};

/// Where a sign-in stands, for the page to show the right step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignInStep {
    /// Nothing under way: ask for a phone number (or an email).
    Start,
    /// A code was sent. `to` is masked; `resend_in` counts the seconds until another
    /// code may be asked for.
    Code {
        to: String,
        channel: Channel,
        resend_in: i64,
    },
    /// The number is proven and has no account yet: accept the terms to create one.
    Terms { to: String },
    /// Signed in.
    Done,
}

/// A `next` address from the query, if it is a path on this site (never another
/// origin: "//evil.example" and "/\evil" are refused).
pub fn safe_next(raw: Option<String>) -> String {
    raw.filter(|n| {
        n.starts_with('/')
            && !n.starts_with("//")
            && !n.starts_with("/\\")
            && !n.chars().any(|c| c.is_control())
            && n.len() < 500
    })
    .unwrap_or_else(|| "/account".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/cart".into())), "/cart");
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
        ] {
            assert_eq!(safe_next(Some(bad.into())), "/account", "{bad}");
        }
        assert_eq!(safe_next(None), "/account");
    }
}
