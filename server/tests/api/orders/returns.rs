//! Returns online: a received line asked back with a reason and a photo (kept as a
//! JPEG without metadata, shown to its shopper only), found by its code and
//! accepted at a pickup point, which gives the money back at once with the points
//! paid, takes back the points earned, and puts the stock back; every bad input
//! refused with its reason and nothing written (`return_input`); a withdrawn return
//! frees its lines; an open one holds up deleting the account; who may do what
//! (`return_access`).

use super::return_steps::{OneReturn, ask, one_return};
use super::{invalid, pickup_point, place_with, png, product, received, staff, stock};
use crate::helpers::{AppError, Field, Problem, START_MS, TestApp, error_of};
use app::orders::service::run_logistics;
use app::shared::money::Money;
use app::staff::Role;
use app::wallet::ledger::model::{Amount, IdempotencyKey};

const DAY: i64 = 86_400_000;

pub(super) async fn points_of(app: &TestApp, user: i64) -> i64 {
    app::wallet::points::service::view(&app.db, app.deps().now, user)
        .await
        .unwrap()
        .balance
        .kopecks()
}

pub(super) async fn returns(app: &TestApp) -> i64 {
    app.one_i64("SELECT COUNT(*) FROM returns WHERE id > $1", &[0])
        .await
}

pub(super) async fn check(app: &TestApp) {
    let report = app::wallet::ledger::service::check(&app.db).await.unwrap();
    assert!(report.ok(), "{report}");
}

#[tokio::test]
async fn a_received_line_comes_back_through_the_point_with_its_money_points_and_stock() {
    let app = TestApp::spawn_with(0).await;
    let point = pickup_point(&app).await;
    let operator = staff(&app, "+79161150149", Role::Operator, point).await;
    app.sign_in("+79161150141").await;
    let user = app.me().await["id"].as_i64().unwrap();
    app.fund_wallet(user, 3_000, &format!("fund:{user}")).await;
    let key = IdempotencyKey::parse("grant:points:returns").unwrap();
    let amount = Amount::new(Money::from_roubles(500)).unwrap();
    app::wallet::points::service::grant(
        &app.db,
        START_MS,
        user,
        amount,
        &key,
        "test",
        START_MS + 90 * DAY,
    )
    .await
    .unwrap();
    let (a, b) = (
        product(&app, 1, 40_000, 3).await,
        product(&app, 2, 80_000, 3).await,
    );
    // 1 200 ₽ of goods, 300 points and 900 ₽ from the wallet.
    let lines = format!("{a}:1:40000,{b}:1:80000");
    let order = received(
        &app,
        &app,
        (point, &operator),
        "checkout-r001",
        &lines,
        "wallet",
        &[("points", "30000")],
    )
    .await;
    // 2 % of 1 200 ₽ earned on receipt: 24 points.
    assert_eq!(points_of(&app, user).await, 50_000 - 30_000 + 2_400);

    // The form offers both lines until 7 days after receipt.
    let f = app.api_json(&format!("returns/form?order={order}")).await;
    let offered = f["lines"].as_array().unwrap();
    assert_eq!(offered.len(), 2);
    assert_eq!(offered[0]["until"].as_i64(), Some(app.deps().now + 7 * DAY));
    let line_b = offered.iter().find(|l| l["product"] == b).unwrap()["id"]
        .as_i64()
        .unwrap();
    assert_eq!(f["card"], false);

    // b goes back as faulty, with a comment and a photo.
    let r = ask(
        &app,
        order,
        &[line_b],
        "defect",
        &[png(2400, 1200)],
        &[("comment", "Не включается")],
    )
    .await;
    assert_eq!(r.status(), 200);
    let id = r.json::<i64>().await.unwrap();
    let rs = app
        .api_json(&format!("returns/of-order?order={order}"))
        .await;
    assert_eq!(rs["can_return"], true, "a is still returnable");
    let ret = &rs["returns"][0];
    assert_eq!(
        (ret["status"].as_str(), ret["reason"].as_str()),
        (Some("created"), Some("defect"))
    );
    assert_eq!(ret["comment"], "Не включается");
    assert_eq!(ret["lines"][0]["product"].as_i64(), Some(b));
    let code = ret["code"].as_str().unwrap().to_string();
    assert_eq!(code.len(), 10);
    let photo = ret["photos"][0].as_i64().unwrap();

    // The photo is a JPEG no wider than 1 600 px, for its shopper only.
    let r = app.get(&format!("/returns/photo/{photo}")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert!(
        r.headers()["cache-control"]
            .to_str()
            .unwrap()
            .starts_with("private")
    );
    let img = image::load_from_memory(&r.bytes().await.unwrap()).unwrap();
    assert_eq!((img.width(), img.height()), (1600, 800));
    assert_eq!(
        app.get(&format!("/returns/photo/{photo}/thumb"))
            .await
            .status(),
        200
    );
    let stranger = app.new_browser();
    stranger.sign_in("+79161150142").await;
    assert_eq!(
        stranger
            .get(&format!("/returns/photo/{photo}"))
            .await
            .status(),
        404
    );
    assert_eq!(
        app.new_browser()
            .get(&format!("/returns/photo/{photo}"))
            .await
            .status(),
        404
    );
    // Another shopper sees nothing of the order.
    assert_eq!(
        stranger
            .get(&format!("/api/returns/of-order?order={order}"))
            .await
            .status(),
        404
    );

    // b cannot be asked back twice.
    let r = ask(&app, order, &[line_b], "defect", &[], &[]).await;
    assert_eq!(
        error_of(r).await,
        (400, invalid(Field::Selected, Problem::NotReturnable))
    );

    // Only an operator finds it by its code; a shopper is refused.
    let r = stranger
        .get(&format!("/api/pickup/return?code={code}"))
        .await;
    assert_eq!(r.status(), 403);
    let spaced = format!("{} {}", &code[..5], &code[5..]);
    let at = operator
        .api_json(&format!("pickup/return?code={spaced}"))
        .await;
    assert_eq!(at["number"], format!("{id:08}"));
    assert_eq!(
        (at["photos"].as_i64(), at["lines"].as_array().unwrap().len()),
        (Some(1), 1)
    );
    let r = stranger
        .post_form("pickup/accept-return", &[("code", &code)])
        .await;
    assert_eq!(r.status(), 403);

    // Accepted: 800 ₽ paid 200 points and 600 ₽; 16 points earned on it go.
    let r = operator
        .post_form("pickup/accept-return", &[("code", &code)])
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(super::balance(&app, user).await, 300_000 - 90_000 + 60_000);
    assert_eq!(
        points_of(&app, user).await,
        50_000 - 30_000 + 2_400 + 20_000 - 1_600
    );
    assert_eq!(stock(&app, b).await, 3);
    let rs = app
        .api_json(&format!("returns/of-order?order={order}"))
        .await;
    let ret = &rs["returns"][0];
    assert_eq!(ret["status"], "refunded");
    assert_eq!(
        (
            ret["refund"].as_i64(),
            ret["points_back"].as_i64(),
            ret["points_taken"].as_i64()
        ),
        (Some(60_000), Some(20_000), Some(1_600))
    );
    assert!(ret["code"].is_null(), "the code is gone once it is used");
    let o = app.api_json(&format!("orders/get?id={order}")).await;
    assert_eq!(
        (o["refunded"].as_i64(), o["refunded_points"].as_i64()),
        (Some(60_000), Some(20_000))
    );
    // The receipts list the refund.
    assert!(
        o["receipts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["refund"] == true && r["amount"] == 60_000)
    );

    // Once only.
    let r = operator
        .post_form("pickup/accept-return", &[("code", &code)])
        .await;
    assert_eq!(r.status(), 404);
    assert_eq!(
        app.one_i64(
            "SELECT COUNT(*) FROM notices WHERE user_id = $1 AND topic = 'return'",
            &[user]
        )
        .await,
        2
    );
    // a alone is left to return.
    let f = app.api_json(&format!("returns/form?order={order}")).await;
    assert_eq!(f["lines"].as_array().unwrap().len(), 1);
    check(&app).await;
}

#[tokio::test]
async fn a_withdrawn_return_frees_its_lines_and_an_open_one_holds_up_deleting_the_account() {
    // Paid on receipt at the point; the return's money goes to the wallet.
    let OneReturn {
        app,
        operator,
        user,
        product: a,
        order,
        line,
        id,
    } = one_return(("+79161150169", "+79161150161"), "checkout-r003").await;
    let (_, e) = app.start_deletion().await;
    assert_eq!(
        e,
        AppError::Blocked {
            reasons: vec![app::shared::error::Blocker::ReturnInProgress]
        }
    );

    // Withdrawn (by a plain form, back to the order), the line can be asked again.
    let r = app
        .post_form_as_page(
            "returns/cancel",
            &format!("{}/orders/{order}", app.address),
            &[("id", &id.to_string())],
        )
        .await;
    assert_eq!(r.status(), 302);
    assert_eq!(r.headers()["location"], format!("/orders/{order}"));
    let rs = app
        .api_json(&format!("returns/of-order?order={order}"))
        .await;
    assert_eq!(rs["returns"][0]["status"], "cancelled");
    assert_eq!(rs["can_return"], true);
    let r = app
        .post_form("returns/cancel", &[("id", &id.to_string())])
        .await;
    assert_eq!(
        error_of(r).await,
        (400, invalid(Field::Request, Problem::Refused))
    );
    // Another shopper cannot withdraw one.
    let stranger = app.new_browser();
    stranger.sign_in("+79161150162").await;
    let r = stranger
        .post_form("returns/cancel", &[("id", &id.to_string())])
        .await;
    assert_eq!(r.status(), 404);

    let id = ask(&app, order, &[line], "not_fit", &[], &[])
        .await
        .json::<i64>()
        .await
        .unwrap();
    let code = app
        .one_text(&format!("SELECT code FROM returns WHERE id = {id}"))
        .await;
    // Accepted by a plain form: back to the screen with the number.
    let r = operator
        .post_form_as_page(
            "pickup/accept-return",
            &format!("{}/pickup", app.address),
            &[("code", &code)],
        )
        .await;
    assert_eq!(r.status(), 302);
    assert_eq!(r.headers()["location"], format!("/pickup?returned={id:08}"));
    assert_eq!(super::balance(&app, user).await, 120_000);
    assert_eq!(stock(&app, a).await, 3);
    check(&app).await;
}

#[tokio::test]
async fn a_card_order_s_return_goes_back_to_the_card_when_the_shopper_chooses_it() {
    let app = TestApp::spawn_with(0).await;
    let point = pickup_point(&app).await;
    let operator = staff(&app, "+79161150179", Role::Operator, point).await;
    app.sign_in("+79161150171").await;
    let a = product(&app, 1, 50_000, 3).await;
    let o: serde_json::Value = place_with(
        &app,
        "checkout-r004",
        &format!("{a}:2:50000"),
        point,
        "card",
        &[],
    )
    .await
    .json()
    .await
    .unwrap();
    let order = o["id"].as_i64().unwrap();
    super::card::pay(
        &app,
        o["payment_url"].as_str().unwrap(),
        server::payments::standin::PAID,
    )
    .await;
    app.clock.advance_ms(2 * DAY);
    run_logistics(&app.deps()).await.unwrap();
    let code = o["pickup_code"].as_str().unwrap();
    let r = operator
        .post_form("pickup/hand-over", &[("code", code)])
        .await;
    assert_eq!(r.status(), 200);

    let f = app.api_json(&format!("returns/form?order={order}")).await;
    assert_eq!(f["card"], true);
    let line = f["lines"][0]["id"].as_i64().unwrap();
    let id = ask(
        &app,
        order,
        &[line],
        "changed_mind",
        &[],
        &[("refund_to", "card")],
    )
    .await
    .json::<i64>()
    .await
    .unwrap();
    let code = app
        .one_text(&format!("SELECT code FROM returns WHERE id = {id}"))
        .await;
    let r = operator
        .post_form("pickup/accept-return", &[("code", &code)])
        .await;
    assert_eq!(r.status(), 200);
    // The whole line (two pieces, 1 000 ₽) back to the card through the provider.
    assert_eq!(super::card::refunds(&app, order).await, (100_000, 0));
    let rs = app
        .api_json(&format!("returns/of-order?order={order}"))
        .await;
    assert_eq!(
        (
            rs["returns"][0]["refund_to"].as_str(),
            rs["returns"][0]["refund"].as_i64()
        ),
        (Some("card"), Some(100_000))
    );
    check(&app).await;
}
