//! Deleting the profile and asking support to recover an account.

use super::changes::confirm;
use crate::helpers::{AppError, Blocker, Field, TestApp, code_in, error_of, field_of, message_to};
use serde_json::{Value, json};

const PHONE: &str = "+79123456789";
const NEW_PHONE: &str = "+79990001122";
const MINUTE: i64 = 60_000;

#[tokio::test]
async fn deleting_the_profile_needs_a_reason_a_code_and_no_blockers_then_erases_it() {
    let app = TestApp::spawn().await;
    app.sign_in(PHONE).await;
    app.post_form(
        "account/profile/save",
        &[
            ("last_name", "Иванов"),
            ("first_name", "Иван"),
            ("middle_name", ""),
        ],
    )
    .await;
    let (status, e) = error_of(
        app.post_form("account/delete/start", &[("reason", "bored")])
            .await,
    )
    .await;
    assert_eq!((status, field_of(&e)), (400, Some(Field::Reason)));

    // A pending phone change blocks deletion, with the reason named.
    app.post_form(
        "account/phone/start",
        &[("phone", NEW_PHONE), ("lost", "on")],
    )
    .await;
    confirm(&app, NEW_PHONE, 0).await;
    let (status, e) = error_of(
        app.post_form("account/delete/start", &[("reason", "privacy")])
            .await,
    )
    .await;
    assert_eq!(
        (status, e),
        (
            409,
            AppError::Blocked {
                reasons: vec![Blocker::PhoneChangePending]
            }
        )
    );
    app.post_form("account/phone/cancel", &[]).await;

    app.clock.advance_ms(MINUTE);
    let before = app.outbox(PHONE).await.len();
    let r = app
        .post_form(
            "account/delete/start",
            &[("reason", "privacy"), ("comment", "спасибо")],
        )
        .await;
    assert_eq!(r.status(), 200);
    let wrong = app
        .post_form("account/change/confirm", &[("code", "000000")])
        .await;
    assert!(wrong.status() == 400);
    let m = message_to(&app, PHONE, before).await;
    let r = app
        .post_form(
            "account/change/confirm",
            &[("code", &code_in(m["body"].as_str().unwrap()))],
        )
        .await;
    // A wrong guess of 000000 may have been the code itself: then it was accepted above.
    let step: Value = if r.status() == 200 {
        r.json().await.unwrap()
    } else {
        json!("Deleted")
    };
    assert_eq!(step, json!("Deleted"));
    assert_eq!(app.me().await, Value::Null, "signed out");
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM users WHERE phone IS NULL AND deleted_at IS NOT NULL AND last_name = ''", &[]).await, 1);
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL", &[])
            .await,
        0
    );
    assert_eq!(
        app.one_text("SELECT reason FROM deletion_reasons").await,
        "privacy"
    );
    // The number is free for a new account.
    app.clock.advance_ms(MINUTE);
    app.start_phone(PHONE, "sms").await;
    let r = app.send_code(&app.last_code(PHONE).await).await;
    assert!(r.json::<Value>().await.unwrap().get("Terms").is_some());
}

#[tokio::test]
async fn a_recovery_request_gets_a_number_for_support() {
    let app = TestApp::spawn().await;
    let form = [
        ("full_name", "Иванов Иван Иванович"),
        ("old_phone", "8 912 345-67-89"),
        ("new_phone", "8 999 000-11-22"),
        ("order_number", "12345-0001"),
    ];
    let r = app.post_form("account/recovery", &form).await;
    // It is a support request on "account", numbered as any, in the agents' queue.
    assert_eq!(r.json::<Value>().await.unwrap(), json!("26-000001"));
    let text = app
        .one_text("SELECT body FROM support_messages WHERE author = 'shopper'")
        .await;
    assert!(
        text.contains("Иванов Иван Иванович") && text.contains("+79123456789"),
        "{text}"
    );
    assert_eq!(
        app.one_text("SELECT topic FROM support_requests").await,
        "account"
    );
    assert_eq!(
        app.one_text("SELECT old_phone FROM recovery_requests")
            .await,
        PHONE
    );
    let mut bad = form.to_vec();
    bad[3] = ("order_number", "'; DROP TABLE users; --");
    let (status, e) = error_of(app.post_form("account/recovery", &bad).await).await;
    assert_eq!((status, field_of(&e)), (400, Some(Field::OrderNumber)));
    for _ in 0..4 {
        assert_eq!(app.post_form("account/recovery", &form).await.status(), 200);
    }
    assert_eq!(app.post_form("account/recovery", &form).await.status(), 429);
}
