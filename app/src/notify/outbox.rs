//! The development outbox: messages written to a table instead of being sent, for
//! `/dev/outbox` and the tests. The server refuses to run it in production.

use super::message::{Message, NotifyError, caller_number};
use crate::platform::clock::SharedClock;
use crate::platform::db::Db;
use serde::{Deserialize, Serialize};

#[derive(Clone)]
pub struct Outbox {
    pub db: Db,
    pub clock: SharedClock,
}

/// One delivered message as the outbox shows it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, sqlx::FromRow)]
pub struct OutboxEntry {
    pub id: i64,
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
}

impl Outbox {
    pub async fn record(&self, message: &Message) -> Result<(), NotifyError> {
        let (subject, body) = match message {
            Message::CodeCall { code, .. } => (String::new(), caller_number(code)),
            Message::Sms { text, .. } => (String::new(), text.clone()),
            Message::Email { subject, text, .. } => (subject.clone(), text.clone()),
        };
        sqlx::query(
            "INSERT INTO outbox (channel, recipient, subject, body, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(message.channel())
        .bind(message.recipient())
        .bind(subject)
        .bind(body)
        .bind(self.clock.now_ms())
        .execute(&self.db.pool)
        .await
        .map_err(|e| NotifyError::Failed(e.to_string()))?;
        Ok(())
    }

    /// The newest messages first, optionally only those to one recipient.
    pub async fn list(
        db: &Db,
        recipient: Option<&str>,
        limit: i64,
    ) -> Result<Vec<OutboxEntry>, sqlx::Error> {
        match recipient {
            Some(r) => sqlx::query_as("SELECT id, channel, recipient, subject, body, created_at FROM outbox WHERE recipient = $1 ORDER BY id DESC LIMIT $2")
                .bind(r.to_string())
                .bind(limit)
                .fetch_all(&db.pool)
                .await,
            None => sqlx::query_as("SELECT id, channel, recipient, subject, body, created_at FROM outbox ORDER BY id DESC LIMIT $1")
                .bind(limit)
                .fetch_all(&db.pool)
                .await,
        }
    }
}
