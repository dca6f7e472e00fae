//! A return not dropped off within its seven days: the job cancels it, the
//! shopper is told, its lines can be returned again while their period lasts, and
//! a second run or server cancels nothing twice.

use super::return_steps::{OneReturn, one_return};

const DAY: i64 = 86_400_000;

#[tokio::test]
async fn a_return_not_dropped_off_in_seven_days_is_cancelled_and_its_lines_are_free_again() {
    // The category allows 7 days: asked on the 1st day after receipt.
    let OneReturn {
        app,
        operator,
        user,
        order,
        line,
        id,
        ..
    } = one_return(("+79161150269", "+79161150261"), "checkout-x001").await;
    let expire = || async { app::orders::expire_returns(&app.deps()).await };
    let status = || async {
        app.api_json(&format!("returns/of-order?order={order}"))
            .await["returns"][0]["status"]
            .as_str()
            .unwrap()
            .to_string()
    };

    // A minute short of seven days it still waits.
    app.clock.advance_ms(7 * DAY - 60_000);
    assert_eq!(expire().await.unwrap(), 0);
    assert_eq!(status().await, "created");
    app.clock.advance_ms(60_000);
    assert_eq!(expire().await.unwrap(), 1);
    assert_eq!(expire().await.unwrap(), 0, "nothing twice");
    assert_eq!(status().await, "cancelled");
    let told = app
        .one_text(&format!(
            "SELECT text_ru FROM notices WHERE user_id = {user} AND topic = 'return' \
             AND subject_id = {id} AND status = 'expired'"
        ))
        .await;
    assert!(told.contains("не сдали в пункт выдачи за 7 дней"), "{told}");
    // The code no longer opens it at a pickup point.
    let code = app
        .one_text(&format!("SELECT code FROM returns WHERE id = {id}"))
        .await;
    let r = operator
        .get(&format!("/api/pickup/return?code={code}"))
        .await;
    assert_eq!(r.status(), 404);
    // The line is free again: on the period's last day it can be asked for again.
    let f = app.api_json(&format!("returns/form?order={order}")).await;
    assert_eq!(f["lines"][0]["id"].as_i64(), Some(line));
    assert_eq!(
        app.one_i64(
            "SELECT COUNT(*) FROM order_items WHERE id = $1 AND return_id IS NULL",
            &[line]
        )
        .await,
        1
    );
}
