//! Reviews after they are written: a text with contact details or a link waits for
//! a support agent, who publishes it or rejects it with a reason its author is
//! told; the author changes a review (checked again) or deletes it; the product's
//! rating counts published reviews only, exactly, at every step; only agents see
//! and decide the held ones.

use super::reviews::{rating, write};
use super::{invalid, pickup_point, product, received_one, staff};
use crate::helpers::{Browser, Field, Problem, TestApp, error_of};
use app::staff::Role;

async fn decide(b: &Browser, review: i64, publish: bool, reason: &str) -> reqwest::Response {
    let id = review.to_string();
    let publish = if publish { "1" } else { "0" };
    b.post_form(
        "reviews/decide",
        &[("review", &id), ("publish", publish), ("reason", reason)],
    )
    .await
}

async fn edit(b: &Browser, order: i64, item: i64, stars: &str, text: &str) -> reqwest::Response {
    let (o, i) = (order.to_string(), item.to_string());
    b.post_form(
        "reviews/edit",
        &[
            ("order", &o),
            ("item", &i),
            ("rating", stars),
            ("text", text),
        ],
    )
    .await
}

async fn form(b: &Browser, order: i64, item: i64) -> serde_json::Value {
    b.api_json(&format!("reviews/form?order={order}&item={item}"))
        .await
}

async fn shown(app: &TestApp, product: i64) -> i64 {
    app.new_browser()
        .api_json(&format!("reviews?product={product}"))
        .await["total"]
        .as_i64()
        .unwrap()
}

async fn notices(b: &Browser) -> Vec<String> {
    b.api_json("inbox/notices").await["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_held_review_is_published_or_rejected_by_an_agent_and_its_author_changes_or_deletes_it() {
    let app = TestApp::spawn_with(0).await;
    let point = pickup_point(&app).await;
    let operator = staff(&app, "+79161150299", Role::Operator, point).await;
    let agent = staff(&app, "+79161150298", Role::Support, 0).await;
    app.sign_in("+79161150291").await;
    let a = product(&app, 1, 40_000, 5).await;
    // Seeded with 2 ratings averaging 4.50, as the demo's products are.
    sqlx::query(
        "UPDATE products SET rating = 450, rating_count = 2, rating_total = 900 WHERE id = $1",
    )
    .bind(a)
    .execute(&app.db.pool)
    .await
    .unwrap();
    let (order, line) =
        received_one(&app, &app, (point, &operator), "checkout-m001", (a, 40_000)).await;

    // A link: written, but held. Not on the page, not in the rating.
    let r = write(&app, order, line, "5", "Дешевле на shop-x.ru, пишите", &[]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(rating(&app, a).await, (450, 2, 900));
    assert_eq!(shown(&app, a).await, 0);
    let f = form(&app, order, line).await;
    assert_eq!(f["existing"]["status"], "held");
    let to_write = app
        .api_json(&format!("reviews/to-write?order={order}"))
        .await;
    assert_eq!(to_write[0]["reviewed"], true);
    let (o, i) = (order.to_string(), line.to_string());

    // Only an agent sees the queue; a guest gets nothing.
    let queue = agent.api_json("reviews/held").await;
    let held = queue.as_array().unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0]["body"], "Дешевле на shop-x.ru, пишите");
    let review = held[0]["id"].as_i64().unwrap();
    assert_eq!(
        app.new_browser().api_json("reviews/held").await,
        serde_json::Value::Null
    );

    // Rejecting needs a reason, not too long, one line.
    for (reason, want) in [
        ("", Problem::Required),
        ("  ", Problem::Required),
        (&*"ы".repeat(501), Problem::TooLong),
        ("a\u{7}b", Problem::BadCharacters),
    ] {
        assert_eq!(
            error_of(decide(&agent, review, false, reason).await).await,
            (400, invalid(Field::Reason, want)),
            "{reason:?}"
        );
    }
    assert_eq!(form(&app, order, line).await["existing"]["status"], "held");
    let r = decide(&agent, review, false, "ссылки на другие магазины").await;
    assert_eq!(r.status(), 200);
    // Decided once: a second decision is refused, the rating untouched.
    assert_eq!(
        error_of(decide(&agent, review, true, "").await).await,
        (400, invalid(Field::Selected, Problem::AlreadyUsed))
    );
    assert_eq!(rating(&app, a).await, (450, 2, 900));
    let f = form(&app, order, line).await;
    assert_eq!(
        (
            f["existing"]["status"].as_str(),
            f["existing"]["reason"].as_str()
        ),
        (Some("rejected"), Some("ссылки на другие магазины"))
    );
    assert!(
        notices(&app)
            .await
            .iter()
            .any(|n| n.contains("не опубликован: ссылки на другие магазины")),
        "the author is told why"
    );

    // The author fixes it: published at once, counted, shown, marked changed.
    assert_eq!(
        edit(&app, order, line, "4", "Хороший товар").await.status(),
        200
    );
    // 9.00 + 4 over 3 = 4.33.
    assert_eq!(rating(&app, a).await, (433, 3, 1_300));
    assert_eq!(shown(&app, a).await, 1);
    let f = form(&app, order, line).await;
    assert_eq!(
        (
            f["existing"]["status"].as_str(),
            f["existing"]["edited"].as_bool()
        ),
        (Some("published"), Some(true))
    );
    // Fewer stars: the rating follows exactly (9.00 + 2 over 3 = 3.67).
    assert_eq!(edit(&app, order, line, "2", "Так себе").await.status(), 200);
    assert_eq!(rating(&app, a).await, (367, 3, 1_100));
    // A phone number in a change: off the page and out of the rating until checked.
    assert_eq!(
        edit(&app, order, line, "2", "Звоните +7 916 123-45-67")
            .await
            .status(),
        200
    );
    assert_eq!(rating(&app, a).await, (450, 2, 900));
    assert_eq!(shown(&app, a).await, 0);
    // Bad input to a change: refused with its reason, nothing changed.
    for (stars, text, want) in [
        ("0", "Ок", invalid(Field::Rating, Problem::OutOfRange)),
        ("", "Ок", invalid(Field::Rating, Problem::Required)),
        (
            "3",
            &*"ы".repeat(2_001),
            invalid(Field::Comment, Problem::TooLong),
        ),
    ] {
        assert_eq!(
            error_of(edit(&app, order, line, stars, text).await).await,
            (400, want)
        );
    }
    assert_eq!(
        form(&app, order, line).await["existing"]["body"],
        "Звоните +7 916 123-45-67"
    );
    // The agent publishes it: counted again, and the author told.
    assert_eq!(decide(&agent, review, true, "").await.status(), 200);
    assert_eq!(rating(&app, a).await, (367, 3, 1_100));
    assert_eq!(shown(&app, a).await, 1);
    assert!(
        notices(&app)
            .await
            .iter()
            .any(|n| n.contains("опубликован."))
    );

    // Nobody else changes or deletes it.
    let other = app.new_browser();
    other.sign_in("+79161150292").await;
    assert_eq!(edit(&other, order, line, "1", "").await.status(), 404);
    assert_eq!(
        other
            .post_form("reviews/delete", &[("order", &o), ("item", &i)])
            .await
            .status(),
        404
    );
    assert_eq!(
        edit(&app.new_browser(), order, line, "1", "")
            .await
            .status(),
        401
    );
    assert_eq!(rating(&app, a).await, (367, 3, 1_100));

    // The author deletes it: gone from the page and the rating; the line can be
    // reviewed again.
    let r = app
        .post_form("reviews/delete", &[("order", &o), ("item", &i)])
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(rating(&app, a).await, (450, 2, 900));
    assert_eq!(shown(&app, a).await, 0);
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM reviews WHERE id > $1", &[0])
            .await,
        0
    );
    assert_eq!(
        form(&app, order, line).await["existing"],
        serde_json::Value::Null
    );
    assert_eq!(
        write(&app, order, line, "5", "Отлично", &[]).await.status(),
        200
    );
    assert_eq!(rating(&app, a).await, (467, 3, 1_400));
}

/// Who may see and decide held reviews: agents only.
#[tokio::test]
async fn only_an_agent_sees_or_decides_held_reviews() {
    let app = TestApp::spawn_with(0).await;
    let point = pickup_point(&app).await;
    let operator = staff(&app, "+79161150289", Role::Operator, point).await;
    let seller = staff(&app, "+79161150288", Role::SellerStaff, 1).await;
    let agent = staff(&app, "+79161150287", Role::Support, 0).await;
    app.sign_in("+79161150281").await;
    let a = product(&app, 1, 40_000, 5).await;
    let (order, line) =
        received_one(&app, &app, (point, &operator), "checkout-m002", (a, 40_000)).await;
    assert_eq!(
        write(&app, order, line, "5", "почта ivan@example.com", &[])
            .await
            .status(),
        200
    );
    let review = agent.api_json("reviews/held").await[0]["id"]
        .as_i64()
        .unwrap();
    let guest = app.new_browser();
    for (who, b) in [
        ("the author", &*app),
        ("seller staff", &seller),
        ("an operator", &operator),
    ] {
        assert_eq!(b.get("/api/reviews/held").await.status(), 403, "{who}");
        assert_eq!(decide(b, review, true, "").await.status(), 403, "{who}");
    }
    assert_eq!(guest.get("/api/reviews/held").await.status(), 200);
    assert_eq!(decide(&guest, review, true, "").await.status(), 401);
    assert_eq!(decide(&agent, review + 1000, true, "").await.status(), 404);
    assert_eq!(
        app.one_i64(
            "SELECT COUNT(*) FROM reviews WHERE status = 'held' AND id = $1",
            &[review]
        )
        .await,
        1
    );
    assert_eq!(decide(&agent, review, true, "").await.status(), 200);
}
