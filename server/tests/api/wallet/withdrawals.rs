//! Withdrawals through the server: the amount and bank-detail rules, a code to the
//! phone bound to one withdrawal, the reservation at once, the payout sandbox paying
//! after two business days or failing and returning the money, the day's limit, the
//! wait after a contact change, and what they do to deleting the account. The
//! inbox's part: `withdrawal_inbox`.

use crate::helpers::{AppError, Blocker, Field, Problem, TestApp, error_of};
use app::platform::clock::Clock;
use app::wallet::ledger::service as ledger;

pub(super) const DAY_MS: i64 = 86_400_000;
const BIK: &str = "044525225";
pub(super) const PHONE: &str = "+79161130001";

/// A personal account number at `BIK` whose control key agrees, ending in `tail`.
pub(super) fn account_number(tail: &str) -> String {
    let base = format!("40817810{}{:0>11}", 0, tail);
    (0..10)
        .map(|k| format!("{}{k}{}", &base[..8], &base[9..]))
        .find(|a| {
            app::wallet::withdrawals::model::AccountNumber::parse(
                a,
                &app::wallet::withdrawals::model::Bik::parse(BIK).unwrap(),
            )
            .is_ok()
        })
        .unwrap()
}

pub(super) async fn signed_in_with(app: &TestApp, phone: &str, roubles: i64) -> i64 {
    app.sign_in(phone).await;
    // The sign-in's code went to the same phone: the next may go a minute later.
    app.clock.advance_ms(61_000);
    let user = app.me().await["id"].as_i64().unwrap();
    if roubles > 0 {
        app.fund_wallet(user, roubles, &format!("fund:{user}"))
            .await;
    }
    user
}

async fn start(app: &TestApp, amount: &str, recipient: &str, account: &str) -> reqwest::Response {
    app.post_form(
        "wallet/withdrawals/start",
        &[
            ("amount", amount),
            ("recipient", recipient),
            ("bik", BIK),
            ("account_number", account),
        ],
    )
    .await
}

pub(super) async fn started(app: &TestApp, amount: &str, recipient: &str, account: &str) -> i64 {
    let r = start(app, amount, recipient, account).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    r.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap()
}

pub(super) async fn code(app: &TestApp, phone: &str) -> String {
    let e164 = app::shared::phone::Phone::parse(phone).unwrap();
    app.last_code(e164.as_str()).await
}

pub(super) async fn confirm(app: &TestApp, id: i64, code: &str) -> reqwest::Response {
    app.post_form(
        "wallet/withdrawals/confirm",
        &[("id", &id.to_string()), ("code", code)],
    )
    .await
}

pub(super) async fn wallet(app: &TestApp) -> (i64, i64, i64) {
    let w = app.api_json("wallet/statement?kind=&from=&to=").await;
    (
        w["balance"].as_i64().unwrap(),
        w["available"].as_i64().unwrap(),
        w["reserved"].as_i64().unwrap(),
    )
}

pub(super) async fn withdrawal(app: &TestApp, id: i64) -> serde_json::Value {
    let w = app.api_json("wallet/withdrawals").await;
    w["recent"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == id)
        .cloned()
        .unwrap()
}

pub(super) async fn run_jobs(app: &TestApp) {
    server::jobs::run_once(&app.state).await.unwrap();
}

async fn assert_check_passes(app: &TestApp) {
    let report = ledger::check(&app.db).await.unwrap();
    assert!(report.ok(), "{report}");
}

pub(super) fn invalid(field: Field, p: Problem) -> AppError {
    AppError::Invalid { field, message: p }
}

#[tokio::test]
async fn a_confirmed_withdrawal_is_reserved_at_once_and_paid_two_business_days_later() {
    let app = TestApp::spawn_with(0).await;
    signed_in_with(&app, PHONE, 1500).await;
    let acct = account_number("1234");
    let id = started(&app, "1000", "Иванова Мария Петровна", &acct).await;
    let sms = code(&app, PHONE).await;
    let r = confirm(&app, id, &sms).await;
    assert_eq!(r.status(), 200);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["status"], "in_progress");
    // Sunday 22 November: three business days on is Wednesday the 25th.
    assert_eq!(v["due_date"], "2026-11-25");
    assert_eq!(v["account"], format!("•••• {}", &acct[16..]));
    assert_eq!(wallet(&app).await, (150_000, 50_000, 100_000));
    // The same code again, or any code: this withdrawal is confirmed.
    let (status, e) = error_of(confirm(&app, id, &sms).await).await;
    assert_eq!((status, e), (400, AppError::CodeExpired));

    // Monday: the sandbox pays on the second business day, not yet.
    app.clock.advance_ms(DAY_MS);
    run_jobs(&app).await;
    assert_eq!(withdrawal(&app, id).await["status"], "in_progress");
    // Tuesday the 24th: paid.
    app.clock.advance_ms(DAY_MS);
    run_jobs(&app).await;
    let v = withdrawal(&app, id).await;
    assert_eq!(v["status"], "paid");
    let steps: Vec<&str> = v["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s[0].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["awaiting_code", "in_progress", "paid"]);
    assert_eq!(wallet(&app).await, (50_000, 50_000, 0));
    // The next withdrawal's form offers the same details.
    let saved = &app.api_json("wallet/withdrawals").await["saved"];
    assert_eq!(saved["account_number"], acct.as_str());
    assert_eq!(saved["recipient"], "Иванова Мария Петровна");
    assert_check_passes(&app).await;
}

#[tokio::test]
async fn amounts_and_bank_details_outside_the_rules_are_refused_with_the_rule() {
    let app = TestApp::spawn_with(0).await;
    signed_in_with(&app, "+79161130002", 1500).await;
    let acct = account_number("5678");
    let name = "Иванов Иван";
    for (amount, why) in [
        ("50", Problem::BelowMinimum),
        ("1500,01", Problem::MoreThanBalance),
        ("", Problem::Empty),
        ("сто", Problem::Malformed),
    ] {
        let (_, e) = error_of(start(&app, amount, name, &acct).await).await;
        assert_eq!(e, invalid(Field::Amount, why), "{amount:?}");
    }
    let mut bad_key = acct.clone().into_bytes();
    bad_key[8] = if bad_key[8] == b'9' {
        b'0'
    } else {
        bad_key[8] + 1
    };
    let bad_key = String::from_utf8(bad_key).unwrap();
    let (_, e) = error_of(start(&app, "1000", name, &bad_key).await).await;
    assert_eq!(e, invalid(Field::AccountNumber, Problem::ControlKey));
    let (_, e) = error_of(start(&app, "1000", "Ivanov Ivan", &acct).await).await;
    assert_eq!(e, invalid(Field::FullName, Problem::Letters));
    let r = app
        .post_form(
            "wallet/withdrawals/start",
            &[
                ("amount", "1000"),
                ("recipient", name),
                ("bik", "12345"),
                ("account_number", &acct),
            ],
        )
        .await;
    let (_, e) = error_of(r).await;
    assert_eq!(e, invalid(Field::Bik, Problem::WrongLength));
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM withdrawals", &[]).await,
        0
    );

    // Below 100 ₽ only the whole balance goes.
    let small = app.new_browser();
    small.sign_in("+79161130003").await;
    let user = small.me().await["id"].as_i64().unwrap();
    app.fund_wallet(user, 80, "fund:small").await;
    app.clock.advance_ms(61_000);
    let r = small
        .post_form(
            "wallet/withdrawals/start",
            &[
                ("amount", "50"),
                ("recipient", name),
                ("bik", BIK),
                ("account_number", &acct),
            ],
        )
        .await;
    assert_eq!(
        error_of(r).await.1,
        invalid(Field::Amount, Problem::WholeBalanceOnly)
    );
    let r = small
        .post_form(
            "wallet/withdrawals/start",
            &[
                ("amount", "80"),
                ("recipient", name),
                ("bik", BIK),
                ("account_number", &acct),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn a_code_confirms_only_its_own_withdrawal() {
    let app = TestApp::spawn_with(0).await;
    let phone = "+79161130004";
    signed_in_with(&app, phone, 1500).await;
    let acct = account_number("1111");
    let first = started(&app, "1000", "Иванов Иван", &acct).await;
    let first_code = code(&app, phone).await;
    app.clock.advance_ms(61_000);
    let second = started(&app, "200", "Иванов Иван", &acct).await;
    let second_code = code(&app, phone).await;
    // The first was replaced by the second; its code confirms nothing.
    let (_, e) = error_of(confirm(&app, first, &first_code).await).await;
    assert_eq!(e, AppError::CodeExpired);
    if first_code != second_code {
        let (_, e) = error_of(confirm(&app, second, &first_code).await).await;
        assert!(matches!(e, AppError::WrongCode { .. }), "{e:?}");
    }
    assert_eq!(confirm(&app, second, &second_code).await.status(), 200);
    assert_eq!(wallet(&app).await, (150_000, 130_000, 20_000));
    // Someone else cannot confirm it, even with the code.
    let other = app.new_browser();
    other.sign_in("+79161130005").await;
    let r = other
        .post_form(
            "wallet/withdrawals/confirm",
            &[("id", &second.to_string()), ("code", &second_code)],
        )
        .await;
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn a_failed_payout_returns_the_money_and_the_days_limit_holds() {
    let app = TestApp::spawn_with(0).await;
    let phone = "+79161130006";
    signed_in_with(&app, phone, 200_000).await;
    let acct = account_number("2222");
    let id = started(&app, "100000", "Отказов Пётр Иванович", &acct).await;
    assert_eq!(
        confirm(&app, id, &code(&app, phone).await).await.status(),
        200
    );
    // 100 000 ₽ today already: 60 000 more is over the day's 150 000 ₽.
    app.clock.advance_ms(61_000);
    let (_, e) = error_of(start(&app, "60000", "Иванов Иван", &acct).await).await;
    assert_eq!(e, invalid(Field::Amount, Problem::DailyLimit));
    app.clock.advance_ms(2 * DAY_MS);
    run_jobs(&app).await;
    assert_eq!(withdrawal(&app, id).await["status"], "returned");
    assert_eq!(wallet(&app).await, (20_000_000, 20_000_000, 0));
    assert_check_passes(&app).await;
}

#[tokio::test]
async fn no_withdrawal_for_a_day_after_the_phone_changed() {
    let app = TestApp::spawn_with(0).await;
    let user = signed_in_with(&app, "+79161130007", 1500).await;
    let now = app.clock.now_ms();
    sqlx::query(
        "INSERT INTO account_changes (user_id, kind, code_target, new_value, state, salt, code_hash, \
         code_expires_at, last_sent_at, created_at, updated_at) \
         VALUES ($1, 'phone', '', '+79161130007', 'done', '', '', 0, $2, $2, $2)",
    )
    .bind(user)
    .bind(now - 3_600_000)
    .execute(&app.db.pool)
    .await
    .unwrap();
    let (status, e) =
        error_of(start(&app, "1000", "Иванов Иван", &account_number("3333")).await).await;
    assert_eq!(
        (status, e),
        (
            409,
            AppError::Blocked {
                reasons: vec![Blocker::ContactChangedRecently]
            }
        )
    );
    app.clock.advance_ms(23 * 3_600_000);
    assert_eq!(
        start(&app, "1000", "Иванов Иван", &account_number("3333"))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn money_in_the_wallet_and_a_withdrawal_under_way_hold_up_deleting_the_account() {
    let app = TestApp::spawn_with(0).await;
    let phone = "+79161130008";
    signed_in_with(&app, phone, 1500).await;
    let (_, e) = app.start_deletion().await;
    assert_eq!(
        e,
        AppError::Blocked {
            reasons: vec![Blocker::WalletNotEmpty]
        }
    );
    let id = started(&app, "1500", "Иванов Иван", &account_number("4444")).await;
    assert_eq!(
        confirm(&app, id, &code(&app, phone).await).await.status(),
        200
    );
    let (_, e) = app.start_deletion().await;
    assert_eq!(
        e,
        AppError::Blocked {
            reasons: vec![Blocker::WalletNotEmpty, Blocker::WithdrawalInProgress]
        }
    );
    app.clock.advance_ms(3 * DAY_MS);
    run_jobs(&app).await;
    let r = app
        .post_form(
            "account/delete/start",
            &[("reason", "other"), ("comment", "")],
        )
        .await;
    assert_eq!(
        r.status(),
        200,
        "nothing holds it up once the money has left"
    );
}
