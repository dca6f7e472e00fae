//! `server` serves the shop; `server seed --products N --seed S` fills the catalogue.

use server::{Application, config::Config, seed};
use tracing_subscriber::EnvFilter;

fn usage() -> ! {
    eprintln!("usage: server [serve] | server seed [--products N] [--seed S]");
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
