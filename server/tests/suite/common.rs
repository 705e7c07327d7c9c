//! A real server per test: HTTPS on 127.0.0.1:0 over a fresh SQLite file, or a fresh
//! PostgreSQL database when STEWARD_TEST_DATABASE_URL is set (as the core's suite does).

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use reqwest::StatusCode;
use serde_json::{Value, json};
use steward_core::sea_orm::{ConnectionTrait, Database};
use steward_server::cli::Args;
use steward_server::limits::Rate;
use steward_server::tls::{Certificate, Source};
use steward_server::{Options, Running};

pub const PASSWORD: &str = "Lotus-Garden-7";

static NEXT: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("{prefix}_{}_{n}_{nanos}", std::process::id())
}

/// A database URL of its own for this test, or None for the data folder's SQLite file.
pub async fn database_url() -> Option<String> {
    let url = std::env::var("STEWARD_TEST_DATABASE_URL").ok().filter(|u| !u.is_empty())?;
    let (base, _) = url.rsplit_once('/').expect("database URL has a path");
    let name = unique("steward_s");
    let admin = Database::connect(format!("{base}/postgres")).await.expect("connect to postgres admin db");
    admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create test database");
    admin.close().await.ok();
    Some(format!("{base}/{name}"))
}

pub fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(unique("steward-server-test"));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

pub use crate::pinned::client;

pub struct Office {
    pub running: Running,
    pub client: reqwest::Client,
    pub base: String,
    pub args: Args,
}

/// Limits high enough that a test's burst of calls is never refused.
pub const GENEROUS: Rate = Rate { per_second: 100_000, burst: 100_000 };

pub async fn office() -> Office {
    office_with(GENEROUS, GENEROUS).await
}

pub async fn office_with(session_rate: Rate, address_rate: Rate) -> Office {
    let args = Args { data_dir: Some(temp_dir()), database_url: database_url().await, ..Args::default() };
    start(args, session_rate, address_rate).await
}

/// A server that also runs its once-a-minute sweep (the first one at once).
pub async fn office_sweeping() -> Office {
    let args = Args { data_dir: Some(temp_dir()), database_url: database_url().await, ..Args::default() };
    start_with(args, (GENEROUS, GENEROUS), true).await
}

/// Starts a server on the data folder and database of `args`, on a free loopback port.
pub async fn start(args: Args, session_rate: Rate, address_rate: Rate) -> Office {
    start_with(args, (session_rate, address_rate), false).await
}

async fn start_with(args: Args, (session_rate, address_rate): (Rate, Rate), sweep: bool) -> Office {
    let core = steward_server::open_core(&args, true).await.expect("open the core");
    let data_dir = args.data_dir.clone().expect("test data dir");
    let certificate = Certificate::load(Source::SelfMade { data_dir: &data_dir }).expect("certificate");
    let options = Options {
        listen: "127.0.0.1:0".parse().expect("address"),
        name: "test office".into(),
        certificate,
        session_rate,
        address_rate,
        sweep,
    };
    let running = steward_server::start(core, options).await.expect("server starts");
    let client = client(&running.fingerprint);
    let base = format!("https://127.0.0.1:{}", running.address.port());
    Office { running, client, base, args }
}

impl Office {
    /// A connection of the test's own to the server's database.
    pub async fn database(&self) -> steward_core::sea_orm::DatabaseConnection {
        let data_dir = self.args.data_dir.clone().expect("data dir");
        let (target, _) = steward_server::target(&self.args, &data_dir).expect("target");
        steward_core::db::connect(&target).await.expect("connect")
    }

    /// One command as `token` in `lang`: the status and the JSON body.
    pub async fn call_in(&self, lang: &str, token: Option<&str>, command: &str, input: Value) -> (StatusCode, Value) {
        let mut req = self
            .client
            .post(format!("{}/v1/call/{command}", self.base))
            .header("Accept-Language", lang)
            .header("Content-Type", "application/json")
            .body(input.to_string());
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let resp = req.send().await.expect("request");
        let status = resp.status();
        let body = resp.json::<Value>().await.unwrap_or(Value::Null);
        (status, body)
    }

    pub async fn call(&self, token: Option<&str>, command: &str, input: Value) -> (StatusCode, Value) {
        self.call_in("en", token, command, input).await
    }

    /// The output of a command that must succeed.
    pub async fn ok(&self, token: Option<&str>, command: &str, input: Value) -> Value {
        let (status, body) = self.call(token, command, input).await;
        assert_eq!(status, StatusCode::OK, "{command}: {body}");
        body
    }

    /// The first manager, signed in.
    pub async fn manager(&self) -> String {
        let out = self
            .ok(
                None,
                "setup_first_manager",
                json!({ "username": "manager", "display_name": "李经理", "password": PASSWORD, "locale": "zh-CN", "load_demo": false }),
            )
            .await;
        out["token"].as_str().expect("token").to_owned()
    }

    /// A staff member with `role` in `department`, signed in; returns (id, token).
    pub async fn staff(&self, manager: &str, username: &str, role: &str, department: &str) -> (i64, String) {
        let row = self
            .ok(
                Some(manager),
                "staff_create",
                json!({
                    "username": username, "display_name": username, "role": role, "department": department,
                    "languages": [{ "language": "zh-CN", "level": "native" }], "password": PASSWORD,
                    "supervisor": false, "escalation_tier": null
                }),
            )
            .await;
        let login = self.ok(None, "login", json!({ "username": username, "password": PASSWORD })).await;
        (row["id"].as_i64().expect("id"), login["token"].as_str().expect("token").to_owned())
    }
}
