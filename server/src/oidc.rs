//! The OpenID Connect callback: `GET /auth/oidc/{provider}/callback?code&state`, and
//! the POST a `form_post` provider (Apple) sends from its own site. That POST is
//! cross-site, so it carries no SameSite=Lax cookie and the Origin check lets it
//! through (its state proves it instead): it is turned into a GET of the same
//! callback, a top-level navigation on which the browser does send the cookie.

use app::account::oidc::api::OIDC_COOKIE;
use app::platform::request::Requester;
use app::platform::state::AppState;
use axum::Form;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::net::SocketAddr;

#[derive(Deserialize)]
pub struct Answer {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    app::platform::request::cookie_in(headers, name)
}

fn failed() -> Response {
    Redirect::to("/signin?oidc=failed").into_response()
}

pub async fn callback_post(Path(provider): Path<String>, Form(a): Form<Answer>) -> Response {
    let enc = app::catalog::filters::percent_encode;
    let (Some(code), Some(state)) = (a.code, a.state) else {
        return failed();
    };
    if provider.len() > 40
        || !provider
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return failed();
    }
    Redirect::to(&format!(
        "/auth/oidc/{provider}/callback?code={}&state={}",
        enc(&code),
        enc(&state)
    ))
    .into_response()
}

pub async fn callback_get(
    State(st): State<AppState>,
    Path(provider): Path<String>,
    Query(a): Query<Answer>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    if a.error.is_some() {
        return failed();
    }
    let (Some(code), Some(state)) = (a.code, a.state) else {
        return failed();
    };
    let req = Requester::from_headers(&headers, peer.ip(), &st.settings.trusted_proxies);
    let deps = st.deps();
    let browser = cookie(&headers, OIDC_COOKIE);
    match app::account::oidc::service::finish(
        &deps,
        &req,
        &provider,
        &code,
        &state,
        browser.as_deref(),
    )
    .await
    {
        Ok((session, next)) => {
            let secure = if st.settings.is_https() {
                "; Secure"
            } else {
                ""
            };
            let name = app::account::session::service::cookie_name(&st.settings);
            let max_age = st.settings.session_absolute_ms / 1000;
            let mut res = Redirect::to(&next).into_response();
            let cookies = [
                format!(
                    "{name}={session}; Path=/; Max-Age={max_age}; SameSite=Lax; HttpOnly{secure}"
                ),
                format!("{OIDC_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly{secure}"),
            ];
            for c in cookies {
                if let Ok(v) = HeaderValue::from_str(&c) {
                    res.headers_mut().append(header::SET_COOKIE, v);
                }
            }
            res
        }
        Err(e) => {
            tracing::info!(error = %e, %provider, "OpenID Connect sign-in refused");
            failed()
        }
    }
}
