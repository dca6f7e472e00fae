//! What the Security page shows: history, messages, recent ways to sign in.

use serde::{Deserialize, Serialize};

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

/// What the security log records. Stored by name (`as_str`); the Security page's
/// history names some of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Signin,
    SigninFailed,
    Signup,
    Signout,
    SessionEnded,
    SessionsEnded,
    PasskeyAdded,
    PasskeyRemoved,
    PasskeyFailed,
    Reauth,
    MethodsRemoved,
    OidcLinked,
    EmailChanged,
    PhoneChanged,
    PhoneChangeRequested,
    PhoneChangeCancelled,
    ChangeCodeFailed,
}

crate::shared::stored::stored_names!(EventKind {
    Signin => "signin",
    SigninFailed => "signin_failed",
    Signup => "signup",
    Signout => "signout",
    SessionEnded => "session_ended",
    SessionsEnded => "sessions_ended",
    PasskeyAdded => "passkey_added",
    PasskeyRemoved => "passkey_removed",
    PasskeyFailed => "passkey_failed",
    Reauth => "reauth",
    MethodsRemoved => "methods_removed",
    OidcLinked => "oidc_linked",
    EmailChanged => "email_changed",
    PhoneChanged => "phone_changed",
    PhoneChangeRequested => "phone_change_requested",
    PhoneChangeCancelled => "phone_change_cancelled",
    ChangeCodeFailed => "change_code_failed",
});

/// One line of the sign-in history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventInfo {
    pub kind: EventKind,
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

/// What the "Security" page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityView {
    pub sessions: Vec<crate::account::session::model::SessionInfo>,
    pub history: Vec<EventInfo>,
    pub messages: Vec<SecurityMessage>,
    pub passkeys: Vec<crate::account::passkeys::model::PasskeyInfo>,
    /// Ways to sign in added in the last days, offered for removal.
    pub recent: Vec<RecentMethod>,
}

/// What a Security message says, stored as its kind and parameters and worded
/// in the reader's language when shown (`account::i18n::notice_text`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// Someone signed in: which browser, from where.
    SignedIn {
        browser: String,
        ip: String,
    },
    /// A new account's greeting.
    Welcome,
    /// A live sign-in code asked for on another device (the code itself is sealed
    /// beside the message and shown only while it lives).
    CodeElsewhere,
    /// A wrong code was entered for the account: which browser, from where.
    CodeWrong {
        browser: String,
        ip: String,
    },
    /// Five wrong codes: the code is burnt.
    CodeBurned,
    EmailChanged {
        email: String,
    },
    PhoneChanged {
        phone: String,
    },
    /// A change to `phone` without the old number, applied on `date` unless cancelled.
    PhoneChangeWaiting {
        phone: String,
        date: String,
    },
    PhoneChangeCancelled,
    PasskeyAdded {
        name: String,
    },
    PasskeyRemoved,
}
