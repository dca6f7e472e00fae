//! Passkeys: what the server refuses. (The whole ceremony with a real authenticator
//! is proven in the browser: end2end/tests/passkey.hydrate.spec.ts.)

use crate::helpers::{AppError, Field, TestApp, error_of, field_of};
use serde_json::{Value, json};

#[tokio::test]
async fn passkey_ceremonies_refuse_guests_strangers_and_garbage() {
    let app = TestApp::spawn().await;
    let (status, _) = error_of(
        app.post_form("account/passkeys/register/start", &[("name", "Ноутбук")])
            .await,
    )
    .await;
    assert_eq!(status, 401, "a guest cannot add a passkey");

    app.sign_in("+79123456789").await;
    let (status, e) = error_of(
        app.post_form("account/passkeys/register/start", &[("name", "")])
            .await,
    )
    .await;
    assert_eq!((status, field_of(&e)), (400, Some(Field::Name)));
    let r = app
        .post_form("account/passkeys/register/start", &[("name", "Ноутбук")])
        .await;
    assert_eq!(r.status(), 200);
    let options: Value = serde_json::from_str(&r.json::<String>().await.unwrap()).unwrap();
    let pk = &options["publicKey"];
    assert_eq!(pk["rp"]["name"], "Rynok");
    assert!(
        pk["challenge"].as_str().unwrap().len() >= 40,
        "a fresh random challenge"
    );
    assert_eq!(pk["authenticatorSelection"]["residentKey"], "required");
    assert_eq!(pk["authenticatorSelection"]["userVerification"], "required");
    // The user handle is a random UUID, not the account's id or phone.
    let handle = pk["user"]["id"].as_str().unwrap();
    assert!(!handle.contains("79123456789"));

    let (status, e) = error_of(
        app.post_form(
            "account/passkeys/register/finish",
            &[("credential", "{not json")],
        )
        .await,
    )
    .await;
    assert_eq!((status, field_of(&e)), (400, Some(Field::Credential)));
    // The ceremony's cookie went with that answer: it cannot be replayed.
    let (status, e) = error_of(
        app.post_form("account/passkeys/register/finish", &[("credential", "{}")])
            .await,
    )
    .await;
    assert_eq!((status, e), (400, AppError::CodeExpired));

    // Signing in with a made-up credential is refused and signs nobody in.
    let stranger = app.new_browser();
    assert_eq!(
        stranger
            .post_form("account/passkeys/login/start", &[])
            .await
            .status(),
        200
    );
    let fake = json!({
        "id": "AAAA", "rawId": "AAAA", "type": "public-key",
        "response": {"authenticatorData": "AAAA", "clientDataJSON": "AAAA", "signature": "AAAA", "userHandle": "AAAA"},
        "extensions": {}
    });
    let (status, e) = error_of(
        stranger
            .post_form(
                "account/passkeys/login/finish",
                &[("credential", &fake.to_string())],
            )
            .await,
    )
    .await;
    assert_eq!((status, field_of(&e)), (400, Some(Field::Credential)));
    assert_eq!(stranger.me().await, Value::Null);

    let (status, _) = error_of(
        app.post_form("account/passkeys/delete", &[("id", "12345")])
            .await,
    )
    .await;
    assert_eq!(status, 404, "no such passkey on this account");
}
