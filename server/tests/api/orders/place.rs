//! Orders through the server: stock taken in the placing transaction and never
//! oversold, one order and one charge per checkout however often it is sent, the
//! prices the shopper saw or nothing, postings per seller, and refusals that change
//! nothing.

use super::{balance, invalid, orders, pickup_point, place, product, stock};
use crate::helpers::{AppError, Field, Problem, TestApp, error_of};
use app::wallet::ledger::service as ledger;
use std::sync::Arc;

#[tokio::test]
async fn an_order_takes_stock_and_money_once_however_often_the_checkout_is_sent() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161150001").await;
    let user = app.me().await["id"].as_i64().unwrap();
    app.fund_wallet(user, 3_000, &format!("fund:{user}")).await;
    let (a, b) = (
        product(&app, 1, 129_900, 5).await,
        product(&app, 2, 19_900, 1).await,
    );
    let point = pickup_point(&app).await;
    let r = app
        .post_form(
            "cart/add",
            &[("product_id", &a.to_string()), ("quantity", "2")],
        )
        .await;
    assert_eq!(r.status(), 200);
    let lines = format!("{a}:2:129900,{b}:1:19900");

    // A double click, a retry after a timeout, a second tab: one order, one charge.
    let mut ids = Vec::new();
    for _ in 0..3 {
        let r = place(&app, "checkout-0001", &lines, point, "wallet").await;
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
        let o: serde_json::Value = r.json().await.unwrap();
        ids.push(o["id"].as_i64().unwrap());
        assert_eq!(o["total"], 279_700, "free delivery from 1 000 ₽: {o}");
        assert_eq!(
            (o["delivery"].as_i64(), o["paid"].as_i64()),
            (Some(0), Some(279_700))
        );
        // Two sellers, two postings, each waiting for packaging.
        let postings = o["postings"].as_array().unwrap();
        assert_eq!(postings.len(), 2);
        assert!(postings.iter().all(|p| p["status"] == "awaiting_packaging"));
        assert_eq!(
            postings[0]["number"],
            format!("{}-1", o["number"].as_str().unwrap())
        );
    }
    assert!(ids.windows(2).all(|w| w[0] == w[1]));
    assert_eq!((stock(&app, a).await, stock(&app, b).await), (3, 0));
    assert_eq!(balance(&app, user).await, 300_000 - 279_700);
    assert_eq!(orders(&app).await, 1);
    // The same key with other contents is refused.
    let (status, e) = error_of(
        place(
            &app,
            "checkout-0001",
            &format!("{a}:1:129900"),
            point,
            "wallet",
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, e),
        (400, invalid(Field::Request, Problem::AlreadyUsed))
    );
    // What was ordered left the cart.
    assert_eq!(app.cart().await["units"], 0);
    // The list and the order page show it; another shopper finds nothing.
    assert_eq!(
        app.api_json("orders").await["orders"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let other = app.new_browser();
    other.sign_in("+79161150002").await;
    let r = other.get(&format!("/api/orders/get?id={}", ids[0])).await;
    assert_eq!(r.status(), 404);
    assert_eq!(
        other.api_json("orders").await,
        serde_json::json!({ "orders": [], "next": null })
    );
    let report = ledger::check(&app.db).await.unwrap();
    assert!(report.ok(), "{report}");
}

#[tokio::test]
async fn every_refusal_says_why_and_changes_nothing() {
    let app = TestApp::spawn_with(0).await;
    let point = pickup_point(&app).await;
    let a = product(&app, 1, 50_000, 2).await;
    // A guest is asked to sign in.
    let (status, e) = error_of(
        place(
            &app,
            "checkout-0002",
            &format!("{a}:1:50000"),
            point,
            "on_receipt",
        )
        .await,
    )
    .await;
    assert_eq!((status, e), (401, AppError::Unauthorized));
    app.sign_in("+79161150003").await;
    let user = app.me().await["id"].as_i64().unwrap();
    app.fund_wallet(user, 100, &format!("fund:{user}")).await;
    let cases = [
        (
            format!("{a}:1:49900"),
            point,
            "on_receipt",
            invalid(Field::Product, Problem::PriceChanged),
        ),
        (
            format!("{a}:3:50000"),
            point,
            "on_receipt",
            AppError::InsufficientStock { available: 2 },
        ),
        (
            format!("{a}:1:50000"),
            point + 100,
            "on_receipt",
            invalid(Field::PickupPoint, Problem::Unknown),
        ),
        (
            format!("{a}:1:50000"),
            point,
            "cash",
            invalid(Field::Request, Problem::Unknown),
        ),
        (
            "".into(),
            point,
            "on_receipt",
            invalid(Field::Selected, Problem::Empty),
        ),
        // 500 ₽ + 99 ₽ delivery is more than the 100 ₽ in the wallet.
        (
            format!("{a}:1:50000"),
            point,
            "wallet",
            invalid(Field::Amount, Problem::MoreThanBalance),
        ),
    ];
    for (i, (lines, point, pay, want)) in cases.into_iter().enumerate() {
        let (_, e) =
            error_of(place(&app, &format!("checkout-1{i:03}"), &lines, point, pay).await).await;
        assert_eq!(e, want, "case {i}");
    }
    let r = app
        .post_form(
            "orders/place",
            &[
                ("key", "checkout-2000"),
                ("lines", &format!("{a}:1:50000")),
                ("pickup_point", &point.to_string()),
                ("recipient_name", "<script>"),
                ("recipient_phone", "+7 916 115-00-01"),
                ("pay", "on_receipt"),
            ],
        )
        .await;
    assert_eq!(
        error_of(r).await.1,
        invalid(Field::FullName, Problem::Letters)
    );
    assert_eq!((stock(&app, a).await, orders(&app).await), (2, 0));
    assert_eq!(balance(&app, user).await, 10_000);

    // Under the threshold, pickup delivery costs 99 ₽, due on receipt.
    let r = place(
        &app,
        "checkout-3000",
        &format!("{a}:1:50000"),
        point,
        "on_receipt",
    )
    .await;
    let o: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        (
            o["goods"].as_i64(),
            o["delivery"].as_i64(),
            o["due_on_receipt"].as_i64(),
            o["paid"].as_i64()
        ),
        (Some(50_000), Some(9_900), Some(59_900), Some(0))
    );
    assert_eq!(stock(&app, a).await, 1);
    // An order on its way holds up deleting the account (so do the 100 ₽ left).
    let (_, e) = app.start_deletion().await;
    assert_eq!(
        e,
        AppError::Blocked {
            reasons: vec![
                app::shared::error::Blocker::OrderInProgress,
                app::shared::error::Blocker::WalletNotEmpty
            ]
        }
    );
}

/// 200 shoppers at once for the last 10 pieces: exactly 10 orders, the stock at
/// zero and never below, and every other shopper told how many are left.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_shoppers_racing_for_ten_pieces_get_exactly_ten_orders() {
    let app = Arc::new(TestApp::spawn_with(0).await);
    let point = pickup_point(&app).await;
    let a = product(&app, 1, 10_000, 10).await;
    let mut tasks = Vec::new();
    for n in 0..200i64 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let r = app::orders::service::PlaceRequest {
                key: &format!("race-{n:05}"),
                lines: &format!("{a}:1:10000"),
                pickup_point: &point.to_string(),
                courier: None,
                recipient_name: "Петров Пётр",
                recipient_phone: "+79161150100",
                pay: "on_receipt",
                points: "",
                promo: "",
                first_order: false,
            };
            app::orders::service::place(&app.deps(), 10_000 + n, r).await
        }));
    }
    let (mut placed, mut refused) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => placed += 1,
            Err(AppError::InsufficientStock { available: 0 }) => refused += 1,
            Err(e) => panic!("{e:?}"),
        }
    }
    assert_eq!((placed, refused), (10, 190));
    assert_eq!(stock(&app, a).await, 0);
    assert_eq!(orders(&app).await, 10);
    assert_eq!(
        app.one_i64(
            "SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM order_items WHERE product_id = $1",
            &[a]
        )
        .await,
        10
    );
}

#[tokio::test]
async fn the_demo_shop_has_pickup_points_in_five_cities_with_coordinates() {
    let app = TestApp::spawn_with(10).await;
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM pickup_points WHERE id > $1", &[0])
            .await,
        300
    );
    assert_eq!(
        app.one_i64(
            "SELECT COUNT(DISTINCT city) FROM pickup_points WHERE id > $1",
            &[0]
        )
        .await,
        5
    );
    // Every Moscow point lies within about 10 km of the centre, and has a metro station.
    let far = app
        .one_i64(
            "SELECT COUNT(*) FROM pickup_points WHERE city = 'Москва' AND \
             (ABS(lat_e6 - 55755800) > $1 OR ABS(lon_e6 - 37617300) > $1 OR metro = '')",
            &[100_000],
        )
        .await;
    assert_eq!(far, 0);
}
