//! Chat through the server: a shopper asks a seller from a product's page, the
//! seller's staff answer; unread counts, read marks and the poll's cursor; a
//! seller's scam-shaped message held back; blocking; the send limit; the dialog
//! pinned to the order once the product is bought; and who may see what.

use crate::helpers::{AppError, Browser, Field, Problem, TestApp, error_of};
use crate::orders::{invalid, pickup_point, place, product, staff};
use app::staff::Role;

mod badge;
mod reports;
mod sellers;

/// Opens `b`'s dialog about `product` as the product page's plain form does: its id.
async fn start(app: &TestApp, b: &Browser, product: i64) -> i64 {
    let r = b
        .post_form_as_page(
            "chat/start",
            &format!("{}/product/{product}", app.address),
            &[("product", &product.to_string())],
        )
        .await;
    assert_eq!(r.status(), 302);
    let to = r.headers()["location"].to_str().unwrap().to_string();
    to.strip_prefix("/messages/").unwrap().parse().unwrap()
}

async fn send(b: &Browser, dialog: i64, text: &str) -> reqwest::Response {
    b.post_form(
        "chat/send",
        &[("dialog", &dialog.to_string()), ("text", text)],
    )
    .await
}

/// The header's badge poll (`open` None), or an open dialog's.
async fn poll(b: &Browser, cursor: i64, open: Option<(i64, i64)>) -> serde_json::Value {
    let q = match open {
        Some((d, after)) => format!("chat/poll?cursor={cursor}&dialog={d}&after={after}"),
        None => format!("chat/badge?cursor={cursor}"),
    };
    b.api_json(&q).await
}

async fn block(b: &Browser, dialog: i64, on: &str) -> reqwest::Response {
    b.post_form("chat/block", &[("dialog", &dialog.to_string()), ("on", on)])
        .await
}

fn texts(v: &serde_json::Value) -> Vec<String> {
    v["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_shopper_asks_a_seller_and_the_staff_answer_with_unread_counts_read_marks_and_polls() {
    let app = TestApp::spawn_with(0).await;
    let a = product(&app, 1, 129_900, 5).await;
    let seller = staff(&app, "+79161150301", Role::SellerStaff, 1).await;

    // A guest is sent to sign in, and back to the product.
    let guest = app.new_browser();
    let r = guest
        .post_form_as_page(
            "chat/start",
            &format!("{}/", app.address),
            &[("product", &a.to_string())],
        )
        .await;
    assert_eq!(r.status(), 302);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/signin?next=")
    );

    app.sign_in("+79161150302").await;
    let user = app.me().await["id"].as_i64().unwrap();
    let dialog = start(&app, &app, a).await;
    assert_eq!(start(&app, &app, a).await, dialog, "one dialog per seller");
    let v = app.api_json(&format!("chat/dialog?id={dialog}")).await;
    assert_eq!(v["pinned"]["Product"]["id"].as_i64(), Some(a));
    assert_eq!(v["side"], "shopper");
    let cursor = v["version"].as_i64().unwrap();

    // Bad text is refused with its reason, and nothing is written.
    for (text, p) in [
        ("   ", Problem::Empty),
        (&"я".repeat(1001)[..], Problem::TooLong),
        ("a\u{7}b", Problem::BadCharacters),
    ] {
        assert_eq!(
            error_of(send(&app, dialog, text).await).await,
            (400, invalid(Field::Message, p))
        );
    }
    let r = send(
        &app,
        dialog,
        "Здравствуйте! <script>alert(1)</script> Есть размер M?",
    )
    .await;
    assert_eq!(r.status(), 200);

    // The seller's staff see it unread in "Покупатели", and the shopper's poll
    // sees the change once, then nothing.
    let list = seller.api_json("chat/dialogs?as=seller").await;
    assert_eq!(list["seller_staff"], true);
    assert_eq!(list["dialogs"][0]["id"].as_i64(), Some(dialog));
    assert_eq!(list["dialogs"][0]["unread"].as_i64(), Some(1));
    // Their header's badge counts it too, and its poll follows their seller.
    let badge = poll(&seller, -1, None).await;
    assert_eq!(badge["unread"].as_i64(), Some(1));
    let badge_cursor = badge["version"].as_i64().unwrap();
    assert_eq!(poll(&seller, badge_cursor, None).await["changed"], false);
    let p = poll(&app, cursor, None).await;
    assert_eq!(
        (p["changed"].as_bool(), p["unread"].as_i64()),
        (Some(true), Some(0))
    );
    let cursor = p["version"].as_i64().unwrap();
    assert_eq!(poll(&app, cursor, None).await["changed"], false);

    assert_eq!(send(&app, dialog, "И цвет синий?").await.status(), 200);
    let badge = poll(&seller, badge_cursor, None).await;
    assert_eq!(
        (badge["changed"].as_bool(), badge["unread"].as_i64()),
        (Some(true), Some(2))
    );

    // The staff read it (the shopper's message shows read) and answer; the text
    // comes back as it was written, to be shown as text.
    let sv = seller.api_json(&format!("chat/dialog?id={dialog}")).await;
    assert_eq!(sv["side"], "seller");
    assert_eq!(
        texts(&sv),
        [
            "Здравствуйте! <script>alert(1)</script> Есть размер M?",
            "И цвет синий?"
        ]
    );
    let seller_cursor = sv["version"].as_i64().unwrap();
    let last = sv["messages"][1]["id"].as_i64().unwrap();
    assert_eq!(
        send(&seller, dialog, "Да, есть, размер 42").await.status(),
        200
    );
    let p = poll(&app, cursor, None).await;
    assert_eq!(p["unread"].as_i64(), Some(1), "the badge counts it");
    let v = app.api_json(&format!("chat/dialog?id={dialog}")).await;
    assert_eq!(texts(&v)[2], "Да, есть, размер 42");
    assert_eq!(v["messages"][0]["read"], true, "the staff read it");
    assert_eq!(
        app.api_json("chat/dialogs").await["dialogs"][0]["unread"].as_i64(),
        Some(0)
    );

    // The staff's open dialog polls: the shopper's next message, after the last seen.
    let mid = v["messages"][2]["id"].as_i64().unwrap();
    assert_eq!(send(&app, dialog, "Спасибо!").await.status(), 200);
    let p = poll(&seller, seller_cursor, Some((dialog, mid))).await;
    assert_eq!(texts(&p), ["Спасибо!"]);
    assert!(last < mid);
    let seller_cursor = p["version"].as_i64().unwrap();
    assert_eq!(
        poll(&seller, seller_cursor, Some((dialog, mid))).await["changed"],
        false
    );

    // A seller's message shaped like a sign-in code is held back from the shopper.
    assert_eq!(
        send(&seller, dialog, "Назовите код из SMS: 482913")
            .await
            .status(),
        200
    );
    let v = app.api_json(&format!("chat/dialog?id={dialog}")).await;
    assert!(!texts(&v).iter().any(|t| t.contains("482913")));
    assert_eq!(poll(&app, -1, None).await["unread"].as_i64(), Some(0));
    let sv = seller.api_json(&format!("chat/dialog?id={dialog}")).await;
    let held = sv["messages"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (held["held"].as_bool(), held["mine"].as_bool()),
        (Some(true), Some(true))
    );

    // Blocked, the seller cannot write; let through again, they can.
    assert_eq!(block(&app, dialog, "1").await.status(), 200);
    assert_eq!(
        error_of(send(&seller, dialog, "Скидка!").await).await,
        (400, invalid(Field::Message, Problem::Refused))
    );
    assert_eq!(
        send(&app, dialog, "Вопрос снят").await.status(),
        200,
        "the shopper still can"
    );
    assert_eq!(block(&app, dialog, "0").await.status(), 200);
    assert_eq!(send(&seller, dialog, "Хорошо").await.status(), 200);

    // Bought, the product's dialog becomes the order's.
    let point = pickup_point(&app).await;
    let r = place(
        &app,
        "checkout-chat1",
        &format!("{a}:1:129900"),
        point,
        "on_receipt",
    )
    .await;
    let order = r.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let v = app.api_json(&format!("chat/dialog?id={dialog}")).await;
    assert_eq!(v["pinned"]["Order"]["id"].as_i64(), Some(order));
    let _ = user;
}

#[tokio::test]
async fn twenty_messages_a_minute_then_the_next_waits() {
    let app = TestApp::spawn_with(0).await;
    let a = product(&app, 1, 10_000, 5).await;
    app.sign_in("+79161150311").await;
    let dialog = start(&app, &app, a).await;
    for i in 0..20 {
        assert_eq!(
            send(&app, dialog, &format!("Вопрос {i}")).await.status(),
            200,
            "{i}"
        );
    }
    let (status, e) = error_of(send(&app, dialog, "Ещё").await).await;
    assert_eq!(status, 429);
    assert!(matches!(e, AppError::TooManyRequests { .. }), "{e:?}");
    app.clock.advance_ms(61_000);
    assert_eq!(send(&app, dialog, "Ещё").await.status(), 200);
}

#[tokio::test]
async fn nobody_reads_or_writes_a_dialog_they_are_not_in() {
    let app = TestApp::spawn_with(0).await;
    let a = product(&app, 1, 10_000, 5).await;
    let b = product(&app, 2, 10_000, 5).await;
    let own = staff(&app, "+79161150321", Role::SellerStaff, 1).await;
    let other_seller = staff(&app, "+79161150322", Role::SellerStaff, 2).await;
    let agent = staff(&app, "+79161150323", Role::Support, 0).await;
    app.sign_in("+79161150324").await;
    let dialog = start(&app, &app, a).await;
    assert_eq!(send(&app, dialog, "Вопрос").await.status(), 200);
    let stranger = app.new_browser();
    stranger.sign_in("+79161150325").await;
    // The other seller's own dialog exists, so ids are real either way.
    let theirs = start(&app, &stranger, b).await;
    let guest = app.new_browser();

    let id = dialog.to_string();
    for (name, who, sees) in [
        ("shopper", &*app, true),
        ("the seller's staff", &own, true),
        ("another shopper", &stranger, false),
        ("another seller's staff", &other_seller, false),
        ("support (no chat console yet)", &agent, false),
    ] {
        let r = who.get(&format!("/api/chat/dialog?id={id}")).await;
        assert_eq!(r.status(), if sees { 200 } else { 404 }, "{name} reads");
        let r = send(who, dialog, "Привет").await;
        assert_eq!(r.status(), if sees { 200 } else { 404 }, "{name} writes");
        let r = who
            .get(&format!("/api/chat/poll?cursor=0&dialog={id}&after=0"))
            .await;
        assert_eq!(r.status(), if sees { 200 } else { 404 }, "{name} polls");
        let r = who
            .post_form("chat/block", &[("dialog", &id), ("on", "1")])
            .await;
        let blocks = name == "shopper";
        assert_eq!(r.status(), if blocks { 200 } else { 404 }, "{name} blocks");
        if blocks {
            app.post_form("chat/block", &[("dialog", &id), ("on", "0")])
                .await;
        }
    }
    // A seller's list holds its own dialogs only; a shopper has no buyers' list.
    let list = other_seller.api_json("chat/dialogs?as=seller").await;
    let ids: Vec<i64> = list["dialogs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [theirs]);
    assert_eq!(
        stranger.get("/api/chat/dialogs?as=seller").await.status(),
        403
    );
    // A guest gets nothing, and cannot write.
    assert_eq!(
        guest.api_json(&format!("chat/dialog?id={id}")).await,
        serde_json::Value::Null
    );
    assert_eq!(
        guest.api_json("chat/badge?cursor=0").await,
        serde_json::Value::Null
    );
    assert_eq!(send(&guest, dialog, "Привет").await.status(), 401);
}
