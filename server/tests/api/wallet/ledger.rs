//! The ledger under Rynok Account, on the database the server runs on: money moves
//! once per idempotency key, never below zero whatever the concurrency, pending
//! transfers resolve once, transfers cannot be changed, and the ledger check
//! finds any difference. Under concurrency: `ledger_races`.

use crate::helpers::{START_MS, TestApp};
use app::shared::money::Money;
use app::wallet::ledger::model::{
    AccountKind, Amount, IdempotencyKey, LedgerRefusal, Phase, TransferKind,
};
use app::wallet::ledger::service::{self as ledger, LedgerError, Resolve, Spec};

pub(super) fn key(s: &str) -> IdempotencyKey {
    IdempotencyKey::parse(s).unwrap()
}

pub(super) fn rub(r: i64) -> Amount {
    Amount::new(Money::from_roubles(r)).unwrap()
}

fn refusal(r: Result<app::wallet::ledger::model::Transfer, LedgerError>) -> LedgerRefusal {
    match r {
        Err(LedgerError::Refused(r)) => r,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// A posted transfer of `roubles` under `key`.
pub(super) async fn post(
    app: &TestApp,
    kind: TransferKind,
    key_: &str,
    (debit, credit): (i64, i64),
    roubles: i64,
    reference: &str,
) -> Result<app::wallet::ledger::model::Transfer, LedgerError> {
    let k = key(key_);
    let spec = Spec {
        kind,
        key: &k,
        debit,
        credit,
        amount: rub(roubles),
        reference,
    };
    ledger::transfer(&app.db, START_MS, &spec).await
}

pub(super) async fn account(app: &TestApp, kind: AccountKind, owner: i64) -> i64 {
    ledger::account(&app.db, kind, owner, START_MS)
        .await
        .unwrap()
}

pub(super) async fn available(app: &TestApp, id: i64) -> i64 {
    ledger::sums(&app.db, id)
        .await
        .unwrap()
        .available()
        .kopecks()
}

async fn transfers(app: &TestApp) -> i64 {
    app.one_i64("SELECT COUNT(*) FROM ledger_transfers", &[])
        .await
}

pub(super) async fn assert_check_passes(app: &TestApp) {
    let report = ledger::check(&app.db).await.unwrap();
    assert!(report.ok(), "{report}");
}

#[tokio::test]
async fn a_transfer_happens_once_per_key_and_never_below_zero() {
    let app = TestApp::spawn_with(0).await;
    let wallet = account(&app, AccountKind::Wallet, 7).await;
    assert_eq!(account(&app, AccountKind::Wallet, 7).await, wallet);
    let card = account(&app, AccountKind::CardAcquiring, 7).await;
    assert_eq!(card, account(&app, AccountKind::CardAcquiring, 0).await);
    let orders = account(&app, AccountKind::OrderClearing, 0).await;

    let top_up = |k: &'static str, r: i64| {
        post(&app, TransferKind::TopUp, k, (card, wallet), r, "payment:1")
    };
    let first = top_up("payment:1", 1500).await.unwrap();
    assert_eq!(first.phase, Phase::Posted);
    // A retry answers the first transfer and moves nothing more.
    let again = top_up("payment:1", 1500).await.unwrap();
    assert_eq!(again, first);
    assert_eq!(available(&app, wallet).await, 150_000);
    // The same key for another amount is refused, and nothing is written.
    assert_eq!(
        refusal(top_up("payment:1", 2000).await),
        LedgerRefusal::KeyReused
    );
    assert_eq!(transfers(&app).await, 1);

    let pay = |k: &'static str, r: i64| {
        post(
            &app,
            TransferKind::OrderPayment,
            k,
            (wallet, orders),
            r,
            "order:1",
        )
    };
    assert_eq!(
        refusal(pay("order:1", 1501).await),
        LedgerRefusal::Insufficient {
            available: Money::from_roubles(1500)
        }
    );
    assert_eq!(transfers(&app).await, 1, "a refused transfer leaves no row");
    pay("order:1", 1500).await.unwrap();
    assert_eq!(available(&app, wallet).await, 0);
    // The platform's accounts may go below zero; a shopper's never.
    assert_eq!(
        ledger::sums(&app.db, card)
            .await
            .unwrap()
            .posted()
            .kopecks(),
        -150_000
    );
    assert_eq!(
        refusal(pay("order:2", 1).await),
        LedgerRefusal::Insufficient {
            available: Money::ZERO
        }
    );
    // Bad input is refused before anything is written.
    let k = key("same");
    let same = Spec {
        kind: TransferKind::Correction,
        key: &k,
        debit: wallet,
        credit: wallet,
        amount: rub(1),
        reference: "x",
    };
    assert_eq!(
        refusal(ledger::transfer(&app.db, START_MS, &same).await),
        LedgerRefusal::SameAccount
    );
    let nowhere = Spec {
        credit: 999_999,
        ..same.clone()
    };
    assert_eq!(
        refusal(ledger::transfer(&app.db, START_MS, &nowhere).await),
        LedgerRefusal::NoAccount
    );
    assert_eq!(transfers(&app).await, 2);
    assert_check_passes(&app).await;
}

#[tokio::test]
async fn a_pending_transfer_reserves_then_posts_voids_or_expires_once() {
    let app = TestApp::spawn_with(0).await;
    let wallet = account(&app, AccountKind::Wallet, 1).await;
    let card = account(&app, AccountKind::CardAcquiring, 0).await;
    let payouts = account(&app, AccountKind::Payouts, 0).await;
    post(
        &app,
        TransferKind::TopUp,
        "payment:9",
        (card, wallet),
        1500,
        "payment:9",
    )
    .await
    .unwrap();

    let withdraw = |k: &'static str, r: i64, expires: i64| {
        let app = &app;
        async move {
            let k = key(k);
            let spec = Spec {
                kind: TransferKind::Withdrawal,
                key: &k,
                debit: wallet,
                credit: payouts,
                amount: rub(r),
                reference: "withdrawal:1",
            };
            ledger::reserve(&app.db, START_MS, &spec, expires).await
        }
    };
    let day = 86_400_000;
    let w1 = withdraw("withdrawal:1", 1000, START_MS + day)
        .await
        .unwrap();
    assert_eq!(w1.phase, Phase::Pending);
    let s = ledger::sums(&app.db, wallet).await.unwrap();
    assert_eq!(s.posted().kopecks(), 150_000, "reserved, not moved");
    assert_eq!(s.available().kopecks(), 50_000);
    assert_eq!(s.outgoing().kopecks(), 100_000);
    assert_eq!(
        ledger::sums(&app.db, payouts)
            .await
            .unwrap()
            .incoming()
            .kopecks(),
        100_000
    );
    // The reservation counts against the floor.
    assert!(matches!(
        refusal(withdraw("withdrawal:2", 501, START_MS + day).await),
        LedgerRefusal::Insufficient { .. }
    ));
    // More than reserved cannot be posted; part of it can, and the rest returns.
    let over = ledger::resolve(
        &app.db,
        START_MS,
        w1.id,
        Resolve::Post(Some(rub(1001))),
        &key("w1:post"),
    )
    .await;
    assert_eq!(refusal(over), LedgerRefusal::OverPending);
    let post = ledger::resolve(
        &app.db,
        START_MS,
        w1.id,
        Resolve::Post(Some(rub(800))),
        &key("w1:post"),
    )
    .await
    .unwrap();
    assert_eq!((post.phase, post.pending_id), (Phase::Post, Some(w1.id)));
    let again = ledger::resolve(
        &app.db,
        START_MS,
        w1.id,
        Resolve::Post(Some(rub(800))),
        &key("w1:post"),
    )
    .await
    .unwrap();
    assert_eq!(again, post, "a retried post answers the first");
    let s = ledger::sums(&app.db, wallet).await.unwrap();
    assert_eq!(
        (s.posted().kopecks(), s.available().kopecks()),
        (70_000, 70_000)
    );
    // Resolved once: a void now is refused with what happened.
    let void = ledger::resolve(&app.db, START_MS, w1.id, Resolve::Void, &key("w1:void")).await;
    assert_eq!(refusal(void), LedgerRefusal::Resolved(Phase::Post));
    // Only a pending transfer can be resolved.
    let not = ledger::resolve(&app.db, START_MS, post.id, Resolve::Void, &key("p:void")).await;
    assert_eq!(refusal(not), LedgerRefusal::NotPending);

    // A void releases it all.
    let w2 = withdraw("withdrawal:2", 700, START_MS + day).await.unwrap();
    assert_eq!(available(&app, wallet).await, 0);
    ledger::resolve(&app.db, START_MS, w2.id, Resolve::Void, &key("w2:void"))
        .await
        .unwrap();
    assert_eq!(available(&app, wallet).await, 70_000);

    // Past its deadline a reservation can no longer be posted; the job releases it.
    let w3 = withdraw("withdrawal:3", 700, START_MS + day).await.unwrap();
    let late = START_MS + day;
    let post = ledger::resolve(&app.db, late, w3.id, Resolve::Post(None), &key("w3:post")).await;
    assert_eq!(refusal(post), LedgerRefusal::Expired);
    assert_eq!(ledger::expire_due(&app.db, late - 1).await.unwrap(), 0);
    assert_eq!(ledger::expire_due(&app.db, late).await.unwrap(), 1);
    assert_eq!(ledger::expire_due(&app.db, late).await.unwrap(), 0);
    assert_eq!(available(&app, wallet).await, 70_000);
    let void = ledger::resolve(&app.db, late, w3.id, Resolve::Void, &key("w3:void")).await;
    assert_eq!(refusal(void), LedgerRefusal::Resolved(Phase::Expire));
    assert_check_passes(&app).await;
}

/// Changes a row behind the ledger's back (`sql` with `id` as $1): the rows changed.
/// It waits its turn among the server's own writers (its jobs run as it starts), as
/// they do, rather than in SQLite's busy handler, where a stream of queued writers
/// could keep it out past the busy timeout.
async fn tamper(app: &TestApp, sql: &str, id: i64) -> u64 {
    let _turn = app.db.write_turn().await;
    let mut tx = app.db.begin_write().await.unwrap();
    let done = sqlx::query(sql).bind(id).execute(&mut *tx).await.unwrap();
    tx.commit().await.unwrap();
    done.rows_affected()
}

#[tokio::test]
async fn transfers_cannot_be_changed_and_the_check_finds_a_changed_balance() {
    let app = TestApp::spawn_with(0).await;
    let wallet = account(&app, AccountKind::Wallet, 3).await;
    let sales = account(&app, AccountKind::CertificateSales, 0).await;
    post(
        &app,
        TransferKind::CertificateActivation,
        "certificate:1",
        (sales, wallet),
        1000,
        "certificate:1",
    )
    .await
    .unwrap();
    for sql in [
        "UPDATE ledger_transfers SET amount = 1",
        "DELETE FROM ledger_transfers",
    ] {
        assert!(
            sqlx::query(sql).execute(&app.db.pool).await.is_err(),
            "{sql}"
        );
    }
    assert_eq!(transfers(&app).await, 1);
    assert_check_passes(&app).await;
    let cli = |app: &TestApp| {
        std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["ledger", "check"])
            .env("DATABASE_URL", &app.database_url)
            .env("APP_ENV", "test")
            .output()
            .expect("server ledger check runs")
    };
    let out = cli(&app);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("ledger check: ok"));

    // A balance changed behind the ledger's back: the check names the account.
    tamper(
        &app,
        "UPDATE ledger_accounts SET credits_posted = credits_posted + 1 WHERE id = $1",
        wallet,
    )
    .await;
    let report = ledger::check(&app.db).await.unwrap();
    assert!(!report.ok());
    assert_eq!(report.drifted.len(), 1);
    assert_eq!(report.drifted[0].0, wallet);
    assert_eq!(
        report.totals.debits_posted + 1,
        report.totals.credits_posted
    );
    // The platform's sums live in shards: a changed shard is found as well.
    let changed = tamper(
        &app,
        "UPDATE ledger_account_shards SET debits_posted = debits_posted + 5 WHERE account_id = $1",
        sales,
    )
    .await;
    assert_eq!(changed, 1);
    let report = ledger::check(&app.db).await.unwrap();
    let mut expected = vec![wallet, sales];
    expected.sort();
    let drifted: Vec<i64> = report.drifted.iter().map(|d| d.0).collect();
    assert_eq!(drifted, expected);
    let out = cli(&app);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("FAILED"));
}
