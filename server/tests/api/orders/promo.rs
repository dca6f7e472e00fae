//! Promo codes at checkout: shown before placing, taken off once per account and
//! within the code's total, each refusal worded by its reason; a cancel gives back
//! what was paid after the discount, never more.

use super::{balance, invalid, pickup_point, product};
use crate::helpers::{Browser, Field, Problem, START_MS, TestApp, error_of};
use app::orders::model::Promo;

async fn promo(app: &TestApp, code: &str, change: impl FnOnce(&mut Promo)) {
    let mut p = Promo {
        id: 0,
        code: code.to_string(),
        percent: Some(10),
        fixed: None,
        min_goods: 0,
        valid_from: 0,
        valid_until: None,
        per_account: 1,
        total_limit: None,
        used: 0,
        category_id: None,
        seller_id: None,
    };
    change(&mut p);
    let mut conn = app.db.pool.acquire().await.unwrap();
    app::orders::repo::insert_promo(&mut conn, &p)
        .await
        .unwrap();
}

async fn place(b: &Browser, key: &str, lines: &str, point: i64, code: &str) -> reqwest::Response {
    super::place_with(b, key, lines, point, "wallet", &[("promo", code)]).await
}

#[tokio::test]
async fn a_promo_code_works_once_per_account_and_every_refusal_says_why() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161150081").await;
    let user = app.me().await["id"].as_i64().unwrap();
    app.fund_wallet(user, 5_000, &format!("fund:{user}")).await;
    let (a, b) = (
        product(&app, 1, 100_000, 9).await,
        product(&app, 2, 50_000, 9).await,
    );
    let point = pickup_point(&app).await;
    promo(&app, "TEN", |_| {}).await;
    promo(&app, "OLD", |p| p.valid_until = Some(START_MS)).await;
    promo(&app, "BIG", |p| p.min_goods = 1_000_000).await;
    promo(&app, "SELLER9", |p| p.seller_id = Some(9)).await;
    promo(&app, "ONCE", |p| p.total_limit = Some(1)).await;
    promo(&app, "FIXED", |p| {
        p.percent = None;
        p.fixed = Some(30_000);
        p.seller_id = Some(2);
    })
    .await;
    let lines = format!("{a}:1:100000,{b}:1:50000");

    // Checkout shows what a code takes off before anything is placed.
    for (p, q) in [(a, "1"), (b, "1")] {
        app.post_form(
            "cart/add",
            &[("product_id", &p.to_string()), ("quantity", q)],
        )
        .await;
    }
    let v = app.api_json("checkout?promo=ten&first_order=later").await;
    assert_eq!(
        (
            v["promo"].as_str(),
            v["discount"].as_i64(),
            v["total"].as_i64()
        ),
        (Some("TEN"), Some(15_000), Some(135_000))
    );
    let v = app.api_json("checkout?promo=NOPE&first_order=later").await;
    assert_eq!(v["promo_error"]["Invalid"]["message"], "unknown");
    assert_eq!(v["total"].as_i64(), Some(150_000));

    // Each refusal by its reason, nothing placed or counted.
    for (code, why) in [
        ("NOPE", Problem::Unknown),
        ("OLD", Problem::Expired),
        ("BIG", Problem::BelowMinimum),
        ("SELLER9", Problem::Rejected),
        ("<b>", Problem::Malformed),
    ] {
        let r = place(
            &app,
            &format!("checkout-p-{}", code.len()),
            &lines,
            point,
            code,
        )
        .await;
        assert_eq!(
            error_of(r).await,
            (400, invalid(Field::Promo, why)),
            "{code}"
        );
    }
    assert_eq!(balance(&app, user).await, 500_000);

    // 10 % off 1 500 ₽; the second time the same account is refused.
    let o: serde_json::Value = place(&app, "checkout-p100", &lines, point, "TEN")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            o["discount"].as_i64(),
            o["paid"].as_i64(),
            o["promo_code"].as_str()
        ),
        (Some(15_000), Some(135_000), Some("TEN"))
    );
    let r = place(&app, "checkout-p101", &lines, point, "TEN").await;
    assert_eq!(
        error_of(r).await,
        (400, invalid(Field::Promo, Problem::AlreadyUsed))
    );
    // A fixed 300 ₽ on seller 2's goods only; a code used up by someone else.
    let o: serde_json::Value = place(&app, "checkout-p102", &lines, point, "FIXED")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(o["discount"].as_i64(), Some(30_000));
    let other = app.new_browser();
    other.sign_in("+79161150082").await;
    let them = other.me().await["id"].as_i64().unwrap();
    app.fund_wallet(them, 5_000, &format!("fund:{them}")).await;
    assert_eq!(
        place(&other, "checkout-p200", &lines, point, "ONCE")
            .await
            .status(),
        200
    );
    let r = place(&app, "checkout-p103", &lines, point, "ONCE").await;
    assert_eq!(
        error_of(r).await,
        (400, invalid(Field::Promo, Problem::Refused))
    );

    // The first order cancelled line by line: back exactly what was paid.
    let order = app
        .one_i64("SELECT MIN(id) FROM orders WHERE user_id = $1", &[user])
        .await;
    let before = balance(&app, user).await;
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
    // 500 ₽ less its 10 %.
    assert_eq!(o["refunded"].as_i64(), Some(45_000));
    app.post_form("orders/cancel", &[("id", &order.to_string()), ("item", "")])
        .await;
    assert_eq!(balance(&app, user).await, before + 135_000);
    let report = app::wallet::ledger::service::check(&app.db).await.unwrap();
    assert!(report.ok(), "{report}");
}
