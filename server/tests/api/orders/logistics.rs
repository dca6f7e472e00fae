//! The logistics job: postings of Rynok's warehouse move on as the clock does,
//! each step at the moment it would have happened (a job that was away catches
//! up), wait at the pickup point for its storage days (extensible once by 3), and
//! go back with the money when storage ends; a second run moves nothing twice.

use super::{balance, invalid, pickup_point, place, product, stock};
use crate::helpers::{Field, Problem, TestApp, error_of};
use app::orders::service::run_logistics;
use app::wallet::ledger::service as ledger;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

async fn statuses(app: &TestApp, order: i64) -> Vec<String> {
    let o = app.api_json(&format!("orders/get?id={order}")).await;
    o["postings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["status"].as_str().unwrap().to_string())
        .collect()
}

async fn extend(app: &crate::helpers::Browser, order: i64, posting: i64) -> reqwest::Response {
    app.post_form(
        "orders/extend",
        &[
            ("id", &order.to_string()),
            ("posting", &posting.to_string()),
        ],
    )
    .await
}

#[tokio::test]
async fn postings_move_on_with_the_clock_wait_their_storage_and_go_back_with_the_money() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161150031").await;
    let user = app.me().await["id"].as_i64().unwrap();
    app.fund_wallet(user, 3_000, &format!("fund:{user}")).await;
    let (a, b) = (
        product(&app, 1, 129_900, 5).await,
        product(&app, 2, 19_900, 3).await,
    );
    let point = pickup_point(&app).await; // 7 storage days
    let r = place(
        &app,
        "checkout-l001",
        &format!("{a}:1:129900,{b}:1:19900"),
        point,
        "wallet",
    )
    .await;
    let order = r.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let placed_at = app.deps().now;

    // Not yet: packaging takes two hours.
    assert_eq!(run_logistics(&app.deps()).await.unwrap(), 0);
    app.clock.advance_ms(2 * HOUR);
    assert_eq!(run_logistics(&app.deps()).await.unwrap(), 2);
    assert_eq!(statuses(&app, order).await, ["awaiting_shipment"; 2]);
    // Extending storage before the order is at the point is refused.
    let posting = app
        .one_i64("SELECT MIN(id) FROM postings WHERE order_id = $1", &[order])
        .await;
    assert_eq!(
        error_of(extend(&app, order, posting).await).await,
        (400, invalid(Field::Request, Problem::Refused))
    );

    // The job was away for two days: it catches up, each step at its own moment.
    app.clock.advance_ms(2 * DAY);
    assert_eq!(run_logistics(&app.deps()).await.unwrap(), 4);
    assert_eq!(
        run_logistics(&app.deps()).await.unwrap(),
        0,
        "nothing twice"
    );
    let o = app.api_json(&format!("orders/get?id={order}")).await;
    let p = &o["postings"][0];
    assert_eq!(p["status"], "at_pickup_point");
    let arrived = placed_at + 2 * HOUR + 4 * HOUR + DAY;
    let timeline: Vec<(String, i64)> = p["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e[0].as_str().unwrap().to_string(), e[1].as_i64().unwrap()))
        .collect();
    assert_eq!(
        timeline,
        [
            ("awaiting_packaging".to_string(), placed_at),
            ("awaiting_shipment".to_string(), placed_at + 2 * HOUR),
            ("in_transit".to_string(), placed_at + 6 * HOUR),
            ("at_pickup_point".to_string(), arrived),
        ]
    );
    assert_eq!(p["stored_until"].as_i64(), Some(arrived + 7 * DAY));
    // Told in the inbox: on its way, and waiting at the point (for each posting).
    assert_eq!(
        app.one_i64(
            "SELECT COUNT(*) FROM notices WHERE user_id = $1 AND topic = 'posting'",
            &[user]
        )
        .await,
        4
    );

    // One posting is kept 3 days longer, once; a stranger cannot.
    let other = app.new_browser();
    other.sign_in("+79161150032").await;
    let r = other
        .post_form(
            "orders/extend",
            &[
                ("id", &order.to_string()),
                ("posting", &posting.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), 404);
    assert_eq!(extend(&app, order, posting).await.status(), 200);
    assert_eq!(
        error_of(extend(&app, order, posting).await).await,
        (400, invalid(Field::Request, Problem::Once))
    );

    // Storage ends for the other posting: it goes back, its money with it.
    let before = balance(&app, user).await;
    app.clock.advance_ms(arrived + 7 * DAY - app.deps().now);
    assert_eq!(run_logistics(&app.deps()).await.unwrap(), 1);
    assert_eq!(
        statuses(&app, order).await,
        ["at_pickup_point", "not_collected"]
    );
    assert_eq!(balance(&app, user).await, before + 19_900);
    assert_eq!(stock(&app, b).await, 3);
    // Three days later the extended one goes too, with the rest of the money.
    app.clock.advance_ms(3 * DAY);
    assert_eq!(run_logistics(&app.deps()).await.unwrap(), 1);
    assert_eq!(run_logistics(&app.deps()).await.unwrap(), 0);
    assert_eq!(statuses(&app, order).await, ["not_collected"; 2]);
    assert_eq!(balance(&app, user).await, 300_000);
    assert_eq!(stock(&app, a).await, 5);
    let report = ledger::check(&app.db).await.unwrap();
    assert!(report.ok(), "{report}");
}
