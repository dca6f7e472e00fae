//! Rynok ID under parallel requests: the send limits and the five-tries rule hold
//! however many requests arrive at once (on SQLite and on Postgres).

use crate::helpers::{AppError, Field, TestApp, code_in, error_of, message_to};
use std::sync::Arc;
use tokio::sync::Barrier;
use tokio::task::JoinSet;

/// Lets every task through at once, after each has opened its connection.
fn start_line() -> Arc<Barrier> {
    Arc::new(Barrier::new(PARALLEL))
}

const PHONE: &str = "+79123450000";
const PARALLEL: usize = 50;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_parallel_sends_to_one_number_send_exactly_one_code() {
    let app = TestApp::spawn_with(0).await;
    let mut calls = JoinSet::new();
    let line = start_line();
    for _ in 0..PARALLEL {
        let (browser, line) = (app.new_browser(), line.clone());
        calls.spawn(async move {
            browser.get("/healthz").await;
            line.wait().await;
            browser.start_phone(PHONE, "sms").await.status().as_u16()
        });
    }
    let statuses = calls.join_all().await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 429),
        "{statuses:?}"
    );
    let sends = "SELECT COUNT(*) FROM code_sends WHERE target = '+79123450000'";
    assert_eq!(app.one_i64(sends, &[]).await, 1);
    assert_eq!(app.outbox(PHONE).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_parallel_wrong_guesses_count_exactly_five_and_then_the_right_code_is_refused() {
    let app = TestApp::spawn_with(0).await;
    assert_eq!(app.start_phone(PHONE, "sms").await.status(), 200);
    let code = app.last_code(PHONE).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let mut calls = JoinSet::new();
    let line = start_line();
    for _ in 0..PARALLEL {
        // The same browser (one attempt cookie), many connections at once.
        let client = app.browser.client.clone();
        let url = app.url("/api/account/signin/code");
        let line = line.clone();
        calls.spawn(async move {
            line.wait().await;
            let r = client
                .post(url)
                .header("accept", "application/json")
                .form(&[("code", wrong)])
                .send()
                .await
                .expect("POST");
            let status = r.status().as_u16();
            (status, r.json::<serde_json::Value>().await.expect("json"))
        });
    }
    let answers = calls.join_all().await;
    let wrong_answers = answers
        .iter()
        .filter(|(_, e)| e.get("WrongCode").is_some())
        .count();
    assert_eq!(wrong_answers, 4, "four tries left, then burnt: {answers:?}");
    assert!(answers.iter().all(|(s, _)| *s == 400), "{answers:?}");
    let failures = "SELECT failures FROM signin_attempts";
    assert_eq!(app.one_i64(failures, &[]).await, 5);
    let (_, e) = error_of(app.send_code(&code).await).await;
    assert_eq!(e, AppError::CodeBurned);
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM sessions", &[]).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_parallel_wrong_codes_for_an_email_change_count_exactly_five() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in(PHONE).await;
    let r = app
        .post_form("account/email/start", &[("email", "ivan@example.ru")])
        .await;
    assert_eq!(r.status(), 200);
    let mail = app.wait_for_email("ivan@example.ru", None).await;
    let code = crate::helpers::code_in(mail["body"].as_str().unwrap());
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let mut calls = JoinSet::new();
    let line = start_line();
    for _ in 0..PARALLEL {
        let client = app.browser.client.clone();
        let url = app.url("/api/account/change/confirm");
        let line = line.clone();
        calls.spawn(async move {
            line.wait().await;
            client
                .post(url)
                .header("accept", "application/json")
                .form(&[("code", wrong)])
                .send()
                .await
                .expect("POST")
                .status()
                .as_u16()
        });
    }
    let statuses = calls.join_all().await;
    assert!(statuses.iter().all(|s| *s == 400), "{statuses:?}");
    let failures = "SELECT failures FROM account_changes WHERE kind = 'email'";
    assert_eq!(app.one_i64(failures, &[]).await, 5);
    let r = app
        .post_form("account/change/confirm", &[("code", &code)])
        .await;
    let (_, e) = error_of(r).await;
    assert_eq!(e, AppError::CodeBurned);
    let verified = "SELECT COUNT(*) FROM users WHERE email_verified_at IS NOT NULL";
    assert_eq!(app.one_i64(verified, &[]).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_parallel_sends_from_one_client_stay_within_its_hourly_limit() {
    let app = TestApp::spawn_with(0).await;
    let mut calls = JoinSet::new();
    let line = start_line();
    for i in 0..PARALLEL {
        let (browser, line) = (app.new_browser(), line.clone());
        calls.spawn(async move {
            browser.get("/healthz").await;
            line.wait().await;
            let phone = format!("+7912{:07}", 1000 + i * 137);
            browser.start_phone(&phone, "sms").await.status().as_u16()
        });
    }
    let statuses = calls.join_all().await;
    // 30 codes an hour per client address, however the requests interleave.
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        30,
        "{statuses:?}"
    );
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM code_sends", &[]).await,
        30
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_browsers_signing_up_one_number_at_once_make_one_account_and_both_sign_in() {
    let app = TestApp::spawn_with(0).await;
    let (first, second) = (app.new_browser(), app.new_browser());
    for (i, b) in [&first, &second].into_iter().enumerate() {
        if i == 1 {
            app.clock.advance_ms(60_000);
        }
        assert_eq!(b.start_phone(PHONE, "sms").await.status(), 200);
        let code = app.last_code(PHONE).await;
        let step: serde_json::Value = b.send_code(&code).await.json().await.unwrap();
        assert!(step.get("Terms").is_some(), "{step}");
    }
    let (a, b) = tokio::join!(first.accept_terms(), second.accept_terms());
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (200, 200));
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM users", &[]).await, 1);
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM sessions", &[]).await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_accounts_confirming_one_email_at_once_get_it_once_and_a_clear_409() {
    let app = TestApp::spawn_with(0).await;
    let (first, second) = (app.new_browser(), app.new_browser());
    first.sign_in("+79123450001").await;
    second.sign_in("+79123450002").await;
    let email = "shared@example.ru";
    let mut codes = Vec::new();
    for (i, b) in [&first, &second].into_iter().enumerate() {
        let r = b
            .post_form("account/email/start", &[("email", email)])
            .await;
        assert_eq!(r.status(), 200);
        codes.push(code_in(
            message_to(&app, email, i).await["body"].as_str().unwrap(),
        ));
        // The next code to the same address may go a minute later.
        app.clock.advance_ms(61_000);
    }
    let (a, b) = tokio::join!(confirm(&first, &codes[0]), confirm(&second, &codes[1]));
    let mut answers = vec![a, b];
    answers.sort_by_key(|(status, _)| *status);
    assert_eq!(answers[0].0, 200, "{answers:?}");
    assert_eq!(
        answers[1],
        (
            409,
            Some(AppError::Taken {
                field: Field::Email
            })
        ),
        "{answers:?}"
    );
    let owners = "SELECT COUNT(*) FROM users WHERE email = 'shared@example.ru'";
    assert_eq!(app.one_i64(owners, &[]).await, 1);
}

/// Confirms a change's code: the status, and the error of a refusal.
async fn confirm(b: &crate::helpers::Browser, code: &str) -> (u16, Option<AppError>) {
    let r = b
        .post_form("account/change/confirm", &[("code", code)])
        .await;
    if r.status().is_success() {
        return (r.status().as_u16(), None);
    }
    let (status, e) = error_of(r).await;
    (status, Some(e))
}
