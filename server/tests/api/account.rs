//! Rynok ID: signing up and in with one-time codes, the rules around codes and
//! sends, sessions and their lifetimes, the cart at sign-in.

use crate::helpers::{TestApp, code_in, set_cookie};
use serde_json::{Value, json};

const PHONE: &str = "+79123456789";
const MINUTE: i64 = 60_000;
const DAY: i64 = 24 * 60 * MINUTE;

async fn error_of(r: reqwest::Response) -> (u16, Value) {
    let status = r.status().as_u16();
    (status, r.json().await.expect("json error"))
}

#[tokio::test]
async fn a_new_number_signs_up_with_a_called_code_and_gets_a_first_order_discount() {
    let app = TestApp::spawn().await;
    let r = app.start_phone("8 912 345-67-89", "call").await;
    assert_eq!(r.status(), 200);
    let (attempt, attrs) = set_cookie(&r, "rynok_signin").expect("attempt cookie");
    assert!(attrs.contains("HttpOnly") && attrs.contains("SameSite=Lax"));
    let step: Value = r.json().await.unwrap();
    assert_eq!(step["Code"]["to"], "+7 912 ***-**-89");
    assert_eq!(step["Code"]["channel"], "Call");
    assert_eq!(step["Code"]["resend_in"], 60);

    // The call comes from a number whose last six digits are the code.
    let calls = app.outbox(PHONE).await;
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0]["channel"], "call");
    let caller = calls[0]["body"].as_str().unwrap();
    assert!(caller.starts_with("+7") && caller.len() == 12, "{caller}");
    let code = code_in(caller);
    // Neither the code nor the attempt token is stored as such.
    let stored = app
        .one_text("SELECT code_hash || token_hash FROM signin_attempts")
        .await;
    assert!(!stored.contains(&code) || stored.matches(&code).count() == 0);
    assert!(!stored.contains(&attempt));

    let r = app.send_code(&code).await;
    assert_eq!(r.status(), 200);
    let step: Value = r.json().await.unwrap();
    assert_eq!(step["Terms"]["to"], "+7 912 ***-**-89");
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM users", &[]).await,
        0,
        "no account before the terms"
    );

    let r = app.post_form("account/signin/terms", &[]).await;
    let (status, e) = error_of(r).await;
    assert_eq!(status, 400);
    assert_eq!(e["Invalid"]["field"], "terms");

    let r = app.accept_terms().await;
    assert_eq!(r.status(), 200);
    let (token, attrs) = set_cookie(&r, "rynok_session").expect("session cookie");
    assert!(
        attrs.contains("HttpOnly") && attrs.contains("SameSite=Lax") && attrs.contains("Path=/")
    );
    assert!(!attrs.contains("Secure"), "plain http in tests");
    let stored = app.one_text("SELECT token_hash FROM sessions").await;
    assert_ne!(stored, token, "only the token's hash is stored");

    let me = app.me().await;
    assert_eq!(me["phone"], "+7 912 345-67-89");
    assert_eq!(app.one_text("SELECT phone FROM users").await, PHONE);
    assert_eq!(
        app.one_i64(
            "SELECT percent FROM user_discounts WHERE kind = 'first_order' AND used_at IS NULL",
            &[]
        )
        .await,
        10
    );
    assert_eq!(
        app.one_i64(
            "SELECT COUNT(*) FROM security_events WHERE kind = 'signup'",
            &[]
        )
        .await,
        1
    );
    assert_eq!(
        app.one_i64(
            "SELECT COUNT(*) FROM security_events WHERE kind = 'signin'",
            &[]
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_known_number_signs_in_without_terms_with_a_new_token_each_time() {
    let app = TestApp::spawn().await;
    app.sign_in(PHONE).await;
    let first = app.one_text("SELECT token_hash FROM sessions").await;
    assert_eq!(app.sign_out().await.status(), 200);
    assert_eq!(app.me().await, Value::Null);
    app.clock.advance_ms(MINUTE);

    app.start_phone("9123456789", "sms").await;
    let sms = &app.outbox(PHONE).await[0];
    assert_eq!(sms["channel"], "sms");
    assert!(sms["body"].as_str().unwrap().contains("Rynok"));
    let r = app.send_code(&code_in(sms["body"].as_str().unwrap())).await;
    assert_eq!(r.json::<Value>().await.unwrap(), json!("Done"));
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM users", &[]).await, 1);
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM sessions", &[]).await, 2);
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL", &[])
            .await,
        1
    );
    let second = app
        .one_text("SELECT token_hash FROM sessions WHERE ended_at IS NULL")
        .await;
    assert_ne!(first, second);
}

#[tokio::test]
async fn bad_numbers_get_a_reason_and_nothing_is_sent() {
    let app = TestApp::spawn().await;
    for (input, why) in [
        ("", "empty"),
        ("abc", "bad_characters"),
        ("<script>alert(1)</script>", "bad_characters"),
        ("+7 912 345", "wrong_length"),
        ("8 495 123-45-67", "not_mobile"),
        ("99999999999999999999999", "wrong_length"),
    ] {
        let (status, e) = error_of(app.start_phone(input, "call").await).await;
        assert_eq!(status, 400, "{input}");
        assert_eq!(e["Invalid"]["field"], "phone", "{input}");
        assert_eq!(e["Invalid"]["message"], why, "{input}");
    }
    let (status, e) = error_of(app.start_phone(PHONE, "pigeon").await).await;
    assert_eq!(
        (status, e["Invalid"]["field"].as_str()),
        (400, Some("channel"))
    );
    for bad in ["12345", "abcdef", "1234567", ""] {
        let (status, e) = error_of(app.send_code(bad).await).await;
        assert_eq!(status, 400);
        assert_eq!(e["Invalid"]["field"], "code", "{bad}");
    }
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM signin_attempts", &[])
            .await,
        0
    );
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM outbox", &[]).await, 0);
    // Other countries are welcome.
    assert_eq!(
        app.start_phone("+375 29 123-45-67", "sms").await.status(),
        200
    );
    assert_eq!(app.outbox("+375291234567").await.len(), 1);
}

#[tokio::test]
async fn five_wrong_codes_burn_the_code_and_a_new_code_does_not_reset_the_count() {
    let app = TestApp::spawn().await;
    app.start_phone(PHONE, "call").await;
    let code = app.last_code(PHONE).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for left in [4, 3, 2, 1] {
        let (status, e) = error_of(app.send_code(wrong).await).await;
        assert_eq!(status, 400);
        assert_eq!(e, json!({"WrongCode": {"attempts_left": left}}));
    }
    // A new code for the same attempt keeps the four failures.
    app.clock.advance_ms(MINUTE);
    assert_eq!(app.resend("sms").await.status(), 200);
    let fresh = app.last_code(PHONE).await;
    let wrong = if fresh == "000000" {
        "111111"
    } else {
        "000000"
    };
    let (_, e) = error_of(app.send_code(wrong).await).await;
    assert_eq!(e, json!("CodeBurned"));
    // Burnt: even the right code is refused now.
    let (_, e) = error_of(app.send_code(&fresh).await).await;
    assert_eq!(e, json!("CodeBurned"));
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM sessions", &[]).await, 0);
}

#[tokio::test]
async fn codes_expire_after_five_minutes() {
    let app = TestApp::spawn().await;
    app.start_phone(PHONE, "call").await;
    let code = app.last_code(PHONE).await;
    app.clock.advance_ms(5 * MINUTE);
    let (status, e) = error_of(app.send_code(&code).await).await;
    assert_eq!((status, e), (400, json!("CodeExpired")));
    // A new code works, within its own five minutes.
    assert_eq!(app.resend("").await.status(), 200);
    let code = app.last_code(PHONE).await;
    app.clock.advance_ms(5 * MINUTE - 1);
    assert_eq!(
        app.send_code(&code).await.json::<Value>().await.unwrap()["Terms"]["to"],
        "+7 912 ***-**-89"
    );
}

#[tokio::test]
async fn a_code_works_once_and_only_for_its_own_attempt() {
    let app = TestApp::spawn().await;
    app.sign_in(PHONE).await;
    app.sign_out().await;
    app.clock.advance_ms(MINUTE);

    // Two browsers ask for codes to two numbers (the second number has no account).
    let other = app.new_browser();
    let r = app.start_phone(PHONE, "call").await;
    let (attempt, _) = set_cookie(&r, "rynok_signin").unwrap();
    let mine = app.last_code(PHONE).await;
    other.start_phone("+79998887766", "call").await;
    let theirs = app.last_code("+79998887766").await;
    if theirs != mine {
        let (_, e) = error_of(app.send_code(&theirs).await).await;
        assert_eq!(e, json!({"WrongCode": {"attempts_left": 4}}));
    }
    assert_eq!(
        app.send_code(&mine).await.json::<Value>().await.unwrap(),
        json!("Done")
    );

    // Replaying the same attempt and code from a stolen cookie is refused.
    let thief = reqwest::Client::new();
    let r = thief
        .post(app.url("/api/account/signin/code"))
        .header("origin", &app.address)
        .header("accept", "application/json")
        .header("cookie", format!("rynok_signin={attempt}"))
        .form(&[("code", mine.as_str())])
        .send()
        .await
        .unwrap();
    assert!(set_cookie(&r, "rynok_session").is_none());
    let (status, e) = error_of(r).await;
    assert_eq!((status, e), (400, json!("CodeExpired")));
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL", &[])
            .await,
        1
    );
}

#[tokio::test]
async fn another_code_waits_a_minute_and_the_send_limits_say_when_to_come_back() {
    let app = TestApp::spawn().await;
    app.start_phone(PHONE, "call").await;
    let (status, e) = error_of(app.resend("sms").await).await;
    assert_eq!(
        (status, e),
        (429, json!({"TooManyRequests": {"retry_after_secs": 60}}))
    );
    app.clock.advance_ms(45_000);
    let (_, e) = error_of(app.start_phone(PHONE, "call").await).await;
    assert_eq!(
        e,
        json!({"TooManyRequests": {"retry_after_secs": 15}}),
        "a new attempt cannot dodge it"
    );
    app.clock.advance_ms(15_000);
    assert_eq!(app.resend("sms").await.status(), 200);
    // Five codes an hour to one number.
    for _ in 0..3 {
        app.clock.advance_ms(MINUTE);
        assert_eq!(app.resend("").await.status(), 200);
    }
    app.clock.advance_ms(MINUTE);
    let (status, e) = error_of(app.resend("").await).await;
    assert_eq!(status, 429);
    // The first of the five went out five minutes ago: an hour after it, the next may go.
    assert_eq!(e, json!({"TooManyRequests": {"retry_after_secs": 55 * 60}}));
    assert_eq!(app.outbox(PHONE).await.len(), 5);
}

#[tokio::test]
async fn one_address_cannot_flood_many_numbers() {
    let app = TestApp::spawn().await;
    let mut refused = 0;
    for i in 0..40 {
        // Numbers from different prefixes, so that only the per-IP limit applies.
        let phone = format!("+79{:02}1234567", i + 10);
        let r = app.start_phone(&phone, "sms").await;
        if r.status() == 429 {
            refused += 1;
        }
    }
    assert_eq!(refused, 10, "30 codes an hour from one address");
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM outbox", &[]).await, 30);
}

#[tokio::test]
async fn guessing_codes_in_a_loop_never_gets_in() {
    let app = TestApp::spawn().await;
    app.sign_in(PHONE).await;
    app.sign_out().await;
    let attacker = app.new_browser();
    let mut guesses = 0;
    let mut refused_sends = 0;
    let mut guess = 0u32;
    while guesses < 1000 {
        app.clock.advance_ms(MINUTE);
        let r = attacker.start_phone(PHONE, "sms").await;
        if r.status() == 429 {
            refused_sends += 1;
            app.clock.advance_ms(10 * MINUTE);
            // Burning through the limits takes simulated days; stop once they have
            // held for a long stretch.
            if refused_sends > 200 {
                break;
            }
            continue;
        }
        assert_eq!(r.status(), 200);
        for _ in 0..6 {
            let r = attacker.send_code(&format!("{guess:06}")).await;
            guess += 1;
            guesses += 1;
            let status = r.status();
            assert!(set_cookie(&r, "rynok_session").is_none(), "a guess got in");
            assert!(status == 400, "guess answered {status}");
        }
    }
    assert_eq!(attacker.me().await, Value::Null);
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM sessions", &[]).await,
        1,
        "only the owner's"
    );
    // At most five tries per code, at most ten wrong codes an hour per number.
    let tried = app
        .one_i64(
            "SELECT CAST(SUM(failures) AS BIGINT) FROM signin_attempts",
            &[],
        )
        .await;
    assert!(
        tried
            <= 5 * app
                .one_i64("SELECT COUNT(*) FROM signin_attempts", &[])
                .await
    );
    assert!(refused_sends > 0);
    // The owner was told.
    assert!(
        app.one_i64(
            "SELECT COUNT(*) FROM security_events WHERE kind = 'signin_failed'",
            &[]
        )
        .await
            > 0
    );
}

#[tokio::test]
async fn sign_in_by_email_answers_the_same_for_unknown_addresses() {
    let app = TestApp::spawn().await;
    let r = app
        .post_form("account/signin/email", &[("email", "nobody@example.ru")])
        .await;
    assert_eq!(r.status(), 200);
    let unknown: Value = r.json().await.unwrap();
    assert_eq!(app.outbox("nobody@example.ru").await.len(), 0);

    app.sign_in(PHONE).await;
    sqlx::query("UPDATE users SET email = 'ivan@example.ru', email_verified_at = 1")
        .execute(&app.db.pool)
        .await
        .unwrap();
    app.sign_out().await;
    let r = app
        .post_form("account/signin/email", &[("email", " Ivan@Example.RU ")])
        .await;
    assert_eq!(r.status(), 200);
    let known: Value = r.json().await.unwrap();
    assert_eq!(known["Code"]["channel"], unknown["Code"]["channel"]);
    assert_eq!(known["Code"]["resend_in"], unknown["Code"]["resend_in"]);
    let email = wait_for_outbox(&app, "ivan@example.ru").await;
    assert_eq!(email["channel"], "email");
    let r = app
        .send_code(&code_in(email["body"].as_str().unwrap()))
        .await;
    assert_eq!(r.json::<Value>().await.unwrap(), json!("Done"));
    assert_eq!(app.me().await["email"], "ivan@example.ru");
    // The verified email is told about the sign-in.
    let mut told = false;
    for _ in 0..100 {
        told = app
            .outbox("ivan@example.ru")
            .await
            .iter()
            .any(|m| m["subject"] == "Вход в ваш аккаунт Rynok");
        if told {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(told, "a sign-in notice by email");

    let (status, e) = error_of(
        app.post_form("account/signin/email", &[("email", "not an email")])
            .await,
    )
    .await;
    assert_eq!(
        (status, e["Invalid"]["field"].as_str()),
        (400, Some("email"))
    );
}

/// Emails go out in the background: wait a little for one to arrive.
async fn wait_for_outbox(app: &TestApp, to: &str) -> Value {
    for _ in 0..100 {
        if let Some(m) = app
            .outbox(to)
            .await
            .into_iter()
            .find(|m| m["channel"] == "email")
        {
            return m;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("no email to {to}");
}

#[tokio::test]
async fn sessions_end_after_30_idle_days_or_90_days_in_all() {
    let app = TestApp::spawn().await;
    app.sign_in(PHONE).await;
    app.clock.advance_ms(29 * DAY);
    assert_eq!(app.me().await["phone"], "+7 912 345-67-89");
    app.clock.advance_ms(29 * DAY);
    assert_eq!(
        app.me().await["phone"],
        "+7 912 345-67-89",
        "activity keeps it alive"
    );
    app.clock.advance_ms(30 * DAY);
    assert_eq!(app.me().await, Value::Null, "30 days without a visit");

    let other = app.new_browser();
    app.clock.advance_ms(MINUTE);
    other.sign_in(PHONE).await;
    for _ in 0..4 {
        app.clock.advance_ms(20 * DAY);
        assert!(other.me().await.is_object());
    }
    app.clock.advance_ms(10 * DAY);
    assert_eq!(other.me().await, Value::Null, "90 days after sign-in");
}

#[tokio::test]
async fn a_cookie_copied_before_sign_out_no_longer_works() {
    let app = TestApp::spawn().await;
    let r = app.start_phone(PHONE, "call").await;
    assert_eq!(r.status(), 200);
    let code = app.last_code(PHONE).await;
    app.send_code(&code).await;
    let r = app.accept_terms().await;
    let (token, _) = set_cookie(&r, "rynok_session").unwrap();
    let stolen = || {
        reqwest::Client::new()
            .get(app.url("/api/account/me"))
            .header("cookie", format!("rynok_session={token}"))
            .send()
    };
    assert!(
        stolen()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()
            .is_object()
    );
    assert_eq!(app.sign_out().await.status(), 200);
    assert_eq!(
        stolen().await.unwrap().json::<Value>().await.unwrap(),
        Value::Null
    );
    // Garbage cookies are simply no session.
    let r = reqwest::Client::new()
        .get(app.url("/api/account/me"))
        .header("cookie", "rynok_session=../../etc/passwd")
        .send()
        .await
        .unwrap();
    assert_eq!(r.json::<Value>().await.unwrap(), Value::Null);
}

#[tokio::test]
async fn the_guest_cart_moves_into_the_account_at_sign_in() {
    let app = TestApp::spawn().await;
    let product = app
        .one_i64(
            "SELECT id FROM products WHERE stock >= 10 ORDER BY id LIMIT 1",
            &[],
        )
        .await;
    let id = product.to_string();
    app.post_form("cart/add", &[("product_id", &id), ("quantity", "2")])
        .await;
    app.sign_in(PHONE).await;
    assert_eq!(app.cart().await["units"], 2);
    app.sign_out().await;
    assert_eq!(
        app.cart().await["units"],
        0,
        "a signed-out browser has its own cart"
    );
    app.post_form("cart/add", &[("product_id", &id), ("quantity", "3")])
        .await;
    app.clock.advance_ms(MINUTE);
    app.sign_in(PHONE).await;
    assert_eq!(app.cart().await["units"], 5, "quantities add up");
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM carts", &[]).await,
        1,
        "the guest cart is gone"
    );
}

#[tokio::test]
async fn a_person_signed_in_elsewhere_sees_the_code_in_security_messages() {
    let app = TestApp::spawn().await;
    app.sign_in(PHONE).await;
    let other = app.new_browser();
    app.clock.advance_ms(MINUTE);
    other.start_phone(PHONE, "call").await;
    let code = app.last_code(PHONE).await;
    let security = app.api_json("account/security").await;
    let bodies: Vec<&str> = security["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert!(bodies.iter().any(|b| b.contains(&code)), "{bodies:?}");
    // The other browser signs in with it; the first one is told.
    assert_eq!(
        other.send_code(&code).await.json::<Value>().await.unwrap(),
        json!("Done")
    );
    let security = app.api_json("account/security").await;
    assert_eq!(security["sessions"].as_array().unwrap().len(), 2);
    assert!(
        security["messages"][0]["body"]
            .as_str()
            .unwrap()
            .contains("Chrome, Linux")
    );
}

#[tokio::test]
async fn the_sessions_list_signs_out_another_device_or_all_others() {
    let app = TestApp::spawn().await;
    app.sign_in(PHONE).await;
    let second = app.new_browser();
    let third = app.new_browser();
    app.clock.advance_ms(MINUTE);
    second.sign_in(PHONE).await;
    app.clock.advance_ms(MINUTE);
    third.sign_in(PHONE).await;
    let list = app.api_json("account/security").await["sessions"].clone();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list.iter().filter(|s| s["current"] == true).count(), 1);
    let other_id = list.iter().find(|s| s["current"] == false).unwrap()["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        app.post_form("account/sessions/end", &[("id", &other_id.to_string())])
            .await
            .status(),
        200
    );
    let alive = [second.me().await.is_object(), third.me().await.is_object()];
    assert_eq!(alive.iter().filter(|a| **a).count(), 1);
    // Someone else's or a made-up session id changes nothing.
    let (status, _) = error_of(
        app.post_form("account/sessions/end", &[("id", "999999")])
            .await,
    )
    .await;
    assert_eq!(status, 404);
    let r = app.post_form("account/sessions/end-others", &[]).await;
    assert_eq!(r.json::<Value>().await.unwrap(), json!(1));
    assert_eq!(
        (second.me().await, third.me().await),
        (Value::Null, Value::Null)
    );
    assert!(app.me().await.is_object());
    // A guest cannot see or end sessions.
    let guest = app.new_browser();
    let (status, e) = error_of(guest.post_form("account/sessions/end-others", &[]).await).await;
    assert_eq!((status, e), (401, json!("Unauthorized")));
}

#[tokio::test]
async fn a_cross_site_post_cannot_start_a_sign_in() {
    let app = TestApp::spawn().await;
    let r = reqwest::Client::new()
        .post(app.url("/api/account/signin/phone"))
        .header("origin", "https://evil.example")
        .form(&[("phone", PHONE), ("channel", "sms")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(app.one_i64("SELECT COUNT(*) FROM outbox", &[]).await, 0);
    assert_eq!(
        app.one_i64("SELECT COUNT(*) FROM signin_attempts", &[])
            .await,
        0
    );
}

#[tokio::test]
async fn the_sign_in_page_works_without_javascript() {
    let app = TestApp::spawn().await;
    let (status, html) = app.get_html("/signin").await;
    assert_eq!(status, 200);
    assert!(html.contains("name=\"phone\""));
    let r = app
        .post_form_as_page(
            "account/signin/phone",
            &app.url("/signin"),
            &[("phone", "8 912 345 67 89"), ("channel", "call")],
        )
        .await;
    assert_eq!(r.status(), 302);
    let (_, html) = app.get_html("/signin").await;
    assert!(html.contains("name=\"code\""), "the code step");
    assert!(html.contains("+7 912 ***-**-89"));
    let code = app.last_code(PHONE).await;
    app.post_form_as_page(
        "account/signin/code",
        &app.url("/signin"),
        &[("code", &code)],
    )
    .await;
    let (_, html) = app.get_html("/signin").await;
    assert!(html.contains("name=\"accept\""), "the terms step");
    app.post_form_as_page(
        "account/signin/terms",
        &app.url("/signin"),
        &[("accept", "on")],
    )
    .await;
    assert!(
        app.me().await.is_object(),
        "the session cookie came with the redirect"
    );
    let r = app.navigate("/signin").await;
    assert_eq!(r.status(), 302, "signed in: on to the account");
    assert_eq!(r.headers()["location"], "/account");
    let (status, html) = app.get_html("/account").await;
    assert_eq!(status, 200);
    assert!(html.contains("+7 912 345-67-89"));
    let guest = app.new_browser();
    let r = guest.navigate("/account").await;
    assert_eq!(r.status(), 302);
    assert_eq!(r.headers()["location"], "/signin?next=/account");
}

#[tokio::test]
async fn the_server_refuses_the_outbox_in_production() {
    let mut config = server::config::Config::for_tests("sqlite::memory:".into());
    config.env = "prod".into();
    config.outbox = true;
    assert!(server::Application::build(config).await.is_err());
}

#[tokio::test]
async fn over_https_the_session_cookie_is_secure_and_host_prefixed() {
    let app =
        TestApp::spawn_configured(0, |c| c.public_url = Some("https://rynok.test".into())).await;
    let mut h = reqwest::header::HeaderMap::new();
    h.insert("origin", "https://rynok.test".parse().unwrap());
    h.insert("accept", "application/json".parse().unwrap());
    let client = reqwest::Client::builder()
        .default_headers(h)
        .build()
        .unwrap();
    let r = client
        .post(app.url("/api/account/signin/phone"))
        .form(&[("phone", PHONE), ("channel", "sms")])
        .send()
        .await
        .unwrap();
    let (attempt, attrs) = set_cookie(&r, "rynok_signin").expect("attempt cookie");
    assert!(attrs.contains("Secure"));
    let with = |c: String| {
        let mut h = reqwest::header::HeaderMap::new();
        h.insert("cookie", c.parse().unwrap());
        h
    };
    let code = app.last_code(PHONE).await;
    let r = client
        .post(app.url("/api/account/signin/code"))
        .headers(with(format!("rynok_signin={attempt}")))
        .form(&[("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert!(r.json::<Value>().await.unwrap().get("Terms").is_some());
    let r = client
        .post(app.url("/api/account/signin/terms"))
        .headers(with(format!("rynok_signin={attempt}")))
        .form(&[("accept", "on")])
        .send()
        .await
        .unwrap();
    let (_, attrs) = set_cookie(&r, "__Host-rynok_session").expect("__Host- session cookie");
    assert!(attrs.contains("Secure") && attrs.contains("HttpOnly") && attrs.contains("Path=/"));
    assert!(!attrs.contains("Domain"));
    assert!(set_cookie(&r, "rynok_session").is_none());
}
