//! "My data": the profile, adding an email, changing the phone (also the 14-day
//! path), deleting the profile, the recovery request.

use crate::helpers::{
    AppError, Browser, Field, Problem, TestApp, code_in, error_of, field_of, invalid, message_of,
    message_to,
};
use serde_json::{Value, json};

const PHONE: &str = "+79123456789";
const NEW_PHONE: &str = "+79990001122";
const MINUTE: i64 = 60_000;
const DAY: i64 = 24 * 60 * MINUTE;

async fn account(app: &TestApp) -> Value {
    app.api_json("account/profile").await
}

pub(crate) async fn confirm(app: &TestApp, to: &str, after: usize) -> Value {
    let m = message_to(app, to, after).await;
    let r = app
        .post_form(
            "account/change/confirm",
            &[("code", &code_in(m["body"].as_str().unwrap()))],
        )
        .await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

#[tokio::test]
async fn the_profile_saves_good_fields_and_refuses_bad_ones_whole() {
    let app = TestApp::spawn().await;
    app.sign_in(PHONE).await;
    let form = [
        ("last_name", "Иванов"),
        ("first_name", "Иван"),
        ("middle_name", "Иванович"),
        ("gender", "male"),
        ("birth_date", "1990-05-17"),
        ("newsletter", "on"),
    ];
    assert_eq!(
        app.post_form("account/profile/save", &form).await.status(),
        200
    );
    let p = account(&app).await["profile"].clone();
    assert_eq!(p["last_name"], "Иванов");
    assert_eq!(p["birth_date"], "1990-05-17");
    assert_eq!(p["newsletter"], true);
    for (field, value, why) in [
        ("birth_date", "2026-11-23", "future"),
        ("birth_date", "2025-02-29", "not_a_date"),
        ("first_name", "<b>Иван</b>", "letters"),
        ("gender", "robot", "unknown"),
    ] {
        let mut bad = form.to_vec();
        bad.retain(|(k, _)| *k != field);
        bad.push((field, value));
        bad.retain(|(k, _)| *k != "last_name");
        bad.push(("last_name", "Петров"));
        let (status, e) = error_of(app.post_form("account/profile/save", &bad).await).await;
        assert_eq!(status, 400);
        assert_eq!(e, invalid(field, why));
    }
    assert_eq!(
        account(&app).await["profile"]["last_name"],
        "Иванов",
        "nothing half-written"
    );
    let guest = app.new_browser();
    assert_eq!(guest.api_json("account/profile").await, Value::Null);
    let (status, _) = error_of(guest.post_form("account/profile/save", &form).await).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn an_email_is_confirmed_with_a_code_and_one_email_belongs_to_one_account() {
    let app = TestApp::spawn().await;
    app.sign_in(PHONE).await;
    let r = app
        .post_form("account/email/start", &[("email", "Ivan@Example.ru")])
        .await;
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({"CodeSent": {"to": "iv***@example.ru"}})
    );
    assert_eq!(
        account(&app).await["pending_code"],
        json!(["email", "iv***@example.ru"])
    );
    assert_eq!(
        confirm(&app, "ivan@example.ru", 0).await,
        json!("EmailVerified")
    );
    let me = app.me().await;
    assert_eq!(
        (me["email"].as_str(), me["email_verified"].as_bool()),
        (Some("ivan@example.ru"), Some(true))
    );

    // Someone else asking for the address is answered as for any address: that
    // it is taken shows only once its code proves the mailbox is theirs.
    let other = app.new_browser();
    other.sign_in("+79995554433").await;
    app.clock.advance_ms(MINUTE);
    let before = app.outbox("ivan@example.ru").await.len();
    let r = other
        .post_form("account/email/start", &[("email", "ivan@example.ru")])
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({"CodeSent": {"to": "iv***@example.ru"}})
    );
    let (status, e) = confirm_refused(&app, &other, "ivan@example.ru", before).await;
    assert_eq!(
        (status, e),
        (
            409,
            AppError::Taken {
                field: Field::Email
            }
        )
    );
    let (status, e) = error_of(
        other
            .post_form("account/email/start", &[("email", "ivan@")])
            .await,
    )
    .await;
    assert_eq!((status, field_of(&e)), (400, Some(Field::Email)));
}

#[tokio::test]
async fn a_phone_change_proves_the_current_number_then_the_new_one() {
    let app = TestApp::spawn().await;
    app.sign_in(PHONE).await;
    let (status, e) = error_of(
        app.post_form("account/phone/start", &[("phone", PHONE)])
            .await,
    )
    .await;
    assert_eq!((status, message_of(&e)), (400, Some(Problem::Same)));
    // Codes to one number: one a minute, sign-in included.
    let (status, e) = error_of(
        app.post_form("account/phone/start", &[("phone", NEW_PHONE)])
            .await,
    )
    .await;
    assert_eq!(
        (status, e),
        (
            429,
            AppError::TooManyRequests {
                retry_after_secs: 60
            }
        )
    );
    app.clock.advance_ms(MINUTE);
    let before = app.outbox(PHONE).await.len();
    let r = app
        .post_form("account/phone/start", &[("phone", "8 999 000-11-22")])
        .await;
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({"CodeSent": {"to": "+7 912 ***-**-89"}})
    );
    assert_eq!(
        confirm(&app, PHONE, before).await,
        json!({"CodeSent": {"to": "+7 999 ***-**-22"}})
    );
    // The code sent to the old number does not work for the new step.
    assert_eq!(confirm(&app, NEW_PHONE, 0).await, json!("PhoneChanged"));
    assert_eq!(app.me().await["phone"], "+7 999 000-11-22");
    assert_eq!(
        app.one_i64(
            "SELECT COUNT(*) FROM security_events WHERE kind = 'phone_changed'",
            &[]
        )
        .await,
        1
    );
    // The old number is free: it signs up as a new account.
    let other = app.new_browser();
    app.clock.advance_ms(MINUTE);
    other.sign_in(PHONE).await;
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM users", &[]).await, 2);
    // A number that belongs to someone is refused, but only once its code proves
    // it is the asker's: before that the answers are the same as for a free one.
    app.clock.advance_ms(MINUTE);
    let before_old = app.outbox(PHONE).await.len();
    let before_new = app.outbox(NEW_PHONE).await.len();
    let r = other
        .post_form("account/phone/start", &[("phone", NEW_PHONE)])
        .await;
    assert_eq!(r.status(), 200);
    let code = code_in(
        message_to(&app, PHONE, before_old).await["body"]
            .as_str()
            .unwrap(),
    );
    let r = other
        .post_form("account/change/confirm", &[("code", &code)])
        .await;
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({"CodeSent": {"to": "+7 999 ***-**-22"}})
    );
    let (status, e) = confirm_refused(&app, &other, NEW_PHONE, before_new).await;
    assert_eq!(
        (status, e),
        (
            409,
            AppError::Taken {
                field: Field::Phone
            }
        )
    );
}

#[tokio::test]
async fn without_the_old_number_the_change_waits_14_days_and_can_be_cancelled() {
    let app = TestApp::spawn().await;
    app.sign_in(PHONE).await;
    let r = app
        .post_form(
            "account/phone/start",
            &[("phone", NEW_PHONE), ("lost", "on")],
        )
        .await;
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({"CodeSent": {"to": "+7 999 ***-**-22"}})
    );
    let before_old = app.outbox(PHONE).await.len();
    let step = confirm(&app, NEW_PHONE, 0).await;
    assert_eq!(
        step["PhoneWaiting"]["due_at"],
        crate::helpers::START_MS + 14 * DAY
    );
    // The old contacts are told, and the account sees it.
    let warning = message_to(&app, PHONE, before_old).await;
    assert!(
        warning["body"]
            .as_str()
            .unwrap()
            .contains("без доступа к старому номеру")
    );
    assert_eq!(account(&app).await["waiting_phone"][0], "+7 999 000-11-22");

    app.clock.advance_ms(13 * DAY);
    server::jobs::run_once(&app.state).await.unwrap();
    assert_eq!(
        app.me().await["phone"],
        "+7 912 345-67-89",
        "not before 14 days"
    );
    assert_eq!(
        app.post_form("account/phone/cancel", &[]).await.status(),
        200
    );
    assert_eq!(account(&app).await["waiting_phone"], Value::Null);
    app.clock.advance_ms(2 * DAY);
    server::jobs::run_once(&app.state).await.unwrap();
    assert_eq!(app.me().await["phone"], "+7 912 345-67-89", "cancelled");

    // Again, and this time it runs its course. (The code goes out in the
    // background: wait for the message after those already there.)
    let n = app.outbox(NEW_PHONE).await.len();
    app.post_form(
        "account/phone/start",
        &[("phone", NEW_PHONE), ("lost", "on")],
    )
    .await;
    confirm(&app, NEW_PHONE, n).await;
    app.clock.advance_ms(14 * DAY);
    assert_eq!(server::jobs::run_once(&app.state).await.unwrap(), 1);
    assert_eq!(app.me().await["phone"], "+7 999 000-11-22");
}

/// Confirms, in `browser`, the code of the message to `to` after `after`; the
/// refusal's status and error.
async fn confirm_refused(
    app: &TestApp,
    browser: &Browser,
    to: &str,
    after: usize,
) -> (u16, AppError) {
    let code = code_in(message_to(app, to, after).await["body"].as_str().unwrap());
    error_of(
        browser
            .post_form("account/change/confirm", &[("code", &code)])
            .await,
    )
    .await
}
