//! Test harness: every test spawns the real application on a random port against its own database
//! (a SQLite file, or a fresh PostgreSQL database when `TEST_DATABASE_URL` is set) and, when
//! `TEST_REDIS_URL` is set, its own Redis key prefix, so tests run in parallel without sharing data.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_debug_implementations)]

use std::collections::HashMap;
use std::sync::Arc;

use chrono::Utc;
use gongkai_api::config::Settings;
use gongkai_api::startup::Application;
use gongkai_api::state::AppState;
use gongkai_api::time::ManualTime;
use reqwest::{Method, Response, StatusCode};
use sea_orm::{ColumnTrait, ConnectionTrait, Database, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::Value;
use uuid::Uuid;

pub const DEMO_PASSWORD: &str = "Yongji@2026";
pub const AUDIT_KEY: &str = "test-audit-key-7f3a9c2e5b1d4068a9e2c7f1";

pub fn postgres_admin_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL").ok().filter(|s| !s.is_empty())
}

pub fn redis_url() -> Option<String> {
    std::env::var("TEST_REDIS_URL").ok().filter(|s| !s.is_empty())
}

/// A database of one's own. PostgreSQL databases are dropped when this is dropped.
pub struct TestDatabase {
    pub url: String,
    pg_name: Option<String>,
}

impl TestDatabase {
    pub async fn create() -> Self {
        match postgres_admin_url() {
            Some(admin) => {
                let name = format!("gk_test_{}", Uuid::now_v7().simple());
                let conn = Database::connect(admin.as_str()).await.expect("connect TEST_DATABASE_URL");
                conn.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create test database");
                conn.close().await.ok();
                let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).expect("database url with a path");
                Self { url: format!("{base}/{name}"), pg_name: Some(name) }
            }
            None => {
                let dir = std::env::temp_dir().join("gongkai-tests");
                std::fs::create_dir_all(&dir).unwrap();
                let path = dir.join(format!("{}.db", Uuid::now_v7().simple()));
                Self { url: format!("sqlite://{}?mode=rwc", path.display()), pg_name: None }
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let (Some(name), Some(admin)) = (self.pg_name.take(), postgres_admin_url()) else {
            if let Some(path) = self.url.strip_prefix("sqlite://").and_then(|p| p.split('?').next()) {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{path}{suffix}"));
                }
            }
            return;
        };
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(async move {
                if let Ok(conn) = Database::connect(admin.as_str()).await {
                    let _ = conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
                    let _ = conn.close().await;
                }
            });
        })
        .join();
    }
}

#[derive(Default, Clone)]
pub struct AppOptions {
    /// Share another app's database (a second replica).
    pub database_url: Option<String>,
    pub redis_prefix: Option<String>,
    pub time: Option<Arc<ManualTime>>,
    pub env: Vec<(&'static str, String)>,
    pub seed: Option<bool>,
    /// Run without Redis even when the suite has one: a replica cut off from its notices.
    pub no_redis: bool,
}

pub struct TestApp {
    pub address: String,
    pub state: AppState,
    pub time: Arc<ManualTime>,
    pub client: reqwest::Client,
    pub database_url: String,
    pub redis_prefix: String,
    env: Vec<(&'static str, String)>,
    _db: Option<Arc<TestDatabase>>,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    pub csrf: String,
    pub user_id: Uuid,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(AppOptions::default()).await
}

pub async fn spawn_app_with(options: AppOptions) -> TestApp {
    let (db, database_url) = match &options.database_url {
        Some(url) => (None, url.clone()),
        None => {
            let db = Arc::new(TestDatabase::create().await);
            let url = db.url.clone();
            (Some(db), url)
        }
    };
    let redis_prefix = options.redis_prefix.clone().unwrap_or_else(|| format!("gk-test:{}:", Uuid::now_v7().simple()));
    let data_dir = std::env::temp_dir().join("gongkai-tests").join(Uuid::now_v7().simple().to_string());
    let mut env: HashMap<String, String> = HashMap::from([
        ("BIND".into(), "127.0.0.1:0".into()),
        ("DATA_DIR".into(), data_dir.display().to_string()),
        ("DATABASE_URL".into(), database_url.clone()),
        ("DATABASE_MAX_CONNECTIONS".into(), "5".into()),
        ("AUDIT_KEY".into(), AUDIT_KEY.into()),
        ("SEED_DEMO".into(), options.seed.unwrap_or(true).to_string()),
        ("SEED_DEMO_WORK".into(), "false".into()),
        ("PASSWORD_HASH_MEMORY_KIB".into(), "256".into()),
        ("PASSWORD_HASH_ITERATIONS".into(), "1".into()),
        ("POLICY_POLL_MILLIS".into(), "200".into()),
        ("TRUST_FORWARDED_FOR".into(), "true".into()),
        ("REDIS_PREFIX".into(), redis_prefix.clone()),
        // Tests drive the jobs themselves, with a fixed `now`.
        ("SCHEDULER_ENABLED".into(), "false".into()),
    ]);
    if let Some(redis) = redis_url().filter(|_| !options.no_redis) {
        env.insert("REDIS_URL".into(), redis);
    }
    for (k, v) in &options.env {
        env.insert((*k).to_string(), v.clone());
    }
    let settings = Settings::from_lookup(|k| env.get(k).cloned()).expect("test settings");
    let time = options.time.clone().unwrap_or_else(|| ManualTime::new(Utc::now()));
    let app = Application::build_with_time(settings, time.clone()).await.expect("build app");
    let address = format!("http://127.0.0.1:{}", app.port());
    let state = app.state.clone();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    TestApp { address, state, time, client, database_url, redis_prefix, env: options.env.clone(), _db: db }
}

impl TestApp {
    /// Another replica on the same database and Redis prefix, with its own clock.
    pub async fn replica(&self) -> TestApp {
        let mut other = spawn_app_with(AppOptions {
            database_url: Some(self.database_url.clone()),
            redis_prefix: Some(self.redis_prefix.clone()),
            time: Some(self.time.clone()),
            seed: Some(false),
            env: self.env.clone(),
            no_redis: false,
        })
        .await;
        other._db = self._db.clone();
        other
    }

    /// A second replica that hears no Redis notices: it learns of changes by polling alone.
    pub async fn replica_polling_only(&self) -> TestApp {
        let mut other = spawn_app_with(AppOptions {
            database_url: Some(self.database_url.clone()),
            redis_prefix: Some(self.redis_prefix.clone()),
            time: Some(self.time.clone()),
            seed: Some(false),
            env: self.env.clone(),
            no_redis: true,
        })
        .await;
        other._db = self._db.clone();
        other
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn try_login(&self, username: &str, password: &str, ip: &str) -> Response {
        self.client
            .post(self.url("/api/v1/auth/login"))
            .header("x-forwarded-for", ip)
            .json(&serde_json::json!({ "username": username, "password": password }))
            .send()
            .await
            .unwrap()
    }

    pub async fn login(&self, username: &str) -> Session {
        self.login_with(username, DEMO_PASSWORD).await
    }

    pub async fn login_with(&self, username: &str, password: &str) -> Session {
        let resp = self.try_login(username, password, "10.0.0.1").await;
        assert_eq!(resp.status(), StatusCode::OK, "login {username}");
        let body: Value = resp.json().await.unwrap();
        Session {
            token: body["token"].as_str().unwrap().into(),
            csrf: body["csrf_token"].as_str().unwrap().into(),
            user_id: body["user"]["id"].as_str().unwrap().parse().unwrap(),
        }
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        session: Option<&Session>,
        body: Option<Value>,
    ) -> Response {
        let mut req = self.client.request(method, self.url(path));
        if let Some(s) = session {
            req = req.bearer_auth(&s.token);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        req.send().await.unwrap()
    }

    pub async fn get(&self, path: &str, session: &Session) -> Response {
        self.request(Method::GET, path, Some(session), None).await
    }

    pub async fn post(&self, path: &str, session: &Session, body: Value) -> Response {
        self.request(Method::POST, path, Some(session), Some(body)).await
    }

    pub async fn patch(&self, path: &str, session: &Session, body: Value) -> Response {
        self.request(Method::PATCH, path, Some(session), Some(body)).await
    }

    pub async fn put(&self, path: &str, session: &Session, body: Value) -> Response {
        self.request(Method::PUT, path, Some(session), Some(body)).await
    }

    pub async fn delete(&self, path: &str, session: &Session) -> Response {
        self.request(Method::DELETE, path, Some(session), None).await
    }

    pub async fn unit_id(&self, slug: &str) -> Uuid {
        entity::unit::Entity::find()
            .filter(entity::unit::Column::Slug.eq(slug))
            .one(&self.state.db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no unit {slug}"))
            .id
    }

    pub async fn user_id(&self, username: &str) -> Uuid {
        entity::user::Entity::find()
            .filter(entity::user::Column::Username.eq(username))
            .one(&self.state.db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no user {username}"))
            .id
    }

    pub async fn audit_count(&self) -> u64 {
        entity::audit_event::Entity::find().count(&self.state.db).await.unwrap()
    }

    pub fn is_postgres(&self) -> bool {
        self.database_url.starts_with("postgres")
    }

    /// Runs SQL with the append-only protection lifted, as an intruder with database access would.
    pub async fn tamper(&self, sql: &str) {
        let db = &self.state.db;
        let backend = db.get_database_backend();
        if self.is_postgres() {
            let script = format!("BEGIN; SET LOCAL session_replication_role = replica; {sql}; COMMIT;");
            db.execute_unprepared(&script).await.unwrap();
        } else {
            db.execute_unprepared("DROP TRIGGER IF EXISTS audit_events_no_update").await.unwrap();
            db.execute_unprepared("DROP TRIGGER IF EXISTS audit_events_no_delete").await.unwrap();
            let _ = backend;
            db.execute_unprepared(sql).await.unwrap();
        }
    }
}

/// The JSON body of a response, after checking its status.
pub async fn json(resp: Response, status: StatusCode) -> Value {
    let actual = resp.status();
    let text = resp.text().await.unwrap();
    assert_eq!(actual, status, "unexpected status; body: {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

pub mod bench;
pub mod smtp;

impl TestApp {
    pub async fn unit(&self, slug: &str) -> entity::unit::Model {
        entity::unit::Entity::find()
            .filter(entity::unit::Column::Slug.eq(slug))
            .one(&self.state.db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no unit {slug}"))
    }

    /// Starts an application reply clock (`条例第三十三条`) for a made-up application of `slug`, as the
    /// applications module would; `label` is what people will see for it.
    pub async fn start_reply_clock(
        &self,
        slug: &str,
        label: &str,
        start: chrono::NaiveDate,
        working_days: u32,
        assignee: Option<Uuid>,
    ) -> (gongkai_api::clocks::Subject, entity::statutory_clock::Model) {
        use gongkai_api::clocks::{self, Label, NewClock, Subject};
        use gongkai_api::time::TimeSource;
        let unit = self.unit(slug).await;
        let subject = Subject::new(
            gongkai_api::applications::APPLICATION,
            Uuid::now_v7(),
            gongkai_api::tenancy::UnitRef::for_system(&unit),
        );
        let tx = gongkai_api::db::write_tx(&self.state.db).await.unwrap();
        let c = clocks::start(
            &tx,
            &subject,
            NewClock {
                kind: &gongkai_api::applications::REPLY,
                legal_basis: "条例第三十三条".into(),
                start,
                period: gongkai_api::calendar::Period::WorkingDays(working_days),
                assignee,
                label: Label::new(label, Some(format!("/console/applications/{}/{}", unit.id, subject.id()))),
            },
            self.time.now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        (subject, c)
    }

    pub async fn count<E: EntityTrait>(&self) -> u64
    where
        E::Model: Sync,
    {
        E::find().count(&self.state.db).await.unwrap()
    }
}

/// An instant in Beijing time, e.g. `beijing("2026-10-26 10:00")`.
pub fn beijing(s: &str) -> chrono::DateTime<Utc> {
    let naive = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    naive.and_utc() - chrono::TimeDelta::hours(8)
}
