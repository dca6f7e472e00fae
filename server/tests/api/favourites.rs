//! Favourites: kept and let go from the product page's plain form, listed newest
//! first on the shopper's page, shown on the product page to that shopper only,
//! refused to a guest (sent to sign in) and erased with the account.

use crate::helpers::TestApp;
use crate::orders::product;

async fn set(b: &crate::helpers::Browser, product: i64, on: &str) -> reqwest::Response {
    b.post_form(
        "favourites/set",
        &[("product", &product.to_string()), ("on", on)],
    )
    .await
}

fn ids(list: &serde_json::Value) -> Vec<i64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_shopper_keeps_products_and_only_they_see_it() {
    let app = TestApp::spawn_with(0).await;
    let (a, b) = (
        product(&app, 1, 50_000, 3).await,
        product(&app, 2, 19_900, 0).await,
    );
    app.sign_in("+79161150091").await;

    // Kept twice is kept once; newest first.
    assert_eq!(set(&app, a, "1").await.status(), 200);
    app.clock.advance_ms(1_000);
    assert_eq!(set(&app, b, "1").await.status(), 200);
    assert_eq!(set(&app, b, "1").await.status(), 200);
    assert_eq!(ids(&app.api_json("favourites").await), vec![b, a]);
    let p = app.api_json(&format!("catalog/product?key=x-{a}")).await;
    assert_eq!(p["favourite"], true);

    // Another shopper and a guest see nothing of it.
    let other = app.new_browser();
    other.sign_in("+79161150092").await;
    assert!(ids(&other.api_json("favourites").await).is_empty());
    let p = other.api_json(&format!("catalog/product?key=x-{a}")).await;
    assert_eq!(p["favourite"], false);
    let guest = app.new_browser();
    assert_eq!(guest.api_json("favourites").await, serde_json::Value::Null);
    let p = guest.api_json(&format!("catalog/product?key=x-{a}")).await;
    assert_eq!(p["favourite"], serde_json::Value::Null);
    // A guest keeps nothing (a plain form is sent to sign in).
    let r = set(&guest, a, "1").await;
    assert_eq!(r.status(), 200);
    assert!(!r.json::<bool>().await.unwrap());

    // Bad input is named; an unknown product is not found.
    assert_eq!(set(&app, a, "yes").await.status(), 400);
    assert_eq!(set(&app, 999_999, "1").await.status(), 404);
    assert_eq!(
        app.post_form("favourites/set", &[("product", "x"), ("on", "1")])
            .await
            .status(),
        400
    );

    // Let go.
    assert_eq!(set(&app, b, "0").await.status(), 200);
    assert_eq!(ids(&app.api_json("favourites").await), vec![a]);
    let p = app.api_json(&format!("catalog/product?key=x-{b}")).await;
    assert_eq!(p["favourite"], false);
}

#[tokio::test]
async fn a_plain_form_goes_back_to_the_page_it_came_from() {
    let app = TestApp::spawn_with(0).await;
    let a = product(&app, 1, 50_000, 3).await;
    app.sign_in("+79161150093").await;
    let r = app
        .post_form_as_page(
            "favourites/set",
            "/account/favourites",
            &[
                ("product", &a.to_string()),
                ("on", "1"),
                ("back", "favourites"),
            ],
        )
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(r.headers()["location"], "/account/favourites");
    let guest = app.new_browser();
    let r = guest
        .post_form_as_page(
            "favourites/set",
            "/product/x",
            &[("product", &a.to_string()), ("on", "1")],
        )
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(
        r.headers()["location"],
        format!("/signin?next=%2Fproduct%2F{a}")
    );
}
