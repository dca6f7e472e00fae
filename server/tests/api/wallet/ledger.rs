//! The ledger under Rynok Account, on the database the server runs on: money moves
//! once per idempotency key, never below zero whatever the concurrency, pending
//! transfers resolve once, transfers cannot be changed, and the ledger check
//! finds any difference.

use crate::helpers::{START_MS, TestApp};
use app::shared::money::Money;
use app::wallet::ledger::model::{
    AccountKind, Amount, IdempotencyKey, LedgerRefusal, Phase, TransferKind,
};
use app::wallet::ledger::service::{self as ledger, LedgerError, Resolve, Spec};
use std::collections::HashMap;
use std::sync::Arc;

fn key(s: &str) -> IdempotencyKey {
    IdempotencyKey::parse(s).unwrap()
}

fn rub(r: i64) -> Amount {
    Amount::new(Money::from_roubles(r)).unwrap()
}

fn refusal(r: Result<app::wallet::ledger::model::Transfer, LedgerError>) -> LedgerRefusal {
    match r {
        Err(LedgerError::Refused(r)) => r,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// A posted transfer of `roubles` under `key`.
async fn post(
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

async fn account(app: &TestApp, kind: AccountKind, owner: i64) -> i64 {
    ledger::account(&app.db, kind, owner, START_MS)
        .await
        .unwrap()
}

async fn available(app: &TestApp, id: i64) -> i64 {
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

async fn assert_check_passes(app: &TestApp) {
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
    sqlx::query("UPDATE ledger_accounts SET credits_posted = credits_posted + 1 WHERE id = $1")
        .bind(wallet)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let report = ledger::check(&app.db).await.unwrap();
    assert!(!report.ok());
    assert_eq!(report.drifted.len(), 1);
    assert_eq!(report.drifted[0].0, wallet);
    assert_eq!(
        report.totals.debits_posted + 1,
        report.totals.credits_posted
    );
    // The platform's sums live in shards: a changed shard is found as well.
    let changed = sqlx::query(
        "UPDATE ledger_account_shards SET debits_posted = debits_posted + 5 WHERE account_id = $1",
    )
    .bind(sales)
    .execute(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(changed.rows_affected(), 1);
    let report = ledger::check(&app.db).await.unwrap();
    let mut expected = vec![wallet, sales];
    expected.sort();
    let drifted: Vec<i64> = report.drifted.iter().map(|d| d.0).collect();
    assert_eq!(drifted, expected);
    let out = cli(&app);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("FAILED"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_withdrawals_of_the_whole_balance_reserve_it_once() {
    let app = Arc::new(TestApp::spawn_with(0).await);
    let wallet = account(&app, AccountKind::Wallet, 5).await;
    let card = account(&app, AccountKind::CardAcquiring, 0).await;
    let payouts = account(&app, AccountKind::Payouts, 0).await;
    post(
        &app,
        TransferKind::TopUp,
        "payment:5",
        (card, wallet),
        1500,
        "payment:5",
    )
    .await
    .unwrap();
    let mut tasks = Vec::new();
    for i in 0..200 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let k = key(&format!("withdrawal:{i}"));
            let spec = Spec {
                kind: TransferKind::Withdrawal,
                key: &k,
                debit: wallet,
                credit: payouts,
                amount: rub(1500),
                reference: "withdrawal",
            };
            ledger::reserve(&app.db, START_MS, &spec, START_MS + 1_000_000).await
        }));
    }
    let mut reserved = Vec::new();
    for t in tasks {
        match t.await.unwrap() {
            Ok(t) => reserved.push(t),
            Err(LedgerError::Refused(LedgerRefusal::Insufficient { available })) => {
                assert_eq!(available, Money::ZERO)
            }
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!(reserved.len(), 1);
    ledger::resolve(
        &app.db,
        START_MS,
        reserved[0].id,
        Resolve::Post(None),
        &key("paid"),
    )
    .await
    .unwrap();
    let s = ledger::sums(&app.db, wallet).await.unwrap();
    assert_eq!((s.posted(), s.available()), (Money::ZERO, Money::ZERO));
    assert_check_passes(&app).await;
}

/// A small deterministic generator, one per task.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// What the model knows of one account: posted and pending, debits and credits.
#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
struct Model {
    debits_posted: i64,
    credits_posted: i64,
    debits_pending: i64,
    credits_pending: i64,
}

/// 10,000 operations from 64 tasks on four shoppers' wallets and points: top-ups,
/// order payments, withdrawals reserved then paid, returned or left to expire,
/// certificate activations, points granted, spent and expired, a share of them
/// repeated under the same key. The final sums equal a model built from what each
/// operation answered (a transfer counted once however many retries answered it),
/// nothing went below zero, and the ledger check passes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_operations_agree_with_a_model() {
    let app = Arc::new(TestApp::spawn_with(0).await);
    let mut wallets = Vec::new();
    let mut points = Vec::new();
    for owner in 1..=4 {
        wallets.push(account(&app, AccountKind::Wallet, owner).await);
        points.push(account(&app, AccountKind::Points, owner).await);
    }
    let card = account(&app, AccountKind::CardAcquiring, 0).await;
    let orders = account(&app, AccountKind::OrderClearing, 0).await;
    let payouts = account(&app, AccountKind::Payouts, 0).await;
    let certificates = account(&app, AccountKind::Certificates, 0).await;
    let sales = account(&app, AccountKind::CertificateSales, 0).await;
    let issued = account(&app, AccountKind::PointsIssued, 0).await;
    // Certificates worth 50,000 ₽ are outstanding before activations start.
    let batch = post(
        &app,
        TransferKind::CertificateIssue,
        "batch:1",
        (sales, certificates),
        50_000,
        "batch:1",
    )
    .await
    .unwrap();

    const TASKS: u64 = 64;
    const OPS: u64 = 10_000 / TASKS + 1;
    let mut handles = Vec::new();
    for task in 0..TASKS {
        let app = app.clone();
        let (wallets, points) = (wallets.clone(), points.clone());
        handles.push(tokio::spawn(async move {
            let mut rng = Lcg(task * 7919 + 17);
            let mut seen = Vec::new();
            let mut refused = 0usize;
            for op in 0..OPS {
                let who = rng.next(4) as usize;
                let (wallet, pts) = (wallets[who], points[who]);
                // A fifth of top-ups reuse one of 300 shared keys, whose amount the
                // key fixes, so retries race each other across tasks.
                let shared = rng.next(5) == 0;
                let unique = format!("t{task}:{op}");
                let amount = 1 + rng.next(300) as i64;
                use TransferKind::*;
                let (kind, k, debit, credit, amount, reference) = match rng.next(8) {
                    0 | 1 if shared => {
                        let n = rng.next(300);
                        let credit = wallets[(n % 4) as usize];
                        (
                            TopUp,
                            format!("shared:{n}"),
                            card,
                            credit,
                            50 + n as i64,
                            "payment",
                        )
                    }
                    0 | 1 => (TopUp, unique.clone(), card, wallet, amount, "payment"),
                    2 => (
                        OrderPayment,
                        unique.clone(),
                        wallet,
                        orders,
                        amount,
                        "order",
                    ),
                    3 => (
                        Withdrawal,
                        unique.clone(),
                        wallet,
                        payouts,
                        amount,
                        "withdrawal",
                    ),
                    4 => (
                        CertificateActivation,
                        unique.clone(),
                        certificates,
                        wallet,
                        amount,
                        "certificate",
                    ),
                    5 => (PointsGrant, unique.clone(), issued, pts, amount, "order"),
                    6 => (
                        PointsSpend,
                        unique.clone(),
                        pts,
                        orders,
                        amount / 3 + 1,
                        "order",
                    ),
                    _ => (
                        PointsExpiry,
                        unique.clone(),
                        pts,
                        issued,
                        amount / 5 + 1,
                        "points",
                    ),
                };
                let k = key(&k);
                let spec = Spec {
                    kind,
                    key: &k,
                    debit,
                    credit,
                    amount: rub(amount),
                    reference,
                };
                let r = if kind != Withdrawal {
                    ledger::transfer(&app.db, START_MS, &spec)
                        .await
                        .map(|t| vec![t])
                } else {
                    // Reserved, then paid, returned or left for the expiry job.
                    let expires = START_MS + 1_000 + rng.next(1_000) as i64;
                    let how = match rng.next(3) {
                        0 => Some(Resolve::Post(None)),
                        1 => Some(Resolve::Void),
                        _ => None,
                    };
                    match (
                        ledger::reserve(&app.db, START_MS, &spec, expires).await,
                        how,
                    ) {
                        (Ok(p), Some(how)) => {
                            let rk = key(&format!("{unique}:done"));
                            ledger::resolve(&app.db, START_MS, p.id, how, &rk)
                                .await
                                .map(|r| vec![p, r])
                        }
                        (r, _) => r.map(|p| vec![p]),
                    }
                };
                match r {
                    Ok(ts) => seen.extend(ts),
                    Err(LedgerError::Refused(LedgerRefusal::Insufficient { .. })) => refused += 1,
                    Err(e) => panic!("task {task} op {op}: {e}"),
                }
            }
            (seen, refused)
        }));
    }
    let mut all = HashMap::new();
    let mut refused = 0;
    all.insert(batch.id, batch);
    for h in handles {
        let (seen, r) = h.await.unwrap();
        refused += r;
        for t in seen {
            // Every answer for a key is the same transfer.
            if let Some(first) = all.insert(t.id, t.clone()) {
                assert_eq!(first, t);
            }
        }
    }
    // The job releases what was left pending, once the clock passes the deadlines.
    let resolved: HashMap<i64, Phase> = all
        .values()
        .filter_map(|r| r.pending_id.map(|p| (p, r.phase)))
        .collect();
    let released = ledger::expire_due(&app.db, START_MS + 10_000)
        .await
        .unwrap();
    let left_pending = all
        .values()
        .filter(|t| t.phase == Phase::Pending && !resolved.contains_key(&t.id))
        .count();
    assert_eq!(released, left_pending);

    // A pending transfer counts as pending; whatever resolved it (a post, a void,
    // the expiry) takes the whole pending amount back out, and a post adds its own
    // amount as posted.
    let mut model: HashMap<i64, Model> = HashMap::new();
    for t in all.values() {
        let a = t.amount.kopecks();
        match t.phase {
            Phase::Posted | Phase::Post => {
                model.entry(t.debit).or_default().debits_posted += a;
                model.entry(t.credit).or_default().credits_posted += a;
            }
            Phase::Pending => {
                model.entry(t.debit).or_default().debits_pending += a;
                model.entry(t.credit).or_default().credits_pending += a;
                assert!(t.expires_at.is_some());
                // Everything pending was resolved by now: by a task or by the job.
                model.entry(t.debit).or_default().debits_pending -= a;
                model.entry(t.credit).or_default().credits_pending -= a;
            }
            Phase::Void => assert_eq!(resolved.get(&t.pending_id.unwrap()), Some(&Phase::Void)),
            Phase::Expire => unreachable!("the tasks never expire anything"),
        }
    }
    for (id, m) in &model {
        let s = ledger::sums(&app.db, *id).await.unwrap();
        let got = Model {
            debits_posted: s.debits_posted,
            credits_posted: s.credits_posted,
            debits_pending: s.debits_pending,
            credits_pending: s.credits_pending,
        };
        assert_eq!(got, *m, "account {id}");
        assert_eq!((s.debits_pending, s.credits_pending), (0, 0));
    }
    for w in wallets.iter().chain(&points) {
        assert!(
            ledger::sums(&app.db, *w)
                .await
                .unwrap()
                .available()
                .kopecks()
                >= 0
        );
    }
    assert!(refused > 0, "some operations met an empty balance");
    assert!(all.len() > 5_000, "{} transfers", all.len());
    assert_check_passes(&app).await;
}
