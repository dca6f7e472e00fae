//! "Sign in with ...": what the callback refuses. (The whole flow against a real
//! OpenID provider runs in the browser: end2end/tests/oidc*.spec.ts.)

use crate::helpers::TestApp;
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
