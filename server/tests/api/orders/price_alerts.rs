//! Price-drop alerts: a shopper follows a product's price; the seller's staff set
//! its price; whenever it drops below what the shopper last knew, they are told
//! in the inbox and by email, until they stop following. Only the seller's own
//! staff set its price, and a bad price is refused with its reason.

use super::{invalid, product, staff};
use crate::helpers::{Browser, Field, Problem, TestApp, error_of};
use app::staff::Role;

async fn set_price(b: &Browser, product: i64, price: &str) -> reqwest::Response {
    b.post_form(
        "seller/price",
        &[("product", &product.to_string()), ("price", price)],
    )
    .await
}

async fn told(app: &TestApp, user: i64) -> i64 {
    app.one_i64(
        "SELECT COUNT(*) FROM notices WHERE user_id = $1 AND topic = 'price_alert'",
        &[user],
    )
    .await
}

#[tokio::test]
async fn followers_are_told_of_each_drop_below_what_they_knew_until_they_stop() {
    let app = TestApp::spawn_with(0).await;
    let a = product(&app, 7, 40_000, 5).await;
    app.with_verified_email("+79161150211", "olga@example.ru")
        .await;
    app.clock.advance_ms(61_000);
    app.sign_in("+79161150211").await;
    let user = app.me().await["id"].as_i64().unwrap();
    let seller = staff(&app, "+79161150219", Role::SellerStaff, 7).await;
    let pid = a.to_string();

    // Following twice keeps one alert; a guest is sent to sign in.
    for _ in 0..2 {
        let r = app
            .post_form("alerts/price", &[("product", &pid), ("on", "1")])
            .await;
        assert_eq!(r.status(), 200);
    }
    assert_eq!(
        app.one_i64(
            "SELECT COUNT(*) FROM price_alerts WHERE product_id = $1",
            &[a]
        )
        .await,
        1
    );
    let r = app
        .new_browser()
        .post_form_as_page(
            "alerts/price",
            &format!("{}/product/{a}", app.address),
            &[("product", &pid), ("on", "1")],
        )
        .await;
    assert_eq!(r.status(), 302);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/signin?next=")
    );
    let r = app
        .post_form("alerts/price", &[("product", &pid), ("on", "maybe")])
        .await;
    assert_eq!(
        error_of(r).await,
        (400, invalid(Field::Request, Problem::Malformed))
    );
    assert_eq!(
        app.post_form("alerts/price", &[("product", "999999"), ("on", "1")])
            .await
            .status(),
        404
    );

    // Up: nobody is told. Down: the follower is, once per new low.
    assert_eq!(set_price(&seller, a, "450").await.status(), 200);
    assert_eq!(told(&app, user).await, 0);
    assert_eq!(set_price(&seller, a, "380,50").await.status(), 200);
    assert_eq!(told(&app, user).await, 1);
    assert_eq!(
        app.one_i64("SELECT price FROM products WHERE id = $1", &[a])
            .await,
        38_050
    );
    assert_eq!(set_price(&seller, a, "390").await.status(), 200);
    assert_eq!(set_price(&seller, a, "380.5").await.status(), 200);
    assert_eq!(told(&app, user).await, 1, "not below what they knew");
    assert_eq!(set_price(&seller, a, "360").await.status(), 200);
    assert_eq!(told(&app, user).await, 2);
    let text = app
        .one_text(&format!(
            "SELECT text_ru FROM notices WHERE user_id = {user} AND topic = 'price_alert' ORDER BY id DESC LIMIT 1"
        ))
        .await;
    assert!(text.contains("подешевел") && text.contains("360"), "{text}");
    // And by email.
    app::inbox::email_pending(&app.deps()).await.unwrap();
    let mail = app.wait_for_email("olga@example.ru", None).await;
    assert!(mail.to_string().contains("подешевел"), "{mail}");

    // Stopped: no more.
    let r = app
        .post_form("alerts/price", &[("product", &pid), ("on", "0")])
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(set_price(&seller, a, "300").await.status(), 200);
    assert_eq!(told(&app, user).await, 2);

    // Bad prices are refused with the rule; the price stays.
    for bad in ["0", "-1", "abc", "1,234", "10000000,01", ""] {
        let r = set_price(&seller, a, bad).await;
        let (status, e) = error_of(r).await;
        assert_eq!(status, 400, "{bad}");
        assert!(
            e == invalid(Field::Amount, Problem::Malformed)
                || e == invalid(Field::Amount, Problem::OutOfRange),
            "{bad}: {e:?}"
        );
    }
    assert_eq!(
        app.one_i64("SELECT price FROM products WHERE id = $1", &[a])
            .await,
        30_000
    );

    // Who may set it: another seller's staff (not found), a shopper, a guest.
    let stranger = staff(&app, "+79161150218", Role::SellerStaff, 8).await;
    assert_eq!(set_price(&stranger, a, "100").await.status(), 404);
    assert_eq!(set_price(&app, a, "100").await.status(), 403);
    assert_eq!(set_price(&app.new_browser(), a, "100").await.status(), 401);
    assert_eq!(
        app.one_i64("SELECT price FROM products WHERE id = $1", &[a])
            .await,
        30_000
    );
}
