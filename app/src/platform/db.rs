//! The database handle: one pool, SQLite or Postgres chosen at run time by the URL.

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The pool and which backend is behind it, for the few queries that differ.
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// Reference data every page reads, kept briefly in memory.
    pub cache: std::sync::Arc<Cache>,
    /// On SQLite, the turn of this process's busy writers (see [`Db::write_turn`]).
    writers: std::sync::Arc<tokio::sync::Mutex<()>>,
}

/// Reference data cached in this process, one value per type (each domain keeps
/// its own type here; the platform knows none of them). Each entry expires by
/// itself, so servers sharing one database see changes within its lifetime.
#[derive(Debug, Default)]
pub struct Cache {
    slots: std::sync::RwLock<std::collections::HashMap<std::any::TypeId, Entry>>,
}

/// When a cached value was stored, and the value.
type Entry = (
    std::time::Instant,
    std::sync::Arc<dyn std::any::Any + Send + Sync>,
);

impl Cache {
    /// The value of type `T`, if it was stored less than `max_age` ago.
    pub fn get<T: Send + Sync + 'static>(
        &self,
        max_age: std::time::Duration,
    ) -> Option<std::sync::Arc<T>> {
        let slots = self.slots.read().ok()?;
        let (at, v) = slots.get(&std::any::TypeId::of::<T>())?;
        if at.elapsed() >= max_age {
            return None;
        }
        v.clone().downcast::<T>().ok()
    }

    pub fn put<T: Send + Sync + 'static>(&self, value: std::sync::Arc<T>) {
        if let Ok(mut slots) = self.slots.write() {
            slots.insert(
                std::any::TypeId::of::<T>(),
                (std::time::Instant::now(), value),
            );
        }
    }
}

/// Every SQLite connection: WAL (readers never wait for the writer), a busy timeout,
/// foreign keys, and 16 MiB of page cache (negative `cache_size`: KiB), which holds
/// a search's working set (FTS doclists and the narrow `products_hit` index). The
/// file is not memory-mapped: each connection would map it separately and resident
/// memory would count the catalogue once per connection; pages beyond the cache come
/// from the operating system's shared page cache. See the README, "Search".
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; \
     PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; \
     PRAGMA mmap_size=0; PRAGMA cache_size=-16384; PRAGMA temp_store=MEMORY;";

pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

impl Db {
    /// Connects to `url`; for SQLite the file and its folder are created if missing,
    /// and every connection runs in WAL mode with a busy timeout and foreign keys on.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        install_default_drivers();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = AnyPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            return Ok(Db {
                pool,
                backend: Backend::Postgres,
                cache: Default::default(),
                writers: Default::default(),
            });
        }
        let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        else {
            return Err(sqlx::Error::Configuration(
                format!("DATABASE_URL must start with sqlite:// or postgres://, got {url:?}")
                    .into(),
            ));
        };
        let file = path.split('?').next().unwrap_or("");
        if let Some(dir) = std::path::Path::new(file).parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|e| sqlx::Error::Configuration(Box::new(e)))?;
        }
        let url = if path.contains("mode=") {
            format!("sqlite://{path}")
        } else if path.contains('?') {
            format!("sqlite://{path}&mode=rwc")
        } else {
            format!("sqlite://{path}?mode=rwc")
        };
        let pool = AnyPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute(SQLITE_PRAGMAS).await?;
                    Ok(())
                })
            })
            .connect(&url)
            .await?;
        Ok(Db {
            pool,
            backend: Backend::Sqlite,
            cache: Default::default(),
            writers: Default::default(),
        })
    }

    /// Applies the migrations of this backend that have not run yet.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await,
        }
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock at
    /// once, so a read-then-write cannot fail half-way with SQLITE_BUSY.
    pub async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// On SQLite, waits for this process's earlier writers in first-come order and
    /// answers a turn to hold for a whole write transaction (with its retries); on
    /// Postgres, None at once. SQLite lets one writer in at a time anyway, and a
    /// writer that finds the lock taken sleeps in SQLite's busy handler for 1 to 100
    /// ms before it looks again: under many concurrent writes (the ledger) that sleep,
    /// not the work, made the slowest 1 %. Queued here they wait only for the work.
    pub async fn write_turn(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self.backend {
            Backend::Sqlite => Some(self.writers.lock().await),
            Backend::Postgres => None,
        }
    }

    /// A cheap round trip, for readiness checks.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }
}

/// Builds SQL with `$n` placeholders and the values bound to them, for queries whose
/// shape depends on the filters a person chose. Values are always bound, never spliced.
#[derive(Default)]
pub struct SqlBuf {
    pub sql: String,
    args: Vec<Arg>,
}

#[derive(Clone, Debug)]
pub enum Arg {
    I64(i64),
    Text(String),
}

impl SqlBuf {
    pub fn new(sql: &str) -> Self {
        SqlBuf {
            sql: sql.to_string(),
            args: Vec::new(),
        }
    }

    pub fn push(&mut self, sql: &str) -> &mut Self {
        self.sql.push_str(sql);
        self
    }

    /// Appends a placeholder bound to `arg`.
    pub fn bind(&mut self, arg: Arg) -> &mut Self {
        let ph = self.placeholder(arg);
        self.sql.push_str(&ph);
        self
    }

    /// Binds `arg` and returns its placeholder (`$n`) to be written where it is needed,
    /// possibly more than once.
    pub fn placeholder(&mut self, arg: Arg) -> String {
        self.args.push(arg);
        format!("${}", self.args.len())
    }

    /// Appends `(p1, p2, ...)` bound to `ids`.
    pub fn bind_list(&mut self, ids: &[i64]) -> &mut Self {
        self.sql.push('(');
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                self.sql.push_str(", ");
            }
            self.bind(Arg::I64(*id));
        }
        self.sql.push(')');
        self
    }

    /// The query, its rows read as `T`.
    pub fn query_as<T>(&self) -> sqlx::query::QueryAs<'_, sqlx::Any, T, sqlx::any::AnyArguments<'_>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        let mut q = sqlx::query_as(&self.sql);
        for a in &self.args {
            q = match a {
                Arg::I64(v) => q.bind(*v),
                Arg::Text(v) => q.bind(v.as_str()),
            };
        }
        q
    }

    pub fn query(&self) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments<'_>> {
        let mut q = sqlx::query(&self.sql);
        for a in &self.args {
            q = match a {
                Arg::I64(v) => q.bind(*v),
                Arg::Text(v) => q.bind(v.as_str()),
            };
        }
        q
    }
}

/// Whether the database refused a write for a unique key: two requests raced for
/// the same value and this one came second.
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// The error a use case answers for a failed write: `conflict` when a unique key
/// refused it (a race the earlier checks could not see), else the usual mapping.
pub fn on_unique(
    e: sqlx::Error,
    conflict: crate::shared::error::AppError,
) -> crate::shared::error::AppError {
    if is_unique_violation(&e) {
        conflict
    } else {
        e.into()
    }
}

/// Serialises the use cases that count and then write under the same keys (sends
/// per number, per client, per country; one account's changes). On Postgres each
/// key takes a transaction-scoped advisory lock, in sorted order so that two
/// transactions never wait on each other in a circle; on SQLite `BEGIN IMMEDIATE`
/// already lets one writer in at a time.
pub async fn lock_keys(tx: &mut Tx, keys: &[String]) -> Result<(), sqlx::Error> {
    if tx.backend_name() != "PostgreSQL" {
        return Ok(());
    }
    let mut keys: Vec<&String> = keys.iter().collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
            .bind(key.clone())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    /// Migrations whose twins differ on purpose: full-text search is FTS5 on SQLite
    /// and a tsvector on Postgres. Landed migrations are never renamed; new
    /// per-backend work goes in a migration whose name says so (`…_search_….sql`).
    const PER_BACKEND: &[&str] = &[
        "20261122000001_catalog.sql",
        "20261123000006_ledger_guard.sql",
    ];

    fn folder(backend: &str) -> std::collections::BTreeMap<String, String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../migrations")
            .join(backend);
        std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(Result::ok)
            .map(|e| {
                let name = e.file_name().to_string_lossy().to_string();
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                (name, text)
            })
            .collect()
    }

    /// Postgres SQL written the SQLite way: the only differences allowed. An id
    /// never given again (an identity; AUTOINCREMENT in SQLite, which otherwise
    /// gives a deleted highest id to the next row) is the one phrase of its own.
    fn as_sqlite(postgres: &str) -> String {
        postgres
            .replace(
                "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
                "INTEGER PRIMARY KEY AUTOINCREMENT",
            )
            .replace("BIGSERIAL PRIMARY KEY", "INTEGER PRIMARY KEY")
            .replace("BIGINT", "INTEGER")
            .replace("BYTEA", "BLOB")
    }

    #[test]
    fn every_postgres_migration_has_a_sqlite_twin_that_differs_only_by_type_names() {
        let (pg, lite) = (folder("postgres"), folder("sqlite"));
        let names: BTreeSet<_> = pg.keys().chain(lite.keys()).collect();
        for name in names {
            let (Some(p), Some(s)) = (pg.get(name), lite.get(name)) else {
                panic!("{name} is in one backend's folder only");
            };
            if PER_BACKEND.contains(&name.as_str()) || name.contains("_search_") {
                continue;
            }
            assert_eq!(as_sqlite(p), *s, "{name}: the twins disagree");
        }
    }
}
