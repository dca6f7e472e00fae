//! Steps the returns tests share: asking for a return through its multipart
//! form, and a shopper with one received line and a return of it.

use super::{pickup_point, product, received, staff};
use crate::helpers::{Browser, TestApp};
use app::staff::Role;

/// Asks for a return of `items` of `order` as the form posts it.
pub async fn ask(
    b: &Browser,
    order: i64,
    items: &[i64],
    reason: &str,
    photos: &[Vec<u8>],
    more: &[(&str, &str)],
) -> reqwest::Response {
    let order = order.to_string();
    let items: Vec<String> = items.iter().map(|i| i.to_string()).collect();
    let mut parts: Vec<(&str, Option<&str>, &[u8])> = vec![("order", None, order.as_bytes())];
    for i in &items {
        parts.push(("item", None, i.as_bytes()));
    }
    parts.push(("reason", None, reason.as_bytes()));
    for (k, v) in more {
        parts.push((k, None, v.as_bytes()));
    }
    for p in photos {
        parts.push(("photo", Some("photo.png"), p));
    }
    b.post_multipart("returns/create", &parts, None).await
}

/// A shopper with one order of one line (paid on receipt, received at a point)
/// and a return of it asked for, "not fit", no photos.
pub struct OneReturn {
    pub app: TestApp,
    pub operator: Browser,
    pub user: i64,
    pub product: i64,
    pub order: i64,
    pub line: i64,
    /// The return's id.
    pub id: i64,
}

/// `OneReturn` with the point's operator and the shopper signed in by these
/// phones, the order placed with checkout key `key`.
pub async fn one_return((operator, shopper): (&str, &str), key: &str) -> OneReturn {
    let app = TestApp::spawn_with(0).await;
    let point = pickup_point(&app).await;
    let operator = staff(&app, operator, Role::Operator, point).await;
    app.sign_in(shopper).await;
    let user = app.me().await["id"].as_i64().unwrap();
    let product = product(&app, 1, 120_000, 3).await;
    let order = received(
        &app,
        &app,
        (point, &operator),
        key,
        &format!("{product}:1:120000"),
        "on_receipt",
        &[],
    )
    .await;
    let f = app.api_json(&format!("returns/form?order={order}")).await;
    let line = f["lines"][0]["id"].as_i64().unwrap();
    let id = ask(&app, order, &[line], "not_fit", &[], &[])
        .await
        .json::<i64>()
        .await
        .unwrap();
    OneReturn {
        app,
        operator,
        user,
        product,
        order,
        line,
        id,
    }
}
