//! Bonus points at checkout: at most 25 % of the goods and never the delivery,
//! spent in the placing transaction with the wallet paying the rest; a cancel gives
//! back points and money in the shares they paid, all of both when all goes.

use super::{balance, invalid, pickup_point, product};
use crate::helpers::{Browser, Field, Problem, START_MS, TestApp, error_of};
use app::shared::money::Money;
use app::wallet::ledger::model::{Amount, IdempotencyKey};

async fn points_of(app: &TestApp, user: i64) -> i64 {
    app::wallet::points::service::view(&app.db, app.deps().now, user)
        .await
        .unwrap()
        .balance
        .kopecks()
}

async fn place(b: &Browser, key: &str, lines: &str, point: i64, points: &str) -> reqwest::Response {
    super::place_with(b, key, lines, point, "wallet", &[("points", points)]).await
}

#[tokio::test]
async fn points_pay_a_quarter_at_most_and_come_back_with_the_money_in_their_shares() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161150071").await;
    let user = app.me().await["id"].as_i64().unwrap();
    app.fund_wallet(user, 3_000, &format!("fund:{user}")).await;
    let key = IdempotencyKey::parse("grant:points:1").unwrap();
    let amount = Amount::new(Money::from_roubles(500)).unwrap();
    app::wallet::points::service::grant(
        &app.db,
        START_MS,
        user,
        amount,
        &key,
        "test",
        START_MS + 30 * 86_400_000,
    )
    .await
    .unwrap();
    let (a, b) = (
        product(&app, 1, 40_000, 3).await,
        product(&app, 2, 80_000, 3).await,
    );
    let point = pickup_point(&app).await;
    let lines = format!("{a}:1:40000,{b}:1:80000");
    // Checkout offers what may be spent: 25 % of 1 200 ₽.
    app.post_form(
        "cart/add",
        &[("product_id", &a.to_string()), ("quantity", "1")],
    )
    .await;
    app.post_form(
        "cart/add",
        &[("product_id", &b.to_string()), ("quantity", "1")],
    )
    .await;
    assert_eq!(
        app.api_json("checkout?first_order=later").await["bonus"].as_i64(),
        Some(30_000)
    );

    // More than a quarter, or not whole points: refused, nothing spent.
    let r = place(&app, "checkout-b001", &lines, point, "30050").await;
    assert_eq!(
        error_of(r).await,
        (400, invalid(Field::Points, Problem::Malformed))
    );
    let r = place(&app, "checkout-b002", &lines, point, "40000").await;
    assert_eq!(
        error_of(r).await,
        (400, invalid(Field::Points, Problem::OutOfRange))
    );
    assert_eq!(points_of(&app, user).await, 50_000);

    // 300 points and 900 ₽ from the wallet.
    let o: serde_json::Value = place(&app, "checkout-b003", &lines, point, "30000")
        .await
        .json()
        .await
        .unwrap();
    let order = o["id"].as_i64().unwrap();
    assert_eq!(
        (
            o["paid_points"].as_i64(),
            o["paid"].as_i64(),
            o["total"].as_i64()
        ),
        (Some(30_000), Some(90_000), Some(120_000))
    );
    assert_eq!(points_of(&app, user).await, 20_000);
    assert_eq!(balance(&app, user).await, 300_000 - 90_000);
    // 200 points left: a second order of the same cannot spend 300.
    let r = place(
        &app,
        "checkout-b004",
        &format!("{a}:1:40000,{b}:1:80000"),
        point,
        "30000",
    )
    .await;
    assert_eq!(
        error_of(r).await,
        (400, invalid(Field::Points, Problem::MoreThanBalance))
    );

    // b (800 ₽ of 1 200) goes: two thirds of the points and the rest in money.
    let line_b = app
        .one_i64(
            "SELECT id FROM order_items WHERE order_id = $1 AND product_id = $2",
            &[order, b],
        )
        .await;
    let o: serde_json::Value = app
        .post_form(
            "orders/cancel",
            &[("id", &order.to_string()), ("item", &line_b.to_string())],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (o["refunded_points"].as_i64(), o["refunded"].as_i64()),
        (Some(20_000), Some(60_000))
    );
    assert_eq!(points_of(&app, user).await, 40_000);
    // The rest: everything is back.
    app.post_form("orders/cancel", &[("id", &order.to_string()), ("item", "")])
        .await;
    assert_eq!(points_of(&app, user).await, 50_000);
    assert_eq!(balance(&app, user).await, 300_000);
    let report = app::wallet::ledger::service::check(&app.db).await.unwrap();
    assert!(report.ok(), "{report}");
}
