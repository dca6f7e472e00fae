//! The Rynok server: start-up, the axum router and its middleware.

mod compress;
pub mod config;
mod dev;
mod images;
pub mod jobs;
pub mod ledger_bench;
pub mod microcache;
pub mod middleware;
pub mod notify;
mod oidc;
pub mod orders_bench;
pub mod payments;
mod photos;
mod precompress;
pub mod seed;
mod session;
pub mod tiles;
mod wallet;

use app::platform::clock::{SharedClock, SystemClock};
use app::platform::db::Db;
use app::platform::state::{AppState, Settings};
use app::{App, shell};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::routing::get;
use axum::serve::ListenerExt;
use config::Config;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("configuration: {0}")]
    Config(String),
    #[error("cannot listen: {0}")]
    Listen(#[from] std::io::Error),
}

/// A built server: bound to its port, database migrated, ready to run.
pub struct Application {
    listener: TcpListener,
    router: Router,
    address: SocketAddr,
    pub state: AppState,
}

impl Application {
    pub async fn build(config: Config) -> Result<Application, StartError> {
        if config.env == "test" {
            let clock = app::platform::clock::OffsetClock::default();
            return Self::build_inner(config, Arc::new(clock.clone()), Some(clock)).await;
        }
        Self::build_with_clock(config, Arc::new(SystemClock)).await
    }

    pub async fn build_with_clock(
        config: Config,
        clock: SharedClock,
    ) -> Result<Application, StartError> {
        Self::build_inner(config, clock, None).await
    }

    async fn build_inner(
        config: Config,
        clock: SharedClock,
        test_clock: Option<app::platform::clock::OffsetClock>,
    ) -> Result<Application, StartError> {
        if config.env == "prod" && config.outbox {
            return Err(StartError::Config(
                "the development outbox cannot run in production".into(),
            ));
        }
        let db = Db::connect(&config.database_url).await?;
        db.migrate().await?;
        if config.seed_products > 0 {
            let n = seed::seed(&db, config.seed_products, 42).await?;
            if n > 0 {
                tracing::info!(products = n, "seeded the demo catalogue");
            }
            let n = seed::seed_pickup_points(&db, 42).await?;
            if n > 0 {
                tracing::info!(points = n, "seeded the pickup points");
            }
            seed::seed_staff(&db, clock.now_ms())
                .await
                .map_err(|e| StartError::Config(format!("seeding staff: {e}")))?;
            seed::seed_promo_codes(&db).await?;
        }
        let listener = TcpListener::bind((config.host, config.port)).await?;
        let address = listener.local_addr()?;
        let public_url = config
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{address}"));
        let hashes = asset_hashes();
        let stylesheet = match hashes.iter().find(|(k, _)| k == "css") {
            Some((_, h)) => format!("/pkg/rynok.{h}.css"),
            None => "/pkg/rynok.css".to_string(),
        };
        let leptos_options = LeptosOptions::builder()
            .output_name("rynok")
            .hash_files(!hashes.is_empty())
            .site_root(config.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(address)
            .build();
        let secret = match &config.secret {
            Some(s) => s.as_bytes().to_vec(),
            None => app::platform::security::random_token().into_bytes(),
        };
        let notifier = notify::build(&config, &db, &clock).map_err(StartError::Config)?;
        // The provider, or in dev and test this server's own stand-in, reached over
        // loopback as the real one is over the internet.
        let own = format!("http://{address}");
        let yk = &config.yookassa;
        let stand_in = match &yk.api_url {
            Some(_) => None,
            None if config.env != "prod" => Some(Arc::new(payments::standin::StandIn::new(
                &yk.shop_id,
                &yk.secret_key,
                &own,
                &public_url,
                &stylesheet,
                clock.clone(),
            ))),
            None => {
                return Err(StartError::Config(
                    "the payment stand-in cannot run in production".into(),
                ));
            }
        };
        let api_url = yk
            .api_url
            .clone()
            .unwrap_or_else(|| format!("{own}/dev/yookassa/v3"));
        let gateway = payments::yookassa::YooKassa::new(&api_url, &yk.shop_id, &yk.secret_key)
            .map_err(StartError::Config)?;
        let state = AppState {
            leptos_options,
            db,
            settings: Arc::new(Settings {
                public_url,
                env: config.env.clone(),
                stylesheet,
                secret,
                session_idle_ms: config.session_idle_days * 86_400_000,
                session_absolute_ms: config.session_absolute_days * 86_400_000,
                trusted_proxies: config.trusted_proxies.clone(),
                code_countries: config.code_countries.clone(),
                code_hourly_budget: config.code_hourly_budget,
                oidc: config.oidc.clone(),
                form_targets: yk.confirmation_origin.iter().cloned().collect(),
            }),
            clock,
            notifier: Arc::new(notifier),
            limiter: Default::default(),
            payments: Arc::new(gateway),
            payouts: if config.env == "prod" {
                Arc::new(app::payments::NoPayouts)
            } else {
                Arc::new(payments::payout_sandbox::PayoutSandbox {
                    days: config.payout_sandbox_days,
                })
            },
            bank: if config.env == "prod" {
                Arc::new(app::payments::bank::NoBank)
            } else {
                Arc::new(payments::bank_sandbox::BankSandbox)
            },
        };
        if config.env == "prod" {
            // In the background: until it is done, assets are compressed per request.
            let pkg = std::path::Path::new(&config.site_root).join("pkg");
            tokio::task::spawn_blocking(move || precompress::run(&pkg));
        }
        let microcache = microcache::MicroCache::new(config.microcache_ms);
        let router = router(
            state.clone(),
            config.outbox,
            test_clock,
            microcache,
            stand_in,
        );
        jobs::spawn(state.clone());
        Ok(Application {
            listener,
            router,
            address,
            state,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Serves until SIGTERM or Ctrl-C, then finishes the requests under way.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let listener = self.listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        axum::serve(
            listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown_signal())
        .await
    }
}

/// The content hashes cargo-leptos wrote next to the server binary (`hash.txt`,
/// lines like `css: 0a1b2c`), or none when the build did not hash file names.
fn asset_hashes() -> Vec<(String, String)> {
    let Some(path) = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("hash.txt")))
    else {
        return Vec::new();
    };
    std::fs::read_to_string(path)
        .map(|text| {
            text.lines()
                .filter_map(|l| l.split_once(':'))
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .filter(|(_, v)| {
                    !v.is_empty()
                        && v.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                })
                .collect()
        })
        .unwrap_or_default()
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}

async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::error!(error = %e, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

/// Brotli and gzip level for what is not a page (server function answers): the
/// pages' own level (`compress::QUALITY`), chosen by measurement.
const COMPRESSION: tower_http::CompressionLevel =
    tower_http::CompressionLevel::Precise(compress::QUALITY);

fn router(
    state: AppState,
    outbox: bool,
    test_clock: Option<app::platform::clock::OffsetClock>,
    microcache: Arc<microcache::MicroCache>,
    stand_in: Option<Arc<payments::standin::StandIn>>,
) -> Router {
    let routes = generate_route_list(App);
    let context = app::provide_request_context;
    let options = state.leptos_options.clone();
    let mut router = Router::new();
    if outbox {
        router = router
            .route("/dev/outbox", get(dev::outbox_page))
            .route("/dev/outbox.json", get(dev::outbox_json));
    }
    if let Some(clock) = test_clock {
        router = router
            .route(
                "/dev/clock",
                axum::routing::post(dev::advance_clock).with_state(clock),
            )
            .route(
                "/dev/gift-certificates",
                axum::routing::post(dev::issue_certificates),
            )
            .route("/dev/jobs", axum::routing::post(dev::run_jobs))
            .route("/dev/staff", axum::routing::post(dev::grant_staff))
            .route("/dev/points", axum::routing::post(dev::grant_points));
    }
    if let Some(s) = stand_in {
        use payments::standin as si;
        let dev = Router::new()
            .route("/dev/yookassa/v3/payments", axum::routing::post(si::create))
            .route("/dev/yookassa/v3/payments/{id}", get(si::fetch))
            .route("/dev/yookassa/v3/refunds", axum::routing::post(si::refund))
            .route("/dev/yookassa/pay/{id}", get(si::pay_page).post(si::pay))
            .route(
                "/dev/yookassa/3ds/{id}",
                get(si::three_ds_page).post(si::three_ds),
            )
            .with_state(s);
        router = router.merge(dev);
    }
    router
        .route(
            payments::NOTIFICATION_PATH,
            axum::routing::post(payments::notification),
        )
        .route(
            "/auth/oidc/{provider}/callback",
            get(oidc::callback_get).post(oidc::callback_post),
        )
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route("/img/product/{id}/{file}", get(images::product_image))
        .route("/tiles/{z}/{x}/{file}", get(tiles::tile))
        .route("/account/wallet/history.csv", get(wallet::history_csv))
        .route("/returns/photo/{id}", get(photos::return_photo))
        .route("/chat/image/{token}", get(photos::chat_image))
        .route("/chat/image/{token}/thumb", get(photos::chat_thumb))
        .route("/returns/photo/{id}/thumb", get(photos::return_thumb))
        .route("/reviews/photo/{id}", get(photos::review_photo))
        .route("/reviews/photo/{id}/thumb", get(photos::review_thumb))
        .leptos_routes_with_context(&state, routes, context, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::check_origin,
        ))
        .layer(axum::middleware::from_fn(middleware::body_limit))
        .layer(axum::middleware::from_fn(middleware::asset_cache))
        .layer(axum::middleware::from_fn(middleware::not_modified))
        // Pages are compressed whole, inside the general layer, which then leaves them be.
        .layer(axum::middleware::from_fn(compress::html))
        .layer(CompressionLayer::new().quality(COMPRESSION))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::content_security_policy,
        ))
        // Outside the policy and the compression: a stored page keeps both.
        .layer(axum::middleware::from_fn_with_state(
            (state.clone(), microcache),
            microcache::serve,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
