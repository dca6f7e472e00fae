//! Rynok ID: signing up and in with one-time codes, by phone, by email, without JavaScript.

use crate::helpers::{Field, TestApp, code_in, error_of, field_of, invalid, set_cookie};
use serde_json::{Value, json};

const PHONE: &str = "+79123456789";
const MINUTE: i64 = 60_000;

#[tokio::test]
async fn a_new_number_signs_up_with_a_called_code_and_gets_a_first_order_discount() {
    let app = TestApp::spawn().await;
    let r = app.start_phone("8 912 345-67-89", "call").await;
    assert_eq!(r.status(), 200);
    let (attempt, attrs) = set_cookie(&r, "rynok_signin").expect("attempt cookie");
    assert!(attrs.contains("HttpOnly") && attrs.contains("SameSite=Lax"));
    let step: Value = r.json().await.unwrap();
    assert_eq!(step["Code"]["to"], "+7 912 ***-**-89");
    assert_eq!(step["Code"]["channel"], "Call");
    assert_eq!(step["Code"]["resend_in"], 60);

    // The call comes from a number whose last six digits are the code.
    let calls = app.outbox(PHONE).await;
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0]["channel"], "call");
    let caller = calls[0]["body"].as_str().unwrap();
    assert!(caller.starts_with("+7") && caller.len() == 12, "{caller}");
    let code = code_in(caller);
    // Neither the code nor the attempt token is stored as such.
    let stored = app
        .one_text("SELECT code_hash || token_hash FROM signin_attempts")
        .await;
    assert!(!stored.contains(&code) || stored.matches(&code).count() == 0);
    assert!(!stored.contains(&attempt));

    let r = app.send_code(&code).await;
    assert_eq!(r.status(), 200);
    let step: Value = r.json().await.unwrap();
    assert_eq!(step["Terms"]["to"], "+7 912 ***-**-89");
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM users", &[]).await,
        0,
        "no account before the terms"
    );

    let r = app.post_form("account/signin/terms", &[]).await;
    let (status, e) = error_of(r).await;
    assert_eq!(status, 400);
    assert_eq!(field_of(&e), Some(Field::Terms));

    let r = app.accept_terms().await;
    assert_eq!(r.status(), 200);
    let (token, attrs) = set_cookie(&r, "rynok_session").expect("session cookie");
    assert!(
        attrs.contains("HttpOnly") && attrs.contains("SameSite=Lax") && attrs.contains("Path=/")
    );
    assert!(!attrs.contains("Secure"), "plain http in tests");
    let stored = app.one_text("SELECT token_hash FROM sessions").await;
    assert_ne!(stored, token, "only the token's hash is stored");

    let me = app.me().await;
    assert_eq!(me["phone"], "+7 912 345-67-89");
    assert_eq!(app.one_text("SELECT phone FROM users").await, PHONE);
    assert_eq!(
        app.one_i64(
            "SELECT percent FROM user_discounts WHERE kind = 'first_order' AND used_at IS NULL",
            &[]
        )
        .await,
        10
    );
    assert_eq!(
        app.one_i64(
            "SELECT COUNT(*) FROM security_events WHERE kind = 'signup'",
            &[]
        )
        .await,
        1
    );
    assert_eq!(
        app.one_i64(
            "SELECT COUNT(*) FROM security_events WHERE kind = 'signin'",
            &[]
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_known_number_signs_in_without_terms_with_a_new_token_each_time() {
    let app = TestApp::spawn().await;
    app.sign_in(PHONE).await;
    let first = app.one_text("SELECT token_hash FROM sessions").await;
    assert_eq!(app.sign_out().await.status(), 200);
    assert_eq!(app.me().await, Value::Null);
    app.clock.advance_ms(MINUTE);

    app.start_phone("9123456789", "sms").await;
    let sms = &app.outbox(PHONE).await[0];
    assert_eq!(sms["channel"], "sms");
    assert!(sms["body"].as_str().unwrap().contains("Rynok"));
    let r = app.send_code(&code_in(sms["body"].as_str().unwrap())).await;
    assert_eq!(r.json::<Value>().await.unwrap(), json!("Done"));
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM users", &[]).await, 1);
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM sessions", &[]).await, 2);
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL", &[])
            .await,
        1
    );
    let second = app
        .one_text("SELECT token_hash FROM sessions WHERE ended_at IS NULL")
        .await;
    assert_ne!(first, second);
}

#[tokio::test]
async fn bad_numbers_get_a_reason_and_nothing_is_sent() {
    let app = TestApp::spawn().await;
    for (input, why) in [
        ("", "empty"),
        ("abc", "bad_characters"),
        ("<script>alert(1)</script>", "bad_characters"),
        ("+7 912 345", "wrong_length"),
        ("8 495 123-45-67", "not_mobile"),
        ("99999999999999999999999", "wrong_length"),
    ] {
        let (status, e) = error_of(app.start_phone(input, "call").await).await;
        assert_eq!(status, 400, "{input}");
        assert_eq!(field_of(&e), Some(Field::Phone), "{input}");
        assert_eq!(e, invalid("phone", why), "{input}");
    }
    let (status, e) = error_of(app.start_phone(PHONE, "pigeon").await).await;
    assert_eq!((status, field_of(&e)), (400, Some(Field::Channel)));
    for bad in ["12345", "abcdef", "1234567", ""] {
        let (status, e) = error_of(app.send_code(bad).await).await;
        assert_eq!(status, 400);
        assert_eq!(field_of(&e), Some(Field::Code), "{bad}");
    }
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM signin_attempts", &[])
            .await,
        0
    );
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM outbox", &[]).await, 0);
    // Other countries are welcome.
    assert_eq!(
        app.start_phone("+375 29 123-45-67", "sms").await.status(),
        200
    );
    assert_eq!(app.outbox("+375291234567").await.len(), 1);
}

#[tokio::test]
async fn sign_in_by_email_answers_the_same_for_unknown_addresses() {
    let app = TestApp::spawn().await;
    let r = app
        .post_form("account/signin/email", &[("email", "nobody@example.ru")])
        .await;
    assert_eq!(r.status(), 200);
    let unknown: Value = r.json().await.unwrap();
    assert_eq!(app.outbox("nobody@example.ru").await.len(), 0);

    app.with_verified_email(PHONE, "ivan@example.ru").await;
    let r = app
        .post_form("account/signin/email", &[("email", " Ivan@Example.RU ")])
        .await;
    assert_eq!(r.status(), 200);
    let known: Value = r.json().await.unwrap();
    assert_eq!(known["Code"]["channel"], unknown["Code"]["channel"]);
    assert_eq!(known["Code"]["resend_in"], unknown["Code"]["resend_in"]);
    let email = app.wait_for_email("ivan@example.ru", None).await;
    assert_eq!(email["channel"], "email");
    let r = app
        .send_code(&code_in(email["body"].as_str().unwrap()))
        .await;
    assert_eq!(r.json::<Value>().await.unwrap(), json!("Done"));
    assert_eq!(app.me().await["email"], "ivan@example.ru");
    // The verified email is told about the sign-in.
    app.wait_for_email("ivan@example.ru", Some("Вход в ваш аккаунт Rynok"))
        .await;

    let (status, e) = error_of(
        app.post_form("account/signin/email", &[("email", "not an email")])
            .await,
    )
    .await;
    assert_eq!((status, field_of(&e)), (400, Some(Field::Email)));
}

#[tokio::test]
async fn a_cross_site_post_cannot_start_a_sign_in() {
    let app = TestApp::spawn().await;
    let r = reqwest::Client::new()
        .post(app.url("/api/account/signin/phone"))
        .header("origin", "https://evil.example")
        .form(&[("phone", PHONE), ("channel", "sms")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM outbox", &[]).await, 0);
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM signin_attempts", &[])
            .await,
        0
    );
}

#[tokio::test]
async fn the_sign_in_page_works_without_javascript() {
    let app = TestApp::spawn().await;
    let (status, html) = app.get_html("/signin").await;
    assert_eq!(status, 200);
    assert!(html.contains("name=\"phone\""));
    let r = app
        .post_form_as_page(
            "account/signin/phone",
            &app.url("/signin"),
            &[("phone", "8 912 345 67 89"), ("channel", "call")],
        )
        .await;
    assert_eq!(r.status(), 302);
    let (_, html) = app.get_html("/signin").await;
    assert!(html.contains("name=\"code\""), "the code step");
    assert!(html.contains("+7 912 ***-**-89"));
    let code = app.last_code(PHONE).await;
    app.post_form_as_page(
        "account/signin/code",
        &app.url("/signin"),
        &[("code", &code)],
    )
    .await;
    let (_, html) = app.get_html("/signin").await;
    assert!(html.contains("name=\"accept\""), "the terms step");
    app.post_form_as_page(
        "account/signin/terms",
        &app.url("/signin"),
        &[("accept", "on")],
    )
    .await;
    assert!(
        app.me().await.is_object(),
        "the session cookie came with the redirect"
    );
    let r = app.navigate("/signin").await;
    assert_eq!(r.status(), 302, "signed in: on to the account");
    assert_eq!(r.headers()["location"], "/account");
    let (status, html) = app.get_html("/account").await;
    assert_eq!(status, 200);
    assert!(html.contains("+7 912 345-67-89"));
    let guest = app.new_browser();
    let r = guest.navigate("/account").await;
    assert_eq!(r.status(), 302);
    assert_eq!(r.headers()["location"], "/signin?next=/account");
}

#[tokio::test]
async fn the_server_refuses_the_outbox_in_production() {
    let mut config = server::config::Config::for_tests("sqlite::memory:".into());
    config.env = "prod".into();
    config.outbox = true;
    assert!(server::Application::build(config).await.is_err());
}
