//! Telling people things: one-time codes by call or SMS, and emails. The domain
//! speaks to one [`Notifier`]; the server picks the adapters (SMTP, the SMS/call
//! gateway, and in development the outbox) from its configuration.

pub mod outbox;

use crate::shared::email::Email;
use crate::shared::phone::Phone;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

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

pub type NotifyFuture<'a> = Pin<Box<dyn Future<Output = Result<(), NotifyError>> + Send + 'a>>;

/// Something that delivers messages.
pub trait Notifier: Send + Sync {
    fn send<'a>(&'a self, message: &'a Message) -> NotifyFuture<'a>;
}

pub type SharedNotifier = Arc<dyn Notifier>;

/// The notifier the server runs with: phone messages to the gateway, emails over
/// SMTP, and, in development and tests, a copy of everything in the outbox.
#[derive(Clone, Default)]
pub struct Delivery {
    pub outbox: Option<outbox::Outbox>,
    pub phone: Option<SharedNotifier>,
    pub email: Option<SharedNotifier>,
}

impl Notifier for Delivery {
    fn send<'a>(&'a self, message: &'a Message) -> NotifyFuture<'a> {
        Box::pin(async move {
            if let Some(outbox) = &self.outbox {
                outbox.record(message).await?;
            }
            let real = match message {
                Message::Email { .. } => &self.email,
                _ => &self.phone,
            };
            match (real, &self.outbox) {
                (Some(n), _) => n.send(message).await,
                (None, Some(_)) => Ok(()),
                (None, None) => Err(NotifyError::NotConfigured(message.channel())),
            }
        })
    }
}
