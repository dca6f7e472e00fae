//! Postings a seller ships itself: split from Rynok's at placing, left alone by the
//! logistics job until the seller's staff pack them and hand them to delivery
//! (then the job takes them on to the pickup point), cancelled by the seller with
//! the money back, cancelled by the job when not shipped in time; and only the
//! seller's own staff see or move them.

use super::{balance, pickup_point, placed, product, staff, stock};
use crate::helpers::{Browser, TestApp};
use app::orders::service::run_logistics;
use app::staff::Role;
use app::wallet::ledger::service as ledger;

const DAY: i64 = 86_400_000;
const HOUR: i64 = 3_600_000;

async fn ships_itself(app: &TestApp, seller: i64) {
    sqlx::query("UPDATE sellers SET ships_itself = 1 WHERE id = $1")
        .bind(seller)
        .execute(&app.db.pool)
        .await
        .unwrap();
}

async fn act(b: &Browser, posting: i64, action: &str) -> reqwest::Response {
    b.post_form(
        "seller/posting",
        &[("posting", &posting.to_string()), ("action", action)],
    )
    .await
}

/// The posting of `order` from `seller`: (id, warehouse, status).
async fn posting_of(app: &TestApp, order: i64, seller: i64) -> (i64, String, String) {
    sqlx::query_as(
        "SELECT id, warehouse, status FROM postings WHERE order_id = $1 AND seller_id = $2",
    )
    .bind(order)
    .bind(seller)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

fn ids(list: &serde_json::Value) -> Vec<i64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn the_seller_packs_and_ships_its_posting_and_logistics_brings_it_to_the_point() {
    let app = TestApp::spawn_with(0).await;
    let point = pickup_point(&app).await;
    let (own, rynok) = (
        product(&app, 7, 50_000, 3).await,
        product(&app, 1, 19_900, 3).await,
    );
    ships_itself(&app, 7).await;
    app.sign_in("+79161150061").await;
    let user = app.me().await["id"].as_i64().unwrap();
    let o = placed(
        &app,
        "checkout-s001",
        &format!("{own}:2:50000,{rynok}:1:19900"),
        point,
        "on_receipt",
    )
    .await;
    let order = o["id"].as_i64().unwrap();
    let (posting, warehouse, _) = posting_of(&app, order, 7).await;
    assert_eq!(warehouse, "seller");
    assert_eq!(posting_of(&app, order, 1).await.1, "rynok");

    // Two days on, Rynok's posting is at the point; the seller's waits for the seller.
    app.clock.advance_ms(2 * DAY - HOUR);
    run_logistics(&app.deps()).await.unwrap();
    assert_eq!(posting_of(&app, order, 1).await.2, "at_pickup_point");
    assert_eq!(posting_of(&app, order, 7).await.2, "awaiting_packaging");

    // The seller's staff see it to pack, with its lines and deadline, and never
    // whom it is for.
    let seller = staff(&app, "+79161150069", Role::SellerStaff, 7).await;
    let r = seller.get("/api/seller/desk").await;
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    for private in ["Иванова", "916", "Тверская"] {
        assert!(!text.contains(private), "the seller sees {private}");
    }
    let desk: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(desk["ships_itself"], true);
    assert_eq!(ids(&desk["to_pack"]), vec![posting]);
    let p = &desk["to_pack"][0];
    assert_eq!(
        (
            p["lines"][0]["product"].as_i64(),
            p["lines"][0]["quantity"].as_i64()
        ),
        (Some(own), Some(2))
    );
    let placed = o["created_at"].as_i64().unwrap();
    assert_eq!(p["ship_by"].as_i64(), Some(placed + 2 * DAY));
    assert_eq!(ids(&desk["products"])[0], own);

    // Shipping before packing is refused; packing moves it, once.
    assert_eq!(act(&seller, posting, "ship").await.status(), 400);
    assert_eq!(act(&seller, posting, "pack").await.status(), 200);
    assert_eq!(act(&seller, posting, "pack").await.status(), 400);
    assert_eq!(act(&seller, posting, "dance").await.status(), 400);
    let desk = seller.api_json("seller/desk").await;
    assert_eq!(ids(&desk["to_ship"]), vec![posting]);
    assert!(ids(&desk["to_pack"]).is_empty());

    // Handed to delivery: on its way, the shopper told; the job takes it on.
    assert_eq!(act(&seller, posting, "ship").await.status(), 200);
    assert_eq!(posting_of(&app, order, 7).await.2, "in_transit");
    let told = app
        .one_i64(
            "SELECT COUNT(*) FROM notices WHERE user_id = $1 AND subject_id = $2 AND status = 'in_transit'",
            &[user, posting],
        )
        .await;
    assert_eq!(told, 1);
    let desk = seller.api_json("seller/desk").await;
    assert_eq!(ids(&desk["shipped"]), vec![posting]);
    assert_eq!(desk["shipped"][0]["ship_by"], serde_json::Value::Null);
    app.clock.advance_ms(DAY);
    run_logistics(&app.deps()).await.unwrap();
    assert_eq!(posting_of(&app, order, 7).await.2, "at_pickup_point");

    // The shopper's timeline shows the seller's steps.
    let o = app.api_json(&format!("orders/get?id={order}")).await;
    let p = o["postings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == posting)
        .unwrap()
        .clone();
    let steps: Vec<&str> = p["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e[0].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "awaiting_packaging",
            "awaiting_shipment",
            "in_transit",
            "at_pickup_point"
        ]
    );
}

#[tokio::test]
async fn the_seller_cancels_what_it_cannot_send_and_the_wallet_gets_it_back() {
    let app = TestApp::spawn_with(0).await;
    let point = pickup_point(&app).await;
    let (own, rynok) = (
        product(&app, 7, 129_900, 2).await,
        product(&app, 1, 19_900, 2).await,
    );
    ships_itself(&app, 7).await;
    app.sign_in("+79161150062").await;
    let user = app.me().await["id"].as_i64().unwrap();
    app.fund_wallet(user, 3_000, &format!("fund:{user}")).await;
    let o = placed(
        &app,
        "checkout-s002",
        &format!("{own}:1:129900,{rynok}:1:19900"),
        point,
        "wallet",
    )
    .await;
    let order = o["id"].as_i64().unwrap();
    assert_eq!(balance(&app, user).await, 300_000 - 149_800);
    let (posting, _, _) = posting_of(&app, order, 7).await;

    let seller = staff(&app, "+79161150068", Role::SellerStaff, 7).await;
    assert_eq!(act(&seller, posting, "cancel").await.status(), 200);
    // The seller's part is cancelled and paid back; Rynok's part goes on. The
    // delivery stays as it was (free from 1 000 ₽ when placed).
    assert_eq!(posting_of(&app, order, 7).await.2, "cancelled");
    assert_eq!(posting_of(&app, order, 1).await.2, "awaiting_packaging");
    assert_eq!(balance(&app, user).await, 300_000 - 19_900);
    assert_eq!(stock(&app, own).await, 2);
    let o = app.api_json(&format!("orders/get?id={order}")).await;
    assert_eq!(o["refunded"].as_i64(), Some(129_900));
    // Cancelled once: again is refused, and nothing more is paid back.
    assert_eq!(act(&seller, posting, "cancel").await.status(), 400);
    assert_eq!(balance(&app, user).await, 300_000 - 19_900);
    let told = app
        .one_i64(
            "SELECT COUNT(*) FROM notices WHERE user_id = $1 AND subject_id = $2 AND status = 'cancelled'",
            &[user, posting],
        )
        .await;
    assert_eq!(told, 1);
    let report = ledger::check(&app.db).await.unwrap();
    assert!(report.ok(), "{report}");
}

#[tokio::test]
async fn a_posting_not_shipped_in_time_is_cancelled_by_the_job() {
    let app = TestApp::spawn_with(0).await;
    let point = pickup_point(&app).await;
    let own = product(&app, 7, 50_000, 2).await;
    ships_itself(&app, 7).await;
    app.sign_in("+79161150063").await;
    let o = placed(
        &app,
        "checkout-s003",
        &format!("{own}:1:50000"),
        point,
        "on_receipt",
    )
    .await;
    let order = o["id"].as_i64().unwrap();
    let (posting, _, _) = posting_of(&app, order, 7).await;
    let seller = staff(&app, "+79161150067", Role::SellerStaff, 7).await;
    assert_eq!(act(&seller, posting, "pack").await.status(), 200);

    // Packing does not stop the clock: the deadline counts from the placing.
    app.clock.advance_ms(2 * DAY - 60_000);
    run_logistics(&app.deps()).await.unwrap();
    assert_eq!(posting_of(&app, order, 7).await.2, "awaiting_shipment");
    app.clock.advance_ms(60_000);
    run_logistics(&app.deps()).await.unwrap();
    assert_eq!(posting_of(&app, order, 7).await.2, "cancelled");
    assert_eq!(stock(&app, own).await, 2);
    let o = app.api_json(&format!("orders/get?id={order}")).await;
    assert_eq!(o["due_on_receipt"].as_i64(), Some(0));
    // Too late to ship now.
    assert_eq!(act(&seller, posting, "ship").await.status(), 400);
    // A second run finds nothing to do.
    assert_eq!(run_logistics(&app.deps()).await.unwrap(), 0);
}

/// Who may call the seller's functions: a guest, a shopper (the order's owner), an
/// operator, another seller's staff, and the seller's own staff. A posting from
/// Rynok's warehouse is not the seller's to move, even when the seller sells it.
#[tokio::test]
async fn the_seller_functions_answer_only_the_sellers_own_staff() {
    let app = TestApp::spawn_with(0).await;
    let point = pickup_point(&app).await;
    let (own, stocked) = (
        product(&app, 7, 50_000, 3).await,
        product(&app, 8, 19_900, 3).await,
    );
    ships_itself(&app, 7).await;
    let owner = app.new_browser();
    owner.sign_in("+79161150064").await;
    let o = placed(
        &owner,
        "checkout-s004",
        &format!("{own}:1:50000,{stocked}:1:19900"),
        point,
        "on_receipt",
    )
    .await;
    let order = o["id"].as_i64().unwrap();
    let (posting, _, _) = posting_of(&app, order, 7).await;
    let (rynok_posting, _, _) = posting_of(&app, order, 8).await;
    let guest = app.new_browser();
    let operator = staff(&app, "+79161150065", Role::Operator, point).await;
    let other_seller = staff(&app, "+79161150066", Role::SellerStaff, 8).await;
    let seller = staff(&app, "+79161150060", Role::SellerStaff, 7).await;
    let who: [(&str, &Browser); 5] = [
        ("guest", &guest),
        ("owner", &owner),
        ("operator", &operator),
        ("other seller", &other_seller),
        ("seller", &seller),
    ];
    let want_desk = [401, 403, 403, 200, 200];
    for ((name, b), want) in who.iter().zip(want_desk) {
        let r = b.get("/api/seller/desk").await;
        assert_eq!(r.status(), want, "{name} GET seller/desk");
        if *name == "other seller" {
            let desk: serde_json::Value = r.json().await.unwrap();
            assert_eq!(desk["seller"].as_i64(), Some(8));
            assert_eq!(desk["ships_itself"], false);
            assert!(
                ids(&desk["to_pack"]).is_empty(),
                "Rynok's postings are not listed"
            );
        }
    }
    // Everyone but the seller's staff is refused, the posting not moved.
    let want_act = [401, 403, 403, 404, 200];
    for ((name, b), want) in who.iter().zip(want_act) {
        let r = act(b, posting, "pack").await;
        assert_eq!(r.status(), want, "{name} POST seller/posting");
    }
    assert_eq!(posting_of(&app, order, 7).await.2, "awaiting_shipment");
    // Rynok's posting of seller 8 is not its staff's to move; a posting nobody has
    // is not found; a malformed id is named.
    assert_eq!(
        act(&other_seller, rynok_posting, "pack").await.status(),
        404
    );
    assert_eq!(act(&seller, 999_999, "pack").await.status(), 404);
    assert_eq!(
        seller
            .post_form("seller/posting", &[("posting", "x"), ("action", "pack")])
            .await
            .status(),
        400
    );
    assert_eq!(posting_of(&app, order, 8).await.2, "awaiting_packaging");
}
