//! Bonus points on the database the server runs on: batches that expire, spent
//! soonest first, returned to their batches, expired by the job, never below zero
//! whatever the concurrency, and always adding up to the ledger's balance.

use crate::helpers::{START_MS, TestApp};
use app::shared::money::Money;
use app::wallet::ledger::model::{AccountKind, Amount, IdempotencyKey, LedgerRefusal};
use app::wallet::ledger::service::{self as ledger, LedgerError};
use app::wallet::points::service as points;
use std::sync::Arc;

const DAY_MS: i64 = 86_400_000;

fn key(s: &str) -> IdempotencyKey {
    IdempotencyKey::parse(s).unwrap()
}

fn pts(n: i64) -> Amount {
    Amount::new(Money::from_roubles(n)).unwrap()
}

async fn grant(app: &TestApp, user: i64, n: i64, k: &str, days: i64) {
    points::grant(
        &app.db,
        START_MS,
        user,
        pts(n),
        &key(k),
        "test",
        START_MS + days * DAY_MS,
    )
    .await
    .unwrap();
}

/// The user's points as the ledger holds them and as the batches hold them: equal.
async fn balance(app: &TestApp, user: i64, now: i64) -> i64 {
    let account = ledger::account(&app.db, AccountKind::Points, user, START_MS)
        .await
        .unwrap();
    let ledger_balance = ledger::sums(&app.db, account)
        .await
        .unwrap()
        .available()
        .kopecks();
    let batches = app
        .one_i64(
            "SELECT CAST(COALESCE(SUM(remaining), 0) AS BIGINT) FROM points_batches WHERE user_id = $1",
            &[user],
        )
        .await;
    assert_eq!(ledger_balance, batches, "the batches add up to the ledger");
    let view = points::view(&app.db, now, user).await.unwrap();
    assert!(view.balance.kopecks() <= ledger_balance);
    ledger_balance / 100
}

async fn assert_check_passes(app: &TestApp) {
    let report = ledger::check(&app.db).await.unwrap();
    assert!(report.ok(), "{report}");
}

#[tokio::test]
async fn points_are_spent_soonest_expiring_first_and_come_back_to_their_batches() {
    let app = TestApp::spawn_with(0).await;
    let user = 1;
    grant(&app, user, 100, "grant:late", 300).await;
    grant(&app, user, 50, "grant:soon", 30).await;
    // A repeated grant gives nothing more.
    grant(&app, user, 50, "grant:soon", 30).await;
    assert_eq!(balance(&app, user, START_MS).await, 150);
    let view = points::view(&app.db, START_MS, user).await.unwrap();
    assert_eq!(view.by_expiry.len(), 2);
    assert_eq!(
        view.by_expiry[0].1,
        Money::from_roubles(50),
        "the soonest first"
    );

    points::spend(&app.db, START_MS, user, pts(70), &key("order:1"), "order:1")
        .await
        .unwrap();
    // Again (a retried checkout): nothing more is spent.
    points::spend(&app.db, START_MS, user, pts(70), &key("order:1"), "order:1")
        .await
        .unwrap();
    assert_eq!(balance(&app, user, START_MS).await, 80);
    let view = points::view(&app.db, START_MS, user).await.unwrap();
    assert_eq!(
        view.by_expiry,
        vec![(view.by_expiry[0].0.clone(), Money::from_roubles(80))]
    );

    // More than there is: refused, nothing written.
    let r = points::spend(&app.db, START_MS, user, pts(81), &key("order:2"), "order:2").await;
    assert!(
        matches!(
            r,
            Err(LedgerError::Refused(LedgerRefusal::Insufficient { .. }))
        ),
        "{r:?}"
    );
    assert_eq!(balance(&app, user, START_MS).await, 80);

    // Part of the order cancelled: 30 back, to the batch that expires soonest (the
    // last taken first: 20 from the late batch, then 10 to the soon one).
    let back = points::return_spent(
        &app.db,
        START_MS,
        &key("order:1"),
        pts(30),
        &key("order:1:cancel:1"),
        "order:1",
    )
    .await
    .unwrap();
    assert_eq!(back, Money::from_roubles(30));
    // The same return again moves nothing.
    points::return_spent(
        &app.db,
        START_MS,
        &key("order:1"),
        pts(30),
        &key("order:1:cancel:1"),
        "order:1",
    )
    .await
    .unwrap();
    assert_eq!(balance(&app, user, START_MS).await, 110);
    // Asking back more than is left returns only what is left.
    let back = points::return_spent(
        &app.db,
        START_MS,
        &key("order:1"),
        pts(500),
        &key("order:1:cancel:2"),
        "order:1",
    )
    .await
    .unwrap();
    assert_eq!(back, Money::from_roubles(40));
    assert_eq!(balance(&app, user, START_MS).await, 150);
    assert_check_passes(&app).await;
}

#[tokio::test]
async fn the_job_expires_what_is_left_of_a_batch_and_a_return_after_it_expires_again() {
    let app = TestApp::spawn_with(0).await;
    let user = 2;
    grant(&app, user, 100, "grant:a", 30).await;
    grant(&app, user, 40, "grant:b", 365).await;
    points::spend(&app.db, START_MS, user, pts(60), &key("order:9"), "order:9")
        .await
        .unwrap();
    // 40 left in the first batch, 40 in the second.
    let after = START_MS + 31 * DAY_MS;
    // Before the job runs, a spend never takes expired points: it expires them first.
    let r = points::spend(&app.db, after, user, pts(41), &key("order:10"), "order:10").await;
    assert!(
        matches!(
            r,
            Err(LedgerError::Refused(LedgerRefusal::Insufficient { .. }))
        ),
        "{r:?}"
    );
    assert_eq!(points::expire_due(&app.db, after).await.unwrap(), 1);
    assert_eq!(points::expire_due(&app.db, after).await.unwrap(), 0);
    assert_eq!(balance(&app, user, after).await, 40);
    // The order is cancelled after the first batch expired: its 60 points come back
    // with the batch's own expiry, so the job takes them again.
    let back = points::return_spent(
        &app.db,
        after,
        &key("order:9"),
        pts(60),
        &key("order:9:cancel"),
        "order:9",
    )
    .await
    .unwrap();
    assert_eq!(back, Money::from_roubles(60));
    assert_eq!(points::expire_due(&app.db, after).await.unwrap(), 1);
    assert_eq!(balance(&app, user, after).await, 40);
    assert_eq!(
        app.one_i64(
            "SELECT COUNT(*) FROM ledger_transfers WHERE kind = 'points_expiry'",
            &[]
        )
        .await,
        2
    );
    assert_check_passes(&app).await;
}

#[tokio::test]
async fn sixty_four_shoppers_tabs_spending_at_once_never_overdraw_the_points() {
    let app = Arc::new(TestApp::spawn_with(0).await);
    let user = 3;
    grant(&app, user, 30, "grant:x", 10).await;
    grant(&app, user, 20, "grant:y", 20).await;
    let mut tasks = Vec::new();
    for i in 0..64 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let k = key(&format!("order:{i}"));
            points::spend(&app.db, START_MS, user, pts(1), &k, "order").await
        }));
    }
    let mut spent = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(()) => spent += 1,
            Err(LedgerError::Refused(LedgerRefusal::Insufficient { .. })) => {}
            Err(e) => panic!("{e:?}"),
        }
    }
    assert_eq!(spent, 50);
    assert_eq!(balance(&app, user, START_MS).await, 0);
    assert_check_passes(&app).await;
}

#[tokio::test]
async fn the_points_page_shows_the_balance_by_expiry_date() {
    let app = TestApp::spawn_with(0).await;
    let r = app.navigate("/account/points").await;
    let loc = r
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap_or("").to_string());
    let (status, html) = (r.status().as_u16(), r.text().await.unwrap());
    assert_eq!(
        (status, loc.as_deref()),
        (302, Some("/signin?next=/account/points")),
        "a guest is sent to sign in: {html}"
    );
    app.sign_in("+79161110040").await;
    let me = app.me().await;
    let user = me["id"].as_i64().unwrap_or_else(|| panic!("{me}"));
    // Staff grant points from the command line, by phone number.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .args([
            "points",
            "grant",
            "--phone",
            "+7 916 111-00-40",
            "--amount",
            "100",
        ])
        .env("DATABASE_URL", &app.database_url)
        .env("APP_ENV", "test")
        .output()
        .expect("server points grant runs");
    assert!(out.status.success(), "{out:?}");
    grant(&app, user, 20, "grant:page", 365).await;
    let (status, html) = app.get_html("/account/points").await;
    assert_eq!(status, 200);
    assert!(html.contains("class=\"wallet-balance\">120<"), "{html}");
    assert!(html.contains("до 22.11.2027"), "{html}");
    // The header's account menu counts them too, beside an empty wallet.
    let menu = app.api_json("shell/account-menu").await;
    assert_eq!(
        (menu["points"].as_i64(), menu["balance"].as_i64()),
        (Some(12_000), Some(0))
    );
}
