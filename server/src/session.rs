//! The signed-in account of a plain axum handler's request (a download, a photo):
//! the session cookie resolved as a server function's would be.

use app::platform::request::Requester;
use app::platform::state::AppState;
use axum::http::HeaderMap;
use std::net::SocketAddr;

/// The account signed in on this request, `None` for a guest; `Err` when the
/// session store could not be read.
pub async fn user_of(
    st: &AppState,
    headers: &HeaderMap,
    peer: SocketAddr,
) -> Result<Option<i64>, ()> {
    let req = Requester::from_headers(headers, peer.ip(), &st.settings.trusted_proxies);
    let deps = st.deps();
    let name = app::account::session::service::cookie_name(&st.settings);
    let token = app::platform::request::cookie_in(headers, name).unwrap_or_default();
    app::account::session::service::resolve(deps.db, deps.settings, &token, deps.now, &req.ip)
        .await
        .map(|s| s.map(|s| s.user_id))
        .map_err(|_| ())
}
