use crate::helpers::TestApp;

#[tokio::test]
async fn healthz_answers_and_readyz_checks_the_database() {
    let app = TestApp::spawn_with(0).await;
    let r = app.get("/healthz").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), "ok");
    assert_eq!(app.get("/readyz").await.status(), 200);
    app.db.pool.close().await;
    assert_eq!(app.get("/readyz").await.status(), 503);
}

#[tokio::test]
async fn pages_carry_security_headers_and_a_nonce_based_csp() {
    let app = TestApp::spawn().await;
    let r = app.get("/").await;
    let h = r.headers().clone();
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    assert!(h.contains_key("referrer-policy"));
    let csp = h["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .expect("nonce in CSP")
        .to_string();
    let body = r.text().await.unwrap();
    assert!(
        body.contains(&format!("nonce=\"{nonce}\"")),
        "inline scripts carry the nonce"
    );
    let again = app.get("/").await.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert_ne!(again, csp, "a new nonce for every response");
}

#[tokio::test]
async fn html_is_compressed_when_the_browser_accepts_it() {
    let app = TestApp::spawn().await;
    for enc in ["br", "gzip"] {
        let r = app
            .client
            .get(app.url("/"))
            .header("accept-encoding", enc)
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["content-encoding"], enc);
    }
}

#[tokio::test]
async fn a_cross_site_form_post_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let plain = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for (origin, site) in [
        (Some("https://evil.example"), None),
        (None, Some("cross-site")),
        (None, None),
    ] {
        let mut req = plain
            .post(app.url("/api/cart/add"))
            .form(&[("product_id", "1"), ("quantity", "1")]);
        if let Some(o) = origin {
            req = req.header("origin", o);
        }
        if let Some(s) = site {
            req = req.header("sec-fetch-site", s);
        }
        let r = req.send().await.unwrap();
        assert_eq!(
            r.status(),
            403,
            "origin {origin:?}, sec-fetch-site {site:?}"
        );
        assert!(r.headers().get("set-cookie").is_none());
    }
    let carts = app.one_i64("SELECT COUNT(*) AS n FROM carts", &[]).await;
    assert_eq!(carts, 0);
}

#[tokio::test]
async fn the_language_follows_the_cookie_then_accept_language() {
    let app = TestApp::spawn().await;
    let (_, ru) = app.get_html("/").await;
    assert!(ru.contains("<html lang=\"ru\"") && ru.contains("Корзина"));
    let en = app
        .client
        .get(app.url("/"))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(en.contains("<html lang=\"en\"") && en.contains("Cart"));
    let r = app.post_form("settings/language", &[("lang", "en")]).await;
    assert!(r.status().is_success());
    let (_, after) = app.get_html("/").await;
    assert!(after.contains("<html lang=\"en\""));
    let bad = app.post_form("settings/language", &[("lang", "xx")]).await;
    assert_eq!(bad.status(), 400, "an unknown language is refused");
}

#[tokio::test]
async fn product_images_are_svg_and_cached_for_a_year() {
    let app = TestApp::spawn().await;
    let r = app.get("/img/product/7/2.svg").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/svg+xml");
    assert!(
        r.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age=31536000")
    );
    let same = app.get("/img/product/7/2.svg").await.text().await.unwrap();
    assert_eq!(r.text().await.unwrap(), same);
    for bad in [
        "/img/product/0/1.svg",
        "/img/product/x/1.svg",
        "/img/product/7/99.svg",
        "/img/product/7/1.png",
    ] {
        assert_eq!(app.get(bad).await.status(), 404, "{bad}");
    }
}
