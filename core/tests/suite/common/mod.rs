//! One test context for both databases: SQLite in a fresh temp file by default, or a
//! fresh PostgreSQL database per test when STEWARD_TEST_DATABASE_URL is set.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{DateTime, TimeZone, Utc};
use steward_core::accounts::app::SetupInput;
use steward_core::accounts::auth::LoginInput;
use steward_core::accounts::staff::StaffInput;
use steward_core::api::run::{login, setup_first_manager, staff_create};
use steward_core::db::{self, DatabaseTarget};
use steward_core::domain::{Department, Role};
use steward_core::sea_orm::{ConnectionTrait, Database};
use steward_core::{Cx, Environment, Session, Steward};

static NEXT: AtomicU32 = AtomicU32::new(0);

pub const PASSWORD: &str = "Lotus-Garden-7";

pub struct Ctx {
    pub core: Steward,
    pub now: DateTime<Utc>,
    pub dir: PathBuf,
}

fn unique(prefix: &str) -> String {
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("{prefix}_{}_{n}_{nanos}", std::process::id())
}

pub fn is_postgres() -> bool {
    std::env::var("STEWARD_TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty())
}

pub async fn target(dir: &std::path::Path) -> DatabaseTarget {
    match std::env::var("STEWARD_TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
        Some(url) => {
            let (base, _) = url.rsplit_once('/').expect("database URL has a path");
            let name = unique("steward_t");
            let admin = Database::connect(format!("{base}/postgres")).await.expect("connect to postgres admin db");
            admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create test database");
            admin.close().await.ok();
            DatabaseTarget::Postgres(format!("{base}/{name}"))
        }
        None => DatabaseTarget::Sqlite(dir.join("steward.db")),
    }
}

pub async fn ctx() -> Ctx {
    let dir = std::env::temp_dir().join(unique("steward-test"));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let target = target(&dir).await;
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 9, 30, 0).single().expect("valid time");
    let conn = db::open(&target, now).await.expect("open database");
    let env = Environment {
        target,
        settings_file: dir.join("settings.json"),
        database_from_environment: false,
        demo_requested: false,
        os_locale: "zh-CN".into(),
        version: "test".into(),
    };
    // The suite's areas move the clock by hours and days with one session; the session
    // limits are tested in `sessions.rs`, which puts the defaults back (`default_limits`).
    conn.execute_unprepared(
        "INSERT INTO setting (key, value) VALUES ('accounts.session_limits', \
         '{\"version\":0,\"idle_lock_minutes\":10000000,\"session_hours\":1000000}')",
    )
    .await
    .expect("lenient session limits");
    Ctx { core: Steward::new(conn, env), now, dir }
}

pub fn session(token: Option<&str>) -> Session {
    Session { token: token.map(str::to_owned), locale: "en".into(), background: false, source: None }
}

impl Ctx {
    /// The shipped session limits (15 minutes idle, 12 hours), as in an office.
    pub async fn default_limits(&self) {
        self.core
            .db
            .execute_unprepared("DELETE FROM setting WHERE key = 'accounts.session_limits'")
            .await
            .expect("default session limits");
    }

    /// A context for one call, as `token`, at the test's fixed time; `api::run` admits it.
    pub fn cx(&self, token: Option<&str>) -> Cx {
        self.core.cx(session(token), self.now)
    }

    pub async fn manager(&self, load_demo: bool) -> String {
        let input = SetupInput {
            username: "manager".into(),
            display_name: "李经理".into(),
            password: PASSWORD.into(),
            locale: "zh-CN".into(),
            load_demo,
        };
        setup_first_manager(self.cx(None), input).await.expect("first manager").token
    }

    pub async fn staff(&self, manager: &str, username: &str, role: Role, department: Department) -> String {
        staff_create(
            self.cx(Some(manager)),
            StaffInput {
                supervisor: false,
                escalation_tier: None,
                username: username.into(),
                display_name: username.into(),
                role,
                department,
                languages: vec![steward_core::accounts::staff::LanguageSkill {
                    language: "zh-CN".into(),
                    level: steward_core::domain::LanguageLevel::Native,
                }],
                password: Some(PASSWORD.into()),
            },
        )
        .await
        .expect("create staff");
        login(self.cx(None), LoginInput { username: username.into(), password: PASSWORD.into() })
            .await
            .expect("staff signs in")
            .token
    }
}

/// Every maintained count equals a fresh GROUP BY.
pub async fn assert_counts(db: &steward_core::sea_orm::DatabaseConnection) {
    use steward_core::entities::desk_count;
    use steward_core::sea_orm::{EntityTrait, Statement};
    let kept: Vec<desk_count::Model> = desk_count::Entity::find().all(db).await.expect("counts");
    let mut expected: std::collections::BTreeMap<(String, String), i64> = Default::default();
    for (scope, sql) in [
        ("case_status", "SELECT status, COUNT(*) FROM service_case GROUP BY status"),
        (
            "owner_status",
            "SELECT CAST(owner_id AS TEXT) || ':' || status, COUNT(*) FROM service_case GROUP BY owner_id, status",
        ),
        ("work_order_status", "SELECT status, COUNT(*) FROM work_order GROUP BY status"),
        (
            "department_status",
            "SELECT department || ':' || status, COUNT(*) FROM work_order WHERE department IS NOT NULL GROUP BY department, status",
        ),
        (
            "assignee_status",
            "SELECT CAST(assignee_id AS TEXT) || ':' || status, COUNT(*) FROM work_order WHERE assignee_id IS NOT NULL GROUP BY assignee_id, status",
        ),
        (
            "follow_up_status",
            "SELECT CAST(owner_id AS TEXT) || ':' || status, COUNT(*) FROM follow_up GROUP BY owner_id, status",
        ),
    ] {
        let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.expect("group by");
        for r in rows {
            let key: String = r.try_get_by_index(0).expect("key");
            let n: i64 = r.try_get_by_index(1).expect("n");
            expected.insert((scope.to_owned(), key), n);
        }
    }
    let kept: std::collections::BTreeMap<(String, String), i64> =
        kept.into_iter().filter(|k| k.n != 0).map(|k| ((k.scope, k.key), k.n)).collect();
    assert_eq!(kept, expected);

    // The department lists' index holds each case's departments with the case's status.
    let rows = |sql: &str| {
        let sql = sql.to_owned();
        async move {
            let rows =
                db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.expect("departments");
            rows.iter()
                .map(|r| {
                    let case_id: i32 = r.try_get_by_index(0).expect("case");
                    let department: String = r.try_get_by_index(1).expect("department");
                    let status: String = r.try_get_by_index(2).expect("status");
                    (case_id, department, status)
                })
                .collect::<Vec<_>>()
        }
    };
    let fresh = rows(
        "SELECT DISTINCT w.case_id, w.department, c.status FROM work_order w JOIN service_case c ON c.id = w.case_id \
         WHERE w.department IS NOT NULL ORDER BY 1, 2",
    )
    .await;
    let kept = rows(
        "SELECT d.case_id, d.department, d.case_status FROM case_department d JOIN service_case c ON c.id = d.case_id \
         WHERE d.received_at = c.received_at ORDER BY 1, 2",
    )
    .await;
    assert_eq!(kept, fresh);
}
