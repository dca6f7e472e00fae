//! `server` serves the shop; `server seed --products N --seed S` fills the catalogue.

use app::wallet::certificates::model::MAX_BATCH;
use server::{Application, config::Config, seed};
use tracing_subscriber::EnvFilter;

fn usage() -> ! {
    eprintln!(
        "usage: server [serve] | server seed [--products N] [--seed S] | server search tidy \
         | server ledger check | server ledger bench [--history N] [--operations N] [--tasks N] \
         | server gift-certificates issue --amount ROUBLES --count N \
         | server points grant --phone PHONE --amount POINTS [--days N] \
         | server staff grant --phone PHONE --role operator|seller_staff|support|admin [--scope ID] \
         | server orders bench [--orders N] [--tasks N] [--list-orders N]"
    );
    std::process::exit(2);
}

/// mimalloc instead of glibc's malloc: rendering a page makes many small, short-lived
/// allocations, and under load glibc spent about a third of the CPU in malloc and
/// free (see the README's "Speed" section).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("APP_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("configuration error: {e}");
            std::process::exit(2);
        }
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None | Some("serve") => serve(config).await,
        Some("seed") => {
            let mut products = 3000u32;
            let mut seed_value = 42u64;
            let mut it = args.iter().skip(1);
            while let Some(a) = it.next() {
                match (a.as_str(), it.next().map(|v| v.parse::<u64>())) {
                    ("--products", Some(Ok(n))) if n <= 10_000_000 => products = n as u32,
                    ("--seed", Some(Ok(s))) => seed_value = s,
                    _ => usage(),
                }
            }
            seed_only(config, products, seed_value).await
        }
        Some("search") if args.get(1).map(String::as_str) == Some("tidy") && args.len() == 2 => {
            tidy_search(config).await
        }
        Some("ledger") if args.get(1).map(String::as_str) == Some("check") && args.len() == 2 => {
            ledger_check(config).await
        }
        Some("ledger") if args.get(1).map(String::as_str) == Some("bench") => {
            let mut o = server::ledger_bench::Options {
                history: 1_000_000,
                operations: 20_000,
                tasks: 64,
            };
            let mut it = args.iter().skip(2);
            while let Some(a) = it.next() {
                match (a.as_str(), it.next().map(|v| v.parse::<u64>())) {
                    ("--history", Some(Ok(n))) if n <= 100_000_000 => o.history = n,
                    ("--operations", Some(Ok(n))) if n > 0 => o.operations = n,
                    ("--tasks", Some(Ok(n))) if (1..=1024).contains(&n) => o.tasks = n,
                    _ => usage(),
                }
            }
            ledger_bench(config, o).await
        }
        Some("gift-certificates") if args.get(1).map(String::as_str) == Some("issue") => {
            let (mut amount, mut count) = (None, 1u32);
            let mut it = args.iter().skip(2);
            while let Some(a) = it.next() {
                match (a.as_str(), it.next().map(|v| v.parse::<i64>())) {
                    ("--amount", Some(Ok(n))) => amount = Some(n),
                    ("--count", Some(Ok(n))) if n > 0 && n <= i64::from(MAX_BATCH) => {
                        count = n as u32
                    }
                    _ => usage(),
                }
            }
            match amount {
                Some(roubles) => issue_certificates(config, roubles, count).await,
                None => usage(),
            }
        }
        Some("points") if args.get(1).map(String::as_str) == Some("grant") => {
            let (mut phone, mut amount, mut days) = (None, None, 365i64);
            let mut it = args.iter().skip(2);
            while let Some(a) = it.next() {
                match (a.as_str(), it.next()) {
                    ("--phone", Some(p)) => phone = Some(p.clone()),
                    ("--amount", Some(n)) => amount = n.parse::<i64>().ok(),
                    ("--days", Some(n)) => match n.parse::<i64>() {
                        Ok(d) if (1..=3650).contains(&d) => days = d,
                        _ => usage(),
                    },
                    _ => usage(),
                }
            }
            match (phone, amount) {
                (Some(p), Some(n)) => grant_points(config, &p, n, days).await,
                _ => usage(),
            }
        }
        Some("orders") if args.get(1).map(String::as_str) == Some("bench") => {
            let mut o = server::orders_bench::Options {
                orders: 5_000,
                tasks: 64,
                list_orders: 1_000,
            };
            let mut it = args.iter().skip(2);
            while let Some(a) = it.next() {
                match (a.as_str(), it.next().map(|v| v.parse::<u64>())) {
                    ("--orders", Some(Ok(n))) if n > 0 => o.orders = n,
                    ("--tasks", Some(Ok(n))) if (1..=1024).contains(&n) => o.tasks = n,
                    ("--list-orders", Some(Ok(n))) if n <= 100_000 => o.list_orders = n,
                    _ => usage(),
                }
            }
            orders_bench(config, o).await
        }
        Some("staff") if args.get(1).map(String::as_str) == Some("grant") => {
            let (mut phone, mut role, mut scope) = (None, None, 0i64);
            let mut it = args.iter().skip(2);
            while let Some(a) = it.next() {
                match (a.as_str(), it.next()) {
                    ("--phone", Some(p)) => phone = Some(p.clone()),
                    ("--role", Some(r)) => role = app::staff::Role::parse(r),
                    ("--scope", Some(n)) => match n.parse::<i64>() {
                        Ok(s) if s >= 0 => scope = s,
                        _ => usage(),
                    },
                    _ => usage(),
                }
            }
            match (phone, role) {
                (Some(p), Some(r)) => grant_staff(config, &p, r, scope).await,
                _ => usage(),
            }
        }
        Some(_) => usage(),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

async fn serve(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let app = Application::build(config).await?;
    tracing::info!("Rynok is serving on http://{}", app.address());
    app.run_until_stopped().await?;
    Ok(())
}

/// Puts the search table back in order (see `app::catalog::repo::tidy_search`).
async fn tidy_search(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let db = app::platform::db::Db::connect(&config.database_url).await?;
    db.migrate().await?;
    let started = std::time::Instant::now();
    app::catalog::repo::tidy_search(&db).await?;
    println!(
        "search table tidied in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Verifies the ledger (see `app::wallet::ledger::service::check`); exits 1 on any
/// difference.
async fn ledger_check(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let db = app::platform::db::Db::connect(&config.database_url).await?;
    let started = std::time::Instant::now();
    let report = app::wallet::ledger::service::check(&db).await?;
    println!("{report}");
    println!("checked in {:.1} s", started.elapsed().as_secs_f64());
    if !report.ok() {
        std::process::exit(1);
    }
    Ok(())
}

/// Issues gift certificates and prints their codes, one a line: the only time the
/// codes exist in the clear. Hand them over by a channel fit for money.
async fn issue_certificates(
    config: Config,
    roubles: i64,
    count: u32,
) -> Result<(), Box<dyn std::error::Error>> {
    use app::wallet::certificates::{model::check_amount, service::issue};
    let money = app::shared::money::Money::from_roubles(roubles);
    let amount = app::wallet::ledger::model::Amount::new(check_amount(money)?)?;
    let db = app::platform::db::Db::connect(&config.database_url).await?;
    db.migrate().await?;
    let now = app::platform::clock::Clock::now_ms(&app::platform::clock::SystemClock);
    let codes = issue(&db, now, amount, count, "cli").await?;
    for c in &codes {
        println!("{}", c.grouped());
    }
    eprintln!(
        "issued {} certificates of {money}, valid for activation until {}",
        codes.len(),
        app::shared::time::date_of(now + app::wallet::certificates::model::VALID_MS)
    );
    Ok(())
}

/// Grants bonus points to the account of a phone number, valid for `days`.
/// Made-up orders timed on a fresh database (see `server::orders_bench`).
async fn orders_bench(
    mut config: Config,
    o: server::orders_bench::Options,
) -> Result<(), Box<dyn std::error::Error>> {
    if config.env == "prod" {
        return Err("server orders bench writes made-up orders: never in prod".into());
    }
    config.port = 0;
    config.seed_products = 0;
    let app = server::Application::build(config).await?;
    server::orders_bench::run(&app.state, o).await
}

async fn grant_staff(
    config: Config,
    phone: &str,
    role: app::staff::Role,
    scope: i64,
) -> Result<(), Box<dyn std::error::Error>> {
    let phone = app::shared::phone::Phone::parse(phone).map_err(|e| format!("{e:?}"))?;
    let db = app::platform::db::Db::connect(&config.database_url).await?;
    db.migrate().await?;
    let now = app::platform::clock::Clock::now_ms(&app::platform::clock::SystemClock);
    app::staff::grant(&db, &phone, role, scope, now).await?;
    eprintln!(
        "{} is now {} (scope {scope}) once signed in",
        phone.display(),
        role.as_str()
    );
    Ok(())
}

async fn grant_points(
    config: Config,
    phone: &str,
    points: i64,
    days: i64,
) -> Result<(), Box<dyn std::error::Error>> {
    use app::wallet::points::model::MAX_GRANT;
    let phone = app::shared::phone::Phone::parse(phone).map_err(|e| format!("{e:?}"))?;
    let amount = app::shared::money::Money::from_roubles(points);
    if amount > MAX_GRANT {
        return Err(format!("at most {MAX_GRANT} points a grant").into());
    }
    let amount = app::wallet::ledger::model::Amount::new(amount)?;
    let db = app::platform::db::Db::connect(&config.database_url).await?;
    db.migrate().await?;
    let user = {
        let mut tx = db.pool.begin().await?;
        app::account::profile::repo::user_by_phone(&mut tx, &phone)
            .await?
            .ok_or("no account has this phone number")?
    };
    let now = app::platform::clock::Clock::now_ms(&app::platform::clock::SystemClock);
    let key = app::wallet::ledger::model::IdempotencyKey::parse(&format!("cli:{}:{now}", user.id))?;
    let until = now + days * 86_400_000;
    app::wallet::points::service::grant(&db, now, user.id, amount, &key, "staff", until).await?;
    eprintln!(
        "granted {points} points to {}, until {}",
        phone.as_str(),
        app::shared::time::date_of(until)
    );
    Ok(())
}

/// Made-up transfers timed on a fresh database (see `server::ledger_bench`).
async fn ledger_bench(
    config: Config,
    o: server::ledger_bench::Options,
) -> Result<(), Box<dyn std::error::Error>> {
    if config.env == "prod" {
        return Err("server ledger bench writes made-up transfers: never in prod".into());
    }
    let db = app::platform::db::Db::connect(&config.database_url).await?;
    db.migrate().await?;
    server::ledger_bench::run(&db, o).await
}

async fn seed_only(
    config: Config,
    products: u32,
    seed_value: u64,
) -> Result<(), Box<dyn std::error::Error>> {
    let db = app::platform::db::Db::connect(&config.database_url).await?;
    db.migrate().await?;
    let started = std::time::Instant::now();
    let n = seed::seed(&db, products, seed_value).await?;
    println!(
        "seeded {n} products in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
