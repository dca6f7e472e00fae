//! Rynok ID: what the security review of 2026-11-23 found, each proven fixed.

use crate::helpers::{AppError, TestApp, code_in, error_of, message_to, requester};
use serde_json::{Value, json};

const PHONE: &str = "+79123456789";
const MINUTE: i64 = 60_000;

/// Deletes the signed-in account of `app`'s first browser, by the code to `phone`.
async fn delete_account(app: &TestApp, phone: &str) {
    app.clock.advance_ms(MINUTE);
    let before = app.outbox(phone).await.len();
    let r = app
        .post_form("account/delete/start", &[("reason", "privacy")])
        .await;
    assert_eq!(r.status(), 200);
    let code = code_when_sent(app, phone, before).await;
    let r = app
        .post_form("account/change/confirm", &[("code", &code)])
        .await;
    assert_eq!(r.json::<Value>().await.unwrap(), json!("Deleted"));
}

/// The code of the newest message to `to` once there are more than `before`.
async fn code_when_sent(app: &TestApp, to: &str, before: usize) -> String {
    code_in(message_to(app, to, before).await["body"].as_str().unwrap())
}

#[tokio::test]
async fn a_live_code_in_the_security_feed_is_stored_sealed_and_erased_once_used() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in(PHONE).await;
    app.clock.advance_ms(MINUTE);
    let other = app.new_browser();
    assert_eq!(other.start_phone(PHONE, "sms").await.status(), 200);
    let code = app.last_code(PHONE).await;
    // The database holds no code in the clear...
    let plain = format!(
        "SELECT COUNT(*) FROM security_messages WHERE body LIKE '%{code}%' OR notice LIKE '%{code}%'"
    );
    assert_eq!(app.one_i64(&plain, &[]).await, 0);
    let sealed = "SELECT COUNT(*) FROM security_messages WHERE secret IS NOT NULL";
    assert_eq!(app.one_i64(sealed, &[]).await, 1);
    // ...yet the signed-in device is shown it.
    let feed: Value = app.api_json("account/security").await;
    assert!(
        feed.to_string().contains(&format!("Код для входа: {code}")),
        "{feed}"
    );
    // Used: the copy is erased and the feed shows dots.
    assert_eq!(other.send_code(&code).await.status(), 200);
    assert_eq!(app.one_i64(sealed, &[]).await, 0);
    let feed: Value = app.api_json("account/security").await;
    assert!(!feed.to_string().contains(&code), "{feed}");
    assert!(feed.to_string().contains("Код для входа: ••••••"), "{feed}");
}

#[tokio::test]
async fn an_expired_code_copy_is_erased_by_the_job_and_no_longer_shown() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in(PHONE).await;
    app.clock.advance_ms(MINUTE);
    assert_eq!(
        app.new_browser().start_phone(PHONE, "sms").await.status(),
        200
    );
    let code = app.last_code(PHONE).await;
    app.clock.advance_ms(5 * MINUTE);
    let feed: Value = app.api_json("account/security").await;
    assert!(!feed.to_string().contains(&code), "expired: {feed}");
    server::jobs::run_once(&app.state).await.unwrap();
    let sealed = "SELECT COUNT(*) FROM security_messages WHERE secret IS NOT NULL";
    assert_eq!(app.one_i64(sealed, &[]).await, 0);
}

#[tokio::test]
async fn a_deleted_account_leaves_no_provider_link_and_the_person_can_sign_in_with_it_again() {
    use app::account::oidc::service::{Identity, sign_in};
    use app::shared::phone::Phone;
    let app = TestApp::spawn_with(0).await;
    app.sign_in(PHONE).await;
    let deps = app.deps();
    let who = Identity {
        subject: "sber-42".into(),
        phone: Some(Phone::parse(PHONE).unwrap()),
        email: None,
    };
    sign_in(&deps, &requester(), "sber", &who).await.unwrap();
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM oidc_links", &[]).await, 1);
    delete_account(&app, PHONE).await;
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM oidc_links", &[]).await, 0);
    // Signing in with the provider again makes a new account instead of a 500.
    let again = Identity {
        subject: "sber-42".into(),
        phone: None,
        email: None,
    };
    sign_in(&deps, &requester(), "sber", &again).await.unwrap();
    let live = "SELECT COUNT(*) FROM users WHERE deleted_at IS NULL";
    assert_eq!(app.one_i64(live, &[]).await, 1);
}

#[tokio::test]
async fn the_first_order_discount_is_granted_once_per_number_even_across_deletion() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in(PHONE).await;
    let discounts = "SELECT COUNT(*) FROM user_discounts";
    assert_eq!(app.one_i64(discounts, &[]).await, 1);
    let grants = "SELECT COUNT(*) FROM discount_grants";
    assert_eq!(app.one_i64(grants, &[]).await, 1);
    let kept = format!(
        "SELECT COUNT(*) FROM discount_grants WHERE subject_hash LIKE '%{}%'",
        &PHONE[1..]
    );
    assert_eq!(
        app.one_i64(&kept, &[]).await,
        0,
        "the number itself is not kept"
    );
    delete_account(&app, PHONE).await;
    app.clock.advance_ms(MINUTE);
    app.sign_in(PHONE).await;
    assert_eq!(app.one_i64(discounts, &[]).await, 1, "no second discount");
    let account: Value = app.api_json("account/profile").await;
    assert_eq!(account["discounts"], json!([]));
}

#[tokio::test]
async fn a_phone_change_cancelled_before_the_job_commits_is_not_applied() {
    // The job reads the due changes, then the owner cancels, then the job goes on:
    // the change must stay cancelled and the phone unchanged. Run many times on
    // Postgres, where the two interleave for real.
    let app = TestApp::spawn_with(0).await;
    app.sign_in(PHONE).await;
    // Five rounds of 14 days stay within the session's 90 days.
    for round in 0..5 {
        let new_phone = format!("+7999000{:04}", round);
        app.clock.advance_ms(MINUTE);
        let r = app
            .post_form(
                "account/phone/start",
                &[("phone", new_phone.as_str()), ("lost", "on")],
            )
            .await;
        assert_eq!(r.status(), 200, "round {round}");
        let code = code_when_sent(&app, &new_phone, 0).await;
        let r = app
            .post_form("account/change/confirm", &[("code", &code)])
            .await;
        assert_eq!(r.status(), 200);
        app.clock.advance_ms(14 * 24 * 60 * MINUTE);
        let (job, cancel) = tokio::join!(
            server::jobs::run_once(&app.state),
            app.post_form("account/phone/cancel", &[])
        );
        job.unwrap();
        let state = app
            .one_text("SELECT state FROM account_changes ORDER BY id DESC LIMIT 1")
            .await;
        let phone = app.me().await["phone"]
            .as_str()
            .unwrap()
            .replace([' ', '-'], "");
        match state.as_str() {
            "done" => {
                assert_eq!(phone, new_phone, "round {round}");
                assert_eq!(cancel.status(), 404);
                // Back to the first number for the next round.
                sqlx::query("UPDATE users SET phone = $1")
                    .bind(PHONE)
                    .execute(&app.db.pool)
                    .await
                    .unwrap();
            }
            "cancelled" => assert_eq!(phone, PHONE, "round {round}: cancelled yet applied"),
            other => panic!("round {round}: {other}"),
        }
    }
    let _ = error_of;
}

/// Eleven minutes: a session's sign-in no longer counts as a fresh proof.
const STALE: i64 = 11 * MINUTE;

#[tokio::test]
async fn a_session_that_is_not_fresh_proves_the_phone_before_it_adds_an_email() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in(PHONE).await;
    app.clock.advance_ms(STALE);
    let before = app.outbox(PHONE).await.len();
    let r = app
        .post_form("account/email/start", &[("email", "thief@example.ru")])
        .await;
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({"CodeSent": {"to": "+7 912 ***-**-89"}}),
        "the code goes to the phone first"
    );
    assert_eq!(app.outbox("thief@example.ru").await.len(), 0);
    let phone_code = code_when_sent(&app, PHONE, before).await;
    let r = app
        .post_form("account/change/confirm", &[("code", &phone_code)])
        .await;
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({"CodeSent": {"to": "th***@example.ru"}})
    );
    let mail = app.wait_for_email("thief@example.ru", None).await;
    let r = app
        .post_form(
            "account/change/confirm",
            &[("code", &code_in(mail["body"].as_str().unwrap()))],
        )
        .await;
    assert_eq!(r.json::<Value>().await.unwrap(), json!("EmailVerified"));
    // The phone is told of the new way to sign in.
    for _ in 0..100 {
        if app.outbox(PHONE).await[0]["body"]
            .as_str()
            .unwrap()
            .contains("добавлена почта для входа: thief@example.ru")
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("no SMS about the added email");
}

#[tokio::test]
async fn a_session_that_is_not_fresh_cannot_start_adding_a_passkey_until_it_proves_the_phone() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in(PHONE).await;
    let start = || app.post_form("account/passkeys/register/start", &[("name", "Ноутбук")]);
    assert_eq!(start().await.status(), 200, "a fresh sign-in may");
    app.clock.advance_ms(STALE);
    let (status, e) = error_of(start().await).await;
    assert_eq!((status, e), (403, AppError::ReauthRequired));
    let before = app.outbox(PHONE).await.len();
    let r = app.post_form("account/reauth/start", &[]).await;
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({"CodeSent": {"to": "+7 912 ***-**-89"}})
    );
    let code = code_when_sent(&app, PHONE, before).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let (status, _) = error_of(
        app.post_form("account/reauth/confirm", &[("code", wrong)])
            .await,
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(start().await.status(), 403, "a wrong code proves nothing");
    let r = app
        .post_form("account/reauth/confirm", &[("code", &code)])
        .await;
    assert_eq!(r.json::<Value>().await.unwrap(), json!("Reauthenticated"));
    assert_eq!(start().await.status(), 200);
    // Another session of the account is not made fresh by it.
    app.clock.advance_ms(MINUTE);
    let other = app.new_browser();
    other.sign_in(PHONE).await;
    app.clock.advance_ms(STALE);
    let r = other
        .post_form("account/passkeys/register/start", &[("name", "Телефон")])
        .await;
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn ways_to_sign_in_added_this_week_are_offered_for_removal_and_removed() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in(PHONE).await;
    let security = || async { app.api_json("account/security").await };
    assert_eq!(security().await["recent"], json!([]));
    let r = app
        .post_form("account/email/start", &[("email", "ivan@example.ru")])
        .await;
    assert_eq!(r.status(), 200);
    let mail = app.wait_for_email("ivan@example.ru", None).await;
    let r = app
        .post_form(
            "account/change/confirm",
            &[("code", &code_in(mail["body"].as_str().unwrap()))],
        )
        .await;
    assert_eq!(r.json::<Value>().await.unwrap(), json!("EmailVerified"));
    let recent = security().await["recent"].clone();
    assert_eq!(recent[0]["kind"], "Email");
    assert_eq!(recent[0]["label"], "ivan@example.ru");
    assert_eq!(
        app.post_form("account/sessions/end-others", &[])
            .await
            .status(),
        200
    );
    let r = app.post_form("account/methods/remove-recent", &[]).await;
    assert_eq!(r.json::<Value>().await.unwrap(), json!(1));
    assert_eq!(app.me().await["email"], Value::Null);
    assert_eq!(security().await["recent"], json!([]));
    // Added again, it stops counting as recent after a week.
    app.clock.advance_ms(MINUTE);
    let before = app.outbox("ivan@example.ru").await.len();
    let r = app
        .post_form("account/email/start", &[("email", "ivan@example.ru")])
        .await;
    assert_eq!(r.status(), 200);
    let code = code_when_sent(&app, "ivan@example.ru", before).await;
    let r = app
        .post_form("account/change/confirm", &[("code", &code)])
        .await;
    assert_eq!(r.json::<Value>().await.unwrap(), json!("EmailVerified"));
    assert_eq!(security().await["recent"].as_array().map(Vec::len), Some(1));
    app.clock.advance_ms(8 * 24 * 60 * MINUTE);
    assert_eq!(security().await["recent"], json!([]));
}
