//! `GET /account/wallet/history.csv?kind&from&to`: the signed-in shopper's wallet
//! operations as a spreadsheet file (see `app::wallet::statement_csv`). A download
//! is a plain GET with the session cookie, so it works without JavaScript.

use app::platform::request::Requester;
use app::platform::state::AppState;
use app::wallet::statement::model::Filter;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::net::SocketAddr;

#[derive(Deserialize)]
pub struct HistoryQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

pub async fn history_csv(
    State(st): State<AppState>,
    Query(q): Query<HistoryQuery>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let req = Requester::from_headers(&headers, peer.ip(), &st.settings.trusted_proxies);
    let deps = st.deps();
    let name = app::account::session::service::cookie_name(&st.settings);
    let token = app::platform::request::cookie_in(&headers, name).unwrap_or_default();
    let me = match app::account::session::service::resolve(
        deps.db,
        deps.settings,
        &token,
        deps.now,
        &req.ip,
    )
    .await
    {
        Ok(Some(me)) => me,
        Ok(None) => return Redirect::to("/signin?next=/account/wallet").into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let Ok(filter) = Filter::parse(&q.kind, &q.from, &q.to) else {
        return (StatusCode::BAD_REQUEST, "bad filter").into_response();
    };
    match app::wallet::statement(deps.db, deps.now, me.user_id, filter).await {
        Ok(s) => {
            let body = app::wallet::statement_csv(req.lang, &s.operations);
            let mut res = body.into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            h.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"rynok-account.csv\""),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res
        }
        Err(e) => {
            tracing::error!(error = %e, "wallet history export failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
