//! Gift certificates through the server: issued by the command line, activated once
//! into the wallet from the Rynok Account page, three a day, within a year, with
//! wrong codes limited per account and per address.

use crate::helpers::{AppError, Field, Problem, START_MS, TestApp, error_of};
use app::shared::money::Money;
use app::wallet::certificates::service as certificates;
use app::wallet::ledger::model::Amount;
use app::wallet::ledger::service as ledger;
use std::sync::Arc;

const DAY_MS: i64 = 86_400_000;

async fn issue(app: &TestApp, roubles: i64, count: u32) -> Vec<String> {
    use app::platform::clock::Clock;
    let amount = Amount::new(Money::from_roubles(roubles)).unwrap();
    certificates::issue(&app.db, app.clock.now_ms(), amount, count, "test")
        .await
        .unwrap()
        .iter()
        .map(|c| c.grouped())
        .collect()
}

async fn activate(app: &TestApp, code: &str) -> reqwest::Response {
    app.post_form("wallet/certificates/activate", &[("code", code)])
        .await
}

async fn refused(app: &TestApp, code: &str) -> AppError {
    let (status, e) = error_of(activate(app, code).await).await;
    assert!(status >= 400, "{status} {e:?}");
    e
}

fn certificate(p: Problem) -> AppError {
    AppError::Invalid {
        field: Field::Certificate,
        message: p,
    }
}

async fn statement(app: &TestApp, query: &str) -> serde_json::Value {
    app.api_json(&format!("wallet/statement?{query}")).await
}

async fn balance(app: &TestApp) -> i64 {
    statement(app, "kind=&from=&to=").await["balance"]
        .as_i64()
        .unwrap()
}

async fn assert_check_passes(app: &TestApp) {
    let report = ledger::check(&app.db).await.unwrap();
    assert!(report.ok(), "{report}");
}

/// A well-formed code (its check character right) that no certificate has.
fn stranger() -> String {
    app::wallet::certificates::model::CertificateCode::generate().grouped()
}

#[tokio::test]
async fn a_certificate_from_the_command_line_credits_the_wallet_once() {
    let app = TestApp::spawn_with(0).await;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .args([
            "gift-certificates",
            "issue",
            "--amount",
            "1500",
            "--count",
            "2",
        ])
        .env("DATABASE_URL", &app.database_url)
        .env("APP_ENV", "test")
        .output()
        .expect("server gift-certificates issue runs");
    assert!(out.status.success(), "{out:?}");
    let codes: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(codes.len(), 2);
    assert!(codes.iter().all(|c| c.len() == 19), "{codes:?}");
    // Only hashes are stored.
    let stored = app
        .one_text("SELECT code_hash FROM gift_certificates ORDER BY id LIMIT 1")
        .await;
    assert!(!codes.iter().any(|c| stored.contains(&c.replace('-', ""))));

    app.sign_in("+79161110001").await;
    assert_eq!(balance(&app).await, 0);
    // Typed the way people type: lower case, spaces.
    let typed = codes[0].to_lowercase().replace('-', " ");
    let r = activate(&app, &typed).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<i64>().await.unwrap(), 150_000);
    assert_eq!(balance(&app).await, 150_000);
    // Again (a double click, a resubmitted form): the same answer, no more money.
    let r = activate(&app, &codes[0]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(balance(&app).await, 150_000);
    let s = statement(&app, "kind=certificate&from=&to=").await;
    let ops = s["operations"].as_array().unwrap();
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0]["amount"], 150_000);
    assert_eq!(ops[0]["status"], "done");
    assert_eq!(ops[0]["balance_after"], 150_000);

    // Another account cannot use it.
    let other = app.new_browser();
    other.sign_in("+79161110002").await;
    let (status, e) = error_of(
        other
            .post_form("wallet/certificates/activate", &[("code", &codes[0])])
            .await,
    )
    .await;
    assert_eq!((status, e), (400, certificate(Problem::AlreadyUsed)));
    assert_check_passes(&app).await;
    // Issued 3 000 ₽, activated 1 500 ₽: 1 500 ₽ still outstanding.
    let outstanding = ledger::account(
        &app.db,
        app::wallet::ledger::model::AccountKind::Certificates,
        0,
        START_MS,
    )
    .await
    .unwrap();
    let sums = ledger::sums(&app.db, outstanding).await.unwrap();
    assert_eq!(sums.posted(), Money::from_roubles(1500));
}

#[tokio::test]
async fn malformed_codes_say_why_and_cost_no_attempt() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161110003").await;
    let code = issue(&app, 500, 1).await.remove(0);
    // One character changed: the check character catches it.
    let mut typo: Vec<char> = code.chars().collect();
    typo[0] = if typo[0] == 'A' { 'B' } else { 'A' };
    let typo: String = typo.into_iter().collect();
    for _ in 0..10 {
        assert_eq!(refused(&app, &typo).await, certificate(Problem::Typo));
    }
    assert_eq!(refused(&app, "   ").await, certificate(Problem::Empty));
    assert_eq!(
        refused(&app, "ABCD-EFGH").await,
        certificate(Problem::WrongLength)
    );
    assert_eq!(
        refused(&app, "0OI1-ABCD-EFGH-JKLM").await,
        certificate(Problem::BadCharacters)
    );
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM certificate_failures", &[])
            .await,
        0
    );
    // A guest is asked to sign in.
    let guest = app.new_browser();
    let (status, e) = error_of(
        guest
            .post_form("wallet/certificates/activate", &[("code", &code)])
            .await,
    )
    .await;
    assert_eq!((status, e), (401, AppError::Unauthorized));
    assert_eq!(activate(&app, &code).await.status(), 200);
}

#[tokio::test]
async fn wrong_codes_are_limited_per_account_and_per_address() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161110004").await;
    let good = issue(&app, 1000, 1).await.remove(0);
    for left in (1..=4).rev() {
        assert_eq!(
            refused(&app, &stranger()).await,
            AppError::WrongCode {
                attempts_left: left
            }
        );
    }
    assert_eq!(refused(&app, &stranger()).await, AppError::CodeBurned);
    // Now even the right code waits for the hour: guessing gains nothing.
    match refused(&app, &good).await {
        AppError::TooManyRequests { retry_after_secs } => {
            assert!(
                (3500..=3600).contains(&retry_after_secs),
                "{retry_after_secs}"
            )
        }
        other => panic!("{other:?}"),
    }
    // A wrong code counts for a whole hour, to the millisecond.
    app.clock.advance_ms(3_600_001);
    assert_eq!(activate(&app, &good).await.status(), 200);

    // Twenty wrong codes an hour from one address, whichever accounts type them.
    for n in 0..3 {
        let b = app.new_browser();
        b.sign_in(&format!("+7916111002{n}")).await;
        for _ in 0..5 {
            let r = b
                .post_form("wallet/certificates/activate", &[("code", &stranger())])
                .await;
            assert_eq!(r.status(), 400);
        }
    }
    // 15 from this address so far in this hour (the first account's 5 aged out).
    let last = app.new_browser();
    last.sign_in("+79161110030").await;
    for _ in 0..5 {
        let r = last
            .post_form("wallet/certificates/activate", &[("code", &stranger())])
            .await;
        assert_eq!(r.status(), 400);
    }
    let fresh = app.new_browser();
    fresh.sign_in("+79161110031").await;
    let (status, e) = error_of(
        fresh
            .post_form("wallet/certificates/activate", &[("code", &stranger())])
            .await,
    )
    .await;
    assert_eq!(status, 429);
    assert!(matches!(e, AppError::TooManyRequests { .. }), "{e:?}");
}

#[tokio::test]
async fn three_activations_a_moscow_day_and_none_after_a_year() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161110005").await;
    let codes = issue(&app, 100, 5).await;
    for c in &codes[..3] {
        assert_eq!(activate(&app, c).await.status(), 200);
    }
    assert_eq!(
        refused(&app, &codes[3]).await,
        certificate(Problem::DailyLimit)
    );
    assert_eq!(balance(&app).await, 30_000);
    // START_MS is 03:00 in Moscow: 21 hours later is the next Moscow day.
    app.clock.advance_ms(21 * 3_600_000);
    assert_eq!(activate(&app, &codes[3]).await.status(), 200);
    // A year (365 days) after issue the last one can no longer be activated.
    app.clock.advance_ms(365 * DAY_MS);
    // (the session is long over: 90 days at most)
    app.sign_in("+79161110005").await;
    assert_eq!(
        refused(&app, &codes[4]).await,
        certificate(Problem::Expired)
    );
    assert_eq!(balance(&app).await, 40_000);
    assert_check_passes(&app).await;
}

#[tokio::test]
async fn many_accounts_racing_for_one_certificate_credit_it_once() {
    let app = Arc::new(TestApp::spawn_with(0).await);
    let code = issue(&app, 2000, 1).await.remove(0);
    let mut tasks = Vec::new();
    for user in 1..=32i64 {
        let app = app.clone();
        let code = code.clone();
        tasks.push(tokio::spawn(async move {
            let ip = format!("10.0.0.{user}");
            certificates::activate(&app.db, START_MS, user, &ip, &code).await
        }));
    }
    let mut won = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(m) => {
                assert_eq!(m, Money::from_roubles(2000));
                won += 1;
            }
            Err(e) => assert_eq!(e, certificate(Problem::AlreadyUsed)),
        }
    }
    assert_eq!(won, 1);
    assert_eq!(
        app.one_i64(
            "SELECT COUNT(*) FROM ledger_transfers WHERE kind = 'certificate_activation'",
            &[]
        )
        .await,
        1
    );
    assert_check_passes(&app).await;
}

#[tokio::test]
async fn the_history_exports_as_a_spreadsheet_in_russian() {
    let app = TestApp::spawn_with(0).await;
    let guest = app.new_browser();
    let r = guest.get("/account/wallet/history.csv").await;
    assert_eq!(r.status(), 303);
    app.sign_in("+79161110006").await;
    for c in issue(&app, 700, 2).await {
        assert_eq!(activate(&app, &c).await.status(), 200);
    }
    let r = app.get("/account/wallet/history.csv?kind=&from=&to=").await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["content-type"].to_str().unwrap(),
        "text/csv; charset=utf-8"
    );
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let body = r.text().await.unwrap();
    assert!(body.starts_with('\u{feff}'), "a BOM for Excel");
    let lines: Vec<&str> = body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 4, "{body}");
    assert!(lines[0].starts_with("Дата;Операция;Сумма, ₽;"));
    assert!(lines[1].contains(";Подарочный сертификат;700,00;Выполнено;1400,00;"));
    assert!(lines[2].contains(";700,00;Выполнено;700,00;"));
    assert!(lines[3].ends_with(";1400,00;0,00;;;"), "{}", lines[3]);
    // A period before anything happened: only the header and zero totals.
    let r = app
        .get("/account/wallet/history.csv?kind=&from=2026-01-01&to=2026-01-31")
        .await;
    assert_eq!(r.text().await.unwrap().lines().count(), 2);
    let r = app.get("/account/wallet/history.csv?from=2026-02-30").await;
    assert_eq!(r.status(), 400);
}
