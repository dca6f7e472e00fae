//! What is delivered, and how delivery fails.

use crate::shared::email::Email;
use crate::shared::phone::Phone;

/// One thing to deliver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// A call from a number whose last six digits are the code; nobody speaks.
    CodeCall {
        to: Phone,
        code: String,
    },
    Sms {
        to: Phone,
        text: String,
    },
    Email {
        to: Email,
        subject: String,
        text: String,
    },
}

impl Message {
    pub fn channel(&self) -> &'static str {
        match self {
            Message::CodeCall { .. } => "call",
            Message::Sms { .. } => "sms",
            Message::Email { .. } => "email",
        }
    }

    pub fn recipient(&self) -> &str {
        match self {
            Message::CodeCall { to, .. } | Message::Sms { to, .. } => to.as_str(),
            Message::Email { to, .. } => to.as_str(),
        }
    }
}

/// The number a code call comes from: a Moscow number ending in the code, the way
/// flash-call providers do it (`+7 495 1XX-XX-XX`).
pub fn caller_number(code: &str) -> String {
    format!("+74951{code}")
}

#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    #[error("no delivery channel is configured for {0}")]
    NotConfigured(&'static str),
    #[error("delivery failed: {0}")]
    Failed(String),
}
