//! Reports of a seller's message, agents' review of held messages, and images in
//! messages.

use super::{send, start, texts};
use crate::helpers::{Browser, Field, Problem, TestApp, error_of};
use crate::orders::{invalid, product, staff};
use app::staff::Role;

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
