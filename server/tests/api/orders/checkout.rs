//! What the checkout page is given: the selected cart lines at today's prices with
//! what changed since (asked again), stock short, delivery by the rules, pickup
//! points by city and address or metro, the recipient from the profile.

use super::{invalid, pickup_point, place, product};
use crate::helpers::{Field, Problem, TestApp, error_of};

#[tokio::test]
async fn checkout_shows_the_cart_as_it_is_now_and_asks_again_about_a_new_price() {
    let app = TestApp::spawn_with(0).await;
    // A guest gets nothing (the page asks them to sign in).
    assert_eq!(app.api_json("checkout").await, serde_json::Value::Null);
    let (a, b) = (
        product(&app, 1, 30_000, 5).await,
        product(&app, 1, 20_000, 5).await,
    );
    let point = pickup_point(&app).await;
    // The guest's cart joins the account's at sign-in.
    for (p, q) in [(a, "2"), (b, "1")] {
        let r = app
            .post_form(
                "cart/add",
                &[("product_id", &p.to_string()), ("quantity", q)],
            )
            .await;
        assert_eq!(r.status(), 200);
    }
    app.sign_in("+79161150021").await;
    let r = app
        .post_form(
            "cart/select",
            &[("product_id", &b.to_string()), ("selected", "0")],
        )
        .await;
    assert_eq!(r.status(), 200);

    let v = app.api_json("checkout").await;
    let lines = v["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 1, "only the selected line: {v}");
    assert_eq!(
        (lines[0]["product"].as_i64(), lines[0]["was"].is_null()),
        (Some(a), true)
    );
    // A new account's first order: 10 % off the goods, not the delivery.
    assert_eq!(
        (
            v["goods"].as_i64(),
            v["first_order_off"].as_i64(),
            v["delivery"].as_i64(),
            v["total"].as_i64()
        ),
        (Some(60_000), Some(6_000), Some(9_900), Some(63_900))
    );
    assert_eq!(v["key"].as_str().unwrap().len(), 32);
    assert_ne!(
        app.api_json("checkout").await["key"],
        v["key"],
        "a key per page"
    );
    assert_eq!(
        (v["city"].as_str(), v["matched"].as_i64()),
        (Some("Москва"), Some(1))
    );
    assert_eq!(v["points"][0]["point"]["id"].as_i64(), Some(point));

    // Address or metro, any case; a point asked for opens its city, listed first.
    assert_eq!(
        app.api_json("checkout?q=%D0%A2%D0%92%D0%95%D0%A0").await["matched"],
        1
    );
    assert_eq!(app.api_json("checkout?q=arbat").await["matched"], 0);
    let v = app
        .api_json(&format!("checkout?city=Казань&point={point}"))
        .await;
    assert_eq!(
        (v["city"].as_str(), v["chosen"].as_i64()),
        (Some("Москва"), Some(point))
    );
    let r = app.get("/api/checkout?point=abc").await;
    assert_eq!(
        error_of(r).await,
        (400, invalid(Field::PickupPoint, Problem::Unknown))
    );

    // The price goes up: checkout shows the old one beside it, and placing at the
    // price seen before is refused until the shopper accepts the new one.
    sqlx::query("UPDATE products SET price = 32000 WHERE id = $1")
        .bind(a)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let v = app.api_json("checkout").await;
    assert_eq!(
        (
            v["lines"][0]["price"].as_i64(),
            v["lines"][0]["was"].as_i64()
        ),
        (Some(32_000), Some(30_000))
    );
    let r = place(
        &app,
        "checkout-k001",
        &format!("{a}:2:30000"),
        point,
        "on_receipt",
    )
    .await;
    assert_eq!(
        error_of(r).await.1,
        invalid(Field::Product, Problem::PriceChanged)
    );
    assert_eq!(
        app.post_form("checkout/accept-prices", &[]).await.status(),
        200
    );
    assert!(app.api_json("checkout").await["lines"][0]["was"].is_null());

    // Less in stock than in the cart: the line says so.
    sqlx::query("UPDATE products SET stock = 1 WHERE id = $1")
        .bind(a)
        .execute(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(app.api_json("checkout").await["lines"][0]["stock"], 1);

    // The recipient comes from the profile: the phone signed in with.
    assert_eq!(
        app.api_json("checkout").await["recipient_phone"],
        "+7 916 115-00-21"
    );
}
