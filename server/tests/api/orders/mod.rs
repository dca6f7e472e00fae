//! Orders through the server: placing (`place`), cancelling with the money back
//! (`cancel`), the checkout page's data (`checkout`), and the steps they share.

mod cancel;
mod card;
mod checkout;
mod courier;
mod emails;
mod first_order;
mod logistics;
mod pickup;
mod place;
mod points;
mod price_alerts;
mod promo;
mod return_access;
mod return_expiry;
mod return_input;
mod return_steps;
mod returns;
mod review_moderation;
mod reviews;
mod seller;
mod stock_alerts;

use crate::helpers::{AppError, Browser, Field, Problem, START_MS, TestApp};
use app::orders::service::run_logistics;

const DAY: i64 = 86_400_000;
use app::wallet::ledger::model::AccountKind;
use app::wallet::ledger::service as ledger;

/// A product of seller `seller` at `price` kopecks with `stock` pieces: its id.
pub async fn product(app: &TestApp, seller: i64, price: i64, stock: i64) -> i64 {
    for sql in [
        "INSERT INTO categories (id, parent_id, slug, name_ru, name_en, position) \
         SELECT 1, NULL, 'goods', 'Товары', 'Goods', 0 WHERE NOT EXISTS (SELECT 1 FROM categories WHERE id = 1)",
        "INSERT INTO brands (id, name) SELECT 1, 'Бренд' WHERE NOT EXISTS (SELECT 1 FROM brands WHERE id = 1)",
    ] {
        sqlx::query(sql).execute(&app.db.pool).await.unwrap();
    }
    sqlx::query("INSERT INTO sellers (id, name) SELECT $1, 'Продавец' WHERE NOT EXISTS (SELECT 1 FROM sellers WHERE id = $1)")
        .bind(seller)
        .execute(&app.db.pool)
        .await
        .unwrap();
    sqlx::query_scalar(
        "INSERT INTO products (id, category_id, root_category_id, seller_id, brand_id, title, description, \
         price, stock, created_at, search_title, search_body) \
         SELECT COALESCE(MAX(id), 0) + 1, 1, 1, $1, 1, $2, '', $3, $4, 0, '', '' FROM products RETURNING id",
    )
    .bind(seller)
    .bind(format!("Товар за {price}"))
    .bind(price)
    .bind(stock)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

pub async fn pickup_point(app: &TestApp) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO pickup_points (city, address, metro, lat_e6, lon_e6, hours, storage_days, delivery_days) \
         VALUES ('Москва', 'ул. Тверская, д. 7', 'Тверская', 55757000, 37615000, 'ежедневно 09:00–21:00', 7, 1) \
         RETURNING id",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

pub async fn stock(app: &TestApp, id: i64) -> i64 {
    app.one_i64("SELECT stock FROM products WHERE id = $1", &[id])
        .await
}

pub async fn orders(app: &TestApp) -> i64 {
    app.one_i64("SELECT COUNT(*) FROM orders WHERE id > $1", &[0])
        .await
}

pub async fn balance(app: &TestApp, user: i64) -> i64 {
    let id = ledger::account(&app.db, AccountKind::Wallet, user, START_MS)
        .await
        .unwrap();
    ledger::sums(&app.db, id)
        .await
        .unwrap()
        .available()
        .kopecks()
}

pub async fn place(
    app: &crate::helpers::Browser,
    key: &str,
    lines: &str,
    point: i64,
    pay: &str,
) -> reqwest::Response {
    place_with(app, key, lines, point, pay, &[]).await
}

/// `place`, answering the order placed.
pub async fn placed(
    app: &crate::helpers::Browser,
    key: &str,
    lines: &str,
    point: i64,
    pay: &str,
) -> serde_json::Value {
    let r = place(app, key, lines, point, pay).await;
    assert_eq!(r.status(), 200, "placing {key}");
    r.json().await.unwrap()
}

/// A browser signed in with `phone`, which holds `role` over `scope`.
pub async fn staff(
    app: &TestApp,
    phone: &str,
    role: app::staff::Role,
    scope: i64,
) -> crate::helpers::Browser {
    let phone_number = app::shared::phone::Phone::parse(phone).unwrap();
    app::staff::grant(&app.db, &phone_number, role, scope, 0)
        .await
        .unwrap();
    let b = app.new_browser();
    b.sign_in(phone).await;
    b
}

/// `place` with more of the checkout form's fields (points, a promo code).
pub async fn place_with(
    app: &crate::helpers::Browser,
    key: &str,
    lines: &str,
    point: i64,
    pay: &str,
    more: &[(&str, &str)],
) -> reqwest::Response {
    let point = point.to_string();
    let mut form = vec![
        ("key", key),
        ("lines", lines),
        ("pickup_point", point.as_str()),
        ("recipient_name", "Иванова Мария"),
        ("recipient_phone", "+7 916 115-00-01"),
        ("pay", pay),
    ];
    form.extend_from_slice(more);
    app.post_form("orders/place", &form).await
}

/// Puts `quantity` pieces of `product` into the browser's cart.
pub async fn add_to_cart(app: &crate::helpers::Browser, product: i64, quantity: i64) {
    app.post_form(
        "cart/add",
        &[
            ("product_id", &product.to_string()),
            ("quantity", &quantity.to_string()),
        ],
    )
    .await;
}

pub fn invalid(field: Field, p: Problem) -> AppError {
    AppError::Invalid { field, message: p }
}

/// A `w` × `h` PNG, for the forms that take photos.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 200]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// Places `lines` paid by `pay` (with `more` of the checkout form), brings it to
/// `point` and has `operator` hand it over: the order id.
pub async fn received(
    app: &TestApp,
    shopper: &Browser,
    (point, operator): (i64, &Browser),
    key: &str,
    lines: &str,
    pay: &str,
    more: &[(&str, &str)],
) -> i64 {
    let r = place_with(shopper, key, lines, point, pay, more).await;
    assert_eq!(r.status(), 200, "placing {key}");
    let o: serde_json::Value = r.json().await.unwrap();
    app.clock.advance_ms(2 * DAY);
    run_logistics(&app.deps()).await.unwrap();
    let code = o["pickup_code"].as_str().unwrap();
    let r = operator
        .post_form("pickup/hand-over", &[("code", code), ("paid", "on")])
        .await;
    assert_eq!(r.status(), 200);
    o["id"].as_i64().unwrap()
}

/// One piece of `product` at `price` kopecks placed by `shopper` (paid on receipt)
/// and handed over at `point`: the order and its line.
pub async fn received_one(
    app: &TestApp,
    shopper: &Browser,
    at: (i64, &Browser),
    key: &str,
    (product, price): (i64, i64),
) -> (i64, i64) {
    let lines = format!("{product}:1:{price}");
    let order = received(app, shopper, at, key, &lines, "on_receipt", &[]).await;
    let line = app
        .one_i64("SELECT id FROM order_items WHERE order_id = $1", &[order])
        .await;
    (order, line)
}
