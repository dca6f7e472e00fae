//! Rynok ID: the rules of one-time codes and of sending them.

use crate::helpers::{AppError, TestApp, error_of, set_cookie};
use serde_json::{Value, json};

const PHONE: &str = "+79123456789";
const MINUTE: i64 = 60_000;

#[tokio::test]
async fn five_wrong_codes_burn_the_code_and_a_new_code_does_not_reset_the_count() {
    let app = TestApp::spawn().await;
    app.start_phone(PHONE, "call").await;
    let code = app.last_code(PHONE).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for left in [4, 3, 2, 1] {
        let (status, e) = error_of(app.send_code(wrong).await).await;
        assert_eq!(status, 400);
        assert_eq!(
            e,
            AppError::WrongCode {
                attempts_left: left
            }
        );
    }
    // A new code for the same attempt keeps the four failures.
    app.clock.advance_ms(MINUTE);
    assert_eq!(app.resend("sms").await.status(), 200);
    let fresh = app.last_code(PHONE).await;
    let wrong = if fresh == "000000" {
        "111111"
    } else {
        "000000"
    };
    let (_, e) = error_of(app.send_code(wrong).await).await;
    assert_eq!(e, AppError::CodeBurned);
    // Burnt: even the right code is refused now.
    let (_, e) = error_of(app.send_code(&fresh).await).await;
    assert_eq!(e, AppError::CodeBurned);
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM sessions", &[]).await, 0);
}

#[tokio::test]
async fn the_owner_is_told_of_wrong_codes_once_per_attempt_and_by_email_when_burnt() {
    let app = TestApp::spawn().await;
    app.sign_in(PHONE).await;
    sqlx::query("UPDATE users SET email = 'ivan@example.ru', email_verified_at = 1")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let messages = "SELECT COUNT(*) FROM security_messages \
                    WHERE notice LIKE '%\"code_wrong\"%' OR notice LIKE '%\"code_burned\"%'";
    assert_eq!(app.one_i64(messages, &[]).await, 0);

    // Someone else asks for a code to the number and guesses.
    app.clock.advance_ms(MINUTE);
    let thief = app.new_browser();
    assert_eq!(thief.start_phone(PHONE, "call").await.status(), 200);
    let code = app.last_code(PHONE).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let (_, e) = error_of(thief.send_code(wrong).await).await;
    assert_eq!(e, AppError::WrongCode { attempts_left: 4 });
    assert_eq!(
        app.one_i64(messages, &[]).await,
        1,
        "told at the first wrong code"
    );
    let feed: Value = app.api_json("account/security").await;
    assert!(
        feed.to_string().contains("введён неверный код"),
        "the owner's Security messages show it: {feed}"
    );
    for _ in 0..3 {
        error_of(thief.send_code(wrong).await).await;
    }
    assert_eq!(
        app.one_i64(messages, &[]).await,
        1,
        "not at every wrong digit"
    );
    let (_, e) = error_of(thief.send_code(wrong).await).await;
    assert_eq!(e, AppError::CodeBurned);
    assert_eq!(app.one_i64(messages, &[]).await, 2, "and again when burnt");
    let mail = app
        .wait_for_email("ivan@example.ru", Some("Попытка входа в ваш аккаунт Rynok"))
        .await;
    assert!(
        mail["body"].as_str().unwrap().contains("пять раз"),
        "{mail}"
    );
    // The thief got nothing; the owner's session is untouched.
    assert_eq!(thief.me().await, Value::Null);
    assert_eq!(app.me().await["phone"], "+7 912 345-67-89");
}

#[tokio::test]
async fn codes_expire_after_five_minutes() {
    let app = TestApp::spawn().await;
    app.start_phone(PHONE, "call").await;
    let code = app.last_code(PHONE).await;
    app.clock.advance_ms(5 * MINUTE);
    let (status, e) = error_of(app.send_code(&code).await).await;
    assert_eq!((status, e), (400, AppError::CodeExpired));
    // A new code works, within its own five minutes.
    assert_eq!(app.resend("").await.status(), 200);
    let code = app.last_code(PHONE).await;
    app.clock.advance_ms(5 * MINUTE - 1);
    assert_eq!(
        app.send_code(&code).await.json::<Value>().await.unwrap()["Terms"]["to"],
        "+7 912 ***-**-89"
    );
}

#[tokio::test]
async fn a_code_works_once_and_only_for_its_own_attempt() {
    let app = TestApp::spawn().await;
    app.sign_in(PHONE).await;
    app.sign_out().await;
    app.clock.advance_ms(MINUTE);

    // Two browsers ask for codes to two numbers (the second number has no account).
    let other = app.new_browser();
    let r = app.start_phone(PHONE, "call").await;
    let (attempt, _) = set_cookie(&r, "rynok_signin").unwrap();
    let mine = app.last_code(PHONE).await;
    other.start_phone("+79998887766", "call").await;
    let theirs = app.last_code("+79998887766").await;
    if theirs != mine {
        let (_, e) = error_of(app.send_code(&theirs).await).await;
        assert_eq!(e, AppError::WrongCode { attempts_left: 4 });
    }
    assert_eq!(
        app.send_code(&mine).await.json::<Value>().await.unwrap(),
        json!("Done")
    );

    // Replaying the same attempt and code from a stolen cookie is refused.
    let thief = reqwest::Client::new();
    let r = thief
        .post(app.url("/api/account/signin/code"))
        .header("origin", &app.address)
        .header("accept", "application/json")
        .header("cookie", format!("rynok_signin={attempt}"))
        .form(&[("code", mine.as_str())])
        .send()
        .await
        .unwrap();
    assert!(set_cookie(&r, "rynok_session").is_none());
    let (status, e) = error_of(r).await;
    assert_eq!((status, e), (400, AppError::CodeExpired));
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL", &[])
            .await,
        1
    );
}

#[tokio::test]
async fn another_code_waits_a_minute_and_the_send_limits_say_when_to_come_back() {
    let app = TestApp::spawn().await;
    app.start_phone(PHONE, "call").await;
    let (status, e) = error_of(app.resend("sms").await).await;
    assert_eq!(
        (status, e),
        (
            429,
            AppError::TooManyRequests {
                retry_after_secs: 60
            }
        )
    );
    app.clock.advance_ms(45_000);
    let (_, e) = error_of(app.start_phone(PHONE, "call").await).await;
    assert_eq!(
        e,
        AppError::TooManyRequests {
            retry_after_secs: 15
        },
        "a new attempt cannot dodge it"
    );
    app.clock.advance_ms(15_000);
    assert_eq!(app.resend("sms").await.status(), 200);
    // Five codes an hour to one number.
    for _ in 0..3 {
        app.clock.advance_ms(MINUTE);
        assert_eq!(app.resend("").await.status(), 200);
    }
    app.clock.advance_ms(MINUTE);
    let (status, e) = error_of(app.resend("").await).await;
    assert_eq!(status, 429);
    // The first of the five went out five minutes ago: an hour after it, the next may go.
    assert_eq!(
        e,
        AppError::TooManyRequests {
            retry_after_secs: 55 * 60
        }
    );
    assert_eq!(app.outbox(PHONE).await.len(), 5);
}

#[tokio::test]
async fn one_address_cannot_flood_many_numbers() {
    let app = TestApp::spawn().await;
    let mut refused = 0;
    for i in 0..40 {
        // Numbers from different prefixes, so that only the per-IP limit applies.
        let phone = format!("+79{:02}1234567", i + 10);
        let r = app.start_phone(&phone, "sms").await;
        if r.status() == 429 {
            refused += 1;
        }
    }
    assert_eq!(refused, 10, "30 codes an hour from one address");
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM outbox", &[]).await, 30);
}

#[tokio::test]
async fn guessing_codes_in_a_loop_never_gets_in() {
    let app = TestApp::spawn().await;
    app.sign_in(PHONE).await;
    app.sign_out().await;
    let attacker = app.new_browser();
    let mut guesses = 0;
    let mut refused_sends = 0;
    let mut guess = 0u32;
    while guesses < 1000 {
        app.clock.advance_ms(MINUTE);
        let r = attacker.start_phone(PHONE, "sms").await;
        if r.status() == 429 {
            refused_sends += 1;
            app.clock.advance_ms(10 * MINUTE);
            // Burning through the limits takes simulated days; stop once they have
            // held for a long stretch.
            if refused_sends > 200 {
                break;
            }
            continue;
        }
        assert_eq!(r.status(), 200);
        for _ in 0..6 {
            let r = attacker.send_code(&format!("{guess:06}")).await;
            guess += 1;
            guesses += 1;
            let status = r.status();
            assert!(set_cookie(&r, "rynok_session").is_none(), "a guess got in");
            assert!(status == 400, "guess answered {status}");
        }
    }
    assert_eq!(attacker.me().await, Value::Null);
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM sessions", &[]).await,
        1,
        "only the owner's"
    );
    // At most five tries per code, at most ten wrong codes an hour per number.
    let tried = app
        .one_i64(
            "SELECT CAST(SUM(failures) AS BIGINT) FROM signin_attempts",
            &[],
        )
        .await;
    assert!(
        tried
            <= 5 * app
                .one_i64("SELECT COUNT(*) FROM signin_attempts", &[])
                .await
    );
    assert!(refused_sends > 0);
    // The owner was told.
    assert!(
        app.one_i64(
            "SELECT COUNT(*) FROM security_events WHERE kind = 'signin_failed'",
            &[]
        )
        .await
            > 0
    );
}
