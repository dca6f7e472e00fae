//! Rynok ID: who a request counts as, and the budgets against SMS pumping.

use crate::helpers::{AppError, Browser, Field, Problem, TestApp, error_of, message_of};

/// Asks for a code to `phone` with this X-Forwarded-For header.
async fn start_from(browser: &Browser, phone: &str, forwarded_for: &str) -> reqwest::Response {
    browser
        .client
        .post(browser.url("/api/account/signin/phone"))
        .header("accept", "application/json")
        .header("x-forwarded-for", forwarded_for)
        .form(&[("phone", phone), ("channel", "sms")])
        .send()
        .await
        .expect("POST")
}

/// Thirty-one different numbers in different prefixes, so that only a per-client
/// limit can stop them.
fn numbers() -> impl Iterator<Item = String> {
    (0..31).map(|i| format!("+79{:02}1234567", 10 + i))
}

async fn behind_our_proxy() -> TestApp {
    TestApp::spawn_configured(0, |c| {
        c.trusted_proxies = server::config::parse_proxies("127.0.0.1,::1").unwrap();
    })
    .await
}

#[tokio::test]
async fn a_forged_first_forwarded_address_does_not_buy_a_new_client_budget() {
    let app = behind_our_proxy().await;
    let mut statuses = Vec::new();
    for (i, phone) in numbers().enumerate() {
        // The client writes a new address each time; our proxy appends the real one.
        let header = format!("10.0.{}.{}, 198.51.100.7", i / 200, i % 200 + 1);
        statuses.push(
            start_from(&app.new_browser(), &phone, &header)
                .await
                .status()
                .as_u16(),
        );
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        30,
        "{statuses:?}"
    );
    assert_eq!(statuses.last(), Some(&429));
    let ips = "SELECT COUNT(DISTINCT ip) FROM code_sends";
    assert_eq!(app.one_i64(ips, &[]).await, 1);
    // Another client behind the same proxy has its own budget.
    let r = start_from(&app.new_browser(), "+79501112233", "198.51.100.8").await;
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn without_trusted_proxies_forwarded_for_is_ignored() {
    let app = TestApp::spawn_with(0).await;
    for (i, phone) in numbers().enumerate().take(30) {
        let r = start_from(&app.new_browser(), &phone, &format!("203.0.113.{}", i + 1)).await;
        assert_eq!(r.status(), 200);
    }
    let r = start_from(&app.new_browser(), "+79501112233", "203.0.113.99").await;
    assert_eq!(r.status(), 429, "all from 127.0.0.1");
}

#[tokio::test]
async fn the_addresses_of_one_ipv6_64_share_one_budget() {
    let app = behind_our_proxy().await;
    for (i, phone) in numbers().enumerate() {
        let ip = format!("2001:db8:7:9:{:x}::{:x}", i * 977 + 1, i + 1);
        let status = start_from(&app.new_browser(), &phone, &ip).await.status();
        assert_eq!(status, if i < 30 { 200 } else { 429 }, "send {i}");
    }
    let r = start_from(&app.new_browser(), "+79501112233", "2001:db8:7:a::1").await;
    assert_eq!(r.status(), 200, "the next /64 is another subscriber");
    let buckets = "SELECT COUNT(*) FROM code_sends WHERE ip = '2001:db8:7:9::/64'";
    assert_eq!(app.one_i64(buckets, &[]).await, 30);
}

#[tokio::test]
async fn numbers_of_countries_that_get_no_codes_are_refused_with_nothing_written() {
    let app = TestApp::spawn_with(0).await;
    let (status, e) = error_of(app.start_phone("+44 7911 123456", "sms").await).await;
    assert_eq!(
        (status, e),
        (400, AppError::invalid(Field::Phone, Problem::CountryClosed))
    );
    let (status, e) = error_of(app.start_phone("+999 1234 5678", "sms").await).await;
    assert_eq!(
        (status, message_of(&e)),
        (400, Some(Problem::UnknownCountry))
    );
    for table in ["code_sends", "signin_attempts", "outbox"] {
        let n = app
            .one_i64(&format!("SELECT COUNT(*) FROM {table}"), &[])
            .await;
        assert_eq!(n, 0, "{table}");
    }
}

#[tokio::test]
async fn a_country_budget_and_the_shop_wide_budget_stop_sms_pumping() {
    let app = TestApp::spawn_configured(0, |c| {
        c.code_countries = server::config::parse_countries("RU,BY:2").unwrap();
        c.code_hourly_budget = 4;
        c.trusted_proxies = server::config::parse_proxies("127.0.0.1").unwrap();
    })
    .await;
    for (i, phone) in ["+375291110001", "+375331110002"].iter().enumerate() {
        let r = start_from(&app.new_browser(), phone, &format!("198.51.100.{i}")).await;
        assert_eq!(r.status(), 200);
    }
    let (status, e) =
        error_of(start_from(&app.new_browser(), "+375441110003", "198.51.100.50").await).await;
    assert_eq!(status, 429, "Belarus's two an hour are spent: {e}");
    // Russia still has the rest of the shop's four.
    for (i, phone) in ["+79161110001", "+79261110002"].iter().enumerate() {
        let r = start_from(&app.new_browser(), phone, &format!("198.51.100.{}", 60 + i)).await;
        assert_eq!(r.status(), 200);
    }
    let r = start_from(&app.new_browser(), "+79361110003", "198.51.100.70").await;
    assert_eq!(r.status(), 429, "the shop-wide four are spent");
    // An hour later both budgets are back.
    app.clock.advance_ms(3_600_000);
    let r = start_from(&app.new_browser(), "+375441110003", "198.51.100.80").await;
    assert_eq!(r.status(), 200);
    // Emails do not cost an SMS and are not counted against the budgets.
    let email = "SELECT COUNT(*) FROM code_sends WHERE country = ''";
    assert_eq!(app.one_i64(email, &[]).await, 0);
}

/// POSTs a server function with this X-Forwarded-For header and no cookies kept
/// between calls (each call a new browser, as a flood would be).
async fn post_from(app: &TestApp, endpoint: &str, form: &[(&str, &str)], ip: &str) -> u16 {
    app.new_browser()
        .client
        .post(app.url(&format!("/api/{endpoint}")))
        .header("accept", "application/json")
        .header("x-forwarded-for", ip)
        .form(form)
        .send()
        .await
        .expect("POST")
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_flood_of_passkey_sign_ins_from_one_client_is_refused_without_writing_rows() {
    let app = behind_our_proxy().await;
    let mut statuses = Vec::new();
    for _ in 0..25 {
        statuses.push(post_from(&app, "account/passkeys/login/start", &[], "198.51.100.7").await);
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        20,
        "{statuses:?}"
    );
    assert_eq!(statuses.last(), Some(&429));
    let rows = "SELECT COUNT(*) FROM webauthn_challenges";
    assert_eq!(
        app.one_i64(rows, &[]).await,
        20,
        "a refused start writes nothing"
    );
    let other = post_from(&app, "account/passkeys/login/start", &[], "198.51.100.8").await;
    assert_eq!(other, 200, "another client is not held up");
    // The burst comes back with time.
    app.clock.advance_ms(60_000);
    let again = post_from(&app, "account/passkeys/login/start", &[], "198.51.100.7").await;
    assert_eq!(again, 200);
}

#[tokio::test]
async fn a_flood_of_new_guest_carts_from_one_client_is_refused_but_its_shoppers_go_on() {
    let app = TestApp::spawn_configured(20, |c| {
        c.trusted_proxies = server::config::parse_proxies("127.0.0.1,::1").unwrap();
    })
    .await;
    let product = app
        .one_i64(
            "SELECT id FROM products WHERE stock > 1 ORDER BY id LIMIT 1",
            &[],
        )
        .await
        .to_string();
    let form = [("product_id", product.as_str()), ("quantity", "1")];
    let shopper = app.new_browser();
    let add = |b: &crate::helpers::Browser| {
        b.client
            .post(app.url("/api/cart/add"))
            .header("accept", "application/json")
            .header("x-forwarded-for", "198.51.100.7")
            .form(&form)
            .send()
    };
    assert_eq!(add(&shopper).await.unwrap().status(), 200);
    let mut statuses = Vec::new();
    for _ in 0..35 {
        statuses.push(post_from(&app, "cart/add", &form, "198.51.100.7").await);
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        29,
        "{statuses:?}"
    );
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM carts", &[]).await, 30);
    // The shopper who already has a cart is not held up by the limit on new ones.
    assert_eq!(add(&shopper).await.unwrap().status(), 200);
}

#[tokio::test]
async fn searches_from_one_client_are_limited() {
    let app = behind_our_proxy().await;
    let search = |ip: &'static str| {
        app.client
            .get(app.url("/api/catalog/suggest?q=%D1%82%D0%B5%D0%BB"))
            .header("x-forwarded-for", ip)
            .send()
    };
    let mut statuses = Vec::new();
    for _ in 0..65 {
        statuses.push(search("198.51.100.7").await.unwrap().status().as_u16());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        60,
        "{statuses:?}"
    );
    assert_eq!(search("198.51.100.8").await.unwrap().status(), 200);
    // A tenth of a second later one more search is let through.
    app.clock.advance_ms(100);
    assert_eq!(search("198.51.100.7").await.unwrap().status(), 200);
}
