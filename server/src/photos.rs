//! Photos shoppers uploaded, as re-encoded then (JPEGs without metadata):
//! `GET /returns/photo/{id}` (and `…/thumb`) to the shopper whose return it is
//! only, anyone else getting 404 as for a photo that does not exist; and
//! `GET /reviews/photo/{id}` (and `…/thumb`), public like the reviews; and
//! `GET /chat/image/{token}` (and `…/thumb`), a chat message's image, to the
//! dialog's two sides only, at a random token that cannot be guessed or listed.

use app::platform::state::AppState;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;

pub async fn return_photo(
    State(st): State<AppState>,
    Path(id): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    serve(st, &id, false, peer, headers).await
}

pub async fn return_thumb(
    State(st): State<AppState>,
    Path(id): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    serve(st, &id, true, peer, headers).await
}

async fn serve(
    st: AppState,
    id: &str,
    thumb: bool,
    peer: SocketAddr,
    headers: HeaderMap,
) -> Response {
    let Some(id) = id.parse::<i64>().ok().filter(|id| *id > 0) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let user = match crate::session::user_of(&st, &headers, peer).await {
        Ok(Some(user)) => user,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(()) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    // Never in a shared cache: it is one shopper's.
    let photo = app::orders::return_photo(&st.db, user, id, thumb).await;
    jpeg(photo, "private, max-age=86400")
}

pub async fn chat_image(
    State(st): State<AppState>,
    Path(token): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    chat(st, &token, false, peer, headers).await
}

pub async fn chat_thumb(
    State(st): State<AppState>,
    Path(token): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    chat(st, &token, true, peer, headers).await
}

async fn chat(
    st: AppState,
    token: &str,
    thumb: bool,
    peer: SocketAddr,
    headers: HeaderMap,
) -> Response {
    let user = match crate::session::user_of(&st, &headers, peer).await {
        Ok(Some(user)) => user,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(()) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let mut res = jpeg(
        app::chat::message_image(&st.db, user, token, thumb).await,
        "private, max-age=86400",
    );
    if res.status().is_success() {
        res.headers_mut().insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("inline; filename=\"photo.jpg\""),
        );
    }
    res
}

/// A stored photo as a JPEG response with `cache` as its caching rule, or why not.
fn jpeg(photo: app::shared::error::AppResult<Vec<u8>>, cache: &'static str) -> Response {
    match photo {
        Ok(bytes) => {
            let mut res = bytes.into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
            h.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
            res
        }
        Err(app::shared::error::AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

pub async fn review_photo(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    review(st, &id, false).await
}

pub async fn review_thumb(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    review(st, &id, true).await
}

async fn review(st: AppState, id: &str, thumb: bool) -> Response {
    let Some(id) = id.parse::<i64>().ok().filter(|id| *id > 0) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // A photo never changes under its id.
    let photo = app::catalog::review_photo(&st.db, id, thumb).await;
    jpeg(photo, "public, max-age=31536000, immutable")
}
