//! Back-in-stock alerts: a shopper asks on the page of a product out of stock; the
//! seller's staff set its stock; each asker is told once, in the inbox and by
//! email, and the alert is done. Only the seller's own staff set its stock.

use super::{product, staff};
use crate::helpers::{Browser, TestApp};
use app::staff::Role;

async fn set_stock(b: &Browser, product: i64, stock: &str) -> reqwest::Response {
    b.post_form(
        "seller/stock",
        &[("product", &product.to_string()), ("stock", stock)],
    )
    .await
}

async fn alerts(app: &TestApp, product: i64) -> i64 {
    app.one_i64(
        "SELECT COUNT(*) FROM stock_alerts WHERE product_id = $1",
        &[product],
    )
    .await
}

#[tokio::test]
async fn askers_are_told_once_when_the_seller_brings_a_product_back() {
    let app = TestApp::spawn_with(0).await;
    let gone = product(&app, 7, 50_000, 0).await;
    let stocked = product(&app, 7, 19_900, 4).await;
    app.with_verified_email("+79161150081", "ivan@example.ru")
        .await;
    app.clock.advance_ms(61_000);
    app.sign_in("+79161150081").await;
    let user = app.me().await["id"].as_i64().unwrap();

    // Asking twice keeps one alert; a product in stock needs none; a guest keeps none.
    for _ in 0..2 {
        let r = app
            .post_form("alerts/stock", &[("product", &gone.to_string())])
            .await;
        assert_eq!(r.status(), 200);
    }
    assert_eq!(alerts(&app, gone).await, 1);
    app.post_form("alerts/stock", &[("product", &stocked.to_string())])
        .await;
    assert_eq!(alerts(&app, stocked).await, 0);
    let guest = app.new_browser();
    let r = guest
        .post_form("alerts/stock", &[("product", &gone.to_string())])
        .await;
    assert_eq!(r.status(), 200);
    assert!(!r.json::<bool>().await.unwrap());
    assert_eq!(alerts(&app, gone).await, 1);
    // A product nobody sells is not found; a malformed id is named.
    let r = app
        .post_form("alerts/stock", &[("product", "999999")])
        .await;
    assert_eq!(r.status(), 404);
    let r = app.post_form("alerts/stock", &[("product", "x")]).await;
    assert_eq!(r.status(), 400);

    // Only the seller's staff set its stock, to a whole number from 0.
    let other = staff(&app, "+79161150088", Role::SellerStaff, 8).await;
    assert_eq!(set_stock(&other, gone, "5").await.status(), 404);
    assert_eq!(set_stock(&app, gone, "5").await.status(), 403);
    assert_eq!(set_stock(&app.new_browser(), gone, "5").await.status(), 401);
    let seller = staff(&app, "+79161150089", Role::SellerStaff, 7).await;
    for bad in ["x", "-1", "2.5", "1000001"] {
        assert_eq!(set_stock(&seller, gone, bad).await.status(), 400, "{bad}");
    }
    assert_eq!(alerts(&app, gone).await, 1);

    // Back in stock: told once, the alert done; out and back again tells nobody.
    assert_eq!(set_stock(&seller, gone, "5").await.status(), 200);
    assert_eq!(super::stock(&app, gone).await, 5);
    assert_eq!(alerts(&app, gone).await, 0);
    let told = || async {
        app.one_i64(
            "SELECT COUNT(*) FROM notices WHERE user_id = $1 AND topic = 'stock_alert'",
            &[user],
        )
        .await
    };
    assert_eq!(told().await, 1);
    assert_eq!(set_stock(&seller, gone, "0").await.status(), 200);
    assert_eq!(set_stock(&seller, gone, "3").await.status(), 200);
    assert_eq!(told().await, 1);

    // Asked again once it is gone again: told again (a new alert, a new notice).
    assert_eq!(set_stock(&seller, gone, "0").await.status(), 200);
    let r = app
        .post_form("alerts/stock", &[("product", &gone.to_string())])
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(set_stock(&seller, gone, "2").await.status(), 200);
    assert_eq!(told().await, 2);

    // And by email.
    app::inbox::email_pending(&app.deps()).await.unwrap();
    let m = app
        .wait_for_email("ivan@example.ru", Some("«Товар за 50000» снова в продаже"))
        .await;
    assert!(
        m["body"].as_str().unwrap().contains(&format!("-{gone}")),
        "{m}"
    );
}
