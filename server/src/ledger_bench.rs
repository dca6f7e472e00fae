//! `server ledger bench`: the ledger's throughput and latency under concurrent
//! transfers, and the time of `server ledger check` over a million transfers. For
//! `make bench` only: it writes made-up transfers, so it refuses to run in prod or
//! on a ledger that already holds anything.

use app::platform::db::Db;
use app::shared::money::Money;
use app::wallet::ledger::model::{AccountKind, Amount, IdempotencyKey, TransferKind};
use app::wallet::ledger::service::{self as ledger, LedgerError, Spec};
use sqlx::Row;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

const SHOPPERS: i64 = 1000;

pub struct Options {
    /// Transfers written in bulk before the timed run (the check's size).
    pub history: u64,
    /// Operations in the timed run.
    pub operations: u64,
    pub tasks: u64,
}

pub async fn run(db: &Db, o: Options) -> Result<(), Box<dyn std::error::Error>> {
    let existing: i64 = sqlx::query("SELECT COUNT(*) AS n FROM ledger_transfers")
        .fetch_one(&db.pool)
        .await?
        .try_get("n")?;
    if existing > 0 {
        return Err("the ledger is not empty: run the bench on a fresh database".into());
    }
    let now = 1_795_305_600_000;
    let card = ledger::account(db, AccountKind::CardAcquiring, 0, now).await?;
    let orders = ledger::account(db, AccountKind::OrderClearing, 0, now).await?;
    let mut wallets = Vec::new();
    for owner in 1..=SHOPPERS {
        wallets.push(ledger::account(db, AccountKind::Wallet, owner, now).await?);
    }

    let started = Instant::now();
    bulk_history(db, o.history, now).await?;
    println!(
        "ledger: {} transfers of history written in bulk in {:.1} s",
        o.history,
        started.elapsed().as_secs_f64()
    );

    // The timed run: each task tops up or pays from a random wallet; payments may
    // be refused for want of money, which still costs a transaction.
    let next = Arc::new(AtomicU64::new(0));
    let wallets = Arc::new(wallets);
    let started = Instant::now();
    let mut handles = Vec::new();
    for task in 0..o.tasks {
        let (db, next, wallets) = (db.clone(), next.clone(), wallets.clone());
        let total = o.operations;
        handles.push(tokio::spawn(async move {
            let mut rng = task.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
            let mut latencies = Vec::new();
            let mut refused = 0u64;
            loop {
                let op = next.fetch_add(1, Ordering::Relaxed);
                if op >= total {
                    break;
                }
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                let wallet = wallets[(rng % SHOPPERS as u64) as usize];
                let amount = Amount::new(Money::from_kopecks(100 + (rng >> 20) as i64 % 100_000))?;
                let key = IdempotencyKey::parse(&format!("bench:{op}"))?;
                let (kind, debit, credit) = if op % 2 == 0 {
                    (TransferKind::TopUp, card, wallet)
                } else {
                    (TransferKind::OrderPayment, wallet, orders)
                };
                let spec = Spec {
                    kind,
                    key: &key,
                    debit,
                    credit,
                    amount,
                    reference: "bench",
                };
                let t = Instant::now();
                match ledger::transfer(&db, now, &spec).await {
                    Ok(_) => {}
                    Err(LedgerError::Refused(_)) => refused += 1,
                    Err(e) => return Err(Box::new(e) as Box<dyn std::error::Error + Send + Sync>),
                }
                latencies.push(t.elapsed().as_micros() as u64);
            }
            Ok::<_, Box<dyn std::error::Error + Send + Sync>>((latencies, refused))
        }));
    }
    let mut latencies = Vec::new();
    let mut refused = 0;
    for h in handles {
        let (l, r) = h.await?.map_err(|e| e.to_string())?;
        latencies.extend(l);
        refused += r;
    }
    let secs = started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "ledger: {} operations from {} tasks in {:.1} s: {:.0} transfers/s, p50 {:.1} ms, p99 {:.1} ms ({} refused for want of money)",
        latencies.len(),
        o.tasks,
        secs,
        latencies.len() as f64 / secs,
        pct(0.50) as f64 / 1000.0,
        pct(0.99) as f64 / 1000.0,
        refused
    );

    let started = Instant::now();
    let report = ledger::check(db).await?;
    println!(
        "ledger check over {} transfers: {:.2} s, {}",
        report.totals.transfers,
        started.elapsed().as_secs_f64(),
        if report.ok() { "ok" } else { "FAILED" }
    );
    if !report.ok() {
        println!("{report}");
        return Err("the ledger check failed".into());
    }
    Ok(())
}

/// Top-ups of the 1,000 wallets written by the database itself in batches, then
/// each account's sums set from them: only the bench writes sums this way.
async fn bulk_history(db: &Db, n: u64, now: i64) -> Result<(), sqlx::Error> {
    const BATCH: u64 = 100_000;
    let mut from = 1;
    while from <= n {
        let to = (from + BATCH - 1).min(n);
        sqlx::query(
            "WITH RECURSIVE g(x) AS (SELECT CAST($1 AS BIGINT) UNION ALL SELECT x + 1 FROM g WHERE x < $2) \
             INSERT INTO ledger_transfers (kind, idempotency_key, debit_account_id, credit_account_id, \
               amount, reference, phase, created_at) \
             SELECT 'top_up', 'history:' || x, c.id, w.id, 100 + x % 100000, 'bench', 'posted', $3 \
             FROM g JOIN ledger_accounts w ON w.kind = 'wallet' AND w.owner_id = 1 + x % $4 \
             JOIN ledger_accounts c ON c.kind = 'card_acquiring' AND c.owner_id = 0",
        )
        .bind(from as i64)
        .bind(to as i64)
        .bind(now)
        .bind(SHOPPERS)
        .execute(&db.pool)
        .await?;
        from = to + 1;
    }
    sqlx::query(
        "UPDATE ledger_accounts SET debits_posted = s.d, credits_posted = s.c \
         FROM (SELECT account, SUM(d) AS d, SUM(c) AS c FROM ( \
                 SELECT debit_account_id AS account, amount AS d, 0 AS c FROM ledger_transfers \
                 UNION ALL SELECT credit_account_id, 0, amount FROM ledger_transfers) m \
               GROUP BY account) s \
         WHERE s.account = ledger_accounts.id",
    )
    .execute(&db.pool)
    .await?;
    Ok(())
}
