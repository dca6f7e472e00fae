//! What the account pages show: shared by the server and the browser.

use super::{Channel, Profile};
use serde::{Deserialize, Serialize};

/// The account page's view of everything editable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub me: Me,
    pub profile: Profile,
    /// A change waiting for a code: (kind, where the code went, masked).
    pub pending_code: Option<(String, String)>,
    /// A phone change waiting out its 14 days: (new number, when it applies).
    pub waiting_phone: Option<(String, i64)>,
    /// First-order and other discounts: (percent, max amount in kopecks).
    pub discounts: Vec<(i64, i64)>,
}

/// What a confirmed code did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeStep {
    /// A code went to the next place (masked).
    CodeSent {
        to: String,
    },
    EmailVerified,
    PhoneChanged,
    /// The new number is proven; it takes effect at this moment unless cancelled.
    PhoneWaiting {
        due_at: i64,
    },
    Deleted,
    /// The account is proven afresh in this session (adding a way to sign in may go on).
    Reauthenticated,
}

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

/// The signed-in person as the header and the account pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub email: Option<String>,
    pub email_verified: bool,
}

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

/// One passkey in the "Security" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyInfo {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

/// A way to sign in the account gained recently, offered for removal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentMethod {
    pub kind: RecentKind,
    /// The passkey's name, the address, or the provider's label.
    pub label: String,
    pub added_at: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecentKind {
    Passkey,
    Email,
    Provider,
}

/// One line of the sign-in history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventInfo {
    pub kind: String,
    pub detail: String,
    pub ip: String,
    pub browser: String,
    pub at: i64,
}

/// One message of the Security feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityMessage {
    pub id: i64,
    pub body: String,
    pub at: i64,
}
