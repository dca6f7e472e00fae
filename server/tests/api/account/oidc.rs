//! "Sign in with ...": what the callback refuses. (The whole flow against a real
//! OpenID provider runs in the browser: end2end/tests/oidc.spec.ts.)

use crate::helpers::{TestApp, get_json, requester};
use serde_json::Value;

#[tokio::test]
async fn a_forged_or_replayed_callback_signs_nobody_in() {
    let app = TestApp::spawn().await;
    // No such provider configured.
    let r = app
        .post_form("account/oidc/start", &[("provider", "sber")])
        .await;
    assert_eq!(r.status(), 404);

    // A made-up state and code: back to the sign-in page with a message, no session.
    let r = app
        .navigate("/auth/oidc/sber/callback?code=abc&state=forged")
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/signin?oidc=failed");
    assert!(r.headers().get("set-cookie").is_none());
    assert_eq!(app.me().await, Value::Null);

    // The provider's cross-site form_post is let through the Origin check, and only
    // turned into a GET of the callback (where the state and the cookie are checked).
    let r = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(app.url("/auth/oidc/apple/callback"))
        .header("origin", "https://appleid.apple.com")
        .form(&[("code", "c0de"), ("state", "st&te")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        "/auth/oidc/apple/callback?code=c0de&state=st%26te"
    );
    // Any other cross-site POST is still refused.
    let r = reqwest::Client::new()
        .post(app.url("/api/account/signout"))
        .header("origin", "https://appleid.apple.com")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // The provider reporting an error is a failed sign-in, not a crash.
    let r = app
        .navigate("/auth/oidc/sber/callback?error=access_denied")
        .await;
    assert_eq!(r.headers()["location"], "/signin?oidc=failed");
}

/// A client that carries this session cookie and our Origin.
fn with_session(app: &TestApp, token: &str) -> reqwest::Client {
    let mut h = reqwest::header::HeaderMap::new();
    h.insert("cookie", format!("rynok_session={token}").parse().unwrap());
    h.insert("origin", app.address.parse().unwrap());
    h.insert("accept", "application/json".parse().unwrap());
    reqwest::Client::builder()
        .default_headers(h)
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_provider_identity_links_by_verified_phone_or_email_or_makes_a_new_account() {
    use app::account::oidc::service::{Identity, sign_in};
    use app::shared::email::Email;
    use app::shared::phone::Phone;
    let app = TestApp::spawn().await;
    app.sign_in("+79123456789").await;
    let owner = app.one_i64("SELECT id FROM users", &[]).await;

    // The same verified phone: the existing account, now linked.
    let who = Identity {
        subject: "sber-1".into(),
        phone: Some(Phone::parse("+79123456789").unwrap()),
        email: None,
    };
    sign_in(&app.deps(), &requester(), "sber", &who)
        .await
        .unwrap();
    assert_eq!(
        app.one_i64(
            "SELECT user_id FROM oidc_links WHERE subject = 'sber-1'",
            &[]
        )
        .await,
        owner
    );
    // Next time the subject alone is enough, whatever the claims say.
    let again = Identity {
        subject: "sber-1".into(),
        phone: None,
        email: None,
    };
    sign_in(&app.deps(), &requester(), "sber", &again)
        .await
        .unwrap();
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM users", &[]).await, 1);

    // Only an email nobody has: a new account without a phone, which can add one.
    let who = Identity {
        subject: "apple-7".into(),
        phone: None,
        email: Some(Email::parse("new@example.ru").unwrap()),
    };
    let token = sign_in(&app.deps(), &requester(), "apple", &who)
        .await
        .unwrap();
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM users", &[]).await, 2);
    let client = with_session(&app, &token);
    let me = get_json(&client, &app.url("/api/account/me")).await;
    assert_eq!(
        (
            me["email"].as_str(),
            me["email_verified"].as_bool(),
            me["phone"].as_str()
        ),
        (Some("new@example.ru"), Some(true), Some(""))
    );
    let r = client
        .post(app.url("/api/account/phone/start"))
        .form(&[("phone", "+79990001122")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap(),
        serde_json::json!({"CodeSent": {"to": "+7 999 ***-**-22"}})
    );
    let mut code = String::new();
    for _ in 0..100 {
        if let Some(m) = app.outbox("+79990001122").await.first() {
            code = crate::helpers::code_in(m["body"].as_str().unwrap());
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let r = client
        .post(app.url("/api/account/change/confirm"))
        .form(&[("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap(),
        serde_json::json!("PhoneChanged")
    );
}
