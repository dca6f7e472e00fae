//! The header's badge: its poll answers 304 to a browser that already has the
//! answer, never for another account; the Security chat counts in it and reading
//! it clears them; an idle poll does not write; staff see links to their screens.

use crate::helpers::{Browser, TestApp};
use crate::orders::staff;
use app::staff::Role;

/// The badge's poll as a browser sends it, with the tag it holds if any.
async fn badge(b: &Browser, cursor: i64, tag: Option<&str>) -> reqwest::Response {
    let mut r = b
        .client
        .get(b.url(&format!("/api/chat/badge?cursor={cursor}")));
    if let Some(tag) = tag {
        r = r.header("if-none-match", tag);
    }
    r.send().await.expect("GET")
}

fn etag(r: &reqwest::Response) -> String {
    r.headers()["etag"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn an_unchanged_badge_answers_304_and_a_change_or_another_account_answers_200() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161170101").await;
    let menu = app.api_json("shell/account-menu").await;
    let version = menu["version"].as_i64().unwrap();
    assert_eq!(menu["unread"], 0, "a first sign-in is nothing to tell");

    // The first answer carries a tag, kept privately and revalidated every time.
    let first = badge(&app, version, None).await;
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()["cache-control"], "private, no-cache");
    let tag = etag(&first);
    let body: serde_json::Value = first.json().await.unwrap();
    assert_eq!(body["changed"], false);

    // Asked again with it: 304, no body, the same tag.
    let again = badge(&app, version, Some(&tag)).await;
    assert_eq!(again.status(), 304);
    assert_eq!(etag(&again), tag);
    assert!(again.bytes().await.unwrap().is_empty());
    // A list of tags, or a weak one, is understood; another tag is not.
    let listed = format!("\"x\", W/{tag}");
    assert_eq!(badge(&app, version, Some(&listed)).await.status(), 304);
    assert_eq!(badge(&app, version, Some("\"x\"")).await.status(), 200);

    // Another account in another browser, sending the same tag, gets its own answer.
    let other = app.new_browser();
    other.sign_in("+79161170102").await;
    let theirs = badge(&other, version, Some(&tag)).await;
    assert_eq!(theirs.status(), 200);
    assert_ne!(etag(&theirs), tag);

    // A change (a sign-in on a second device) answers 200 with the news.
    app.clock.advance_ms(61_000); // a number gets one code a minute
    let phone = app.new_browser();
    phone.sign_in("+79161170101").await;
    let changed = badge(&app, version, Some(&tag)).await;
    assert_eq!(changed.status(), 200);
    let body: serde_json::Value = changed.json().await.unwrap();
    assert_eq!(body["changed"], true);
    // Its code, copied to the Security chat of this device, and its sign-in alert.
    assert_eq!(body["unread"], 2);
    assert!(body["version"].as_i64().unwrap() > version);

    // A guest gets nothing, and no tag.
    let guest = badge(&app.new_browser(), 0, None).await;
    assert_eq!(guest.status(), 200);
    assert!(guest.headers().get("etag").is_none());
}

#[tokio::test]
async fn security_messages_count_in_the_badge_until_the_security_tab_is_read() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161170201").await;
    assert_eq!(app.api_json("shell/account-menu").await["unread"], 0);

    // Signing in elsewhere twice: each time a code in the Security chat and an alert.
    app.clock.advance_ms(61_000); // a number gets one code a minute
    let laptop = app.new_browser();
    laptop.sign_in("+79161170201").await;
    app.clock.advance_ms(61_000);
    let tablet = app.new_browser();
    tablet.sign_in("+79161170201").await;
    let menu = app.api_json("shell/account-menu").await;
    assert_eq!(menu["unread"], 4, "{menu}");
    let v = menu["version"].as_i64().unwrap();

    // Reading the Security tab on the laptop marks them seen on every device,
    // and the badge's poll of this one hears of it.
    let feed = laptop.api_json("account/security/feed").await;
    assert!(feed.as_array().unwrap().len() >= 5, "{feed}");
    let poll = app.api_json(&format!("chat/badge?cursor={v}")).await;
    assert_eq!(poll["changed"], true);
    assert_eq!(poll["unread"], 0);
    assert_eq!(app.api_json("shell/account-menu").await["unread"], 0);
    // Read again, nothing changes.
    let v2 = poll["version"].as_i64().unwrap();
    laptop.api_json("account/security/feed").await;
    let poll = app.api_json(&format!("chat/badge?cursor={v2}")).await;
    assert_eq!(poll["changed"], false);
}

#[tokio::test]
async fn an_idle_badge_poll_does_not_mark_the_session_seen() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161170301").await;
    let seen = "SELECT last_seen_at FROM sessions ORDER BY id DESC LIMIT 1";
    let before = app.one_i64(seen, &[]).await;
    let v = app.api_json("shell/account-menu").await["version"]
        .as_i64()
        .unwrap();
    // Past the minute after which a page view marks the session seen again.
    app.clock.advance_ms(5 * 60_000);
    let poll = app.api_json(&format!("chat/badge?cursor={v}")).await;
    assert_eq!(poll["changed"], false);
    assert_eq!(
        app.one_i64(seen, &[]).await,
        before,
        "a poll is not activity"
    );
    app.api_json("shell/account-menu").await;
    assert!(app.one_i64(seen, &[]).await > before, "a page is");
}

#[tokio::test]
async fn the_account_menu_links_staff_to_their_screens_and_no_one_else() {
    let app = TestApp::spawn_with(0).await;
    let agent = staff(&app, "+79161170401", Role::Support, 0).await;
    let seller = staff(&app, "+79161170402", Role::SellerStaff, 1).await;
    let operator = staff(&app, "+79161170403", Role::Operator, 1).await;
    let both = staff(&app, "+79161170404", Role::SellerStaff, 1).await;
    let phone = app::shared::phone::Phone::parse("+79161170404").unwrap();
    app::staff::grant(&app.db, &phone, Role::Support, 0, 0)
        .await
        .unwrap();
    app.sign_in("+79161170405").await;
    for (b, roles) in [
        (&agent, vec![Role::Support]),
        (&seller, vec![Role::SellerStaff]),
        (&operator, vec![Role::Operator]),
        (&both, vec![Role::SellerStaff, Role::Support]),
        (&*app, vec![]),
    ] {
        let menu = b.api_json("shell/account-menu").await;
        let bits = roles.iter().fold(0, |bits, r| bits | r.bit());
        assert_eq!(menu["staff"], bits, "{roles:?}");
    }
    // The page's menu has the links, in Russian.
    let (_, html) = agent.get_html("/").await;
    assert!(html.contains(r#"href="/support""#) && html.contains("Консоль поддержки"));
    let (_, html) = app.get_html("/").await;
    assert!(!html.contains("Консоль поддержки"));
}
