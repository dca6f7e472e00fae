//! Cancelling before packing: a line or the whole order, stock put back, the money
//! back where it came from once, the delivery kept as it was on a partial cancel,
//! and nothing changed for a stranger, a guest or a packed posting.

use super::{balance, invalid, pickup_point, place, product, stock};
use crate::helpers::{AppError, Field, Problem, TestApp, error_of};
use app::wallet::ledger::service as ledger;

async fn cancel(app: &crate::helpers::Browser, order: i64, item: Option<i64>) -> reqwest::Response {
    let item = item.map(|i| i.to_string()).unwrap_or_default();
    app.post_form(
        "orders/cancel",
        &[("id", &order.to_string()), ("item", &item)],
    )
    .await
}

/// The id of the line of `order` that bought `product`.
async fn line_of(app: &TestApp, order: i64, product: i64) -> i64 {
    app.one_i64(
        "SELECT id FROM order_items WHERE order_id = $1 AND product_id = $2",
        &[order, product],
    )
    .await
}

#[tokio::test]
async fn a_cancelled_line_and_then_the_rest_give_the_wallet_back_everything_once() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161150011").await;
    let user = app.me().await["id"].as_i64().unwrap();
    app.fund_wallet(user, 3_000, &format!("fund:{user}")).await;
    let (a, b) = (
        product(&app, 1, 129_900, 5).await,
        product(&app, 2, 19_900, 3).await,
    );
    let point = pickup_point(&app).await;
    // 1 299 + 199 ₽: delivery free from 1 000 ₽.
    let r = place(
        &app,
        "checkout-c001",
        &format!("{a}:1:129900,{b}:1:19900"),
        point,
        "wallet",
    )
    .await;
    let o: serde_json::Value = r.json().await.unwrap();
    let order = o["id"].as_i64().unwrap();
    assert_eq!(
        (o["delivery"].as_i64(), o["paid"].as_i64()),
        (Some(0), Some(149_800))
    );
    assert_eq!(o["pickup_code"].as_str().unwrap().len(), 8);
    assert_eq!(balance(&app, user).await, 300_000 - 149_800);

    // Strangers and guests change nothing.
    let other = app.new_browser();
    other.sign_in("+79161150012").await;
    assert_eq!(cancel(&other, order, None).await.status(), 404);
    assert_eq!(
        error_of(cancel(&app.new_browser(), order, None).await).await,
        (401, AppError::Unauthorized)
    );

    // The 1 299 ₽ line goes: its money back, its stock back, its posting cancelled;
    // the 199 ₽ left is under the threshold, but delivery stays free.
    let line_a = line_of(&app, order, a).await;
    let r = cancel(&app, order, Some(line_a)).await;
    assert_eq!(r.status(), 200);
    let o: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        (o["refunded"].as_i64(), o["delivery"].as_i64()),
        (Some(129_900), Some(0))
    );
    let postings = o["postings"].as_array().unwrap();
    assert_eq!(postings[0]["status"], "cancelled");
    assert_eq!(postings[0]["timeline"].as_array().unwrap().len(), 2);
    assert_eq!(postings[1]["status"], "awaiting_packaging");
    assert_eq!(stock(&app, a).await, 5);
    assert_eq!(balance(&app, user).await, 300_000 - 19_900);
    // The same line again: already cancelled, nothing more given back.
    assert_eq!(
        error_of(cancel(&app, order, Some(line_a)).await).await,
        (400, invalid(Field::Request, Problem::Cancelled))
    );

    // The rest: everything is back, the order is cancelled.
    let o: serde_json::Value = cancel(&app, order, None).await.json().await.unwrap();
    assert_eq!(o["refunded"].as_i64(), Some(149_800));
    assert!(
        o["postings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["status"] == "cancelled")
    );
    assert_eq!(balance(&app, user).await, 300_000);
    assert_eq!(stock(&app, b).await, 3);
    assert_eq!(
        error_of(cancel(&app, order, None).await).await,
        (400, invalid(Field::Request, Problem::Cancelled))
    );
    // A receipt for each payment and refund, in the order they happened.
    let o = app.api_json(&format!("orders/get?id={order}")).await;
    let receipts: Vec<(bool, String, i64)> = o["receipts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["refund"].as_bool().unwrap(),
                r["method"].as_str().unwrap().to_string(),
                r["amount"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        receipts,
        [
            (false, "wallet".to_string(), 149_800),
            (true, "wallet".to_string(), 129_900),
            (true, "wallet".to_string(), 19_900),
        ]
    );
    // Told in the inbox, once each: placed, a line cancelled, the rest cancelled.
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM notices WHERE user_id = $1", &[user])
            .await,
        3
    );
    // Only cancelled orders: the list's filters and the deletion page agree.
    assert_eq!(
        app.api_json("orders?filter=cancelled").await["orders"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        app.api_json("orders?filter=active").await["orders"],
        serde_json::json!([])
    );
    let (_, e) = app.start_deletion().await;
    assert_eq!(
        e,
        AppError::Blocked {
            reasons: vec![app::shared::error::Blocker::WalletNotEmpty]
        }
    );
    let report = ledger::check(&app.db).await.unwrap();
    assert!(report.ok(), "{report}");
}

#[tokio::test]
async fn on_receipt_less_is_due_and_a_packed_posting_cannot_be_cancelled() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161150013").await;
    let (a, b) = (
        product(&app, 1, 50_000, 2).await,
        product(&app, 2, 19_900, 2).await,
    );
    let point = pickup_point(&app).await;
    // 500 + 199 ₽ + 99 ₽ delivery, all due on receipt.
    let r = place(
        &app,
        "checkout-c002",
        &format!("{a}:1:50000,{b}:1:19900"),
        point,
        "on_receipt",
    )
    .await;
    let o: serde_json::Value = r.json().await.unwrap();
    let order = o["id"].as_i64().unwrap();
    assert_eq!(o["due_on_receipt"].as_i64(), Some(79_800));

    // The seller's posting of b is packed already: it stays.
    let line_b = app
        .one_i64(
            "SELECT id FROM order_items WHERE order_id = $1 AND product_id = $2",
            &[order, b],
        )
        .await;
    sqlx::query("UPDATE postings SET status = 'awaiting_shipment' WHERE id = (SELECT posting_id FROM order_items WHERE id = $1)")
        .bind(line_b)
        .execute(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        error_of(cancel(&app, order, Some(line_b)).await).await,
        (400, invalid(Field::Request, Problem::Refused))
    );
    // Nor can the whole order go.
    assert_eq!(
        error_of(cancel(&app, order, None).await).await,
        (400, invalid(Field::Request, Problem::Refused))
    );
    // a can: 500 ₽ less is due, the delivery stays.
    let line_a = app
        .one_i64(
            "SELECT id FROM order_items WHERE order_id = $1 AND product_id = $2",
            &[order, a],
        )
        .await;
    let o: serde_json::Value = cancel(&app, order, Some(line_a))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (o["due_on_receipt"].as_i64(), o["refunded"].as_i64()),
        (Some(29_800), Some(0))
    );
    assert_eq!((stock(&app, a).await, stock(&app, b).await), (2, 1));
    // Malformed ids are refused by name.
    let r = app
        .post_form("orders/cancel", &[("id", "x"), ("item", "")])
        .await;
    assert_eq!(
        error_of(r).await,
        (400, invalid(Field::Id, Problem::Unknown))
    );
}
