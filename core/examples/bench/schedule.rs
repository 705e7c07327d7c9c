//! The schedule figure: 10,000 packages (1,000 with `--quick`) of two items each, written
//! in bulk as `package_create` leaves them but with nothing scheduled yet, then one
//! whole-property run (`package_schedule_run`, package_id null) that writes a month of
//! visits, and a second run that finds nothing to do. It uses its own fresh database
//! beside the desk's (same name with a "_schedule" tail), dropped at the end, so the
//! desk's `--reuse` database is never written to.

use std::time::Instant;

use chrono::{NaiveDate, TimeZone, Utc};
use steward_core::accounts::app::SetupInput;
use steward_core::api::run::{catalog_create, package_schedule_run, setup_first_manager};
use steward_core::db::{self, DatabaseTarget};
use steward_core::domain::{Department, ServiceUnit};
use steward_core::entities::{package, package_item, staff};
use steward_core::menus::catalog::{CatalogCreate, CatalogInput, NewPrice, ServiceText};
use steward_core::menus::recurrence;
use steward_core::menus::schedule::ScheduleRun;
use steward_core::sea_orm::{
    ColumnTrait, ConnectionTrait, Database, DatabaseConnection, EntityTrait, QueryFilter, Set, Statement,
};
use steward_core::{Environment, Session, Steward};

use super::{exec, fill_customers, fill_units, recreate};

pub const NAMES: &[&str] = &["schedule_10k", "schedule_10k_again"];

/// The schedule database's URL: the desk's with a "_schedule" tail on the file or database name.
fn schedule_url(url: &str) -> String {
    let (path, query) = url.split_once('?').map_or((url, None), |(p, q)| (p, Some(q)));
    let path = match path.rsplit_once('.') {
        Some((stem, ext)) if path.starts_with("sqlite:") && !ext.contains('/') => format!("{stem}_schedule.{ext}"),
        _ => format!("{path}_schedule"),
    };
    query.map_or(path.clone(), |q| format!("{path}?{q}"))
}

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("count")
        .expect("a row")
        .try_get_by_index::<i64>(0)
        .expect("count")
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

pub async fn figures(url: &str, quick: bool) {
    let packages = if quick { 1_000 } else { 10_000 };
    let url = schedule_url(url);
    let (target, _) = recreate(&url, None).await;
    let backend = match target {
        DatabaseTarget::Sqlite(_) => "sqlite",
        DatabaseTarget::Postgres(_) => "postgres",
    };
    // The packages were sold in November; the run on Monday 30 November at 09:30 in
    // Shanghai writes December (its 14 schedule days reach into it), nothing is left of
    // November (no Tuesday or Thursday after the 30th).
    let filled_at = Utc.with_ymd_and_hms(2026, 11, 1, 2, 0, 0).single().expect("time");
    let now = Utc.with_ymd_and_hms(2026, 11, 30, 1, 30, 0).single().expect("time");
    let start = Instant::now();
    let conn = db::open(&target, now).await.expect("open the schedule database");
    let dir = std::env::temp_dir().join(format!("steward-bench-schedule-{}", std::process::id()));
    let env = Environment {
        target: target.clone(),
        settings_file: dir.join("settings.json"),
        database_from_environment: true,
        demo_requested: false,
        os_locale: "zh-CN".into(),
        version: "bench".into(),
    };
    let core = Steward::new(conn.clone(), env);
    let token = setup_first_manager(
        core.cx(Session { token: None, locale: "zh-CN".into(), background: false, source: None }, now),
        SetupInput {
            username: "manager".into(),
            display_name: "李经理".into(),
            password: "Lotus-Garden-7".into(),
            locale: "zh-CN".into(),
            load_demo: false,
        },
    )
    .await
    .expect("first manager")
    .token;
    let cx = |at| {
        core.cx(Session { token: Some(token.clone()), locale: "zh-CN".into(), background: false, source: None }, at)
    };
    let units = fill_units(&conn, packages).await.len();
    fill_customers(&conn, packages, units).await;
    let mut services = Vec::new();
    for (zh, en, department) in [
        ("入室保洁", "In-home cleaning", Department::Cleaning),
        ("室内绿植养护", "Indoor plant care", Department::Landscaping),
    ] {
        let texts = vec![
            ServiceText { language: "zh-CN".into(), name: zh.into(), description: String::new() },
            ServiceText { language: "en".into(), name: en.into(), description: String::new() },
        ];
        let service = CatalogInput { texts, department, unit: ServiceUnit::PerVisit, tax_rate: Some("6".into()) };
        let price = Some(NewPrice { amount: "120".into(), effective_from: "2026-01-01".into() });
        services.push(catalog_create(cx(now), CatalogCreate { service, price }).await.expect("service").id);
    }
    let owner: i32 = staff::Entity::find()
        .filter(staff::Column::Username.eq("manager"))
        .one(&conn)
        .await
        .expect("manager")
        .expect("manager")
        .id;

    // The rows `package_create` writes (its history entry aside), in bulk and unscheduled.
    let cleaning = recurrence::normalize("FREQ=WEEKLY;BYDAY=TU").expect("rule");
    let plants = recurrence::normalize("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH").expect("rule");
    let fill = Instant::now();
    let ids: Vec<i32> = (1..=packages as i32).collect();
    for chunk in ids.chunks(1000) {
        let rows = chunk.iter().map(|&id| {
            let i = (id - 1) as usize;
            package::ActiveModel {
                id: Set(id),
                customer_id: Set(id),
                unit_id: Set(super::current_unit(i, units).map(|u| u as i32)),
                owner_id: Set(owner),
                starts_on: Set(date("2026-11-01")),
                ends_on: Set(None),
                window_start: Set((!i.is_multiple_of(3)).then(|| "09:00".to_owned())),
                window_end: Set((!i.is_multiple_of(3)).then(|| "11:00".to_owned())),
                notes: Set(if i.is_multiple_of(4) { "钥匙在前台".into() } else { String::new() }),
                active: Set(true),
                version: Set(1),
                created_by: Set(owner),
                created_at: Set(filled_at),
                updated_at: Set(filled_at),
            }
        });
        package::Entity::insert_many(rows).exec(&conn).await.expect("packages");
        let items = chunk.iter().flat_map(|&id| {
            let item = |n: i32, service_id: i32, rule: &str, starts: &str, quantity: i32, notes: &str| {
                package_item::ActiveModel {
                    id: Set(id * 2 - 1 + n),
                    package_id: Set(id),
                    service_id: Set(service_id),
                    rule: Set(rule.to_owned()),
                    starts_on: Set(date(starts)),
                    ends_on: Set(None),
                    window_start: Set(None),
                    window_end: Set(None),
                    quantity_milli: Set(quantity),
                    notes: Set(notes.to_owned()),
                    active: Set(true),
                    version: Set(1),
                    created_at: Set(filled_at),
                    updated_at: Set(filled_at),
                }
            };
            [
                item(0, services[0], &cleaning, "2026-11-03", if id % 2 == 0 { 1500 } else { 1000 }, ""),
                item(1, services[1], &plants, "2026-11-05", 1000, if id % 5 == 0 { "阳台的花浇透" } else { "" }),
            ]
        });
        package_item::Entity::insert_many(items).exec(&conn).await.expect("package items");
    }
    if backend == "postgres" {
        for t in ["customer", "occupancy", "unit", "building", "package", "package_item"] {
            exec(&conn, &format!("SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT MAX(id) FROM {t}))"))
                .await;
        }
        exec(&conn, "VACUUM ANALYZE").await;
    } else {
        exec(&conn, "ANALYZE").await;
    }
    println!("fill packages rows={packages} items={} ms={}", packages * 2, fill.elapsed().as_millis());
    println!("fill schedule total ms={}", start.elapsed().as_millis());

    let t = Instant::now();
    let report = package_schedule_run(cx(now), ScheduleRun { package_id: None }).await.expect("schedule run");
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let visits = count(&conn, "SELECT COUNT(*) FROM package_visit").await;
    let cases = count(&conn, "SELECT COUNT(*) FROM package_case").await;
    assert_eq!(visits, i64::from(report.created), "every visit written is reported");
    // Written in bulk (two chunks at once on PostgreSQL), the kept counts and the search
    // index still agree with the rows.
    for (scope, table) in [("case_status", "service_case"), ("work_order_status", "work_order")] {
        let kept = count(
            &conn,
            &format!("SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM desk_count WHERE scope = '{scope}'"),
        )
        .await;
        assert_eq!(kept, count(&conn, &format!("SELECT COUNT(*) FROM {table}")).await, "{scope} counts");
    }
    let indexed = match backend {
        "postgres" => count(&conn, "SELECT COUNT(*) FROM service_case WHERE tok <> ''::tsvector").await,
        _ => count(&conn, "SELECT COUNT(*) FROM case_fts").await,
    };
    assert_eq!(indexed, cases, "every new case is indexed");
    println!(
        "bench schedule_10k {backend} total_ms={ms:.0} budget_ms=5000 visits={visits} cases={cases} packages={packages} dispatched={}",
        report.dispatched
    );
    let t = Instant::now();
    let again = package_schedule_run(cx(now), ScheduleRun { package_id: None }).await.expect("second run");
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!((again.created, again.dispatched, again.cancelled, again.updated), (0, 0, 0, 0), "nothing twice");
    println!("bench schedule_10k_again {backend} total_ms={ms:.0} budget_ms=5000 packages={packages}");

    conn.close().await.ok();
    drop(core);
    // BENCH_KEEP=1 leaves the scheduled database for a look (while tuning).
    if std::env::var_os("BENCH_KEEP").is_some() {
        return;
    }
    match &target {
        DatabaseTarget::Sqlite(path) => {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
        DatabaseTarget::Postgres(url) => {
            let (base, name) = url.rsplit_once('/').expect("database URL has a path");
            let name = name.split('?').next().unwrap_or(name);
            let admin = Database::connect(format!("{base}/postgres")).await.expect("connect to the postgres database");
            exec(&admin, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
            admin.close().await.ok();
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
