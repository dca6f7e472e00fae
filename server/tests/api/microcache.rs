//! Whole pages kept for a moment for anonymous shoppers: a change shows within the
//! stated lifetime, and nobody with a session or a cart ever gets a stored page.

use crate::helpers::TestApp;
use app::catalog::model::product_path;
use server::microcache::HEADER;

const LIFETIME_MS: i64 = 1000;

async fn a_product(app: &TestApp) -> (i64, String) {
    let id = app
        .one_i64(
            "SELECT id FROM products WHERE stock >= $1 ORDER BY id LIMIT 1",
            &[3],
        )
        .await;
    let title = app
        .one_text(&format!("SELECT title FROM products WHERE id = {id}"))
        .await;
    (id, product_path(id, &title))
}

async fn page(b: &crate::helpers::Browser, path: &str) -> (Option<String>, String) {
    let r = b.get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    let cached = r
        .headers()
        .get(HEADER)
        .map(|v| v.to_str().unwrap().to_string());
    (cached, r.text().await.unwrap())
}

async fn rename(app: &TestApp, id: i64, title: &str) {
    sqlx::query("UPDATE products SET title = $1 WHERE id = $2")
        .bind(title)
        .bind(id)
        .execute(&app.db.pool)
        .await
        .unwrap();
}

#[tokio::test]
async fn anonymous_shoppers_share_a_page_for_at_most_its_lifetime() {
    let app = TestApp::spawn_configured(300, |c| c.microcache_ms = LIFETIME_MS).await;
    let (id, path) = a_product(&app).await;
    let (first, html) = page(&app.new_browser(), &path).await;
    assert_eq!(first.as_deref(), Some("miss"));
    let (second, again) = page(&app.new_browser(), &path).await;
    assert_eq!(second.as_deref(), Some("hit"));
    assert_eq!(html, again, "the same bytes, nonce included");

    // A change in the catalogue: anonymous shoppers may see the old page until the
    // lifetime is over, never later.
    rename(&app, id, "Переименованный товар").await;
    app.clock.advance_ms(LIFETIME_MS - 1);
    let (within, stale) = page(&app.new_browser(), &path).await;
    assert_eq!(within.as_deref(), Some("hit"));
    assert!(!stale.contains("Переименованный товар"));
    app.clock.advance_ms(1);
    let (after, fresh) = page(&app.new_browser(), &path).await;
    assert_eq!(after.as_deref(), Some("miss"));
    assert!(fresh.contains("Переименованный товар"));

    // Each language has its own page.
    let en = app.new_browser();
    let r = en
        .client
        .get(en.url(&path))
        .header("cookie", "lang=en")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()[HEADER], "miss");
    let english = r.text().await.unwrap();
    assert!(english.contains("lang=\"en\""), "an English page");
    assert!(fresh.contains("lang=\"ru\""));
}

/// Many shoppers asking at once for a page nobody has stored: one renders it, the
/// others wait for that page instead of each rendering their own.
#[tokio::test]
async fn a_page_asked_for_at_once_is_rendered_once() {
    let app = TestApp::spawn_configured(300, |c| c.microcache_ms = LIFETIME_MS).await;
    let path = "/search?q=%D1%81%D0%BC%D0%B0%D1%80%D1%82%D1%84%D0%BE%D0%BD";
    let mut asking = tokio::task::JoinSet::new();
    for _ in 0..12 {
        let b = app.new_browser();
        asking.spawn(async move { page(&b, path).await });
    }
    let answers = asking.join_all().await;
    let misses = answers
        .iter()
        .filter(|(c, _)| c.as_deref() == Some("miss"))
        .count();
    assert_eq!(
        misses,
        1,
        "{:?}",
        answers.iter().map(|a| &a.0).collect::<Vec<_>>()
    );
    assert!(answers.iter().all(|(_, html)| *html == answers[0].1));
}

#[tokio::test]
async fn signed_in_and_cart_holding_shoppers_never_get_a_stored_page() {
    let app = TestApp::spawn_configured(300, |c| c.microcache_ms = LIFETIME_MS).await;
    let (id, path) = a_product(&app).await;
    // A guest with a cart: rendered for them, never stored, never served to others.
    let guest = app.new_browser();
    let r = guest
        .post_form(
            "cart/add",
            &[("product_id", &id.to_string()), ("quantity", "2")],
        )
        .await;
    assert_eq!(r.status(), 200);
    for _ in 0..2 {
        let (cached, html) = page(&guest, &path).await;
        assert_eq!(cached, None);
        assert!(html.contains("data-testid=\"cart-badge\""), "their cart");
    }
    let (cached, anon) = page(&app.new_browser(), &path).await;
    assert_eq!(
        cached.as_deref(),
        Some("miss"),
        "nothing was stored for the guest"
    );
    assert!(!anon.contains("data-testid=\"cart-badge\""));

    // A signed-in shopper sees a change at once, while anonymous ones may still get
    // the stored page.
    let shopper = app.new_browser();
    shopper.sign_in("+79161234567").await;
    rename(&app, id, "Новое название").await;
    let (cached, html) = page(&shopper, &path).await;
    assert_eq!(cached, None);
    assert!(html.contains("Новое название"));
    let (cached, _) = page(&app.new_browser(), &path).await;
    assert_eq!(cached.as_deref(), Some("hit"));

    // Only storefront pages: the cart page and server functions are never stored.
    for p in ["/cart", "/id"] {
        let r = app.new_browser().get(p).await;
        assert!(r.headers().get(HEADER).is_none(), "{p}");
    }
}
