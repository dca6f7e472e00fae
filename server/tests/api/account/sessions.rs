//! Rynok ID: sessions, their cookies and lifetimes, the cart at sign-in, the sessions list.

use crate::helpers::{AppError, TestApp, error_of, set_cookie};
use serde_json::{Value, json};

const PHONE: &str = "+79123456789";
const MINUTE: i64 = 60_000;
const DAY: i64 = 24 * 60 * MINUTE;

#[tokio::test]
async fn sessions_end_after_30_idle_days_or_90_days_in_all() {
    let app = TestApp::spawn().await;
    app.sign_in(PHONE).await;
    app.clock.advance_ms(29 * DAY);
    assert_eq!(app.me().await["phone"], "+7 912 345-67-89");
    app.clock.advance_ms(29 * DAY);
    assert_eq!(
        app.me().await["phone"],
        "+7 912 345-67-89",
        "activity keeps it alive"
    );
    app.clock.advance_ms(30 * DAY);
    assert_eq!(app.me().await, Value::Null, "30 days without a visit");

    let other = app.new_browser();
    app.clock.advance_ms(MINUTE);
    other.sign_in(PHONE).await;
    for _ in 0..4 {
        app.clock.advance_ms(20 * DAY);
        assert!(other.me().await.is_object());
    }
    app.clock.advance_ms(10 * DAY);
    assert_eq!(other.me().await, Value::Null, "90 days after sign-in");
}

#[tokio::test]
async fn a_cookie_copied_before_sign_out_no_longer_works() {
    let app = TestApp::spawn().await;
    let r = app.start_phone(PHONE, "call").await;
    assert_eq!(r.status(), 200);
    let code = app.last_code(PHONE).await;
    app.send_code(&code).await;
    let r = app.accept_terms().await;
    let (token, _) = set_cookie(&r, "rynok_session").unwrap();
    let stolen = || {
        reqwest::Client::new()
            .get(app.url("/api/account/me"))
            .header("cookie", format!("rynok_session={token}"))
            .send()
    };
    assert!(
        stolen()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()
            .is_object()
    );
    assert_eq!(app.sign_out().await.status(), 200);
    assert_eq!(
        stolen().await.unwrap().json::<Value>().await.unwrap(),
        Value::Null
    );
    // Garbage cookies are simply no session.
    let r = reqwest::Client::new()
        .get(app.url("/api/account/me"))
        .header("cookie", "rynok_session=../../etc/passwd")
        .send()
        .await
        .unwrap();
    assert_eq!(r.json::<Value>().await.unwrap(), Value::Null);
}

#[tokio::test]
async fn the_guest_cart_moves_into_the_account_at_sign_in() {
    let app = TestApp::spawn().await;
    let product = app
        .one_i64(
            "SELECT id FROM products WHERE stock >= 10 ORDER BY id LIMIT 1",
            &[],
        )
        .await;
    let id = product.to_string();
    app.post_form("cart/add", &[("product_id", &id), ("quantity", "2")])
        .await;
    app.sign_in(PHONE).await;
    assert_eq!(app.cart().await["units"], 2);
    app.sign_out().await;
    assert_eq!(
        app.cart().await["units"],
        0,
        "a signed-out browser has its own cart"
    );
    app.post_form("cart/add", &[("product_id", &id), ("quantity", "3")])
        .await;
    app.clock.advance_ms(MINUTE);
    app.sign_in(PHONE).await;
    assert_eq!(app.cart().await["units"], 5, "quantities add up");
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM carts", &[]).await,
        1,
        "the guest cart is gone"
    );
}

#[tokio::test]
async fn a_person_signed_in_elsewhere_sees_the_code_in_security_messages() {
    let app = TestApp::spawn().await;
    app.sign_in(PHONE).await;
    let other = app.new_browser();
    app.clock.advance_ms(MINUTE);
    other.start_phone(PHONE, "call").await;
    let code = app.last_code(PHONE).await;
    let security = app.api_json("account/security").await;
    let bodies: Vec<&str> = security["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert!(bodies.iter().any(|b| b.contains(&code)), "{bodies:?}");
    // The other browser signs in with it; the first one is told.
    assert_eq!(
        other.send_code(&code).await.json::<Value>().await.unwrap(),
        json!("Done")
    );
    let security = app.api_json("account/security").await;
    assert_eq!(security["sessions"].as_array().unwrap().len(), 2);
    assert!(
        security["messages"][0]["body"]
            .as_str()
            .unwrap()
            .contains("Chrome, Linux")
    );
}

#[tokio::test]
async fn the_sessions_list_signs_out_another_device_or_all_others() {
    let app = TestApp::spawn().await;
    app.sign_in(PHONE).await;
    let second = app.new_browser();
    let third = app.new_browser();
    app.clock.advance_ms(MINUTE);
    second.sign_in(PHONE).await;
    app.clock.advance_ms(MINUTE);
    third.sign_in(PHONE).await;
    let list = app.api_json("account/security").await["sessions"].clone();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list.iter().filter(|s| s["current"] == true).count(), 1);
    let other_id = list.iter().find(|s| s["current"] == false).unwrap()["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        app.post_form("account/sessions/end", &[("id", &other_id.to_string())])
            .await
            .status(),
        200
    );
    let alive = [second.me().await.is_object(), third.me().await.is_object()];
    assert_eq!(alive.iter().filter(|a| **a).count(), 1);
    // Someone else's or a made-up session id changes nothing.
    let (status, _) = error_of(
        app.post_form("account/sessions/end", &[("id", "999999")])
            .await,
    )
    .await;
    assert_eq!(status, 404);
    let r = app.post_form("account/sessions/end-others", &[]).await;
    assert_eq!(r.json::<Value>().await.unwrap(), json!(1));
    assert_eq!(
        (second.me().await, third.me().await),
        (Value::Null, Value::Null)
    );
    assert!(app.me().await.is_object());
    // A guest cannot see or end sessions.
    let guest = app.new_browser();
    let (status, e) = error_of(guest.post_form("account/sessions/end-others", &[]).await).await;
    assert_eq!((status, e), (401, AppError::Unauthorized));
}

#[tokio::test]
async fn over_https_the_session_cookie_is_secure_and_host_prefixed() {
    let app =
        TestApp::spawn_configured(0, |c| c.public_url = Some("https://rynok.test".into())).await;
    let mut h = reqwest::header::HeaderMap::new();
    h.insert("origin", "https://rynok.test".parse().unwrap());
    h.insert("accept", "application/json".parse().unwrap());
    let client = reqwest::Client::builder()
        .default_headers(h)
        .build()
        .unwrap();
    let r = client
        .post(app.url("/api/account/signin/phone"))
        .form(&[("phone", PHONE), ("channel", "sms")])
        .send()
        .await
        .unwrap();
    let (attempt, attrs) = set_cookie(&r, "rynok_signin").expect("attempt cookie");
    assert!(attrs.contains("Secure"));
    let with = |c: String| {
        let mut h = reqwest::header::HeaderMap::new();
        h.insert("cookie", c.parse().unwrap());
        h
    };
    let code = app.last_code(PHONE).await;
    let r = client
        .post(app.url("/api/account/signin/code"))
        .headers(with(format!("rynok_signin={attempt}")))
        .form(&[("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert!(r.json::<Value>().await.unwrap().get("Terms").is_some());
    let r = client
        .post(app.url("/api/account/signin/terms"))
        .headers(with(format!("rynok_signin={attempt}")))
        .form(&[("accept", "on")])
        .send()
        .await
        .unwrap();
    let (_, attrs) = set_cookie(&r, "__Host-rynok_session").expect("__Host- session cookie");
    assert!(attrs.contains("Secure") && attrs.contains("HttpOnly") && attrs.contains("Path=/"));
    assert!(!attrs.contains("Domain"));
    assert!(set_cookie(&r, "rynok_session").is_none());
}

#[tokio::test]
async fn security_messages_are_worded_in_the_language_of_the_reader_not_of_the_writer() {
    let app = TestApp::spawn().await;
    // Written while the page was in Russian...
    app.sign_in(PHONE).await;
    let first = app.api_json("account/security").await;
    let bodies = |v: &Value| -> Vec<String> {
        v["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["body"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        bodies(&first)
            .iter()
            .any(|b| b.starts_with("Выполнен вход в аккаунт: Chrome, Linux")),
        "{:?}",
        bodies(&first)
    );
    // ...and read after switching to English.
    let r = app.post_form("settings/language", &[("lang", "en")]).await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let english = app.api_json("account/security").await;
    assert!(
        bodies(&english)
            .iter()
            .any(|b| b.starts_with("Signed in to your account: Chrome, Linux")),
        "{:?}",
        bodies(&english)
    );
    assert!(
        bodies(&english)
            .iter()
            .all(|b| !b.contains("Выполнен вход")),
        "{:?}",
        bodies(&english)
    );
}
