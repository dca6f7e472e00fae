//! The pickup point's operator: an order found by the shopper's code at the
//! operator's own point only, a refused line going back with its money, the rest
//! handed over with the payment on receipt taken once and recorded in the ledger;
//! and who may call which order function (the authorisation matrix).

use super::{pickup_point, place, product, staff, stock};
use crate::helpers::{AppError, Browser, Field, Problem, TestApp, error_of};
use app::orders::service::run_logistics;
use app::staff::Role;
use app::wallet::ledger::service as ledger;

const DAY: i64 = 86_400_000;

/// An order of `a` and `b` paid on receipt, brought to `point` by the logistics job:
/// (order id, pickup code).
async fn waiting_order(app: &TestApp, shopper: &Browser, lines: &str, point: i64) -> (i64, String) {
    let o: serde_json::Value = place(shopper, "checkout-p001", lines, point, "on_receipt")
        .await
        .json()
        .await
        .unwrap();
    app.clock.advance_ms(2 * DAY);
    run_logistics(&app.deps()).await.unwrap();
    (
        o["id"].as_i64().unwrap(),
        o["pickup_code"].as_str().unwrap().to_string(),
    )
}

#[tokio::test]
async fn the_operator_hands_over_what_the_shopper_takes_and_the_refused_line_goes_back() {
    let app = TestApp::spawn_with(0).await;
    let point = pickup_point(&app).await;
    let (a, b) = (
        product(&app, 1, 50_000, 3).await,
        product(&app, 2, 19_900, 3).await,
    );
    app.sign_in("+79161150041").await;
    let user = app.me().await["id"].as_i64().unwrap();
    let (order, code) = waiting_order(&app, &app, &format!("{a}:1:50000,{b}:1:19900"), point).await;
    let operator = staff(&app, "+79161150049", Role::Operator, point).await;

    // The code finds the order and what waits: both lines, 798 ₽ due.
    let spaced = format!("{} {}", &code[..4], &code[4..]);
    let h = operator
        .api_json(&format!("pickup/find?code={spaced}"))
        .await;
    assert_eq!(
        (h["order"].as_i64(), h["due"].as_i64()),
        (Some(order), Some(79_800))
    );
    assert_eq!(h["recipient"], "Иванова Мария");
    let items = h["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let line_b = items.iter().find(|i| i["product"] == b).unwrap()["id"]
        .as_i64()
        .unwrap();
    // A malformed code is named; a code nobody has finds nothing.
    let r = operator.get("/api/pickup/find?code=12345").await;
    assert_eq!(
        error_of(r).await,
        (400, invalid(Field::Code, Problem::Malformed))
    );
    let other_code = if code == "00000000" {
        "11111111"
    } else {
        "00000000"
    };
    assert_eq!(
        operator
            .get(&format!("/api/pickup/find?code={other_code}"))
            .await
            .status(),
        404
    );

    // The shopper refuses b: it goes back, 199 ₽ less is due, delivery stays.
    let r = operator
        .post_form(
            "pickup/refuse",
            &[("code", &code), ("item", &line_b.to_string())],
        )
        .await;
    assert_eq!(r.status(), 200);
    let h: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        (h["items"].as_array().unwrap().len(), h["due"].as_i64()),
        (1, Some(59_900))
    );
    assert_eq!(stock(&app, b).await, 3);

    // Handing over asks that the payment was taken; then it takes 599 ₽ once.
    let r = operator
        .post_form("pickup/hand-over", &[("code", &code)])
        .await;
    assert_eq!(
        error_of(r).await,
        (400, invalid(Field::Request, Problem::Required))
    );
    let r = operator
        .post_form("pickup/hand-over", &[("code", &code), ("paid", "on")])
        .await;
    assert_eq!(r.status(), 200);
    let done: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        (done["handed"].as_i64(), done["taken"].as_i64()),
        (Some(1), Some(59_900))
    );
    let again = operator
        .post_form("pickup/hand-over", &[("code", &code), ("paid", "on")])
        .await;
    assert_eq!(again.status(), 404, "nothing waits any more");

    let o = app.api_json(&format!("orders/get?id={order}")).await;
    let statuses: Vec<&str> = o["postings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["received", "not_collected"]);
    assert_eq!(o["due_on_receipt"].as_i64(), Some(0));
    // Received: 2 % of the 500 ₽ taken comes as 10 bonus points, once.
    let points = app::wallet::points::service::view(&app.db, app.deps().now, user)
        .await
        .unwrap();
    assert_eq!(points.balance.kopecks(), 1_000);
    // Purchased items: what was received, not what was refused.
    let bought = app.api_json("orders/purchases").await;
    let bought: Vec<i64> = bought
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["product"].as_i64().unwrap())
        .collect();
    assert_eq!(bought, [a]);
    assert_eq!(stock(&app, a).await, 2);
    assert_eq!(
        app.one_i64(
            "SELECT COUNT(*) FROM notices WHERE user_id = $1 AND status = 'received'",
            &[user]
        )
        .await,
        1
    );
    // Received or returned: the order no longer holds up deleting the account.
    let r = app
        .post_form(
            "account/delete/start",
            &[("reason", "other"), ("comment", "")],
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let report = ledger::check(&app.db).await.unwrap();
    assert!(report.ok(), "{report}");
}

fn invalid(field: Field, p: Problem) -> AppError {
    AppError::Invalid { field, message: p }
}

/// Who may call which order function: the owner, another shopper, a seller's staff,
/// an operator of another point, this point's operator, and a guest. Nobody sees
/// or changes what is not theirs; the statuses say so without telling more.
#[tokio::test]
async fn every_order_function_answers_only_whom_it_should() {
    let app = TestApp::spawn_with(0).await;
    let point = pickup_point(&app).await;
    let far = pickup_point(&app).await;
    let a = product(&app, 1, 50_000, 3).await;
    let owner = app.new_browser();
    owner.sign_in("+79161150051").await;
    let (order, code) = waiting_order(&app, &owner, &format!("{a}:1:50000"), point).await;
    let posting = app
        .one_i64("SELECT MIN(id) FROM postings WHERE order_id = $1", &[order])
        .await;
    let item = app
        .one_i64(
            "SELECT MIN(id) FROM order_items WHERE order_id = $1",
            &[order],
        )
        .await;
    let other = app.new_browser();
    other.sign_in("+79161150052").await;
    let seller = staff(&app, "+79161150053", Role::SellerStaff, 1).await;
    let far_operator = staff(&app, "+79161150054", Role::Operator, far).await;
    let operator = staff(&app, "+79161150055", Role::Operator, point).await;
    let guest = app.new_browser();

    let (o, p, i) = (order.to_string(), posting.to_string(), item.to_string());
    let who: [(&str, &Browser); 6] = [
        ("guest", &guest),
        ("owner", &owner),
        ("other", &other),
        ("seller", &seller),
        ("far operator", &far_operator),
        ("operator", &operator),
    ];
    // Expected statuses, in the order of `who`.
    let gets: [(String, [u16; 6]); 3] = [
        (
            format!("/api/orders/get?id={o}"),
            [200, 200, 404, 404, 404, 404],
        ),
        (
            format!("/api/pickup/find?code={code}"),
            [401, 403, 403, 403, 404, 200],
        ),
        ("/api/checkout".to_string(), [200, 200, 200, 200, 200, 200]),
    ];
    for (path, want) in &gets {
        for ((name, b), want) in who.iter().zip(want) {
            let r = b.get(path).await;
            assert_eq!(r.status(), *want, "{name} GET {path}");
            let body = r.text().await.unwrap();
            if *name == "guest" && path.contains("orders") {
                assert_eq!(body, "null", "a guest learns nothing");
            }
        }
    }
    // Lists: everyone sees only their own.
    for (name, b) in &who[1..] {
        let list = b.api_json("orders").await;
        let n = list["orders"].as_array().unwrap().len();
        assert_eq!(n, usize::from(*name == "owner"), "{name}'s list");
    }
    assert_eq!(guest.api_json("orders").await, serde_json::Value::Null);

    // (endpoint, form, expected statuses in the order of `who`)
    type Post<'a> = (&'a str, Vec<(&'a str, &'a str)>, [u16; 6]);
    let posts: [Post; 4] = [
        (
            "orders/cancel",
            vec![("id", &o), ("item", &i)],
            [401, 400, 404, 404, 404, 404],
        ),
        (
            "orders/extend",
            vec![("id", &o), ("posting", &p)],
            [401, 200, 404, 404, 404, 404],
        ),
        (
            "pickup/refuse",
            vec![("code", &code), ("item", "999999")],
            [401, 403, 403, 403, 404, 400],
        ),
        (
            "pickup/hand-over",
            vec![("code", &code), ("paid", "on")],
            [401, 403, 403, 403, 404, 200],
        ),
    ];
    for (endpoint, form, want) in &posts {
        for ((name, b), want) in who.iter().zip(want) {
            let r = b.post_form(endpoint, form).await;
            assert_eq!(r.status(), *want, "{name} POST {endpoint}");
        }
    }
    // The one hand-over that went through is the operator's: the order is received.
    let o = owner.api_json(&format!("orders/get?id={order}")).await;
    assert_eq!(o["postings"][0]["status"], "received");
}
