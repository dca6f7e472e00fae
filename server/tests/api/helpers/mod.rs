//! What every integration test starts from: the real server on a free port with
//! a fresh database, and browsers with their own cookies. Each domain's steps sit
//! in their own file.

use app::platform::clock::ManualClock;
pub use app::shared::error::{AppError, Blocker, Field, Problem};
use reqwest::header::{HeaderMap, HeaderValue};
use server::Application;
use server::config::Config;
use std::sync::Arc;

mod account;
mod shop;
mod wallet;

pub use account::{code_in, message_to, requester};

/// 2026-11-22T00:00:00Z.
pub const START_MS: i64 = 1_795_305_600_000;

pub struct TestApp {
    pub address: String,
    pub clock: ManualClock,
    pub db: app::platform::db::Db,
    /// The database's URL, for running the server binary's commands against it.
    pub database_url: String,
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
        let mut config = Config::for_tests(url.clone());
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
            database_url: url,
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

    /// Posts a multipart form as a browser does (its own form, JavaScript or not):
    /// each part is (name, file name for a file, bytes). `referer` given, it
    /// accepts HTML as a page does; otherwise JSON.
    pub async fn post_multipart(
        &self,
        endpoint: &str,
        parts: &[(&str, Option<&str>, &[u8])],
        referer: Option<&str>,
    ) -> reqwest::Response {
        const BOUNDARY: &str = "----rynok-test-boundary-7d1f";
        let mut body = Vec::new();
        for (name, file, bytes) in parts {
            body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
            match file {
                Some(f) => body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\
                         Content-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                ),
                None => body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                ),
            }
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        let mut req = self
            .client
            .post(self.url(&format!("/api/{endpoint}")))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(body);
        req = match referer {
            Some(r) => req.header("accept", "text/html").header("referer", r),
            None => req.header("accept", "application/json"),
        };
        req.send().await.expect("POST")
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
}

pub fn serde_urlencoded_like(params: &[(&str, String)]) -> String {
    params
        .iter()
        .map(|(k, v)| format!("{k}={}", app::shared::url::percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A refusal's HTTP status and its `AppError`, as the page receives it.
pub async fn error_of(r: reqwest::Response) -> (u16, AppError) {
    let status = r.status().as_u16();
    let body = r.text().await.expect("body");
    let e = serde_json::from_str(&body).unwrap_or_else(|e| panic!("not an AppError ({e}): {body}"));
    (status, e)
}

/// The field an `Invalid` error names.
pub fn field_of(e: &AppError) -> Option<Field> {
    match e {
        AppError::Invalid { field, .. } => Some(*field),
        _ => None,
    }
}

/// Why an `Invalid` error's field was refused.
pub fn message_of(e: &AppError) -> Option<Problem> {
    match e {
        AppError::Invalid { message, .. } => Some(message.clone()),
        _ => None,
    }
}

/// The `Invalid` error for a field and a reason given by their names on the wire
/// ("birth_date", "not_a_date"), for tables of bad input.
pub fn invalid(field: &str, why: &str) -> AppError {
    let field = serde_json::from_value(serde_json::json!(field)).expect("a field's name");
    let why = serde_json::from_value(serde_json::json!(why)).expect("a problem's name");
    AppError::invalid(field, why)
}

/// A GET with `client` (its own cookies, or none), answered as JSON.
pub async fn get_json(client: &reqwest::Client, url: &str) -> serde_json::Value {
    client
        .get(url)
        .send()
        .await
        .expect("response")
        .json()
        .await
        .expect("json")
}
