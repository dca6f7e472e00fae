//! Reviews: a shopper who received a line rates it once, with text and a photo;
//! the product's rating moves exactly; the product page lists the reviews in the
//! order asked, escaped; bad input is refused with its reason and nothing written;
//! nobody reviews what they did not receive.

use super::{invalid, pickup_point, place_with, png, product, received, received_one, staff};
use crate::helpers::{Browser, Field, Problem, TestApp, error_of};
use app::staff::Role;

pub(super) async fn write(
    b: &Browser,
    order: i64,
    item: i64,
    rating: &str,
    text: &str,
    photos: &[Vec<u8>],
) -> reqwest::Response {
    let (o, i) = (order.to_string(), item.to_string());
    let mut parts: Vec<(&str, Option<&str>, &[u8])> = vec![
        ("order", None, o.as_bytes()),
        ("item", None, i.as_bytes()),
        ("rating", None, rating.as_bytes()),
        ("text", None, text.as_bytes()),
    ];
    for p in photos {
        parts.push(("photo", Some("p.png"), p));
    }
    b.post_multipart("reviews/create", &parts, None).await
}

pub(super) async fn rating(app: &TestApp, product: i64) -> (i64, i64, i64) {
    (
        app.one_i64("SELECT rating FROM products WHERE id = $1", &[product])
            .await,
        app.one_i64(
            "SELECT rating_count FROM products WHERE id = $1",
            &[product],
        )
        .await,
        app.one_i64(
            "SELECT rating_total FROM products WHERE id = $1",
            &[product],
        )
        .await,
    )
}

#[tokio::test]
async fn a_received_line_is_reviewed_once_and_the_product_s_rating_moves_exactly() {
    let app = TestApp::spawn_with(0).await;
    let point = pickup_point(&app).await;
    let operator = staff(&app, "+79161150199", Role::Operator, point).await;
    app.sign_in("+79161150191").await;
    let user = app.me().await["id"].as_i64().unwrap();
    sqlx::query("UPDATE users SET first_name = 'Мария', last_name = 'Иванова' WHERE id = $1")
        .bind(user)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let (a, b) = (
        product(&app, 1, 40_000, 5).await,
        product(&app, 2, 20_000, 5).await,
    );
    // a came with 2 ratings averaging 4.50 (as the seed's products do).
    sqlx::query(
        "UPDATE products SET rating = 450, rating_count = 2, rating_total = 900 WHERE id = $1",
    )
    .bind(a)
    .execute(&app.db.pool)
    .await
    .unwrap();
    // Not received yet: nothing to review, and the form is not found.
    let r = place_with(
        &app,
        "checkout-v000",
        &format!("{a}:1:40000"),
        point,
        "on_receipt",
        &[],
    )
    .await;
    let waiting: serde_json::Value = r.json().await.unwrap();
    let waiting_id = waiting["id"].as_i64().unwrap();
    let waiting_line = app
        .one_i64(
            "SELECT id FROM order_items WHERE order_id = $1",
            &[waiting_id],
        )
        .await;
    assert_eq!(
        app.get(&format!(
            "/api/reviews/form?order={waiting_id}&item={waiting_line}"
        ))
        .await
        .status(),
        404
    );

    let order = received(
        &app,
        &app,
        (point, &operator),
        "checkout-v001",
        &format!("{a}:1:40000,{b}:1:20000"),
        "on_receipt",
        &[],
    )
    .await;
    let todo = app
        .api_json(&format!("reviews/to-write?order={order}"))
        .await;
    assert_eq!(todo.as_array().unwrap().len(), 2);
    let line_a = todo
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["product"] == a)
        .unwrap()["item"]
        .as_i64()
        .unwrap();
    let f = app
        .api_json(&format!("reviews/form?order={order}&item={line_a}"))
        .await;
    assert_eq!(f["line"]["product"].as_i64(), Some(a));

    // Bad input: refused with its reason, nothing written, the rating as it was.
    let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec();
    let long = "ы".repeat(2_001);
    let cases: Vec<(&str, &str, Vec<Vec<u8>>, crate::helpers::AppError)> = vec![
        ("", "", vec![], invalid(Field::Rating, Problem::Required)),
        ("6", "", vec![], invalid(Field::Rating, Problem::OutOfRange)),
        (
            "4.5",
            "",
            vec![],
            invalid(Field::Rating, Problem::OutOfRange),
        ),
        (
            "5",
            &long,
            vec![],
            invalid(Field::Comment, Problem::TooLong),
        ),
        (
            "5",
            "",
            vec![gif],
            invalid(Field::Photo, Problem::NotAnImage),
        ),
        (
            "5",
            "",
            vec![png(4, 4); 4],
            invalid(Field::Photo, Problem::TooMany),
        ),
    ];
    for (stars, text, photos, want) in cases {
        let r = write(&app, order, line_a, stars, text, &photos).await;
        assert_eq!(error_of(r).await, (400, want), "{stars} {}", text.len());
    }
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM reviews WHERE id > $1", &[0])
            .await,
        0
    );
    assert_eq!(rating(&app, a).await, (450, 2, 900));
    // Another shopper, a guest: not theirs.
    let other = app.new_browser();
    other.sign_in("+79161150192").await;
    assert_eq!(
        write(&other, order, line_a, "1", "", &[]).await.status(),
        404
    );
    assert_eq!(
        write(&app.new_browser(), order, line_a, "1", "", &[])
            .await
            .status(),
        401
    );
    assert_eq!(
        other
            .get(&format!("/api/reviews/form?order={order}&item={line_a}"))
            .await
            .status(),
        404
    );
    // A line of another order in this order's name: not found.
    assert_eq!(
        write(&app, order, waiting_line, "1", "", &[])
            .await
            .status(),
        404
    );

    // Five stars, with text a browser must not run and a photo.
    let r = write(
        &app,
        order,
        line_a,
        "5",
        "Отлично! <script>alert(1)</script>",
        &[png(800, 600)],
    )
    .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<i64>().await.unwrap(), a);
    // 4.50 over 2, then a 5: 14.00 over 3 = 4.67.
    assert_eq!(rating(&app, a).await, (467, 3, 1_400));
    let again = write(&app, order, line_a, "1", "", &[]).await;
    assert_eq!(
        error_of(again).await,
        (400, invalid(Field::Selected, Problem::AlreadyUsed))
    );
    assert_eq!(rating(&app, a).await, (467, 3, 1_400));
    let todo = app
        .api_json(&format!("reviews/to-write?order={order}"))
        .await;
    let left: Vec<&serde_json::Value> = todo
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["reviewed"] == false)
        .collect();
    assert_eq!(left.len(), 1, "b is left to review");

    let page = app
        .new_browser()
        .api_json(&format!("reviews?product={a}"))
        .await;
    assert_eq!(
        (page["total"].as_i64(), page["by_stars"][4].as_i64()),
        (Some(1), Some(1))
    );
    let rv = &page["reviews"][0];
    assert_eq!(
        (rv["rating"].as_i64(), rv["author"].as_str()),
        (Some(5), Some("Мария И."))
    );
    let photo = rv["photos"][0].as_i64().unwrap();
    let r = app
        .new_browser()
        .get(&format!("/reviews/photo/{photo}/thumb"))
        .await;
    assert_eq!(
        (
            r.status().as_u16(),
            r.headers()["content-type"].to_str().unwrap()
        ),
        (200, "image/jpeg")
    );
    // The product page shows it, escaped.
    let (status, html) = app.new_browser().get_html(&format!("/product/{a}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Отлично! &lt;script&gt;alert(1)&lt;/script&gt;"),
        "escaped"
    );
    assert!(!html.contains("<script>alert(1)"));

    // A second order of a, rated 2: the list orders by date or by stars.
    let (order2, line2) =
        received_one(&app, &app, (point, &operator), "checkout-v002", (a, 40_000)).await;
    assert_eq!(
        write(&app, order2, line2, "2", "Не понравилось", &[])
            .await
            .status(),
        200
    );
    assert_eq!(rating(&app, a).await, (400, 4, 1_600));
    let firsts = |p: serde_json::Value| -> Vec<i64> {
        p["reviews"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["rating"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(
        firsts(app.api_json(&format!("reviews?product={a}")).await),
        [2, 5]
    );
    assert_eq!(
        firsts(
            app.api_json(&format!("reviews?product={a}&sort=best"))
                .await
        ),
        [5, 2]
    );
    assert_eq!(
        firsts(
            app.api_json(&format!("reviews?product={a}&sort=worst"))
                .await
        ),
        [2, 5]
    );
    assert_eq!(
        firsts(app.api_json(&format!("reviews?product={b}")).await),
        Vec::<i64>::new()
    );

    // A plain form goes to the product's reviews.
    let (o, i) = (
        order.to_string(),
        left[0]["item"].as_i64().unwrap().to_string(),
    );
    let r = app
        .post_multipart(
            "reviews/create",
            &[
                ("order", None, o.as_bytes()),
                ("item", None, i.as_bytes()),
                ("rating", None, b"4"),
            ],
            Some(&format!("{}/orders/{order}/review/{i}", app.address)),
        )
        .await;
    assert_eq!(r.status(), 302);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("?reviewed=1#reviews")
    );
}
