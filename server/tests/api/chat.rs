//! Chat through the server: a shopper asks a seller from a product's page, the
//! seller's staff answer; unread counts, read marks and the poll's cursor; a
//! seller's scam-shaped message held back; blocking; the send limit; the dialog
//! pinned to the order once the product is bought; and who may see what.

use crate::helpers::{AppError, Browser, Field, Problem, TestApp, error_of};
use crate::orders::{invalid, pickup_point, place, product, staff};
use app::staff::Role;

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

/// A seller's staff open the dialog with the shopper of their posting, as the
/// seller's page's plain form does: (status, the dialog's id when it went there).
async fn start_as_seller(app: &TestApp, b: &Browser, posting: i64) -> (u16, Option<i64>) {
    let r = b
        .post_form_as_page(
            "chat/start-seller",
            &format!("{}/seller", app.address),
            &[("posting", &posting.to_string())],
        )
        .await;
    let to = r
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .and_then(|l| l.strip_prefix("/messages/"))
        .and_then(|id| id.parse().ok());
    (r.status().as_u16(), to)
}

#[tokio::test]
async fn a_seller_writes_first_only_about_the_shoppers_order_within_72_hours() {
    const HOUR: i64 = 3_600_000;
    let app = TestApp::spawn_with(0).await;
    let point = pickup_point(&app).await;
    let a = product(&app, 7, 50_000, 3).await;
    let _ = product(&app, 8, 50_000, 3).await;
    sqlx::query("UPDATE sellers SET ships_itself = 1 WHERE id IN (7, 8)")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let seller = staff(&app, "+79161150341", Role::SellerStaff, 7).await;
    let other_seller = staff(&app, "+79161150342", Role::SellerStaff, 8).await;
    app.sign_in("+79161150343").await;
    let r = place(
        &app,
        "checkout-chat-s1",
        &format!("{a}:1:50000"),
        point,
        "on_receipt",
    )
    .await;
    assert_eq!(r.status(), 200);
    let order = r.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let posting: i64 = app
        .one_i64("SELECT id FROM postings WHERE order_id = $1", &[order])
        .await;

    // The seller's page offers it for 72 hours from the order's payment (placed to
    // pay on receipt, here).
    let desk = seller.api_json("seller/desk").await;
    let until = desk["to_pack"][0]["write_until"].as_i64().unwrap();
    let placed = app
        .one_i64("SELECT created_at FROM orders WHERE id = $1", &[order])
        .await;
    assert_eq!(until, placed + 72 * HOUR);

    // Nobody but the seller's staff opens it: another seller's is not found, a
    // shopper is no seller's staff.
    let form = [("posting", posting.to_string())];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = other_seller.post_form("chat/start-seller", &form).await;
    assert_eq!(r.status(), 404);
    assert_eq!(
        app.post_form("chat/start-seller", &form).await.status(),
        403
    );
    let guest = app.new_browser();
    assert_eq!(
        guest.post_form("chat/start-seller", &form).await.status(),
        401
    );

    let (status, dialog) = start_as_seller(&app, &seller, posting).await;
    assert_eq!(status, 302);
    let dialog = dialog.unwrap();
    assert_eq!(
        send(&seller, dialog, "Добрый день! Уточните цвет, пожалуйста.")
            .await
            .status(),
        200
    );
    // The shopper has it, about their order, unread.
    let v = app.api_json(&format!("chat/dialog?id={dialog}")).await;
    assert_eq!(v["pinned"]["Order"]["id"].as_i64(), Some(order));
    assert_eq!(
        v["messages"][0]["text"],
        "Добрый день! Уточните цвет, пожалуйста."
    );

    // Past 72 hours the page no longer offers it, and the server refuses it.
    app.clock.advance_ms(72 * HOUR + 1);
    let desk = seller.api_json("seller/desk").await;
    assert!(desk["to_pack"][0]["write_until"].is_null());
    let r = seller.post_form("chat/start-seller", &form).await;
    assert_eq!(
        error_of(r).await,
        (400, invalid(Field::OrderNumber, Problem::Expired))
    );
}

#[tokio::test]
async fn a_message_left_unread_for_15_minutes_is_emailed_once_unless_turned_off() {
    const MINUTE: i64 = 60_000;
    let app = TestApp::spawn_with(0).await;
    let a = product(&app, 1, 10_000, 5).await;
    let seller = staff(&app, "+79161150351", Role::SellerStaff, 1).await;
    app.sign_in("+79161150352").await;
    let user = app.me().await["id"].as_i64().unwrap();
    sqlx::query(
        "UPDATE users SET email = 'maria@example.com', email_verified_at = 1 WHERE id = $1",
    )
    .bind(user)
    .execute(&app.db.pool)
    .await
    .unwrap();
    let emails = || async { app.outbox("maria@example.com").await.len() };
    let dialog = start(&app, &app, a).await;
    assert_eq!(send(&app, dialog, "Есть размер M?").await.status(), 200);
    assert_eq!(send(&seller, dialog, "Есть.").await.status(), 200);
    let run = || async { app::chat::email_unread(&app.deps()).await.unwrap() };

    // Fourteen minutes: nothing yet; fifteen: one email, with the dialog's link and
    // no message text; the next run sends nothing more.
    app.clock.advance_ms(14 * MINUTE);
    assert_eq!(run().await, 0);
    app.clock.advance_ms(MINUTE);
    assert_eq!(run().await, 1);
    let mail = app
        .wait_for_email(
            "maria@example.com",
            Some("Новое сообщение от продавца «Продавец»"),
        )
        .await;
    let body = mail["body"].as_str().unwrap();
    assert!(body.contains(&format!("/messages/{dialog}")), "{body}");
    assert!(!body.contains("Есть."), "{body}");
    assert_eq!(run().await, 0);
    assert_eq!(emails().await, 1);

    // Read in time, a message is not emailed; a held one never is.
    assert_eq!(send(&seller, dialog, "Ещё вопросы?").await.status(), 200);
    app.api_json(&format!("chat/dialog?id={dialog}")).await;
    assert_eq!(
        send(&seller, dialog, "Назовите код 482913").await.status(),
        200
    );
    app.clock.advance_ms(16 * MINUTE);
    assert_eq!(run().await, 0);

    // Turned off in "My data", nothing is emailed.
    let r = app
        .post_form(
            "account/profile/save",
            &[
                ("last_name", ""),
                ("first_name", "Мария"),
                ("middle_name", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(send(&seller, dialog, "Ждём вас!").await.status(), 200);
    app.clock.advance_ms(16 * MINUTE);
    assert_eq!(run().await, 0);
    assert_eq!(emails().await, 1);
    // Turned on again, it is.
    let r = app
        .post_form(
            "account/profile/save",
            &[
                ("last_name", ""),
                ("first_name", "Мария"),
                ("middle_name", ""),
                ("chat_emails", "on"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        send(&seller, dialog, "Ответьте, пожалуйста").await.status(),
        200
    );
    app.clock.advance_ms(16 * MINUTE);
    assert_eq!(run().await, 1);
}

async fn report(b: &Browser, message: i64) -> reqwest::Response {
    b.post_form("chat/report", &[("message", &message.to_string())])
        .await
}

async fn decide(b: &Browser, message: i64, release: &str) -> reqwest::Response {
    b.post_form(
        "chat/held-decide",
        &[("message", &message.to_string()), ("release", release)],
    )
    .await
}

#[tokio::test]
async fn a_shopper_reports_a_message_to_support_and_agents_review_the_held_ones() {
    let app = TestApp::spawn_with(0).await;
    let a = product(&app, 1, 10_000, 5).await;
    let seller = staff(&app, "+79161150361", Role::SellerStaff, 1).await;
    let agent = staff(&app, "+79161150362", Role::Support, 0).await;
    app.sign_in("+79161150363").await;
    let dialog = start(&app, &app, a).await;
    let id_of = |r: reqwest::Response| async move { r.json::<i64>().await.unwrap() };
    let mine = id_of(send(&app, dialog, "Здравствуйте").await).await;
    let rude = id_of(send(&seller, dialog, "Пишите мне в мессенджер, там дешевле").await).await;
    let held = id_of(send(&seller, dialog, "Назовите код из SMS: 482913").await).await;

    // Only the shopper reports, and only what the seller wrote and they can see.
    assert_eq!(report(&seller, rude).await.status(), 404);
    assert_eq!(report(&agent, rude).await.status(), 404);
    assert_eq!(report(&app, mine).await.status(), 404);
    assert_eq!(report(&app, held).await.status(), 404);
    assert_eq!(report(&app.new_browser(), rude).await.status(), 401);
    // Reported: a support request quoting it; once.
    let r = report(&app, rude).await;
    assert_eq!(r.status(), 200);
    let request = r.json::<i64>().await.unwrap();
    let v = app.api_json(&format!("support/request?id={request}")).await;
    let text = v["messages"][0]["text"].as_str().unwrap();
    assert!(
        text.starts_with("Жалоба на сообщение продавца «Продавец»"),
        "{text}"
    );
    assert!(
        text.contains("«Пишите мне в мессенджер, там дешевле»"),
        "{text}"
    );
    assert_eq!(
        error_of(report(&app, rude).await).await,
        (400, invalid(Field::Message, Problem::AlreadyUsed))
    );

    // Agents see the held message; nobody else does.
    assert_eq!(app.get("/api/chat/held").await.status(), 403);
    assert_eq!(seller.get("/api/chat/held").await.status(), 403);
    let list = agent.api_json("chat/held").await;
    assert_eq!(list[0]["id"].as_i64(), Some(held));
    assert_eq!(list[0]["text"], "Назовите код из SMS: 482913");
    let shown =
        |v: serde_json::Value| texts(&v).contains(&"Назовите код из SMS: 482913".to_string());
    assert!(!shown(
        app.api_json(&format!("chat/dialog?id={dialog}")).await
    ));
    assert_eq!(decide(&seller, held, "1").await.status(), 403);
    // Let through, the shopper sees it; decided, it leaves the list.
    assert_eq!(decide(&agent, held, "1").await.status(), 200);
    assert!(shown(
        app.api_json(&format!("chat/dialog?id={dialog}")).await
    ));
    assert_eq!(agent.api_json("chat/held").await, serde_json::json!([]));
    assert_eq!(decide(&agent, held, "0").await.status(), 404);
    // Kept back, the shopper never sees it.
    let card = id_of(send(&seller, dialog, "Карта 2200 1234 5678 9019").await).await;
    assert_eq!(decide(&agent, card, "0").await.status(), 200);
    let v = app.api_json(&format!("chat/dialog?id={dialog}")).await;
    assert!(!texts(&v).iter().any(|t| t.contains("2200")));
    assert_eq!(agent.api_json("chat/held").await, serde_json::json!([]));
}

async fn send_image(b: &Browser, dialog: i64, text: &str, photo: &[u8]) -> reqwest::Response {
    let d = dialog.to_string();
    b.post_multipart(
        "chat/send-image",
        &[
            ("dialog", None, d.as_bytes()),
            ("text", None, text.as_bytes()),
            ("photo", Some("photo.jpg"), photo),
        ],
        None,
    )
    .await
}

#[tokio::test]
async fn images_are_checked_by_content_re_encoded_and_shown_to_the_dialogs_two_sides_only() {
    let app = TestApp::spawn_with(0).await;
    let a = product(&app, 1, 10_000, 5).await;
    let seller = staff(&app, "+79161150371", Role::SellerStaff, 1).await;
    let other_seller = staff(&app, "+79161150372", Role::SellerStaff, 2).await;
    app.sign_in("+79161150373").await;
    let stranger = app.new_browser();
    stranger.sign_in("+79161150374").await;
    let dialog = start(&app, &app, a).await;

    // A script dressed as a JPEG, a GIF, an empty file field: refused, nothing written.
    let fake = b"\xff\xd8\xff\xe0\x00\x10JFIF<script>alert(1)</script>".to_vec();
    for (bytes, p) in [
        (&fake[..], Problem::NotAnImage),
        (&b"GIF89a\x01\x00\x01\x00"[..], Problem::NotAnImage),
        (&b""[..], Problem::Empty),
    ] {
        let r = send_image(&seller, dialog, "", bytes).await;
        assert_eq!(error_of(r).await, (400, invalid(Field::Photo, p)));
    }
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM message_images", &[])
            .await,
        0
    );
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM messages", &[]).await, 0);

    // A JPEG carrying a place in its EXIF: kept without it, with a thumbnail.
    let mut jpeg = {
        let img = image::RgbImage::from_fn(800, 400, |x, y| image::Rgb([x as u8, y as u8, 90]));
        let mut out = Vec::new();
        image::DynamicImage::ImageRgb8(img)
            .write_to(
                &mut std::io::Cursor::new(&mut out),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
        out
    };
    let exif = b"Exif\0\0GPS-55.75N-37.61E";
    let mut seg = vec![0xFF, 0xE1];
    seg.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    seg.extend_from_slice(exif);
    jpeg.splice(2..2, seg);
    let r = send_image(&seller, dialog, "Вот цвет <b>вживую</b>", &jpeg).await;
    assert_eq!(r.status(), 200);
    let v = app.api_json(&format!("chat/dialog?id={dialog}")).await;
    let m = &v["messages"][0];
    assert_eq!(m["text"], "Вот цвет <b>вживую</b>");
    assert_eq!(
        (m["image"]["width"].as_i64(), m["image"]["height"].as_i64()),
        (Some(800), Some(400))
    );
    let token = m["image"]["token"].as_str().unwrap().to_string();
    assert_eq!(token.len(), 64, "a random token, not an id");

    // The two sides see it, as a JPEG that cannot be sniffed into anything else.
    for who in [&*app, &seller] {
        let r = who.get(&format!("/chat/image/{token}")).await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "image/jpeg");
        assert_eq!(r.headers()["x-content-type-options"], "nosniff");
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("inline")
        );
        let bytes = r.bytes().await.unwrap();
        assert!(!bytes.windows(3).any(|w| w == b"GPS"), "metadata stripped");
        let thumb = who.get(&format!("/chat/image/{token}/thumb")).await;
        assert_eq!(thumb.status(), 200);
        let t = image::load_from_memory(&thumb.bytes().await.unwrap()).unwrap();
        assert_eq!((t.width(), t.height()), (320, 160));
    }
    // Nobody else does, and a guessed token is not found either.
    for who in [&stranger, &other_seller, &app.new_browser()] {
        assert_eq!(who.get(&format!("/chat/image/{token}")).await.status(), 404);
    }
    assert_eq!(
        app.get(&format!("/chat/image/{}", "0".repeat(64)))
            .await
            .status(),
        404
    );
    assert_eq!(app.get("/chat/image/1").await.status(), 404);

    // A shopper's image with no caption is a message too.
    let png = crate::orders::png(60, 40);
    assert_eq!(send_image(&app, dialog, "", &png).await.status(), 200);
    let v = seller.api_json(&format!("chat/dialog?id={dialog}")).await;
    let last = v["messages"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["text"].as_str(), last["mine"].as_bool()),
        (Some(""), Some(false))
    );
    assert!(last["image"]["token"].is_string());
}
