//! Returns online, bad input: a wrong category, a period passed, lines not received
//! or already asked back, bad photos and reasons are refused with their reason and
//! nothing is written.

use super::return_steps::ask;
use super::returns::returns;
use super::{invalid, pickup_point, png, product, received, staff};
use crate::helpers::{AppError, Field, Problem, TestApp, error_of};
use app::staff::Role;

const DAY: i64 = 86_400_000;

#[tokio::test]
async fn bad_input_the_category_and_the_period_are_refused_with_a_reason_and_nothing_written() {
    let app = TestApp::spawn_with(0).await;
    let point = pickup_point(&app).await;
    let operator = staff(&app, "+79161150159", Role::Operator, point).await;
    app.sign_in("+79161150151").await;
    let user = app.me().await["id"].as_i64().unwrap();
    app.fund_wallet(user, 3_000, &format!("fund:{user}")).await;
    let (a, c) = (
        product(&app, 1, 40_000, 3).await,
        product(&app, 2, 20_000, 3).await,
    );
    // c is a toothbrush: its category cannot be returned.
    sqlx::query(
        "INSERT INTO categories (id, parent_id, slug, name_ru, name_en, position, return_days) \
         VALUES (2, NULL, 'toothbrushes', 'Зубные щётки', 'Toothbrushes', 1, 0)",
    )
    .execute(&app.db.pool)
    .await
    .unwrap();
    sqlx::query("UPDATE products SET category_id = 2, root_category_id = 2 WHERE id = $1")
        .bind(c)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let lines = format!("{a}:1:40000,{c}:1:20000");
    let order = received(
        &app,
        &app,
        (point, &operator),
        "checkout-r002",
        &lines,
        "wallet",
        &[],
    )
    .await;
    let f = app.api_json(&format!("returns/form?order={order}")).await;
    let offered = f["lines"].as_array().unwrap();
    assert_eq!(offered.len(), 1);
    let line_a = offered[0]["id"].as_i64().unwrap();
    assert_eq!(f["kept"][0]["never"], true);
    let line_c = app
        .one_i64(
            "SELECT id FROM order_items WHERE order_id = $1 AND product_id = $2",
            &[order, c],
        )
        .await;

    let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec();
    let long = "я".repeat(1_001);
    type Case<'a> = (
        Vec<i64>,
        &'a str,
        Vec<Vec<u8>>,
        Vec<(&'a str, &'a str)>,
        AppError,
    );
    let cases: Vec<Case> = vec![
        (
            vec![],
            "defect",
            vec![],
            vec![],
            invalid(Field::Selected, Problem::Required),
        ),
        (
            vec![line_c],
            "defect",
            vec![],
            vec![],
            invalid(Field::Selected, Problem::NotReturnable),
        ),
        (
            vec![999_999],
            "defect",
            vec![],
            vec![],
            invalid(Field::Selected, Problem::Unknown),
        ),
        (
            vec![line_a],
            "",
            vec![],
            vec![],
            invalid(Field::Reason, Problem::Required),
        ),
        (
            vec![line_a],
            "whim",
            vec![],
            vec![],
            invalid(Field::Reason, Problem::Unknown),
        ),
        (
            vec![line_a],
            "defect",
            vec![],
            vec![("comment", long.as_str())],
            invalid(Field::Comment, Problem::TooLong),
        ),
        (
            vec![line_a],
            "defect",
            vec![gif],
            vec![],
            invalid(Field::Photo, Problem::NotAnImage),
        ),
        (
            vec![line_a],
            "defect",
            vec![png(8, 8); 4],
            vec![],
            invalid(Field::Photo, Problem::TooMany),
        ),
        (
            vec![line_a],
            "defect",
            vec![],
            vec![("refund_to", "card")],
            invalid(Field::Request, Problem::Rejected),
        ),
    ];
    for (items, reason, photos, more, want) in cases {
        let r = ask(&app, order, &items, reason, &photos, &more).await;
        assert_eq!(error_of(r).await, (400, want));
    }
    assert_eq!(returns(&app).await, 0);
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM return_photos WHERE id > $1", &[0])
            .await,
        0
    );
    // Another shopper's order is not found.
    let stranger = app.new_browser();
    stranger.sign_in("+79161150152").await;
    let r = ask(&stranger, order, &[line_a], "defect", &[], &[]).await;
    assert_eq!(r.status(), 404);
    // A guest is asked to sign in.
    let r = ask(&app.new_browser(), order, &[line_a], "defect", &[], &[]).await;
    assert_eq!(r.status(), 401);

    // Not a multipart form, or larger than three photos: refused before it is read.
    let r = app
        .post_form("returns/create", &[("order", &order.to_string())])
        .await;
    assert_eq!(r.status(), 415);
    let r = app
        .client
        .post(app.url("/api/returns/create"))
        .header("content-type", "multipart/form-data; boundary=x")
        .header("content-length", "40000000")
        .body(vec![0u8; 16])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);

    // A plain form's error comes back to the form's page in the URL.
    let order_s = order.to_string();
    let page = format!("{}/orders/{order}/return", app.address);
    let r = app
        .post_multipart(
            "returns/create",
            &[
                ("order", None, order_s.as_bytes()),
                ("reason", None, b"defect"),
            ],
            Some(&page),
        )
        .await;
    assert_eq!(r.status(), 302);
    let to = r.headers()["location"].to_str().unwrap();
    assert!(
        to.contains(&format!("/orders/{order}/return")) && to.contains("__err="),
        "{to}"
    );

    // Eight days after receipt the period is over.
    app.clock.advance_ms(8 * DAY);
    let f = app.api_json(&format!("returns/form?order={order}")).await;
    assert_eq!(f["lines"].as_array().unwrap().len(), 0);
    assert_eq!(f["kept"].as_array().unwrap().len(), 2);
    let r = ask(&app, order, &[line_a], "defect", &[], &[]).await;
    assert_eq!(
        error_of(r).await,
        (400, invalid(Field::Selected, Problem::NotReturnable))
    );
    assert_eq!(returns(&app).await, 0);
}
