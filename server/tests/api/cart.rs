use crate::helpers::{TestApp, get_json};
use serde_json::Value;

async fn stock_of(app: &TestApp, id: i64) -> i64 {
    app.one_i64("SELECT stock FROM products WHERE id = $1", &[id])
        .await
}

/// The id of a product with at least `n` in stock.
async fn product_with_stock(app: &TestApp, n: i64) -> i64 {
    app.one_i64(
        "SELECT id FROM products WHERE stock >= $1 ORDER BY id LIMIT 1",
        &[n],
    )
    .await
}

fn line(cart: &Value, id: i64) -> Option<Value> {
    cart["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["product"]["id"] == id)
        .cloned()
}

#[tokio::test]
async fn a_guest_cart_lives_under_a_random_http_only_cookie() {
    let app = TestApp::spawn().await;
    assert_eq!(app.cart().await["units"], 0);
    let id = product_with_stock(&app, 5).await;
    let r = app
        .post_form(
            "cart/add",
            &[("product_id", &id.to_string()), ("quantity", "2")],
        )
        .await;
    assert_eq!(r.status(), 200);
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.starts_with("rynok_cart=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let token = cookie
        .trim_start_matches("rynok_cart=")
        .split(';')
        .next()
        .unwrap();
    assert_eq!(token.len(), 64);
    let stored = app.one_text("SELECT owner_key FROM carts").await;
    assert_ne!(stored, token, "only the hash is stored");
    assert_eq!(r.json::<Value>().await.unwrap(), 2);
    assert_eq!(app.cart().await["units"], 2);

    let stranger = reqwest::Client::new();
    let theirs = get_json(&stranger, &app.url("/api/cart")).await;
    assert_eq!(theirs["units"], 0, "another browser has its own cart");
}

#[tokio::test]
async fn totals_are_in_kopecks_and_count_selected_items_only() {
    let app = TestApp::spawn().await;
    let a = product_with_stock(&app, 3).await;
    let b = app
        .one_i64(
            "SELECT id FROM products WHERE stock >= 1 AND id <> $1 ORDER BY id LIMIT 1",
            &[a],
        )
        .await;
    app.post_form(
        "cart/add",
        &[("product_id", &a.to_string()), ("quantity", "3")],
    )
    .await;
    app.post_form(
        "cart/add",
        &[("product_id", &b.to_string()), ("quantity", "1")],
    )
    .await;
    let cart = app.cart().await;
    let (la, lb) = (line(&cart, a).unwrap(), line(&cart, b).unwrap());
    let pa = la["product"]["price"].as_i64().unwrap();
    let pb = lb["product"]["price"].as_i64().unwrap();
    assert_eq!(cart["totals"]["to_pay"].as_i64().unwrap(), pa * 3 + pb);
    assert_eq!(cart["totals"]["units"], 4);
    let before = cart["totals"]["before_discount"].as_i64().unwrap();
    assert_eq!(
        cart["totals"]["discount"].as_i64().unwrap(),
        before - (pa * 3 + pb)
    );

    app.post_form(
        "cart/select",
        &[("product_id", &b.to_string()), ("selected", "0")],
    )
    .await;
    let cart = app.cart().await;
    assert_eq!(cart["totals"]["to_pay"].as_i64().unwrap(), pa * 3);
    assert_eq!(
        cart["units"], 4,
        "the badge still counts everything in the cart"
    );

    app.post_form(
        "cart/quantity",
        &[("product_id", &a.to_string()), ("quantity", "1")],
    )
    .await;
    app.post_form("cart/remove", &[("product_id", &b.to_string())])
        .await;
    let cart = app.cart().await;
    assert_eq!(cart["units"], 1);
    assert!(line(&cart, b).is_none());
}

#[tokio::test]
async fn quantities_beyond_stock_or_absurd_are_refused_and_the_cart_is_unchanged() {
    let app = TestApp::spawn().await;
    let id = product_with_stock(&app, 2).await;
    let stock = stock_of(&app, id).await;
    app.post_form(
        "cart/add",
        &[("product_id", &id.to_string()), ("quantity", "1")],
    )
    .await;
    let before = app.cart().await;
    let over = (stock + 1).to_string();
    for q in [
        over.as_str(),
        "1000000000000",
        "0",
        "-1",
        "1.5",
        "abc",
        "",
        "99999999999999999999999",
    ] {
        for endpoint in ["cart/add", "cart/quantity"] {
            let r = app
                .post_form(
                    endpoint,
                    &[("product_id", &id.to_string()), ("quantity", q)],
                )
                .await;
            assert_eq!(r.status(), 400, "{endpoint} quantity {q:?}");
            let err: Value = r.json().await.unwrap();
            assert!(
                err.get("InsufficientStock").is_some() || err.get("Invalid").is_some(),
                "{err}"
            );
        }
    }
    let r = app
        .post_form(
            "cart/add",
            &[
                ("product_id", &id.to_string()),
                ("quantity", &stock.to_string()),
            ],
        )
        .await;
    let err: Value = r.json().await.unwrap();
    assert_eq!(
        err["InsufficientStock"]["available"], stock,
        "adding to what is already there is checked too"
    );
    assert_eq!(app.cart().await, before);
    for bad in ["0", "-3", "abc", "999999999"] {
        let r = app
            .post_form("cart/add", &[("product_id", bad), ("quantity", "1")])
            .await;
        assert!(r.status() == 400 || r.status() == 404, "product {bad}");
    }
    assert_eq!(app.cart().await, before);
}

#[tokio::test]
async fn a_form_post_without_javascript_goes_back_to_the_page() {
    let app = TestApp::spawn().await;
    let id = product_with_stock(&app, 1).await;
    let page = app.url("/product/x-1");
    let id = id.to_string();
    let r = app
        .post_form_as_page("cart/add", &page, &[("product_id", &id), ("quantity", "1")])
        .await;
    assert_eq!(r.status(), 302);
    assert_eq!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .trim_end_matches('?'),
        page.as_str()
    );
    let r = app
        .post_form_as_page(
            "cart/add",
            &page,
            &[("product_id", &id), ("quantity", "abc")],
        )
        .await;
    assert_eq!(r.status(), 302);
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    assert!(
        loc.contains("__err="),
        "the error travels back in the URL: {loc}"
    );
    let (_, html) = app.get_html(loc.trim_start_matches(&app.address)).await;
    assert!(
        html.contains("Количество должно быть целым числом"),
        "and the page shows it"
    );
}

#[tokio::test]
async fn the_cart_survives_a_restart() {
    let app = TestApp::spawn().await;
    let id = product_with_stock(&app, 1).await;
    app.post_form(
        "cart/add",
        &[("product_id", &id.to_string()), ("quantity", "1")],
    )
    .await;
    let cart_id = app.one_i64("SELECT id FROM carts", &[]).await;
    let items = app
        .one_i64(
            "SELECT COUNT(*) AS n FROM cart_items WHERE cart_id = $1",
            &[cart_id],
        )
        .await;
    assert_eq!(items, 1, "the cart is in the database, not in memory");
    let updated = || app.one_i64("SELECT updated_at FROM carts", &[]);
    assert_eq!(
        updated().await,
        crate::helpers::START_MS,
        "times come from the shop's clock"
    );
    app.clock.advance_ms(60_000);
    app.post_form(
        "cart/quantity",
        &[("product_id", &id.to_string()), ("quantity", "1")],
    )
    .await;
    assert_eq!(updated().await, crate::helpers::START_MS + 60_000);
}
