//! `/dev/outbox`: what the development outbox "delivered", as a page and as JSON.
//! Routed only when the outbox is on, which configuration forbids in production.
//! `POST /dev/clock` moves a test server's clock forward (APP_ENV=test only).

use app::notify::outbox::{Outbox, OutboxEntry};
use app::platform::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Html;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Filter {
    /// Only messages to this recipient (E.164 phone or email).
    to: Option<String>,
}

async fn entries(state: &AppState, filter: &Filter) -> Result<Vec<OutboxEntry>, StatusCode> {
    Outbox::list(&state.db, filter.to.as_deref(), 100)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "outbox");
            StatusCode::INTERNAL_SERVER_ERROR
        })
}

pub async fn outbox_json(
    State(state): State<AppState>,
    Query(filter): Query<Filter>,
) -> Result<Json<Vec<OutboxEntry>>, StatusCode> {
    Ok(Json(entries(&state, &filter).await?))
}

/// Text for HTML: the five characters that could end it escaped.
pub(crate) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

pub async fn outbox_page(
    State(state): State<AppState>,
    Query(filter): Query<Filter>,
) -> Result<Html<String>, StatusCode> {
    let list = entries(&state, &filter).await?;
    let mut rows = String::new();
    for e in &list {
        rows.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><pre>{}</pre></td></tr>",
            e.id,
            escape(&e.channel),
            escape(&e.recipient),
            escape(&e.subject),
            escape(&e.body)
        ));
    }
    Ok(Html(format!(
        "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Outbox — Rynok (dev)</title></head>\
         <body><h1>Development outbox</h1><p>Messages the shop would have sent. Calls show the caller's \
         number: its last six digits are the code. JSON: <a href=\"/dev/outbox.json\">/dev/outbox.json</a>.</p>\
         <table><thead><tr><th>#</th><th>Channel</th><th>To</th><th>Subject</th><th>Body</th></tr></thead>\
         <tbody>{rows}</tbody></table></body></html>"
    )))
}

#[derive(Deserialize)]
pub struct Advance {
    ms: i64,
}

/// Moves the clock of an `APP_ENV=test` server forward, for browser tests.
pub async fn advance_clock(
    State(clock): State<app::platform::clock::OffsetClock>,
    axum::Form(a): axum::Form<Advance>,
) -> StatusCode {
    if !(0..=400 * 86_400_000).contains(&a.ms) {
        return StatusCode::BAD_REQUEST;
    }
    clock.advance_ms(a.ms);
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
pub struct Issue {
    /// Roubles.
    amount: i64,
    count: u32,
}

/// Issues gift certificates on an `APP_ENV=test` server, as `server
/// gift-certificates issue` does, and answers their codes as JSON, for browser tests.
pub async fn issue_certificates(
    State(st): State<app::platform::state::AppState>,
    axum::Form(i): axum::Form<Issue>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let amount = app::wallet::certificates::model::check_amount(
        app::shared::money::Money::from_roubles(i.amount),
    )
    .ok()
    .and_then(|m| app::wallet::ledger::model::Amount::new(m).ok());
    let (Some(amount), 1..=100) = (amount, i.count) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let now = st.clock.now_ms();
    match app::wallet::certificates::service::issue(&st.db, now, amount, i.count, "dev").await {
        Ok(codes) => {
            let codes: Vec<String> = codes.iter().map(|c| c.grouped()).collect();
            axum::Json(codes).into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "issuing test certificates failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Runs the background jobs once now on an `APP_ENV=test` server (they run every
/// minute anyway), so browser tests that move the clock need not wait.
pub async fn run_jobs(State(st): State<app::platform::state::AppState>) -> StatusCode {
    match crate::jobs::run_once(&st).await {
        Ok(_) => StatusCode::NO_CONTENT,
        Err(e) => {
            tracing::error!(error = ?e, "jobs failed");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

#[derive(Deserialize)]
pub struct Grant {
    phone: String,
    role: String,
    #[serde(default)]
    scope: i64,
}

/// Grants a staff role on an `APP_ENV=test` server, as `server staff grant` does,
/// for browser tests.
pub async fn grant_staff(
    State(st): State<app::platform::state::AppState>,
    axum::Form(g): axum::Form<Grant>,
) -> StatusCode {
    let (Ok(phone), Some(role)) = (
        app::shared::phone::Phone::parse(&g.phone),
        app::staff::Role::parse(&g.role),
    ) else {
        return StatusCode::BAD_REQUEST;
    };
    match app::staff::grant(&st.db, &phone, role, g.scope, st.clock.now_ms()).await {
        Ok(()) => StatusCode::NO_CONTENT,
        Err(e) => {
            tracing::error!(error = %e, "granting a test role failed");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

#[derive(Deserialize)]
pub struct PointsGrant {
    phone: String,
    /// Whole points.
    amount: i64,
}

/// Grants bonus points to an account on an `APP_ENV=test` server, as `server
/// points grant` does, for browser tests (valid a year).
pub async fn grant_points(
    State(st): State<app::platform::state::AppState>,
    axum::Form(g): axum::Form<PointsGrant>,
) -> StatusCode {
    use app::wallet::ledger::model::{Amount, IdempotencyKey};
    let Ok(phone) = app::shared::phone::Phone::parse(&g.phone) else {
        return StatusCode::BAD_REQUEST;
    };
    let Ok(amount) = Amount::new(app::shared::money::Money::from_roubles(g.amount)) else {
        return StatusCode::BAD_REQUEST;
    };
    let user = match st.db.pool.begin().await {
        Ok(mut tx) => app::account::profile::repo::user_by_phone(&mut tx, &phone).await,
        Err(e) => Err(e),
    };
    let Ok(Some(user)) = user else {
        return StatusCode::NOT_FOUND;
    };
    let now = st.clock.now_ms();
    let Ok(key) = IdempotencyKey::parse(&format!("dev:{}:{now}", user.id)) else {
        return StatusCode::BAD_REQUEST;
    };
    let until = now + app::wallet::points::model::VALID_MS;
    match app::wallet::points::service::grant(&st.db, now, user.id, amount, &key, "dev", until)
        .await
    {
        Ok(()) => StatusCode::NO_CONTENT,
        Err(e) => {
            tracing::error!(error = %e, "granting test points failed");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}
