//! Card top-ups against the YooKassa stand-in over HTTP: credited exactly once
//! whatever the provider and the shopper do (repeated, early, lost and forged
//! notifications, a closed tab, a decline, a failed 3-D Secure step).

use crate::helpers::{AppError, Browser, Field, Problem, TestApp, error_of};
use server::payments::standin::{LOST_NOTIFICATION, NO_FUNDS, PAID, THREE_DS, THREE_DS_CODE};

/// A top-up started from the wallet page: the provider's page to go to.
async fn start(b: &Browser, amount: &str) -> String {
    let r = b
        .post_form("wallet/topups/start", &[("amount", amount)])
        .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    if let Some(l) = r.headers().get("location") {
        return l.to_str().unwrap().to_string();
    }
    r.json::<String>().await.unwrap()
}

/// The card form on the provider's page: where it sends the browser next.
async fn pay(b: &Browser, page: &str, card: &str) -> reqwest::Response {
    b.client
        .post(page)
        .form(&[("card", card), ("expiry", "12/30"), ("cvc", "123")])
        .send()
        .await
        .unwrap()
}

fn location(r: &reqwest::Response) -> String {
    r.headers()["location"].to_str().unwrap().to_string()
}

/// The top-up's id from the page the provider returns the shopper to.
fn topup_id(return_url: &str) -> i64 {
    return_url.rsplit('/').next().unwrap().parse().unwrap()
}

fn payment_id(page: &str) -> String {
    page.rsplit('/').next().unwrap().to_string()
}

async fn view(b: &Browser, id: i64) -> serde_json::Value {
    b.api_json(&format!("wallet/topups/get?id={id}")).await
}

async fn wallet(b: &Browser) -> serde_json::Value {
    b.api_json("wallet/statement?kind=&from=&to=").await
}

/// The provider's notification about `payment`, with whatever body it claims.
async fn notify(app: &TestApp, payment: &str, claimed_status: &str) -> u16 {
    let body = serde_json::json!({
        "type": "notification",
        "event": format!("payment.{claimed_status}"),
        "object": { "id": payment, "status": claimed_status, "paid": true,
                    "amount": { "value": "1500.00", "currency": "RUB" } }
    });
    // From the provider's servers: no Origin, no cookies.
    reqwest::Client::new()
        .post(app.url("/payments/yookassa/notification"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn status_in_db(app: &TestApp, id: i64) -> String {
    app.one_text(&format!("SELECT status FROM topups WHERE id = {id}"))
        .await
}

async fn assert_check_passes(app: &TestApp) {
    let report = app::wallet::ledger::service::check(&app.db).await.unwrap();
    assert!(report.ok(), "{report}");
}

#[tokio::test]
async fn a_3_d_secure_top_up_is_credited_once_however_often_the_provider_calls() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161120001").await;
    let page = start(&app, "1 500").await;
    assert!(page.contains("/dev/yookassa/pay/"), "{page}");
    // Until the provider answers, the money is on its way in, not spendable.
    let w = wallet(&app).await;
    assert_eq!(
        (w["balance"].as_i64(), w["incoming"].as_i64()),
        (Some(0), Some(150_000))
    );

    let r = pay(&app, &page, "5555 5555 5555 4444").await;
    assert_eq!(r.status(), 303);
    let three_ds = location(&r);
    assert!(three_ds.contains("/dev/yookassa/3ds/"), "{three_ds}");
    let r = app
        .client
        .post(&three_ds)
        .form(&[("code", THREE_DS_CODE)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let back = location(&r);
    let id = topup_id(&back);
    // The notification arrived before the shopper did: the page already says so.
    let v = view(&app, id).await;
    assert_eq!(v["status"], "succeeded");
    let steps: Vec<&str> = v["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s[0].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["created", "pending", "succeeded"]);
    // The provider repeats its notification five times: still one credit.
    for _ in 0..5 {
        assert_eq!(notify(&app, &payment_id(&page), "succeeded").await, 200);
    }
    let w = wallet(&app).await;
    assert_eq!(
        (w["balance"].as_i64(), w["incoming"].as_i64()),
        (Some(150_000), Some(0))
    );
    let ops = w["operations"].as_array().unwrap();
    assert_eq!(ops.len(), 1);
    assert_eq!(
        (ops[0]["kind"].as_str(), ops[0]["status"].as_str()),
        (Some("top_up"), Some("done"))
    );
    // The provider's page is closed now.
    let (_, html) = app.get_html(&page.replacen(&app.address, "", 1)).await;
    assert!(html.contains("Платёж завершён"));
    assert_check_passes(&app).await;
}

#[tokio::test]
async fn a_notification_is_never_believed_only_the_providers_api() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161120002").await;
    let page = start(&app, "1500").await;
    let id = app.one_i64("SELECT MAX(id) FROM topups", &[]).await;
    // A forged "succeeded" for a payment nobody paid.
    assert_eq!(notify(&app, &payment_id(&page), "succeeded").await, 200);
    assert_eq!(status_in_db(&app, id).await, "pending");
    assert_eq!(wallet(&app).await["balance"], 0);
    // About a payment that is not ours, or malformed: nothing happens.
    assert_eq!(
        notify(&app, "2419a771-000f-5000-9000-1edaf29243f2", "succeeded").await,
        200
    );
    let r = reqwest::Client::new()
        .post(app.url("/payments/yookassa/notification"))
        .body("{\"object\":{\"id\":\"../../etc\"}}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_check_passes(&app).await;
}

#[tokio::test]
async fn a_declined_card_and_a_failed_3_d_secure_step_take_nothing_and_say_why() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161120003").await;
    let page = start(&app, "1500").await;
    // A number with a typo is refused by the provider's page itself.
    let r = pay(&app, &page, "5555 5555 5555 4478").await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("Проверьте номер карты"));
    let r = pay(&app, &page, NO_FUNDS).await;
    let id = topup_id(&location(&r));
    let v = view(&app, id).await;
    assert_eq!(
        (v["status"].as_str(), v["reason"].as_str()),
        (Some("canceled"), Some("insufficient_funds"))
    );

    let page = start(&app, "700").await;
    let r = pay(&app, &page, THREE_DS).await;
    let r = app
        .client
        .post(location(&r))
        .form(&[("code", "000000")])
        .send()
        .await
        .unwrap();
    let id = topup_id(&location(&r));
    let v = view(&app, id).await;
    assert_eq!(
        (v["status"].as_str(), v["reason"].as_str()),
        (Some("canceled"), Some("3d_secure_failed"))
    );

    let w = wallet(&app).await;
    assert_eq!(
        (w["balance"].as_i64(), w["incoming"].as_i64()),
        (Some(0), Some(0))
    );
    let cancelled = w["operations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["status"] == "cancelled")
        .count();
    assert_eq!(cancelled, 2);
    assert_check_passes(&app).await;
}

#[tokio::test]
async fn a_lost_notification_and_a_closed_tab_are_caught_up_by_the_job() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161120004").await;
    // Paid, the notification lost, and the shopper never comes back.
    let page = start(&app, "1500").await;
    let r = pay(&app, &page, LOST_NOTIFICATION).await;
    assert_eq!(r.status(), 303);
    let id = topup_id(&location(&r));
    assert_eq!(status_in_db(&app, id).await, "pending");
    // Nothing is asked of the provider before the payment has been quiet a while.
    server::jobs::run_once(&app.state).await.unwrap();
    assert_eq!(status_in_db(&app, id).await, "pending");
    app.clock.advance_ms(6 * 60_000);
    server::jobs::run_once(&app.state).await.unwrap();
    assert_eq!(status_in_db(&app, id).await, "succeeded");

    // Paid and the tab closed at once: the notification alone credits it.
    let page = start(&app, "500").await;
    let r = pay(&app, &page, PAID).await;
    assert_eq!(r.status(), 303);
    let id = topup_id(&location(&r));
    assert_eq!(status_in_db(&app, id).await, "succeeded");
    assert_eq!(wallet(&app).await["balance"], 200_000);
    assert_check_passes(&app).await;
}

#[tokio::test]
async fn amounts_outside_the_rule_are_refused_and_nothing_is_started() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161120005").await;
    for (typed, why) in [
        ("", Problem::Empty),
        ("сто", Problem::Malformed),
        ("99,99", Problem::BelowMinimum),
        ("100000,01", Problem::OutOfRange),
    ] {
        let (status, e) = error_of(
            app.post_form("wallet/topups/start", &[("amount", typed)])
                .await,
        )
        .await;
        assert_eq!(
            (status, e),
            (
                400,
                AppError::Invalid {
                    field: Field::Amount,
                    message: why
                }
            ),
            "{typed:?}"
        );
    }
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM topups", &[]).await, 0);
    // Someone else's top-up is nobody's business.
    let page = start(&app, "100").await;
    let id = app.one_i64("SELECT MAX(id) FROM topups", &[]).await;
    let other = app.new_browser();
    other.sign_in("+79161120006").await;
    let r = other.get(&format!("/api/wallet/topups/get?id={id}")).await;
    assert_eq!(r.status(), 404);
    assert!(page.contains("/dev/yookassa/pay/"));
}

#[tokio::test]
async fn production_never_runs_the_payment_stand_in() {
    let dir = std::env::temp_dir().join(format!("rynok-prod-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut config =
        server::config::Config::for_tests(format!("sqlite://{}/prod.db", dir.display()));
    config.env = "prod".into();
    config.outbox = false;
    match server::Application::build(config).await {
        Err(e) => assert!(e.to_string().contains("stand-in"), "{e}"),
        Ok(_) => panic!("a production server started with the payment stand-in"),
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn a_declined_top_up_is_told_in_the_inbox_once_with_the_reason() {
    let app = TestApp::spawn_with(0).await;
    app.sign_in("+79161120009").await;
    let page = start(&app, "1500").await;
    let r = pay(&app, &page, NO_FUNDS).await;
    let id = topup_id(&location(&r));
    // The provider calling again, and the job asking, tell nothing twice.
    assert_eq!(notify(&app, &payment_id(&page), "canceled").await, 200);
    server::jobs::run_once(&app.state).await.unwrap();
    let i = app.api_json("inbox/notices").await;
    let notices = i["notices"].as_array().unwrap();
    assert_eq!(notices.len(), 1, "{i}");
    let text = notices[0]["text"].as_str().unwrap();
    assert!(text.starts_with("Пополнение Rynok Счёта на 1"), "{text}");
    assert!(
        text.contains("Не оплачено") && text.contains("недостаточно"),
        "{text}"
    );
    assert_eq!(notices[0]["link"], format!("/account/wallet/topup/{id}"));
    assert_eq!(i["unread"], 1);
}
