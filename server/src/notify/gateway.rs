//! Calls and SMS through an HTTP gateway. The contract (also in the README):
//! `POST <APP_SMS_GATEWAY_URL>` with `Authorization: Bearer <APP_SMS_GATEWAY_KEY>` and
//! a JSON body, either `{"channel":"call","to":"+79123456789","code":"123456"}` (call
//! from a number whose last six digits are the code) or
//! `{"channel":"sms","to":"+79123456789","text":"..."}`. Any 2xx answer means accepted.

use crate::config::GatewayConfig;
use app::notify::{Message, Notifier, NotifyError, NotifyFuture};
use serde_json::json;

pub struct Gateway {
    client: reqwest::Client,
    url: String,
    key: String,
}

impl Gateway {
    pub fn new(c: &GatewayConfig) -> Gateway {
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .unwrap_or_default();
        Gateway {
            client,
            url: c.url.clone(),
            key: c.key.clone(),
        }
    }

    /// The JSON body for a message, or none for an email.
    pub fn body(message: &Message) -> Option<serde_json::Value> {
        match message {
            Message::CodeCall { to, code } => {
                Some(json!({"channel": "call", "to": to.as_str(), "code": code}))
            }
            Message::Sms { to, text } => {
                Some(json!({"channel": "sms", "to": to.as_str(), "text": text}))
            }
            Message::Email { .. } => None,
        }
    }
}

impl Notifier for Gateway {
    fn send<'a>(&'a self, message: &'a Message) -> NotifyFuture<'a> {
        Box::pin(async move {
            let body = Self::body(message).ok_or(NotifyError::NotConfigured("email"))?;
            let response = self
                .client
                .post(&self.url)
                .bearer_auth(&self.key)
                .json(&body)
                .send()
                .await
                .map_err(|e| NotifyError::Failed(e.to_string()))?;
            if response.status().is_success() {
                Ok(())
            } else {
                Err(NotifyError::Failed(format!(
                    "gateway answered {}",
                    response.status()
                )))
            }
        })
    }
}
