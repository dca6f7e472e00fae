use app::platform::clock::ManualClock;
use reqwest::header::{HeaderMap, HeaderValue};
use server::Application;
use server::config::Config;
use std::sync::Arc;

/// 2026-11-22T00:00:00Z.
pub const START_MS: i64 = 1_795_305_600_000;

pub struct TestApp {
    pub address: String,
    pub clock: ManualClock,
    pub db: app::platform::db::Db,
    pub state: app::platform::state::AppState,
    /// The first browser; `new_browser` makes more, each with its own cookies.
    pub browser: Browser,
    _tmp: Option<TempDir>,
}

/// One browser: its own cookie jar, sending our Origin like a page of the shop.
pub struct Browser {
    pub address: String,
    pub client: reqwest::Client,
}

impl std::ops::Deref for TestApp {
    type Target = Browser;
    fn deref(&self) -> &Browser {
        &self.browser
    }
}

impl Browser {
    pub fn new(address: &str) -> Browser {
        let mut headers = HeaderMap::new();
        headers.insert(
            "origin",
            HeaderValue::from_str(address).expect("origin header"),
        );
        headers.insert(
            "user-agent",
            HeaderValue::from_static(
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36",
            ),
        );
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .build()
            .expect("client");
        Browser {
            address: address.to_string(),
            client,
        }
    }

    // ---- Rynok ID ----

    /// Asks for a code to `phone` by `channel` ("call" or "sms").
    pub async fn start_phone(&self, phone: &str, channel: &str) -> reqwest::Response {
        self.post_form(
            "account/signin/phone",
            &[("phone", phone), ("channel", channel)],
        )
        .await
    }

    pub async fn send_code(&self, code: &str) -> reqwest::Response {
        self.post_form("account/signin/code", &[("code", code)])
            .await
    }

    pub async fn accept_terms(&self) -> reqwest::Response {
        self.post_form("account/signin/terms", &[("accept", "on")])
            .await
    }

    pub async fn resend(&self, channel: &str) -> reqwest::Response {
        self.post_form("account/signin/resend", &[("channel", channel)])
            .await
    }

    /// The signed-in person (JSON), or null.
    pub async fn me(&self) -> serde_json::Value {
        self.api_json("account/me").await
    }

    pub async fn sign_out(&self) -> reqwest::Response {
        self.post_form("account/signout", &[]).await
    }

    /// The newest code the dev outbox holds for `recipient` (E.164 or email).
    pub async fn last_code(&self, recipient: &str) -> String {
        let list = self.outbox(recipient).await;
        let first = list
            .first()
            .unwrap_or_else(|| panic!("no message to {recipient}"));
        code_in(first["body"].as_str().expect("body"))
    }

    /// What the dev outbox holds for `recipient`, newest first.
    pub async fn outbox(&self, recipient: &str) -> Vec<serde_json::Value> {
        let url = format!(
            "/dev/outbox.json?to={}",
            app::shared::url::percent_encode(recipient)
        );
        let r = self.get(&url).await;
        assert!(r.status().is_success(), "outbox: {}", r.status());
        r.json().await.expect("json")
    }

    /// The newest email to `to` (with `subject`, if given): emails go out in the
    /// background, so this waits up to two seconds for one to arrive.
    pub async fn wait_for_email(&self, to: &str, subject: Option<&str>) -> serde_json::Value {
        for _ in 0..100 {
            if let Some(m) = self
                .outbox(to)
                .await
                .into_iter()
                .find(|m| m["channel"] == "email" && subject.is_none_or(|s| m["subject"] == s))
            {
                return m;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        panic!("no email to {to} ({subject:?})");
    }

    /// Signs up a new number (or signs in a known one) the whole way through.
    pub async fn sign_in(&self, phone: &str) {
        let r = self.start_phone(phone, "call").await;
        assert_eq!(
            r.status(),
            200,
            "start: {}",
            r.text().await.unwrap_or_default()
        );
        let e164 = app::shared::phone::Phone::parse(phone).expect("phone");
        let code = self.last_code(e164.as_str()).await;
        let r = self.send_code(&code).await;
        assert_eq!(r.status(), 200);
        let step: serde_json::Value = r.json().await.expect("json");
        if step.get("Terms").is_some() {
            let r = self.accept_terms().await;
            assert_eq!(r.status(), 200);
            let step: serde_json::Value = r.json().await.expect("json");
            assert_eq!(step, serde_json::json!("Done"));
        } else {
            assert_eq!(step, serde_json::json!("Done"));
        }
    }
}

/// The code in a delivered message: the last six digits of a caller's number, or
/// the six digits in an SMS or email.
pub fn code_in(body: &str) -> String {
    let digits: Vec<char> = body.chars().collect();
    for w in digits.windows(6).rev() {
        if w.iter().all(char::is_ascii_digit) {
            return w.iter().collect();
        }
    }
    panic!("no code in {body:?}")
}

/// The value of a cookie a response set, if it set one.
pub fn set_cookie(r: &reqwest::Response, name: &str) -> Option<(String, String)> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            let (kv, attrs) = v.split_once(';').unwrap_or((v, ""));
            let (k, val) = kv.split_once('=')?;
            (k.trim() == name).then(|| (val.to_string(), attrs.to_string()))
        })
}

/// A folder removed when the test ends.
pub struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn unique_name() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "rynok_t_{}_{}_{}",
        std::process::id(),
        nanos,
        N.fetch_add(1, Ordering::SeqCst)
    )
}

/// A fresh database URL: a new Postgres database on TEST_DATABASE_URL's server, or a
/// new SQLite file.
async fn fresh_database() -> (String, Option<TempDir>) {
    let name = unique_name();
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin) if admin.starts_with("postgres") => {
            sqlx::any::install_default_drivers();
            let pool = sqlx::AnyPool::connect(&admin)
                .await
                .expect("connect to the test Postgres server");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&pool)
                .await
                .expect("create a test database");
            pool.close().await;
            let base = admin
                .rsplit_once('/')
                .map(|(b, _)| b.to_string())
                .unwrap_or(admin);
            (format!("{base}/{name}"), None)
        }
        _ => {
            let dir = std::env::temp_dir().join(name);
            std::fs::create_dir_all(&dir).expect("temp dir");
            let url = format!("sqlite://{}/test.db", dir.display());
            (url, Some(TempDir(dir)))
        }
    }
}

impl TestApp {
    /// Starts the server with `products` seeded products.
    pub async fn spawn_with(products: u32) -> TestApp {
        Self::spawn_configured(products, |_| {}).await
    }

    /// Starts the server with `products` seeded products and a configuration changed by `change`.
    pub async fn spawn_configured(products: u32, change: impl FnOnce(&mut Config)) -> TestApp {
        let (url, tmp) = fresh_database().await;
        let mut config = Config::for_tests(url);
        config.seed_products = products;
        change(&mut config);
        let clock = ManualClock::new(START_MS);
        let app = Application::build_with_clock(config, Arc::new(clock.clone()))
            .await
            .expect("server starts");
        let address = format!("http://{}", app.address());
        let db = app.state.db.clone();
        let state = app.state.clone();
        tokio::spawn(app.run_until_stopped());
        TestApp {
            browser: Browser::new(&address),
            address,
            clock,
            db,
            state,
            _tmp: tmp,
        }
    }

    pub async fn spawn() -> TestApp {
        Self::spawn_with(300).await
    }

    /// Another browser with no cookies.
    pub fn new_browser(&self) -> Browser {
        Browser::new(&self.address)
    }

    /// What the Rynok ID use cases need, for calling them directly.
    pub fn deps(&self) -> app::platform::state::Deps<'_> {
        use app::platform::clock::Clock;
        app::platform::state::Deps {
            db: &self.state.db,
            settings: &self.state.settings,
            notifier: &self.state.notifier,
            now: self.clock.now_ms(),
        }
    }

    /// The first column of the one row `sql` selects, as a whole number.
    pub async fn one_i64(&self, sql: &str, args: &[i64]) -> i64 {
        let mut q = sqlx::query(sql);
        for a in args {
            q = q.bind(*a);
        }
        let row = q.fetch_one(&self.db.pool).await.expect("one row");
        sqlx::Row::try_get(&row, 0).expect("an integer")
    }

    /// The first column of the one row `sql` selects, as text.
    pub async fn one_text(&self, sql: &str) -> String {
        let row = sqlx::query(sql)
            .fetch_one(&self.db.pool)
            .await
            .expect("one row");
        sqlx::Row::try_get(&row, 0).expect("text")
    }
}

impl Browser {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// GET as a browser navigating to a page (it accepts HTML).
    pub async fn navigate(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header("accept", "text/html")
            .send()
            .await
            .expect("GET")
    }

    pub async fn get_html(&self, path: &str) -> (u16, String) {
        let r = self.get(path).await;
        let status = r.status().as_u16();
        (status, r.text().await.expect("body"))
    }

    /// Calls a server function by POSTing a form, as a hydrated page does.
    pub async fn post_form(&self, endpoint: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("accept", "application/json")
            .form(form)
            .send()
            .await
            .expect("POST")
    }

    /// Posts a form the way a browser without JavaScript does: it accepts HTML and
    /// says which page it came from.
    pub async fn post_form_as_page(
        &self,
        endpoint: &str,
        referer: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        self.client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("accept", "text/html")
            .header("referer", referer)
            .form(form)
            .send()
            .await
            .expect("POST")
    }

    /// A GET server function's JSON answer.
    pub async fn api_json(&self, endpoint_and_query: &str) -> serde_json::Value {
        let r = self.get(&format!("/api/{endpoint_and_query}")).await;
        assert!(
            r.status().is_success(),
            "GET /api/{endpoint_and_query}: {}",
            r.status()
        );
        r.json().await.expect("json")
    }

    pub async fn listing(&self, category: Option<&str>, query: &str) -> serde_json::Value {
        let mut params = vec![("query", query.to_string())];
        if let Some(c) = category {
            params.push(("category", c.to_string()));
        }
        let qs = serde_urlencoded_like(&params);
        self.api_json(&format!("catalog/listing?{qs}")).await
    }

    pub async fn cart(&self) -> serde_json::Value {
        self.api_json("cart").await
    }
}

pub fn serde_urlencoded_like(params: &[(&str, String)]) -> String {
    params
        .iter()
        .map(|(k, v)| format!("{k}={}", app::shared::url::percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A refusal's HTTP status and its JSON `AppError`.
pub async fn error_of(r: reqwest::Response) -> (u16, serde_json::Value) {
    let status = r.status().as_u16();
    (status, r.json().await.expect("json error"))
}

/// Waits for a background-sent message to `to` newer than `after` messages.
pub async fn message_to(app: &TestApp, to: &str, after: usize) -> serde_json::Value {
    for _ in 0..100 {
        let list = app.outbox(to).await;
        if list.len() > after {
            return list[0].clone();
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("no new message to {to}");
}

/// A requester on loopback, for calling the Rynok ID use cases directly.
pub fn requester() -> app::platform::request::Requester {
    app::platform::request::Requester {
        ip: "127.0.0.1".into(),
        user_agent: "test".into(),
        lang: app::i18n::Lang::Ru,
        cookies: String::new(),
    }
}
