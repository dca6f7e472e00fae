//! A stand-in for YooKassa in development and tests (never in production): the same
//! API subset (`POST /dev/yookassa/v3/payments` with Basic auth and an
//! Idempotence-Key, `GET /dev/yookassa/v3/payments/{id}`, `POST /dev/yookassa/v3/refunds`
//! in `refunds`), a hosted payment page with
//! a card form, a 3-D Secure code page, and notifications POSTed to the shop's
//! notification URL, as YooKassa sends them. Payments live in this process's memory.
//!
//! Test cards (any future expiry, any three-digit CVC):
//! - 5555 5555 5555 4477: paid at once;
//! - 5555 5555 5555 4444: asks for a 3-D Secure code: 123456 pays, anything else fails;
//! - 5555 5555 5555 5599: declined, insufficient funds;
//! - 5555 5555 5555 4642: paid at once, but the notification is lost (the shop's
//!   job finds the payment by asking the API);
//! - any other valid number: declined by the bank.

use crate::payments::yookassa::{
    ApiAmount, ApiCancellation, ApiConfirmation, ApiPayment, api_value,
};
use app::platform::clock::SharedClock;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub const PAID: &str = "5555555555554477";
pub const THREE_DS: &str = "5555555555554444";
pub const NO_FUNDS: &str = "5555555555555599";
pub const LOST_NOTIFICATION: &str = "5555555555554642";
pub const THREE_DS_CODE: &str = "123456";

pub struct StandIn {
    pub shop_id: String,
    pub secret_key: String,
    /// Where notifications go: the shop's `/payments/yookassa/notification`.
    pub notify_url: String,
    /// Where the hosted pages are: `{shop}/dev/yookassa`.
    pub base_url: String,
    pub stylesheet: String,
    pub clock: SharedClock,
    http: reqwest::Client,
    state: Mutex<Book>,
}

mod pages;
mod refunds;
pub use pages::{pay, pay_page, three_ds, three_ds_page};
pub use refunds::refund;

#[derive(Default)]
struct Book {
    payments: HashMap<String, Held>,
    /// (Idempotence-Key) -> payment id.
    keys: HashMap<String, String>,
    /// (Idempotence-Key) -> refund.
    refunds: HashMap<String, crate::payments::yookassa::ApiRefund>,
}

#[derive(Clone)]
struct Held {
    api: ApiPayment,
    return_url: String,
    /// Whether its notification is to be lost (the test card says so).
    lose_notification: bool,
}

impl StandIn {
    /// `own_url` is where this server answers on loopback (for notifications),
    /// `public_url` where browsers reach it (for the hosted pages: on the shop's own
    /// origin, so that the pages' form-action allows the way there and back).
    pub fn new(
        shop_id: &str,
        secret_key: &str,
        own_url: &str,
        public_url: &str,
        stylesheet: &str,
        clock: SharedClock,
    ) -> StandIn {
        StandIn {
            shop_id: shop_id.into(),
            secret_key: secret_key.into(),
            notify_url: format!("{own_url}{}", super::NOTIFICATION_PATH),
            base_url: format!("{public_url}/dev/yookassa"),
            stylesheet: stylesheet.into(),
            clock,
            http: reqwest::Client::new(),
            state: Mutex::new(Book::default()),
        }
    }

    fn authorised(&self, headers: &HeaderMap) -> bool {
        use base64::Engine;
        let want = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", self.shop_id, self.secret_key));
        headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v == format!("Basic {want}"))
    }

    /// A POST to the API as YooKassa checks it: Basic auth, an Idempotence-Key and a
    /// readable body; (the key, the body) or the error answer.
    fn request<T: serde::de::DeserializeOwned>(
        &self,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(String, T), Box<Response>> {
        if !self.authorised(headers) {
            return Err(Box::new(api_error(
                StatusCode::UNAUTHORIZED,
                "invalid_credentials",
                "Basic auth",
            )));
        }
        let Some(key) = headers
            .get("idempotence-key")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
        else {
            return Err(Box::new(api_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "Idempotence-Key is required",
            )));
        };
        let body = serde_json::from_slice::<T>(body).map_err(|_| {
            api_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "unreadable body",
            )
        })?;
        Ok((key, body))
    }

    fn get(&self, id: &str) -> Option<Held> {
        self.state.lock().ok()?.payments.get(id).cloned()
    }

    /// Ends a pending payment as paid or cancelled, then tells the shop (unless the
    /// card says the notification is lost).
    async fn finish(&self, id: &str, reason: Option<&str>) -> Option<Held> {
        let held = {
            let mut book = self.state.lock().ok()?;
            let h = book.payments.get_mut(id)?;
            if h.api.status == "pending" {
                match reason {
                    None => {
                        h.api.status = "succeeded".into();
                        h.api.paid = true;
                    }
                    Some(r) => {
                        h.api.status = "canceled".into();
                        h.api.cancellation_details = Some(ApiCancellation {
                            party: if r == "3d_secure_failed" {
                                "issuer"
                            } else {
                                "payment_network"
                            }
                            .into(),
                            reason: r.into(),
                        });
                    }
                }
                h.api.confirmation = None;
            }
            h.clone()
        };
        if !held.lose_notification {
            let event = format!("payment.{}", held.api.status);
            let body =
                serde_json::json!({ "type": "notification", "event": event, "object": held.api });
            if let Err(e) = self.http.post(&self.notify_url).json(&body).send().await {
                tracing::warn!(error = %e, "stand-in notification failed");
            }
        }
        Some(held)
    }
}

#[derive(Deserialize)]
pub struct CreateBody {
    amount: ApiAmount,
    #[serde(default)]
    capture: bool,
    confirmation: ApiConfirmation,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    metadata: std::collections::BTreeMap<String, String>,
}

fn api_error(status: StatusCode, code: &str, description: &str) -> Response {
    (
        status,
        Json(serde_json::json!({ "type": "error", "code": code, "description": description })),
    )
        .into_response()
}

/// `POST /dev/yookassa/v3/payments`
pub async fn create(
    State(s): State<Arc<StandIn>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let (key, b) = match s.request::<CreateBody>(&headers, &body) {
        Ok(r) => r,
        Err(refused) => return *refused,
    };
    let amount = crate::payments::yookassa::parse_value(&b.amount.value);
    let (Some(amount), "RUB", true, "redirect", Some(return_url)) = (
        amount.filter(|m| m.kopecks() > 0),
        b.amount.currency.as_str(),
        b.capture,
        b.confirmation.kind.as_str(),
        b.confirmation.return_url.clone(),
    ) else {
        return api_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "amount, capture or confirmation",
        );
    };
    let Ok(mut book) = s.state.lock() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Some(id) = book.keys.get(&key).cloned()
        && let Some(h) = book.payments.get(&id)
    {
        return Json(h.api.clone()).into_response();
    }
    let hex = app::platform::security::random_token();
    let id = format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    );
    let api = ApiPayment {
        id: id.clone(),
        status: "pending".into(),
        paid: false,
        amount: ApiAmount {
            value: api_value(amount),
            currency: "RUB".into(),
        },
        confirmation: Some(ApiConfirmation {
            kind: "redirect".into(),
            confirmation_url: Some(format!("{}/pay/{id}", s.base_url)),
            return_url: Some(return_url.clone()),
        }),
        cancellation_details: None,
        description: b.description,
        metadata: b.metadata,
        created_at: app::shared::time::local_datetime(s.clock.now_ms()),
        test: true,
    };
    book.keys.insert(key, id.clone());
    book.payments.insert(
        id,
        Held {
            api: api.clone(),
            return_url,
            lose_notification: false,
        },
    );
    Json(api).into_response()
}

/// `GET /dev/yookassa/v3/payments/{id}`
pub async fn fetch(
    State(s): State<Arc<StandIn>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !s.authorised(&headers) {
        return api_error(
            StatusCode::UNAUTHORIZED,
            "invalid_credentials",
            "Basic auth",
        );
    }
    match s.get(&id) {
        Some(h) => Json(h.api).into_response(),
        None => api_error(StatusCode::NOT_FOUND, "not_found", "no such payment"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::shared::card::luhn;

    #[test]
    fn test_cards_pass_luhn_and_typos_do_not() {
        for c in [PAID, THREE_DS, NO_FUNDS, LOST_NOTIFICATION] {
            assert!(luhn(c), "{c}");
        }
        assert!(!luhn("5555555555554478"));
        assert!(!luhn("555"));
    }
}
