//! The first-order discount granted at sign-up (10 %, at most 500 ₽): checkout
//! shows it applied unless the shopper keeps it for another order, it is taken on
//! what a promo code left, once; a second order that expected it is refused; a
//! cancel gives back what was paid after it, and an order let go entirely gives
//! the discount (and its promo code's use) back.

use super::{add_to_cart, balance, invalid, pickup_point, place_with, product};
use crate::helpers::{Field, Problem, TestApp, error_of};

#[tokio::test]
async fn the_first_order_discount_is_shown_taken_once_and_given_back_with_a_whole_cancel() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161150091").await;
    let user = app.me().await["id"].as_i64().unwrap();
    app.fund_wallet(user, 20_000, &format!("fund:{user}")).await;
    let (a, b) = (
        product(&app, 1, 300_000, 9).await,
        product(&app, 2, 100_000, 9).await,
    );
    let point = pickup_point(&app).await;
    for p in [a, b] {
        add_to_cart(&app, p, 1).await;
    }

    // Shown applied: 10 % of 4 000 ₽; kept for later, nothing off.
    let v = app.api_json("checkout").await;
    assert_eq!(
        (
            v["first_order"]["percent"].as_i64(),
            v["first_order_off"].as_i64(),
            v["first_order_later"].as_bool(),
            v["total"].as_i64()
        ),
        (Some(10), Some(40_000), Some(false), Some(360_000))
    );
    // The points offered are a quarter of the goods after it.
    let v = app.api_json("checkout?first_order=later").await;
    assert_eq!(
        (
            v["first_order_off"].as_i64(),
            v["first_order_later"].as_bool(),
            v["total"].as_i64()
        ),
        (Some(0), Some(true), Some(400_000))
    );

    // A malformed flag is refused, nothing placed.
    let lines = format!("{a}:1:300000,{b}:1:100000");
    let r = place_with(
        &app,
        "checkout-f000",
        &lines,
        point,
        "wallet",
        &[("first_order", "yes")],
    )
    .await;
    assert_eq!(
        error_of(r).await,
        (400, invalid(Field::Discount, Problem::Malformed))
    );

    // Placed with it: 400 ₽ off, the wallet pays 3 600 ₽.
    let first = [("first_order", "1")];
    let r = place_with(&app, "checkout-f001", &lines, point, "wallet", &first).await;
    assert_eq!(r.status(), 200);
    let o: serde_json::Value = r.json().await.unwrap();
    let order = o["id"].as_i64().unwrap();
    assert_eq!(
        (
            o["discount"].as_i64(),
            o["first_order_discount"].as_i64(),
            o["paid"].as_i64()
        ),
        (Some(40_000), Some(40_000), Some(360_000))
    );
    assert_eq!(balance(&app, user).await, 2_000_000 - 360_000);
    // The same checkout again: the same order, nothing taken twice.
    let r = place_with(&app, "checkout-f001", &lines, point, "wallet", &first).await;
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap()["id"].as_i64(),
        Some(order)
    );
    // Gone from checkout and from "My data"; a second order expecting it is refused.
    for p in [a, b] {
        add_to_cart(&app, p, 1).await;
    }
    let v = app.api_json("checkout").await;
    assert!(v["first_order"].is_null(), "{v}");
    assert_eq!(v["first_order_off"].as_i64(), Some(0));
    let r = place_with(&app, "checkout-f002", &lines, point, "wallet", &first).await;
    assert_eq!(
        error_of(r).await,
        (400, invalid(Field::Discount, Problem::AlreadyUsed))
    );
    assert_eq!(balance(&app, user).await, 2_000_000 - 360_000);

    // One line cancelled: its price less its 10 % comes back, the discount stays used.
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
    assert_eq!(o["refunded"].as_i64(), Some(90_000));
    assert!(app.api_json("checkout").await["first_order"].is_null());
    // The rest: everything back, and the discount is the shopper's again.
    app.post_form("orders/cancel", &[("id", &order.to_string()), ("item", "")])
        .await;
    assert_eq!(balance(&app, user).await, 2_000_000);
    assert_eq!(
        app.api_json("checkout").await["first_order_off"].as_i64(),
        Some(40_000)
    );
    let r = place_with(&app, "checkout-f003", &lines, point, "wallet", &first).await;
    assert_eq!(r.status(), 200);
    let report = app::wallet::ledger::service::check(&app.db).await.unwrap();
    assert!(report.ok(), "{report}");
}

#[tokio::test]
async fn with_a_promo_code_the_first_order_discount_takes_its_share_of_what_is_left_up_to_its_cap()
{
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161150092").await;
    let user = app.me().await["id"].as_i64().unwrap();
    app.fund_wallet(user, 100_000, &format!("fund:{user}"))
        .await;
    let a = product(&app, 1, 3_000_000, 9).await;
    let point = pickup_point(&app).await;
    sqlx::query(
        "INSERT INTO promo_codes (code, percent, min_goods, valid_from, per_account) \
         VALUES ('HALF', 50, 0, 0, 1)",
    )
    .execute(&app.db.pool)
    .await
    .unwrap();
    add_to_cart(&app, a, 1).await;
    // 30 000 ₽, half off by the code, then 10 % of 15 000 ₽ capped at 500 ₽.
    let v = app.api_json("checkout?promo=HALF").await;
    assert_eq!(
        (
            v["discount"].as_i64(),
            v["first_order_off"].as_i64(),
            v["total"].as_i64()
        ),
        (Some(1_500_000), Some(50_000), Some(1_450_000))
    );
    let lines = format!("{a}:1:3000000");
    let r = place_with(
        &app,
        "checkout-f101",
        &lines,
        point,
        "wallet",
        &[("promo", "HALF"), ("first_order", "1")],
    )
    .await;
    let o: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        (
            o["discount"].as_i64(),
            o["first_order_discount"].as_i64(),
            o["paid"].as_i64()
        ),
        (Some(1_550_000), Some(50_000), Some(1_450_000))
    );
    // Let go entirely: the code can be used again as well.
    let order = o["id"].as_i64().unwrap();
    app.post_form("orders/cancel", &[("id", &order.to_string()), ("item", "")])
        .await;
    assert_eq!(balance(&app, user).await, 10_000_000);
    add_to_cart(&app, a, 1).await;
    let v = app.api_json("checkout?promo=HALF").await;
    assert!(v["promo_error"].is_null(), "{v}");
    assert_eq!(v["first_order_off"].as_i64(), Some(50_000));
    let report = app::wallet::ledger::service::check(&app.db).await.unwrap();
    assert!(report.ok(), "{report}");
}
