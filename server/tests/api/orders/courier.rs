//! Courier delivery: checkout offers the days a courier comes in the city and the
//! courier's price rule; an order goes to an address on a day and in a slot, every
//! bad field refused with nothing written; the logistics job hands it to the
//! courier when its slot begins, not before; the hub's staff hand it over at the
//! door by the shopper's code; one the shopper missed goes back with the money.

use super::{
    add_to_cart, balance, invalid, orders, pickup_point, place_with, product, staff, stock,
};
use crate::helpers::{Field, Problem, TestApp, error_of};
use app::orders::service::run_logistics;
use app::staff::Role;
use app::wallet::ledger::service as ledger;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;
/// 2026-11-23 00:00 in Moscow: the first day a courier comes (the test clock starts
/// on 2026-11-22 at 03:00, and delivery to the hub takes a day).
const NOV_23: i64 = 1_795_381_200_000;

fn courier<'a>(date: &'a str, slot: &'a str, address: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("delivery", "courier"),
        ("city", "Москва"),
        ("address", address),
        ("date", date),
        ("slot", slot),
    ]
}

#[tokio::test]
async fn a_courier_brings_the_order_on_the_day_and_in_the_slot_chosen() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161150231").await;
    let user = app.me().await["id"].as_i64().unwrap();
    app.fund_wallet(user, 10_000, &format!("fund:{user}")).await;
    let (a, b) = (
        product(&app, 1, 129_900, 5).await,
        product(&app, 2, 159_900, 4).await,
    );
    let hub = pickup_point(&app).await;

    // Checkout by courier: seven days from tomorrow, the courier's price (299 ₽
    // below 3,000 ₽), no points to list.
    add_to_cart(&app, a, 1).await;
    let v = app
        .api_json("checkout?delivery=courier&city=Москва&first_order=later")
        .await;
    assert_eq!(v["delivery_kind"], "courier");
    let days = v["courier_days"].as_array().unwrap();
    assert_eq!(days.len(), 7);
    assert_eq!(days[0], serde_json::json!(["2026-11-23", "23.11.2026"]));
    assert_eq!(days[6][0], "2026-11-29");
    assert_eq!(
        (v["delivery"].as_i64(), v["total"].as_i64()),
        (Some(29_900), Some(159_800))
    );
    assert_eq!(v["points"].as_array().unwrap().len(), 0);
    let pickup = app.api_json("checkout").await;
    assert_eq!(
        pickup["delivery"].as_i64(),
        Some(0),
        "free to a point from 1,000 ₽"
    );

    // Every bad field has its own answer, and nothing is written.
    let line = format!("{a}:1:129900");
    let address = "ул. Ленина, д. 5, кв. 12";
    let mut bad = vec![
        (
            courier("2026-11-25", "14-18", ""),
            invalid(Field::Address, Problem::Empty),
        ),
        (
            courier("2026-11-25", "14-18", "ул. Ленина"),
            invalid(Field::Address, Problem::Digits),
        ),
        (
            courier("2026-11-22", "14-18", address),
            invalid(Field::DeliveryDate, Problem::OutOfRange),
        ),
        (
            courier("2026-11-30", "14-18", address),
            invalid(Field::DeliveryDate, Problem::OutOfRange),
        ),
        (
            courier("2026-11-31", "14-18", address),
            invalid(Field::DeliveryDate, Problem::NotADate),
        ),
        (
            courier("2026-11-25", "9-13", address),
            invalid(Field::Slot, Problem::Unknown),
        ),
    ];
    let mut far = courier("2026-11-25", "14-18", address);
    far[1] = ("city", "Тверь");
    bad.push((far, invalid(Field::Delivery, Problem::Unknown)));
    let mut drone = courier("2026-11-25", "14-18", address);
    drone[0] = ("delivery", "drone");
    bad.push((drone, invalid(Field::Delivery, Problem::Unknown)));
    for (i, (form, want)) in bad.into_iter().enumerate() {
        let key = format!("checkout-c10{i}");
        let r = place_with(&app, &key, &line, 0, "wallet", &form).await;
        assert_eq!(error_of(r).await, (400, want), "{form:?}");
    }
    assert_eq!(orders(&app).await, 0);
    assert_eq!(stock(&app, a).await, 5);
    assert_eq!(balance(&app, user).await, 1_000_000);

    // Placed: the address, the day and slot, the courier's price, paid from the wallet.
    let form = courier(" 2026-11-25", "14-18", "  ул. Ленина,  д. 5,\n кв. 12 ");
    let r = place_with(&app, "checkout-c001", &line, 0, "wallet", &form).await;
    assert_eq!(r.status(), 200);
    let o: serde_json::Value = r.json().await.unwrap();
    let order = o["id"].as_i64().unwrap();
    assert_eq!(o["courier"]["address"], "Москва, ул. Ленина, д. 5, кв. 12");
    assert_eq!(o["courier"]["when"], "25.11.2026, 14:00–18:00");
    assert_eq!(
        (o["delivery"].as_i64(), o["paid"].as_i64()),
        (Some(29_900), Some(159_800))
    );
    assert_eq!(balance(&app, user).await, 1_000_000 - 159_800);
    // A retry gives the same order; the same checkout with another slot is refused.
    let again = place_with(&app, "checkout-c001", &line, 0, "wallet", &form).await;
    assert_eq!(
        again.json::<serde_json::Value>().await.unwrap()["id"].as_i64(),
        Some(order)
    );
    let other = courier("2026-11-25", "18-22", address);
    let r = place_with(&app, "checkout-c001", &line, 0, "wallet", &other).await;
    assert_eq!(
        error_of(r).await,
        (400, invalid(Field::Request, Problem::AlreadyUsed))
    );
    // Checkout remembers the address for the next courier order.
    add_to_cart(&app, b, 2).await;
    let v = app.api_json("checkout?delivery=courier").await;
    assert_eq!(v["address"], "ул. Ленина, д. 5, кв. 12");
    // From 3,000 ₽ the courier is free; this one is for the first day, in the morning.
    let r = place_with(
        &app,
        "checkout-c002",
        &format!("{b}:2:159900"),
        0,
        "wallet",
        &courier("2026-11-23", "10-14", address),
    )
    .await;
    let missed: serde_json::Value = r.json().await.unwrap();
    assert_eq!(missed["delivery"].as_i64(), Some(0));
    let missed = missed["id"].as_i64().unwrap();

    // The goods reach the city on the 23rd at 09:00, but the courier takes the order
    // out only when its slot begins.
    app.clock.advance_ms(NOV_23 + 9 * HOUR - app.deps().now);
    run_logistics(&app.deps()).await.unwrap();
    assert_eq!(status(&app, order).await, "in_transit");
    assert_eq!(status(&app, missed).await, "in_transit");
    app.clock.advance_ms(HOUR);
    run_logistics(&app.deps()).await.unwrap();
    assert_eq!(status(&app, missed).await, "at_pickup_point");
    // The morning order was missed: a day after its slot it goes back with the
    // money, while the other waits for its own slot on the 25th.
    let before = balance(&app, user).await;
    app.clock.advance_ms(DAY + 3 * HOUR + 59 * 60_000); // the 24th, 13:59
    run_logistics(&app.deps()).await.unwrap();
    assert_eq!(status(&app, missed).await, "at_pickup_point");
    app.clock.advance_ms(60_000);
    run_logistics(&app.deps()).await.unwrap();
    assert_eq!(status(&app, missed).await, "not_collected");
    assert_eq!(balance(&app, user).await, before + 319_800);
    assert_eq!(stock(&app, b).await, 4);
    assert_eq!(status(&app, order).await, "in_transit");
    app.clock.advance_ms(DAY + 30 * 60_000); // the 25th, 14:30
    run_logistics(&app.deps()).await.unwrap();
    assert_eq!(status(&app, order).await, "at_pickup_point");
    let slot_from = NOV_23 + 2 * DAY + 14 * HOUR;
    let o = app.api_json(&format!("orders/get?id={order}")).await;
    let p = &o["postings"][0];
    assert_eq!(
        p["timeline"][3],
        serde_json::json!(["at_pickup_point", slot_from])
    );
    assert_eq!(p["stored_until"].as_i64(), Some(slot_from + 4 * HOUR + DAY));
    let told = app
        .one_text(&format!(
            "SELECT text_ru FROM notices WHERE user_id = {user} AND topic = 'posting' \
             AND status = 'at_pickup_point' AND subject_id = {}",
            p["id"].as_i64().unwrap()
        ))
        .await;
    assert!(
        told.contains("у курьера") && told.contains("25.11.2026, 14:00–18:00"),
        "{told}"
    );
    // A courier's order is not kept longer.
    let r = app
        .post_form(
            "orders/extend",
            &[
                ("id", &order.to_string()),
                ("posting", &p["id"].to_string()),
            ],
        )
        .await;
    assert_eq!(
        error_of(r).await,
        (400, invalid(Field::Request, Problem::Refused))
    );

    // At the door: the hub's staff hand it over by the shopper's code.
    let courier_staff = staff(&app, "+79161150232", Role::Operator, hub).await;
    let code = o["pickup_code"].as_str().unwrap();
    let r = courier_staff
        .post_form("pickup/hand-over", &[("code", code), ("paid", "on")])
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(status(&app, order).await, "received");
    let report = ledger::check(&app.db).await.unwrap();
    assert!(report.ok(), "{report}");
}

async fn status(app: &TestApp, order: i64) -> String {
    app.one_text(&format!(
        "SELECT status FROM postings WHERE order_id = {order}"
    ))
    .await
}
