//! Telling people things: one-time codes by call or SMS, and emails. The domain
//! speaks to one [`Notifier`]; the server picks the adapters (SMTP, the SMS/call
//! gateway, and in development the outbox) from its configuration.

mod message;
pub mod outbox;

pub use message::{Message, NotifyError, caller_number};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

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
