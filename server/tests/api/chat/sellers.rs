//! A seller writing first about an order (72 hours), and the email about a
//! message left unread for 15 minutes.

use super::{send, start};
use crate::helpers::{Browser, Field, Problem, TestApp, error_of};
use crate::orders::{invalid, pickup_point, place, product, staff};
use app::staff::Role;

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
