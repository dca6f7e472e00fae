//! `server orders bench`: checkout's throughput and latency, and the order list at
//! 1,000 orders per shopper. It calls the use cases the server functions call
//! (`orders::service::place`, `orders::service::list`), not HTTP: the figures are
//! the placing transaction's and the list's own, on this database. For `make
//! bench` only: it writes made-up products, wallets and orders, so it refuses to
//! run in prod or on a database that holds orders.

use app::orders::model::OrderFilter;
use app::orders::service::{self as orders, PlaceRequest};
use app::platform::state::Deps;
use app::shared::money::Money;
use app::wallet::ledger::model::{AccountKind, Amount, IdempotencyKey, TransferKind};
use app::wallet::ledger::service::{self as ledger, Spec};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// Shoppers placing orders in the timed run.
const SHOPPERS: i64 = 1000;
/// Products they buy (each with stock enough for the whole run).
const PRODUCTS: i64 = 200;

pub struct Options {
    pub orders: u64,
    pub tasks: u64,
    /// Orders of the one shopper whose list is timed.
    pub list_orders: u64,
}

fn pct(sorted: &[u64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)] as f64 / 1000.0
}

pub async fn run(
    state: &app::platform::state::AppState,
    o: Options,
) -> Result<(), Box<dyn std::error::Error>> {
    let db = &state.db;
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders")
        .fetch_one(&db.pool)
        .await?;
    if existing > 0 {
        return Err("orders exist: run the bench on a fresh database".into());
    }
    crate::seed::seed_pickup_points(db, 42).await?;
    let point: i64 = sqlx::query_scalar("SELECT MIN(id) FROM pickup_points")
        .fetch_one(&db.pool)
        .await?;
    for sql in [
        "INSERT INTO categories (id, parent_id, slug, name_ru, name_en, position) \
         SELECT 1, NULL, 'bench', 'Bench', 'Bench', 0 WHERE NOT EXISTS (SELECT 1 FROM categories WHERE id = 1)",
        "INSERT INTO brands (id, name) SELECT 1, 'Bench' WHERE NOT EXISTS (SELECT 1 FROM brands WHERE id = 1)",
        "INSERT INTO sellers (id, name) SELECT 1, 'Bench' WHERE NOT EXISTS (SELECT 1 FROM sellers WHERE id = 1)",
        "INSERT INTO sellers (id, name) SELECT 2, 'Bench 2' WHERE NOT EXISTS (SELECT 1 FROM sellers WHERE id = 2)",
    ] {
        sqlx::query(sql).execute(&db.pool).await?;
    }
    let first: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM products")
        .fetch_one(&db.pool)
        .await?;
    for i in 0..PRODUCTS {
        sqlx::query(
            "INSERT INTO products (id, category_id, root_category_id, seller_id, brand_id, title, \
             description, price, stock, created_at, search_title, search_body) \
             VALUES ($1, 1, 1, $2, 1, $3, '', $4, 1000000000, 0, '', '')",
        )
        .bind(first + i)
        .bind(1 + i % 2)
        .bind(format!("Товар {i}"))
        .bind(10_000 + i * 100)
        .execute(&db.pool)
        .await?;
    }
    // Half the shoppers pay from a wallet with plenty in it, half on receipt.
    let now = state.deps().now;
    let clearing = ledger::account(db, AccountKind::OrderClearing, 0, now).await?;
    let acquiring = ledger::account(db, AccountKind::CardAcquiring, 0, now).await?;
    for user in (2..=SHOPPERS).step_by(2) {
        let wallet = ledger::account(db, AccountKind::Wallet, user, now).await?;
        let key = IdempotencyKey::parse(&format!("bench-fund:{user}"))?;
        let spec = Spec {
            kind: TransferKind::TopUp,
            key: &key,
            debit: acquiring,
            credit: wallet,
            amount: Amount::new(Money::from_roubles(10_000_000))?,
            reference: "bench",
        };
        ledger::transfer(db, now, &spec).await?;
        app::wallet::order_accounts(db, user, now).await?;
    }
    let _ = clearing;

    // The timed run: each task places orders of one to three lines for shoppers in
    // turn, each with a checkout key of its own.
    let next = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut handles = Vec::new();
    for _ in 0..o.tasks {
        let (state, next) = (state.clone(), next.clone());
        let total = o.orders;
        handles.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= total {
                    break;
                }
                let user = 1 + (n as i64 * 7919) % SHOPPERS;
                let lines = (0..1 + n % 3)
                    .map(|k| {
                        let p = first + ((n * 31 + k * 17) as i64 % PRODUCTS);
                        format!("{p}:1:{}", 10_000 + (p - first) * 100)
                    })
                    .collect::<Vec<_>>();
                let mut lines = lines;
                lines.sort();
                lines.dedup_by(|a, b| a.split(':').next() == b.split(':').next());
                let r = PlaceRequest {
                    key: &format!("bench-{n:08}"),
                    lines: &lines.join(","),
                    pickup_point: &point.to_string(),
                    courier: None,
                    recipient_name: "Иванова Мария",
                    recipient_phone: "+79161234567",
                    pay: if user % 2 == 0 {
                        "wallet"
                    } else {
                        "on_receipt"
                    },
                    points: "",
                    promo: "",
                    first_order: false,
                };
                let t = Instant::now();
                orders::place(&state.deps(), user, r)
                    .await
                    .map_err(|e| format!("placing: {e:?}"))?;
                latencies.push(t.elapsed().as_micros() as u64);
            }
            Ok::<_, String>(latencies)
        }));
    }
    let mut latencies = Vec::new();
    for h in handles {
        latencies.extend(h.await??);
    }
    let secs = started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    println!(
        "checkout: {} orders from {} concurrent shoppers in {:.1} s: {:.0} orders/s, p50 {:.1} ms, p99 {:.1} ms",
        latencies.len(),
        o.tasks,
        secs,
        latencies.len() as f64 / secs,
        pct(&latencies, 0.50),
        pct(&latencies, 0.99)
    );

    // One shopper with `list_orders` orders: their list's first page, every filter.
    let heavy = SHOPPERS + 1;
    let deps: Deps<'_> = state.deps();
    for n in 0..o.list_orders {
        let p = first + (n as i64 % PRODUCTS);
        let r = PlaceRequest {
            key: &format!("bench-list-{n:08}"),
            lines: &format!("{p}:1:{}", 10_000 + (p - first) * 100),
            pickup_point: &point.to_string(),
            courier: None,
            recipient_name: "Петров Пётр",
            recipient_phone: "+79161234568",
            pay: "on_receipt",
            points: "",
            promo: "",
            first_order: false,
        };
        orders::place(&deps, heavy, r)
            .await
            .map_err(|e| format!("placing: {e:?}"))?;
    }
    for filter in [
        OrderFilter::All,
        OrderFilter::Active,
        OrderFilter::Cancelled,
    ] {
        let mut times = Vec::new();
        for _ in 0..200 {
            let t = Instant::now();
            let (page, _) = orders::list(db, heavy, filter, None).await?;
            std::hint::black_box(page);
            times.push(t.elapsed().as_micros() as u64);
        }
        times.sort_unstable();
        println!(
            "order list ({}) of a shopper with {} orders, first page: p50 {:.2} ms, p99 {:.2} ms",
            filter.as_str(),
            o.list_orders,
            pct(&times, 0.50),
            pct(&times, 0.99)
        );
    }
    let report = ledger::check(db).await?;
    if !report.ok() {
        println!("{report}");
        return Err("the ledger check failed".into());
    }
    Ok(())
}
