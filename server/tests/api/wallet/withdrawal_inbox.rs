//! Withdrawals in the inbox: each step of a withdrawal reaches it once, and the
//! account menu shows the balance.

use super::withdrawals::{
    DAY_MS, PHONE, account_number, code, confirm, invalid, run_jobs, signed_in_with, started,
};
use crate::helpers::{Field, Problem, TestApp, error_of};

/// The signed-in shopper's inbox, newest first.
async fn inbox(b: &crate::helpers::Browser) -> serde_json::Value {
    b.api_json("inbox/notices").await
}

fn texts(inbox: &serde_json::Value) -> Vec<String> {
    inbox["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn each_step_of_a_withdrawal_reaches_the_inbox_once_and_the_menu_shows_the_balance() {
    let app = TestApp::spawn_with(0).await;
    // A guest has no menu and no inbox.
    assert_eq!(
        app.api_json("shell/account-menu").await,
        serde_json::Value::Null
    );
    assert_eq!(inbox(&app).await, serde_json::Value::Null);
    signed_in_with(&app, PHONE, 1500).await;
    let menu = app.api_json("shell/account-menu").await;
    assert_eq!(
        (menu["balance"].as_i64(), menu["unread"].as_i64()),
        (Some(150_000), Some(0))
    );

    let acct = account_number("4321");
    let id = started(&app, "1000", "Иванова Мария Петровна", &acct).await;
    let sms = code(&app, PHONE).await;
    assert_eq!(confirm(&app, id, &sms).await.status(), 200);
    let i = inbox(&app).await;
    let t = texts(&i);
    assert_eq!(t.len(), 1, "{t:?}");
    assert!(t[0].starts_with("Вывод 1"), "{t:?}");
    assert!(
        t[0].ends_with(&format!(
            "₽ на счёт •••• {}: В пути, поступят до 25.11.2026",
            &acct[16..]
        )),
        "{t:?}"
    );
    assert_eq!(
        i["notices"][0]["link"],
        format!("/account/wallet#withdrawal-{id}")
    );
    let menu = app.api_json("shell/account-menu").await;
    // The reserved 1 000 ₽ is not spendable: the menu shows what is.
    assert_eq!(
        (menu["balance"].as_i64(), menu["unread"].as_i64()),
        (Some(50_000), Some(1))
    );

    // Paid on Tuesday; the job running again tells nothing twice.
    app.clock.advance_ms(2 * DAY_MS);
    run_jobs(&app).await;
    run_jobs(&app).await;
    let i = inbox(&app).await;
    let t = texts(&i);
    assert_eq!(t.len(), 2, "{t:?}");
    assert!(t[0].ends_with(": Поступили в банк"), "{t:?}");
    assert_eq!(i["unread"], 2);
    // The page shows them, the header counts them.
    let (_, html) = app.get_html("/account/notices").await;
    assert!(html.contains("Поступили в банк"), "{html}");
    assert!(html.contains(r#"data-testid="notices-badge""#));
    let at = html
        .find(r#"data-testid="menu-balance""#)
        .expect("the menu's balance");
    let shown = &html[at..][html[at..].find('>').unwrap() + 1..];
    assert!(shown.starts_with("500\u{202f}₽<"), "{}", &shown[..20]);

    // Someone else marking "read up to" this shopper's newest id marks only their own.
    let other = app.new_browser();
    other.sign_in("+79161130009").await;
    let newest = i["notices"][0]["id"].as_i64().unwrap().to_string();
    let r = other
        .post_form("inbox/read", &[("upto", newest.as_str())])
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<serde_json::Value>().await.unwrap(), 0);
    assert_eq!(inbox(&app).await["unread"], 2);
    // A malformed id is refused; the shopper's own "mark all read" works.
    let (status, e) = error_of(app.post_form("inbox/read", &[("upto", "x")]).await).await;
    assert_eq!((status, e), (400, invalid(Field::Id, Problem::Unknown)));
    let r = app
        .post_form("inbox/read", &[("upto", newest.as_str())])
        .await;
    assert_eq!(r.json::<serde_json::Value>().await.unwrap(), 2);
    assert_eq!(app.api_json("shell/account-menu").await["unread"], 0);
    assert_eq!(inbox(&other).await["notices"], serde_json::json!([]));
}
