//! Orders paid by card against the YooKassa stand-in: the order stands awaiting
//! payment with its stock taken; paid (after 3-D Secure), it goes to packaging and
//! the ledger records the payment once however often the provider calls; declined
//! or unpaid in time, it is cancelled and its stock released; money arriving after
//! that, or for a cancelled order, goes back to the card through the provider.

use super::{pickup_point, place, product, stock};
use crate::helpers::{Browser, TestApp};
use app::orders::service::{PAYMENT_HOLD_MS, reconcile_payments};
use server::payments::standin::{NO_FUNDS, PAID, THREE_DS, THREE_DS_CODE};

/// Pays on the stand-in's page with `card` (and the 3-D Secure code when asked):
/// where the provider sends the browser back.
pub(super) async fn pay(b: &Browser, page: &str, card: &str) -> String {
    let r = b
        .client
        .post(page)
        .form(&[("card", card), ("expiry", "12/30"), ("cvc", "123")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let mut next = r.headers()["location"].to_str().unwrap().to_string();
    if next.contains("/dev/yookassa/3ds/") {
        let r = b
            .client
            .post(&next)
            .form(&[("code", THREE_DS_CODE)])
            .send()
            .await
            .unwrap();
        next = r.headers()["location"].to_str().unwrap().to_string();
    }
    next
}

async fn notify(app: &TestApp, payment: &str) -> u16 {
    let body = serde_json::json!({
        "type": "notification", "event": "payment.succeeded",
        "object": { "id": payment, "status": "succeeded", "paid": true,
                    "amount": { "value": "1.00", "currency": "RUB" } }
    });
    reqwest::Client::new()
        .post(app.url("/payments/yookassa/notification"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

pub(super) async fn refunds(app: &TestApp, order: i64) -> (i64, i64) {
    (
        app.one_i64(
            "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM card_refunds WHERE order_id = $1 AND status = 'succeeded'",
            &[order],
        )
        .await,
        app.one_i64(
            "SELECT COUNT(*) FROM card_refunds WHERE order_id = $1 AND status = 'pending'",
            &[order],
        )
        .await,
    )
}

async fn check(app: &TestApp) {
    let report = app::wallet::ledger::service::check(&app.db).await.unwrap();
    assert!(report.ok(), "{report}");
}

fn statuses(o: &serde_json::Value) -> Vec<String> {
    o["postings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["status"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_card_order_is_paid_once_after_3_d_secure_and_a_cancel_refunds_the_card() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161150061").await;
    let a = product(&app, 1, 50_000, 3).await;
    let point = pickup_point(&app).await;
    let o: serde_json::Value = place(
        &app,
        "checkout-k101",
        &format!("{a}:2:50000"),
        point,
        "card",
    )
    .await
    .json()
    .await
    .unwrap();
    let order = o["id"].as_i64().unwrap();
    let page = o["payment_url"].as_str().unwrap().to_string();
    assert!(page.contains("/dev/yookassa/pay/"), "{page}");
    assert_eq!(statuses(&o), ["awaiting_payment"]);
    assert_eq!(
        stock(&app, a).await,
        1,
        "the stock is held while the payment is awaited"
    );

    let back = pay(&app, &page, THREE_DS).await;
    assert!(back.ends_with(&format!("/orders/{order}")), "{back}");
    let o = app.api_json(&format!("orders/get?id={order}")).await;
    assert_eq!(statuses(&o), ["awaiting_packaging"]);
    assert_eq!(
        (o["paid"].as_i64(), o["payment_url"].as_str()),
        (Some(100_000), None)
    );
    // The provider calls again and again: one payment in the ledger.
    let payment = page.rsplit('/').next().unwrap().to_string();
    for _ in 0..3 {
        assert_eq!(notify(&app, &payment).await, 200);
    }
    assert_eq!(
        app.one_i64(
            "SELECT COUNT(*) FROM ledger_transfers WHERE reference = 'order:' || CAST($1 AS TEXT)",
            &[order]
        )
        .await,
        1
    );

    // Cancelled before packing: the whole sum goes back to the card, once.
    let r = app
        .post_form("orders/cancel", &[("id", &order.to_string()), ("item", "")])
        .await;
    assert_eq!(r.status(), 200);
    let o: serde_json::Value = r.json().await.unwrap();
    assert_eq!(o["refunded"].as_i64(), Some(100_000));
    assert_eq!(refunds(&app, order).await, (100_000, 0));
    assert_eq!(stock(&app, a).await, 3);
    check(&app).await;
}

/// A shopper signed in with `phone` and a card order of one piece of a 500 ₽
/// product (3 in stock) placed to a new point: (the app, the product, the order,
/// the provider's page to pay on).
async fn card_order(phone: &str, key: &str) -> (TestApp, i64, i64, String) {
    let app = TestApp::spawn_with(0).await;
    app.sign_in(phone).await;
    let a = product(&app, 1, 50_000, 3).await;
    let point = pickup_point(&app).await;
    let o: serde_json::Value = place(&app, key, &format!("{a}:1:50000"), point, "card")
        .await
        .json()
        .await
        .unwrap();
    let order = o["id"].as_i64().unwrap();
    let page = o["payment_url"].as_str().unwrap().to_string();
    (app, a, order, page)
}

#[tokio::test]
async fn a_declined_card_cancels_the_order_and_releases_its_stock() {
    let (app, a, order, page) = card_order("+79161150062", "checkout-k102").await;
    pay(&app, &page, NO_FUNDS).await;
    let o = app.api_json(&format!("orders/get?id={order}")).await;
    assert_eq!(statuses(&o), ["cancelled"]);
    assert_eq!(
        (o["paid"].as_i64(), o["refunded"].as_i64()),
        (Some(0), Some(0))
    );
    assert_eq!(stock(&app, a).await, 3);
    check(&app).await;
}

#[tokio::test]
async fn an_unpaid_order_is_cancelled_in_time_and_money_that_comes_later_goes_back() {
    let (app, a, order, page) = card_order("+79161150063", "checkout-k103").await;

    // Not yet: the payment is awaited for 30 minutes.
    assert_eq!(reconcile_payments(&app.deps()).await.unwrap(), 0);
    app.clock.advance_ms(PAYMENT_HOLD_MS);
    assert_eq!(reconcile_payments(&app.deps()).await.unwrap(), 1);
    let o = app.api_json(&format!("orders/get?id={order}")).await;
    assert_eq!(statuses(&o), ["cancelled"]);
    assert_eq!(stock(&app, a).await, 3);

    // The shopper pays on the page left open: the money goes straight back.
    pay(&app, &page, PAID).await;
    let o = app.api_json(&format!("orders/get?id={order}")).await;
    assert_eq!(statuses(&o), ["cancelled"]);
    assert_eq!(
        (o["paid"].as_i64(), o["refunded"].as_i64()),
        (Some(59_900), Some(59_900))
    );
    assert_eq!(refunds(&app, order).await, (59_900, 0));
    assert_eq!(stock(&app, a).await, 3);
    check(&app).await;
}
