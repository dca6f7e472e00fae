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
    let lang = Requester::from_headers(&headers, peer.ip(), &st.settings.trusted_proxies).lang;
    let deps = st.deps();
    let user = match crate::session::user_of(&st, &headers, peer).await {
        Ok(Some(user)) => user,
        Ok(None) => return Redirect::to("/signin?next=/account/wallet").into_response(),
        Err(()) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let Ok(filter) = Filter::parse(&q.kind, &q.from, &q.to) else {
        return (StatusCode::BAD_REQUEST, "bad filter").into_response();
    };
    match app::wallet::statement(deps.db, deps.now, user, filter).await {
        Ok(s) => {
            let body = app::wallet::statement_csv(lang, &s.operations);
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
