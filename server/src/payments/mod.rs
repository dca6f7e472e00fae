//! Card payments: the YooKassa adapter, its stand-in for development and tests, and
//! the notification endpoint.

pub mod bank_sandbox;
pub mod payout_sandbox;
pub mod standin;
pub mod yookassa;

use app::platform::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;

/// Where the provider POSTs its notifications (set in YooKassa's dashboard as
/// `{APP_PUBLIC_URL}/payments/yookassa/notification`).
pub const NOTIFICATION_PATH: &str = "/payments/yookassa/notification";

/// `POST /payments/yookassa/notification`: only the payment's id is read from the
/// body; what happened to it is asked of the provider's API. 200 tells the provider
/// it was handled; anything else makes it send the notification again later.
pub async fn notification(State(st): State<AppState>, body: axum::body::Bytes) -> StatusCode {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    let Some(id) = v["object"]["id"].as_str() else {
        return StatusCode::BAD_REQUEST;
    };
    if id.is_empty() || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return StatusCode::BAD_REQUEST;
    }
    let deps = st.deps();
    // An order's payment, or else perhaps a top-up's.
    let handled = match app::orders::service::on_payment_notification(&deps, id).await {
        Ok(true) => Ok(()),
        Ok(false) => app::wallet::topups::service::on_notification(&deps, id).await,
        Err(e) => Err(e),
    };
    match handled {
        Ok(()) => StatusCode::OK,
        Err(e) => {
            tracing::warn!(error = ?e, payment = id, "a payment notification could not be handled");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}
