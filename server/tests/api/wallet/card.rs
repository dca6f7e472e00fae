//! The Rynok Card application through the server: every field checked with its own
//! message, confirmed by a code, secrets stored encrypted and shown masked, the
//! sandbox bank's decision and the card's issue, and deletion held up meanwhile.

use crate::helpers::{AppError, Blocker, Field, Problem, TestApp, error_of};

const GOOD_INN: &str = "500100732259";
const GOOD_SNILS: &str = "112-233-445 95";

fn form<'a>(over: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("email", "maria@example.ru"),
        ("code_word", "Ромашка"),
        ("last_name", "Иванова"),
        ("first_name", "Мария"),
        ("middle_name", "Петровна"),
        ("birth_date", "1990-05-01"),
        ("passport_series", "45 06"),
        ("passport_number", "123456"),
        ("issue_date", "2010-06-01"),
        ("issuer_code", "770-001"),
        ("document_kind", "inn"),
        ("document", GOOD_INN),
        ("consent", "on"),
    ];
    for (k, v) in over {
        match f.iter_mut().find(|(fk, _)| fk == k) {
            Some(e) => e.1 = v,
            None => f.push((k, v)),
        }
    }
    f
}

async fn signed_in(app: &TestApp, phone: &str) -> i64 {
    app.sign_in(phone).await;
    app.clock.advance_ms(61_000);
    app.me().await["id"].as_i64().unwrap()
}

fn invalid(field: Field, p: Problem) -> AppError {
    AppError::Invalid { field, message: p }
}

#[tokio::test]
async fn every_bad_field_is_refused_with_its_own_reason_and_nothing_is_kept() {
    let app = TestApp::spawn_with(0).await;
    signed_in(&app, "+79161140001").await;
    let cases: Vec<(Vec<(&str, &str)>, AppError)> = vec![
        (
            form(&[("document", "500100732258")]),
            invalid(Field::Inn, Problem::ControlKey),
        ),
        (
            form(&[("document", "5001007322")]),
            invalid(Field::Inn, Problem::WrongLength),
        ),
        (
            form(&[("document_kind", "snils"), ("document", "112-233-445 96")]),
            invalid(Field::Snils, Problem::ControlKey),
        ),
        (
            form(&[("passport_series", "450")]),
            invalid(Field::PassportSeries, Problem::WrongLength),
        ),
        (
            form(&[("passport_number", "12345x")]),
            invalid(Field::PassportNumber, Problem::Digits),
        ),
        (
            form(&[("issuer_code", "77-01")]),
            invalid(Field::IssuerCode, Problem::WrongLength),
        ),
        (
            form(&[("birth_date", "2010-01-01"), ("issue_date", "2024-02-01")]),
            invalid(Field::BirthDate, Problem::TooYoung),
        ),
        (
            form(&[("issue_date", "2003-06-01")]),
            invalid(Field::IssueDate, Problem::TooOld),
        ),
        (
            form(&[("issue_date", "2030-01-01")]),
            invalid(Field::IssueDate, Problem::Future),
        ),
        (
            form(&[("last_name", "Ivanova")]),
            invalid(Field::LastName, Problem::Letters),
        ),
        (
            form(&[("code_word", "да")]),
            invalid(Field::CodeWord, Problem::Length),
        ),
        (
            form(&[("consent", "")]),
            invalid(Field::Terms, Problem::Required),
        ),
    ];
    for (f, want) in cases {
        let (status, e) = error_of(app.post_form("wallet/card/apply", &f).await).await;
        assert_eq!((status, e), (400, want));
    }
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM card_applications", &[])
            .await,
        0
    );
}

#[tokio::test]
async fn a_good_application_is_confirmed_by_code_reviewed_approved_and_issued() {
    let app = TestApp::spawn_with(0).await;
    let phone = "+79161140002";
    signed_in(&app, phone).await;
    let r = app
        .post_form(
            "wallet/card/apply",
            &form(&[("document_kind", "snils"), ("document", GOOD_SNILS)]),
        )
        .await;
    assert_eq!(r.status(), 200);
    let id = r.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    // Secrets are not stored in the clear; the code word only as an Argon2 hash.
    let row = app
        .one_text(&format!("SELECT passport_sealed || '|' || document_sealed || '|' || code_word_hash FROM card_applications WHERE id = {id}"))
        .await;
    assert!(
        !row.contains("4506123456") && !row.contains("11223344595") && !row.contains("ромашка")
    );
    assert!(row.contains("$argon2id$"));
    let code = app
        .last_code(app::shared::phone::Phone::parse(phone).unwrap().as_str())
        .await;
    let (_, e) = error_of(
        app.post_form(
            "wallet/card/confirm",
            &[("id", &id.to_string()), ("code", "000000")],
        )
        .await,
    )
    .await;
    assert!(
        matches!(e, AppError::WrongCode { .. }) || code == "000000",
        "{e:?}"
    );
    let r = app
        .post_form(
            "wallet/card/confirm",
            &[("id", &id.to_string()), ("code", &code)],
        )
        .await;
    assert_eq!(r.status(), 200);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["status"], "under_review");
    assert_eq!(v["passport"], "45 •• ••••56");
    assert_eq!(v["document"], "СНИЛС •••••••••95");
    // Deleting the account waits for the card.
    let (_, e) = app.start_deletion().await;
    assert_eq!(
        e,
        AppError::Blocked {
            reasons: vec![Blocker::CardOpen]
        }
    );
    // The bank decides, then issues the card a day later.
    server::jobs::run_once(&app.state).await.unwrap();
    assert_eq!(app.api_json("wallet/card").await["status"], "approved");
    app.clock.advance_ms(86_400_000);
    server::jobs::run_once(&app.state).await.unwrap();
    let v = app.api_json("wallet/card").await;
    assert_eq!(v["status"], "active");
    assert_eq!(v["last4"].as_str().map(str::len), Some(4));
    // Each step the shopper waits for reached the inbox once, newest first.
    let inbox = app.api_json("inbox/notices").await;
    let texts: Vec<&str> = inbox["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            format!(
                "Rynok Card •• {} выпущена и активна",
                v["last4"].as_str().unwrap()
            )
            .as_str(),
            "Заявка на Rynok Card: Одобрена: карту выпускают",
            "Заявка на Rynok Card: На рассмотрении в банке",
        ]
    );
    // A second application while the card is active is refused.
    let (_, e) = error_of(app.post_form("wallet/card/apply", &form(&[])).await).await;
    assert_eq!(e, invalid(Field::Request, Problem::Pending));

    // Closing: only with the box ticked, only by its holder, only while active.
    let sid = id.to_string();
    let (status, e) = error_of(app.post_form("wallet/card/close", &[("id", &sid)]).await).await;
    assert_eq!(
        (status, e),
        (400, invalid(Field::Request, Problem::Required))
    );
    let other = app.new_browser();
    other.sign_in("+79161140099").await;
    let (status, e) = error_of(
        other
            .post_form("wallet/card/close", &[("id", &sid), ("confirm", "yes")])
            .await,
    )
    .await;
    assert_eq!((status, e), (404, AppError::NotFound));
    assert_eq!(app.api_json("wallet/card").await["status"], "active");
    let r = app
        .post_form("wallet/card/close", &[("id", &sid), ("confirm", "yes")])
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap()["status"],
        "closed"
    );
    let (_, e) = error_of(
        app.post_form("wallet/card/close", &[("id", &sid), ("confirm", "yes")])
            .await,
    )
    .await;
    assert_eq!(e, invalid(Field::Request, Problem::Refused));
    let inbox = app.api_json("inbox/notices").await;
    assert_eq!(inbox["notices"][0]["text"], "Заявка на Rynok Card: Закрыта");
    // A closed card holds nothing up, and a new application may follow.
    assert_eq!(
        app.post_form("wallet/card/apply", &form(&[]))
            .await
            .status(),
        200
    );
    // The code word checks out, in any case and spacing, and nothing else does.
    let hash = app
        .one_text(&format!(
            "SELECT code_word_hash FROM card_applications WHERE id = {id}"
        ))
        .await;
    assert!(app::wallet::card::service::code_word_matches(
        &hash,
        " РОМАШКА "
    ));
    assert!(!app::wallet::card::service::code_word_matches(
        &hash,
        "Лютик"
    ));
}

#[tokio::test]
async fn the_sandbox_bank_declines_by_its_documented_rule() {
    let app = TestApp::spawn_with(0).await;
    let phone = "+79161140003";
    signed_in(&app, phone).await;
    let r = app
        .post_form(
            "wallet/card/apply",
            &form(&[("last_name", "Отказов"), ("first_name", "Пётр")]),
        )
        .await;
    let id = r.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let code = app
        .last_code(app::shared::phone::Phone::parse(phone).unwrap().as_str())
        .await;
    assert_eq!(
        app.post_form(
            "wallet/card/confirm",
            &[("id", &id.to_string()), ("code", &code)]
        )
        .await
        .status(),
        200
    );
    server::jobs::run_once(&app.state).await.unwrap();
    assert_eq!(app.api_json("wallet/card").await["status"], "declined");
}
