//! Email over SMTP (lettre): STARTTLS, implicit TLS or plain, with optional login.

use crate::config::{SmtpConfig, SmtpTls};
use app::notify::{Message, Notifier, NotifyError, NotifyFuture};
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Smtp {
    pub fn new(c: &SmtpConfig) -> Result<Smtp, String> {
        let builder = match c.tls {
            SmtpTls::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&c.host)
                .map_err(|e| format!("SMTP: {e}"))?,
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&c.host)
                .map_err(|e| format!("SMTP: {e}"))?,
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&c.host),
        };
        let mut builder = builder
            .port(c.port)
            .timeout(Some(std::time::Duration::from_secs(15)));
        if let Some((user, password)) = &c.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        let from = c
            .from
            .parse::<Mailbox>()
            .map_err(|e| format!("APP_SMTP_FROM: {e}"))?;
        Ok(Smtp {
            transport: builder.build(),
            from,
        })
    }
}

impl Notifier for Smtp {
    fn send<'a>(&'a self, message: &'a Message) -> NotifyFuture<'a> {
        Box::pin(async move {
            let Message::Email { to, subject, text } = message else {
                return Err(NotifyError::NotConfigured("sms"));
            };
            let to = to
                .as_str()
                .parse::<Mailbox>()
                .map_err(|e| NotifyError::Failed(e.to_string()))?;
            let email = lettre::Message::builder()
                .from(self.from.clone())
                .to(to)
                .subject(subject.as_str())
                .header(lettre::message::header::ContentType::TEXT_PLAIN)
                .body(
                    lettre::message::Body::new_with_encoding(
                        text.clone(),
                        lettre::message::header::ContentTransferEncoding::Base64,
                    )
                    .map_err(|_| NotifyError::Failed("body encoding".into()))?,
                )
                .map_err(|e| NotifyError::Failed(e.to_string()))?;
            self.transport
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| NotifyError::Failed(e.to_string()))
        })
    }
}
