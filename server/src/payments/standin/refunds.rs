//! The stand-in's refunds (`POST /dev/yookassa/v3/refunds`), as YooKassa makes
//! them: only of a succeeded payment, never more in all than was paid, the same
//! Idempotence-Key answering the same refund; they succeed at once.

use super::{StandIn, api_error};
use crate::payments::yookassa::{ApiAmount, ApiRefund, api_value, parse_value};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;

#[derive(Deserialize)]
pub struct RefundBody {
    payment_id: String,
    amount: ApiAmount,
    #[serde(default)]
    description: Option<String>,
}

/// `POST /dev/yookassa/v3/refunds`
pub async fn refund(
    State(s): State<Arc<StandIn>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let (key, b) = match s.request::<RefundBody>(&headers, &body) {
        Ok(r) => r,
        Err(refused) => return *refused,
    };
    let Some(amount) = parse_value(&b.amount.value).filter(|m| m.kopecks() > 0) else {
        return api_error(StatusCode::BAD_REQUEST, "invalid_request", "amount");
    };
    let Ok(mut book) = s.state.lock() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Some(r) = book.refunds.get(&key) {
        return Json(r.clone()).into_response();
    }
    let Some(paid) = book
        .payments
        .get(&b.payment_id)
        .filter(|h| h.api.status == "succeeded")
        .and_then(|h| parse_value(&h.api.amount.value))
    else {
        return api_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "payment not succeeded",
        );
    };
    let refunded: i64 = book
        .refunds
        .values()
        .filter(|r| r.payment_id == b.payment_id)
        .filter_map(|r| parse_value(&r.amount.value))
        .map(|m| m.kopecks())
        .sum();
    if refunded + amount.kopecks() > paid.kopecks() {
        return api_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "more than was paid",
        );
    }
    let hex = app::platform::security::random_token();
    let r = ApiRefund {
        id: format!("rf-{}", &hex[..24]),
        payment_id: b.payment_id,
        status: "succeeded".into(),
        amount: ApiAmount {
            value: api_value(amount),
            currency: "RUB".into(),
        },
        created_at: app::shared::time::local_datetime(s.clock.now_ms()),
        description: b.description,
    };
    book.refunds.insert(key, r.clone());
    Json(r).into_response()
}
