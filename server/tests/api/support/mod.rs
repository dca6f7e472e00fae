//! Support requests through the server: numbered requests, the automatic reply
//! out of working hours (a weekend, the New Year holidays), the agents' queue,
//! answers, internal notes, statuses, the rating, unread counts in the header's
//! badge, numbering under concurrent creation, and who may see what (`access`).

use crate::helpers::{Browser, Field, Problem, START_MS, TestApp, error_of};
use crate::orders::{invalid, pickup_point, place, product, staff};
use app::staff::Role;

mod access;

const HOUR: i64 = 3_600_000;

/// Opens a request as the page's form does: its id.
async fn open(b: &Browser, topic: &str, order: &str, text: &str) -> reqwest::Response {
    b.post_form(
        "support/open",
        &[("topic", topic), ("order", order), ("text", text)],
    )
    .await
}

async fn opened(b: &Browser, topic: &str, text: &str) -> i64 {
    let r = open(b, topic, "", text).await;
    assert_eq!(r.status(), 200);
    r.json::<i64>().await.unwrap()
}

fn texts(v: &serde_json::Value) -> Vec<(String, String)> {
    v["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["author"].as_str().unwrap().to_string(),
                m["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

async fn post(b: &Browser, endpoint: &str, id: i64, extra: &[(&str, &str)]) -> reqwest::Response {
    let id = id.to_string();
    let mut form = vec![("request", id.as_str())];
    form.extend_from_slice(extra);
    b.post_form(endpoint, &form).await
}

#[tokio::test]
async fn a_request_made_on_a_sunday_is_answered_automatically_then_by_an_agent_on_monday() {
    // The test clock starts on Sunday 22 November 2026, 03:00 Moscow time.
    let app = TestApp::spawn_with(0).await;
    let agent = staff(&app, "+79161160301", Role::Support, 0).await;
    app.sign_in("+79161160302").await;

    // Bad input is refused with its reason, and nothing is written.
    for (topic, order, text, e) in [
        ("", "", "Вопрос", invalid(Field::Topic, Problem::Empty)),
        (
            "refund",
            "",
            "Вопрос",
            invalid(Field::Topic, Problem::Unknown),
        ),
        ("order", "", "  ", invalid(Field::Message, Problem::Empty)),
        (
            "order",
            "999",
            "Где заказ?",
            invalid(Field::OrderNumber, Problem::Unknown),
        ),
        (
            "order",
            "abc",
            "Где заказ?",
            invalid(Field::OrderNumber, Problem::Unknown),
        ),
    ] {
        let (status, got) = error_of(open(&app, topic, order, text).await).await;
        assert_eq!((status, got), (400, e), "{topic} {order} {text}");
    }
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM support_requests", &[])
            .await,
        0
    );

    let id = opened(
        &app,
        "payment",
        "Списали деньги дважды <script>alert(1)</script>",
    )
    .await;
    let v = app.api_json(&format!("support/request?id={id}")).await;
    assert_eq!(v["number"], "26-000001");
    assert_eq!(v["status"], "open");
    assert_eq!(v["topic"], "payment");
    // Support is closed on Sunday: the automatic reply names Monday, 09:00.
    assert_eq!(
        texts(&v),
        [
            (
                "shopper".to_string(),
                "Списали деньги дважды <script>alert(1)</script>".to_string()
            ),
            ("auto".to_string(), "23.11.2026 09:00".to_string()),
        ]
    );
    // Reading it read the automatic reply: the badge holds nothing from support.
    assert_eq!(app.api_json("chat/badge?cursor=-1").await["unread"], 0);
    let html = app.get_html(&format!("/messages/support/{id}")).await.1;
    assert!(html.contains("Обращение № 26-000001"), "{html}");
    assert!(html.contains("после 23.11.2026 09:00"));
    assert!(!html.contains("<script>alert(1)"), "the text stays text");

    // On Monday at 10:00 another request gets no automatic reply, and the queue
    // shows the one waiting longest first.
    app.clock.advance_ms(31 * HOUR);
    let second = app.new_browser();
    second.sign_in("+79161160303").await;
    let later = opened(&second, "other", "Как сменить телефон?").await;
    let v = second
        .api_json(&format!("support/request?id={later}"))
        .await;
    assert_eq!(v["number"], "26-000002");
    assert_eq!(texts(&v).len(), 1, "no automatic reply in working hours");
    let q = agent.api_json("support/queue").await;
    let order: Vec<i64> = q
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(order, [id, later]);

    // The agent takes the first, keeps a note the shopper never sees, answers.
    assert_eq!(post(&agent, "support/take", id, &[]).await.status(), 200);
    assert_eq!(
        agent
            .api_json("support/queue?mine=1")
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let r = post(
        &agent,
        "support/answer",
        id,
        &[("text", "Проверить платёж в YooKassa"), ("note", "1")],
    )
    .await;
    assert_eq!(r.status(), 200);
    let r = post(
        &agent,
        "support/answer",
        id,
        &[("text", "Второе списание вернётся за 3 дня.")],
    )
    .await;
    assert_eq!(r.status(), 200);
    let desk = agent.api_json(&format!("support/desk?id={id}")).await;
    assert_eq!(desk["status"], "answered");
    assert_eq!(desk["mine"], true);
    assert_eq!(desk["shopper"]["phone"], "+7 916 116-03-02");
    assert!(texts(&desk).iter().any(|(a, _)| a == "note"));
    // The shopper's badge counts the answer; the page reads it.
    assert_eq!(app.api_json("chat/badge?cursor=-1").await["unread"], 1);
    let list = app.api_json("support/requests").await;
    assert_eq!(list["requests"][0]["unread"], 1);
    let v = app.api_json(&format!("support/request?id={id}")).await;
    assert_eq!(v["status"], "answered");
    assert!(
        texts(&v).iter().all(|(a, _)| a != "note"),
        "notes stay with agents"
    );
    assert_eq!(
        texts(&v).last().unwrap().1,
        "Второе списание вернётся за 3 дня."
    );
    assert_eq!(app.api_json("chat/badge?cursor=-1").await["unread"], 0);

    // The shopper writes back: it waits for an agent again, first in the queue.
    assert_eq!(
        post(&app, "support/write", id, &[("text", "Спасибо, жду")])
            .await
            .status(),
        200
    );
    let q = agent.api_json("support/queue").await;
    assert_eq!(q[0]["id"].as_i64(), Some(id));
    assert_eq!(q[0]["status"], "open");

    // Not rated before it is closed; closed, it takes no messages; rated once.
    assert_eq!(
        error_of(post(&app, "support/rate", id, &[("rating", "5")]).await).await,
        (400, invalid(Field::Rating, Problem::Refused))
    );
    assert_eq!(
        post(&agent, "support/status", id, &[("status", "waiting")])
            .await
            .status(),
        200
    );
    assert_eq!(
        error_of(post(&agent, "support/status", id, &[("status", "done")]).await).await,
        (400, invalid(Field::Status, Problem::Unknown))
    );
    assert_eq!(
        post(&agent, "support/status", id, &[("status", "closed")])
            .await
            .status(),
        200
    );
    assert_eq!(
        error_of(post(&app, "support/write", id, &[("text", "Ещё вопрос")]).await).await,
        (400, invalid(Field::Status, Problem::Refused))
    );
    assert_eq!(
        error_of(post(&app, "support/rate", id, &[("rating", "6")]).await).await,
        (400, invalid(Field::Rating, Problem::OutOfRange))
    );
    assert_eq!(
        post(&app, "support/rate", id, &[("rating", "5")])
            .await
            .status(),
        200
    );
    assert_eq!(
        error_of(post(&app, "support/rate", id, &[("rating", "4")]).await).await,
        (400, invalid(Field::Rating, Problem::Refused))
    );
    let v = app.api_json(&format!("support/request?id={id}")).await;
    assert_eq!(
        (v["status"].as_str(), v["rating"].as_i64()),
        (Some("closed"), Some(5))
    );
    // Closed requests leave the queue.
    let q = agent.api_json("support/queue").await;
    assert!(
        q.as_array()
            .unwrap()
            .iter()
            .all(|r| r["id"].as_i64() != Some(id))
    );
}

#[tokio::test]
async fn the_new_year_holidays_move_the_answer_to_the_eleventh_of_january_and_orders_tie_in() {
    let app = TestApp::spawn_with(0).await;
    let a = product(&app, 1, 10_000, 5).await;
    let point = pickup_point(&app).await;
    app.sign_in("+79161160311").await;
    let r = place(
        &app,
        "checkout-support1",
        &format!("{a}:1:10000"),
        point,
        "on_receipt",
    )
    .await;
    let order = r.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    // Someone else's order is not the shopper's to ask about.
    let other = app.new_browser();
    other.sign_in("+79161160312").await;
    assert_eq!(
        error_of(open(&other, "order", &order.to_string(), "Где заказ?").await).await,
        (400, invalid(Field::OrderNumber, Problem::Unknown))
    );

    // 30 December 2026, 19:00 Moscow time (16:00 UTC): a Wednesday evening before
    // the holidays of 31 December to 10 January.
    let at = 1_798_646_400_000; // 2026-12-30T16:00:00Z
    app.clock.advance_ms(at - START_MS);
    // Weeks on, the session has ended: the shopper signs in again.
    app.sign_in("+79161160311").await;
    let r = open(&app, "order", &order.to_string(), "Где заказ?").await;
    assert_eq!(r.status(), 200);
    let id = r.json::<i64>().await.unwrap();
    let v = app.api_json(&format!("support/request?id={id}")).await;
    assert_eq!(v["order"][0].as_i64(), Some(order));
    assert_eq!(
        texts(&v)[1],
        ("auto".to_string(), "11.01.2027 09:00".to_string())
    );
    // The year's numbers begin again in 2027.
    app.clock.advance_ms(2 * 24 * HOUR);
    let next = opened(&app, "other", "С Новым годом!").await;
    assert_eq!(
        app.api_json(&format!("support/request?id={next}")).await["number"],
        "27-000001"
    );
}

/// 30 shoppers opening requests at once get 30 numbers, each once, in sequence.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_made_at_once_get_distinct_numbers_in_sequence() {
    let app = std::sync::Arc::new(TestApp::spawn_with(0).await);
    let mut tasks = Vec::new();
    for n in 0..30i64 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            app::chat::support::service::open(&app.deps(), 20_000 + n, "other", None, "Вопрос")
                .await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let mut numbers: Vec<String> = sqlx::query_scalar("SELECT number FROM support_requests")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    numbers.sort();
    let want: Vec<String> = (1..=30).map(|n| format!("26-{n:06}")).collect();
    assert_eq!(numbers, want);
}

#[tokio::test]
async fn an_answer_left_unread_for_15_minutes_is_emailed_once_with_the_request_number() {
    let app = TestApp::spawn_with(0).await;
    let agent = staff(&app, "+79161160341", Role::Support, 0).await;
    app.sign_in("+79161160342").await;
    let user = app.me().await["id"].as_i64().unwrap();
    sqlx::query("UPDATE users SET email = 'ivan@example.com', email_verified_at = 1 WHERE id = $1")
        .bind(user)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let id = opened(&app, "order", "Где заказ?").await;
    app.api_json(&format!("support/request?id={id}")).await;
    // The automatic reply is not an agent's answer: no email for it.
    app.clock.advance_ms(HOUR);
    assert_eq!(app::chat::email_unread(&app.deps()).await.unwrap(), 0);
    let r = post(&agent, "support/answer", id, &[("text", "Заказ в пути.")]).await;
    assert_eq!(r.status(), 200);
    app.clock.advance_ms(15 * 60_000);
    assert_eq!(app::chat::email_unread(&app.deps()).await.unwrap(), 1);
    let mail = app
        .wait_for_email(
            "ivan@example.com",
            Some("Ответ поддержки по обращению № 26-000001"),
        )
        .await;
    assert!(
        mail["body"]
            .as_str()
            .unwrap()
            .contains(&format!("/messages/support/{id}"))
    );
    assert_eq!(app::chat::email_unread(&app.deps()).await.unwrap(), 0);
}
