//! Rynok ID steps: asking for a code, reading it from the dev outbox, signing in,
//! and calling its use cases directly.

use super::{Browser, TestApp};

impl Browser {
    /// Asks for a code to `phone` by `channel` ("call" or "sms").
    pub async fn start_phone(&self, phone: &str, channel: &str) -> reqwest::Response {
        self.post_form(
            "account/signin/phone",
            &[("phone", phone), ("channel", channel)],
        )
        .await
    }

    pub async fn send_code(&self, code: &str) -> reqwest::Response {
        self.post_form("account/signin/code", &[("code", code)])
            .await
    }

    pub async fn accept_terms(&self) -> reqwest::Response {
        self.post_form("account/signin/terms", &[("accept", "on")])
            .await
    }

    pub async fn resend(&self, channel: &str) -> reqwest::Response {
        self.post_form("account/signin/resend", &[("channel", channel)])
            .await
    }

    /// The signed-in person (JSON), or null.
    pub async fn me(&self) -> serde_json::Value {
        self.api_json("account/me").await
    }

    pub async fn sign_out(&self) -> reqwest::Response {
        self.post_form("account/signout", &[]).await
    }

    /// The newest code the dev outbox holds for `recipient` (E.164 or email). Notices
    /// sent in the background (a phone changed, a sign-in) can land after it, so
    /// messages without a code are passed over.
    pub async fn last_code(&self, recipient: &str) -> String {
        let list = self.outbox(recipient).await;
        assert!(!list.is_empty(), "no message to {recipient}");
        list.iter()
            .find_map(|m| find_code(m["body"].as_str().expect("body")))
            .unwrap_or_else(|| panic!("no code in the messages to {recipient}: {list:?}"))
    }

    /// What the dev outbox holds for `recipient`, newest first.
    pub async fn outbox(&self, recipient: &str) -> Vec<serde_json::Value> {
        let url = format!(
            "/dev/outbox.json?to={}",
            app::shared::url::percent_encode(recipient)
        );
        let r = self.get(&url).await;
        assert!(r.status().is_success(), "outbox: {}", r.status());
        r.json().await.expect("json")
    }

    /// The newest email to `to` (with `subject`, if given): emails go out in the
    /// background, so this waits up to two seconds for one to arrive.
    pub async fn wait_for_email(&self, to: &str, subject: Option<&str>) -> serde_json::Value {
        for _ in 0..100 {
            if let Some(m) = self
                .outbox(to)
                .await
                .into_iter()
                .find(|m| m["channel"] == "email" && subject.is_none_or(|s| m["subject"] == s))
            {
                return m;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        panic!("no email to {to} ({subject:?})");
    }

    /// Signs up a new number (or signs in a known one) the whole way through.
    pub async fn sign_in(&self, phone: &str) {
        let r = self.start_phone(phone, "call").await;
        assert_eq!(
            r.status(),
            200,
            "start: {}",
            r.text().await.unwrap_or_default()
        );
        let e164 = app::shared::phone::Phone::parse(phone).expect("phone");
        let code = self.last_code(e164.as_str()).await;
        let r = self.send_code(&code).await;
        assert_eq!(r.status(), 200);
        let step: serde_json::Value = r.json().await.expect("json");
        if step.get("Terms").is_some() {
            let r = self.accept_terms().await;
            assert_eq!(r.status(), 200);
            let step: serde_json::Value = r.json().await.expect("json");
            assert_eq!(step, serde_json::json!("Done"));
        } else {
            assert_eq!(step, serde_json::json!("Done"));
        }
    }
}

impl TestApp {
    /// Signs `phone` up, gives the account a verified `email` and signs out.
    pub async fn with_verified_email(&self, phone: &str, email: &str) {
        self.sign_in(phone).await;
        sqlx::query("UPDATE users SET email = $1, email_verified_at = 1")
            .bind(email.to_string())
            .execute(&self.db.pool)
            .await
            .expect("email");
        self.sign_out().await;
    }

    /// What the Rynok ID use cases need, for calling them directly.
    pub fn deps(&self) -> app::platform::state::Deps<'_> {
        use app::platform::clock::Clock;
        app::platform::state::Deps {
            db: &self.state.db,
            settings: &self.state.settings,
            notifier: &self.state.notifier,
            payments: &self.state.payments,
            payouts: &self.state.payouts,
            bank: &self.state.bank,
            now: self.clock.now_ms(),
        }
    }
}

/// The code in a delivered message: the last six digits of a caller's number, or
/// the six digits in an SMS or email.
pub fn code_in(body: &str) -> String {
    find_code(body).unwrap_or_else(|| panic!("no code in {body:?}"))
}

/// The code in a message, if it has one (see [`code_in`]).
pub fn find_code(body: &str) -> Option<String> {
    let digits: Vec<char> = body.chars().collect();
    digits
        .windows(6)
        .rev()
        .find(|w| w.iter().all(char::is_ascii_digit))
        .map(|w| w.iter().collect())
}

/// Waits for a background-sent message to `to` newer than `after` messages.
pub async fn message_to(app: &TestApp, to: &str, after: usize) -> serde_json::Value {
    for _ in 0..100 {
        let list = app.outbox(to).await;
        if list.len() > after {
            return list[0].clone();
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("no new message to {to}");
}

/// A requester on loopback, for calling the Rynok ID use cases directly.
pub fn requester() -> app::platform::request::Requester {
    app::platform::request::Requester {
        ip: "127.0.0.1".into(),
        user_agent: "test".into(),
        lang: app::i18n::Lang::Ru,
        cookies: String::new(),
    }
}
