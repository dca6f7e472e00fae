//! An order's steps reach the shopper by email as well as in the inbox: placed, on
//! its way, at the pickup point; once each, after the change committed, and only
//! to a verified address.

use super::{pickup_point, place, placed, product};
use crate::helpers::TestApp;
use app::inbox::email_pending;
use app::orders::service::run_logistics;
use app::shared::money::Money;

const DAY: i64 = 86_400_000;

#[tokio::test]
async fn each_step_of_an_order_is_emailed_once_to_a_verified_address() {
    let app = TestApp::spawn_with(0).await;
    let point = pickup_point(&app).await;
    let a = product(&app, 1, 50_000, 3).await;
    app.with_verified_email("+79161150071", "maria@example.ru")
        .await;
    // The next code may be asked for a minute later.
    app.clock.advance_ms(61_000);
    app.sign_in("+79161150071").await;
    let o = placed(
        &app,
        "checkout-e001",
        &format!("{a}:1:50000"),
        point,
        "on_receipt",
    )
    .await;
    let n = o["number"].as_str().unwrap().to_string();

    // Placed: one email, with the order's link; a second run sends nothing more.
    assert_eq!(email_pending(&app.deps()).await.unwrap(), 1);
    assert_eq!(email_pending(&app.deps()).await.unwrap(), 0);
    let m = app
        .wait_for_email(
            "maria@example.ru",
            Some(&format!(
                "Заказ № {n} оформлен на {}, оплата при получении",
                Money::from_kopecks(59_900)
            )),
        )
        .await;
    let body = m["body"].as_str().unwrap();
    assert!(body.contains(&format!("/orders/{}", o["id"])), "{body}");

    // On its way and at the pickup point: one email each.
    app.clock.advance_ms(2 * DAY);
    run_logistics(&app.deps()).await.unwrap();
    assert_eq!(email_pending(&app.deps()).await.unwrap(), 2);
    app.wait_for_email("maria@example.ru", Some(&format!("Заказ № {n} в пути")))
        .await;
    let m = app.wait_for_email("maria@example.ru", None).await;
    assert!(
        m["subject"]
            .as_str()
            .unwrap()
            .starts_with(&format!("Заказ № {n} ждёт вас в пункте выдачи до ")),
        "{m}"
    );
    let emails = app
        .outbox("maria@example.ru")
        .await
        .into_iter()
        .filter(|m| {
            m["channel"] == "email" && m["subject"].as_str().unwrap().starts_with("Заказ №")
        })
        .count();
    assert_eq!(emails, 3);
}

#[tokio::test]
async fn without_a_verified_email_nothing_is_sent_and_nothing_waits() {
    let app = TestApp::spawn_with(0).await;
    let point = pickup_point(&app).await;
    let a = product(&app, 1, 50_000, 3).await;
    app.sign_in("+79161150072").await;
    place(
        &app,
        "checkout-e002",
        &format!("{a}:1:50000"),
        point,
        "on_receipt",
    )
    .await;
    assert_eq!(email_pending(&app.deps()).await.unwrap(), 0);
    // Dealt with: the job does not read it again.
    assert_eq!(
        app.one_i64(
            "SELECT COUNT(*) FROM notices WHERE emailed_at IS NULL AND id > $1",
            &[0]
        )
        .await,
        0
    );
}
