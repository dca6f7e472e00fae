//! The stand-in's hosted pages, as YooKassa's: the card form, the 3-D Secure code
//! page, and what a closed payment shows; paying finishes the payment and sends the
//! shop its notification.

use super::{Held, LOST_NOTIFICATION, NO_FUNDS, PAID, StandIn, THREE_DS, THREE_DS_CODE};
use app::shared::card::luhn;
use app::shared::money::Money;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::sync::Arc;

fn page(s: &StandIn, title: &str, body: String) -> Html<String> {
    let esc = crate::dev::escape;
    Html(format!(
        "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} — ЮKassa (тестовая)</title><link rel=\"stylesheet\" href=\"{}\"></head>\
         <body><main class=\"standin\"><p class=\"hint\">Тестовая платёжная страница: деньги не списываются.</p>\
         <h1>{}</h1>{body}</main></body></html>",
        esc(title),
        esc(&s.stylesheet),
        esc(title)
    ))
}

fn card_form(s: &StandIn, h: &Held, error: Option<&str>) -> Html<String> {
    let esc = crate::dev::escape;
    let amount = crate::payments::yookassa::parse_value(&h.api.amount.value).unwrap_or(Money::ZERO);
    let error = error
        .map(|e| format!("<p role=\"alert\" class=\"form-error\">{}</p>", esc(e)))
        .unwrap_or_default();
    page(
        s,
        "Оплата картой",
        format!(
            "<p>{} — <strong>{}</strong></p>\
             <form method=\"post\" class=\"signin-form\">\
             <label for=\"card\">Номер карты</label>\
             <input id=\"card\" name=\"card\" inputmode=\"numeric\" autocomplete=\"cc-number\" required maxlength=\"23\">\
             <label for=\"expiry\">Срок действия (ММ/ГГ)</label>\
             <input id=\"expiry\" name=\"expiry\" autocomplete=\"cc-exp\" required maxlength=\"5\">\
             <label for=\"cvc\">CVC</label>\
             <input id=\"cvc\" name=\"cvc\" inputmode=\"numeric\" autocomplete=\"cc-csc\" required maxlength=\"3\">\
             <button type=\"submit\" class=\"button\">Оплатить</button>{error}</form>",
            esc(h.api.description.as_deref().unwrap_or("")),
            esc(&amount.to_string())
        ),
    )
}

fn closed(s: &StandIn, h: &Held) -> Response {
    page(
        s,
        "Платёж завершён",
        format!(
            "<p><a href=\"{}\">Вернуться в магазин</a></p>",
            crate::dev::escape(&h.return_url)
        ),
    )
    .into_response()
}

/// `GET /dev/yookassa/pay/{id}`: the hosted payment page.
pub async fn pay_page(State(s): State<Arc<StandIn>>, Path(id): Path<String>) -> Response {
    match s.get(&id) {
        Some(h) if h.api.status == "pending" => card_form(&s, &h, None).into_response(),
        Some(h) => closed(&s, &h),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

#[derive(Deserialize)]
pub struct CardForm {
    card: String,
    expiry: String,
    cvc: String,
}

/// Whether "MM/YY" is a month not yet over at `now`.
fn expiry_ok(expiry: &str, now: i64) -> bool {
    let Some((m, y)) = expiry.trim().split_once('/') else {
        return false;
    };
    let (Ok(m), Ok(y)) = (m.trim().parse::<i64>(), y.trim().parse::<i64>()) else {
        return false;
    };
    let (year, month, ..) = app::shared::time::moscow_time(now);
    (1..=12).contains(&m) && (2000 + y, m) >= (year, month)
}

/// `POST /dev/yookassa/pay/{id}`: the card form.
pub async fn pay(
    State(s): State<Arc<StandIn>>,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<CardForm>,
) -> Response {
    let Some(h) = s.get(&id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if h.api.status != "pending" {
        return closed(&s, &h);
    }
    let card: String = f
        .card
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if !luhn(&card) {
        return card_form(&s, &h, Some("Проверьте номер карты")).into_response();
    }
    if !expiry_ok(&f.expiry, s.clock.now_ms()) {
        return card_form(&s, &h, Some("Проверьте срок действия карты")).into_response();
    }
    if f.cvc.len() != 3 || !f.cvc.bytes().all(|b| b.is_ascii_digit()) {
        return card_form(&s, &h, Some("CVC — три цифры на обороте карты")).into_response();
    }
    let reason = match card.as_str() {
        THREE_DS => return Redirect::to(&format!("{}/3ds/{id}", s.base_url)).into_response(),
        PAID => None,
        LOST_NOTIFICATION => {
            if let Ok(mut book) = s.state.lock()
                && let Some(h) = book.payments.get_mut(&id)
            {
                h.lose_notification = true;
            }
            None
        }
        NO_FUNDS => Some("insufficient_funds"),
        _ => Some("general_decline"),
    };
    match s.finish(&id, reason).await {
        Some(h) => Redirect::to(&h.return_url).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `GET /dev/yookassa/3ds/{id}`: the issuer's code page.
pub async fn three_ds_page(State(s): State<Arc<StandIn>>, Path(id): Path<String>) -> Response {
    match s.get(&id) {
        Some(h) if h.api.status == "pending" => page(
            &s,
            "Подтверждение 3-D Secure",
            "<p>Банк прислал код в SMS (тестовый код: 123456).</p>\
             <form method=\"post\" class=\"signin-form\">\
             <label for=\"code\">Код из SMS</label>\
             <input id=\"code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" required maxlength=\"6\">\
             <button type=\"submit\" class=\"button\">Подтвердить</button></form>"
                .to_string(),
        )
        .into_response(),
        Some(h) => closed(&s, &h),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    code: String,
}

/// `POST /dev/yookassa/3ds/{id}`: a right code pays, a wrong one fails the payment.
pub async fn three_ds(
    State(s): State<Arc<StandIn>>,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<CodeForm>,
) -> Response {
    let reason = (f.code.trim() != THREE_DS_CODE).then_some("3d_secure_failed");
    match s.finish(&id, reason).await {
        Some(h) => Redirect::to(&h.return_url).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
