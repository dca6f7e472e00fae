use app::clock::ManualClock;
use reqwest::header::{HeaderMap, HeaderValue};
use server::Application;
use server::config::Config;
use std::sync::Arc;

/// 2026-11-22T00:00:00Z.
pub const START_MS: i64 = 1_795_305_600_000;

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub clock: ManualClock,
    pub db: app::db::Db,
    _tmp: Option<TempDir>,
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
        let (url, tmp) = fresh_database().await;
        let mut config = Config::for_tests(url);
        config.seed_products = products;
        let clock = ManualClock::new(START_MS);
        let app = Application::build_with_clock(config, Arc::new(clock.clone()))
            .await
            .expect("server starts");
        let address = format!("http://{}", app.address());
        let db = app.state.db.clone();
        tokio::spawn(app.run_until_stopped());
        let mut headers = HeaderMap::new();
        headers.insert(
            "origin",
            HeaderValue::from_str(&address).expect("origin header"),
        );
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .build()
            .expect("client");
        TestApp {
            address,
            client,
            clock,
            db,
            _tmp: tmp,
        }
    }

    pub async fn spawn() -> TestApp {
        Self::spawn_with(300).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
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
        .map(|(k, v)| format!("{k}={}", app::catalog::filters::percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}
