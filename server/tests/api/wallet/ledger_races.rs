//! The ledger under concurrency: two hundred withdrawals of one balance reserve it
//! once, and ten thousand operations from 64 tasks agree with a model of them.

use super::ledger::{account, assert_check_passes, key, post, rub};
use crate::helpers::{START_MS, TestApp};
use app::shared::money::Money;
use app::wallet::ledger::model::{AccountKind, LedgerRefusal, Phase, TransferKind};
use app::wallet::ledger::service::{self as ledger, LedgerError, Resolve, Spec};
use std::collections::HashMap;
use std::sync::Arc;

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
