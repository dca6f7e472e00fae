//! Returns online, who may do what: the authorisation matrix of every return
//! function.

use super::return_steps::ask;
use super::returns::returns;
use super::{invalid, pickup_point, png, product, received, staff};
use crate::helpers::{Browser, Field, Problem, TestApp, error_of};
use app::staff::Role;

/// Who may call which return function: a guest, the owner, another shopper, a
/// seller's staff and an operator. Nobody sees or changes another's return.
#[tokio::test]
async fn every_return_function_answers_only_whom_it_should() {
    let app = TestApp::spawn_with(0).await;
    let point = pickup_point(&app).await;
    let operator = staff(&app, "+79161150189", Role::Operator, point).await;
    let seller = staff(&app, "+79161150188", Role::SellerStaff, 1).await;
    let owner = app.new_browser();
    owner.sign_in("+79161150181").await;
    let other = app.new_browser();
    other.sign_in("+79161150182").await;
    let guest = app.new_browser();
    let a = product(&app, 1, 50_000, 3).await;
    let order = received(
        &app,
        &owner,
        (point, &operator),
        "checkout-r005",
        &format!("{a}:1:50000"),
        "on_receipt",
        &[],
    )
    .await;
    let line = app
        .one_i64(
            "SELECT MIN(id) FROM order_items WHERE order_id = $1",
            &[order],
        )
        .await;
    let who: [(&str, &Browser); 5] = [
        ("guest", &guest),
        ("owner", &owner),
        ("other", &other),
        ("seller", &seller),
        ("operator", &operator),
    ];
    let check_all = |path: String, want: [u16; 5]| async move {
        for ((name, b), want) in who.iter().zip(want) {
            assert_eq!(b.get(&path).await.status(), want, "{name} GET {path}");
        }
    };
    check_all(
        format!("/api/returns/form?order={order}"),
        [200, 200, 404, 404, 404],
    )
    .await;
    check_all(
        format!("/api/returns/of-order?order={order}"),
        [200, 200, 404, 404, 404],
    )
    .await;
    assert_eq!(
        guest.api_json(&format!("returns/form?order={order}")).await,
        serde_json::Value::Null
    );
    // Asking for a return: only the owner's goes through.
    for ((name, b), want) in who.iter().zip([401, 0, 404, 404, 404]) {
        if *name != "owner" {
            let r = ask(b, order, &[line], "defect", &[png(4, 4)], &[]).await;
            assert_eq!(r.status(), want, "{name} asks");
        }
    }
    assert_eq!(returns(&app).await, 0);
    let id = ask(&owner, order, &[line], "defect", &[png(4, 4)], &[])
        .await
        .json::<i64>()
        .await
        .unwrap();
    let code = app
        .one_text(&format!("SELECT code FROM returns WHERE id = {id}"))
        .await;
    let photo = app
        .one_i64("SELECT id FROM return_photos WHERE return_id = $1", &[id])
        .await;
    check_all(
        format!("/api/pickup/return?code={code}"),
        [401, 403, 403, 403, 200],
    )
    .await;
    check_all(format!("/returns/photo/{photo}"), [404, 200, 404, 404, 404]).await;
    check_all(
        format!("/returns/photo/{photo}/thumb"),
        [404, 200, 404, 404, 404],
    )
    .await;
    let idf = id.to_string();
    for ((name, b), want) in who.iter().zip([401, 0, 404, 404, 404]) {
        if *name != "owner" {
            let r = b.post_form("returns/cancel", &[("id", &idf)]).await;
            assert_eq!(r.status(), want, "{name} cancels");
        }
    }
    for ((name, b), want) in who.iter().zip([401, 403, 403, 403, 200]) {
        let r = b
            .post_form("pickup/accept-return", &[("code", &code)])
            .await;
        assert_eq!(r.status(), want, "{name} accepts");
    }
    // Accepted once; the owner can no longer withdraw it.
    let r = owner.post_form("returns/cancel", &[("id", &idf)]).await;
    assert_eq!(
        error_of(r).await,
        (400, invalid(Field::Request, Problem::Refused))
    );
    assert_eq!(
        super::balance(
            &app,
            app.one_i64("SELECT user_id FROM returns WHERE id = $1", &[id])
                .await
        )
        .await,
        50_000
    );
}
