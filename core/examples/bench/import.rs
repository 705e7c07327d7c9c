//! The import figure: a CSV of 100,000 customers (10,000 with `--quick`) as an office
//! exports it (name, Latin name, phone, language, ID number) committed with `import_commit`
//! into an empty office: parsing, checks, the customers, their search rows and one history
//! entry each, in one transaction. Then the same file again, which creates nothing. On its
//! own fresh database beside the desk's (same name with an "_import" tail), dropped at the end.
//! The export figures (`export.rs`) run on the customers imported here.

use std::time::Instant;

use base64::Engine;
use chrono::{TimeZone, Utc};
use steward_core::accounts::app::SetupInput;
use steward_core::api::run::{import_commit, setup_first_manager};
use steward_core::db::{self, DatabaseTarget};
use steward_core::domain::ImportKind;
use steward_core::import::{ImportCommit, ImportFile};
use steward_core::sea_orm::Database;
use steward_core::{Environment, Session, Steward};

use super::{Dice, exec, person, recreate};

pub const NAMES: &[&str] = &["import_100k", "import_100k_again"];

fn import_url(url: &str) -> String {
    let (path, query) = url.split_once('?').map_or((url, None), |(p, q)| (p, Some(q)));
    let path = match path.rsplit_once('.') {
        Some((stem, ext)) if path.starts_with("sqlite:") && !ext.contains('/') => format!("{stem}_import.{ext}"),
        _ => format!("{path}_import"),
    };
    query.map_or(path.clone(), |q| format!("{path}?{q}"))
}

fn csv(rows: usize) -> String {
    let mut d = Dice(20261128);
    let mut out = String::from("姓名,英文名,电话,语言,证件号码\n");
    for i in 0..rows {
        let p = person(&mut d);
        let latin = p.latin.unwrap_or_default();
        let phone = p.phones.first().cloned().unwrap_or_default();
        out.push_str(&format!("{},{latin},{phone},{},E{i:08}\n", p.name, p.language));
    }
    out
}

pub async fn figures(url: &str, quick: bool) {
    let rows = if quick { 10_000 } else { 100_000 };
    let url = import_url(url);
    let (target, _) = recreate(&url, None).await;
    let backend = match target {
        DatabaseTarget::Sqlite(_) => "sqlite",
        DatabaseTarget::Postgres(_) => "postgres",
    };
    let now = Utc.with_ymd_and_hms(2026, 11, 28, 2, 0, 0).single().expect("time");
    let conn = db::open(&target, now).await.expect("open the import database");
    let dir = std::env::temp_dir().join(format!("steward-bench-import-{}", std::process::id()));
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
    let cx = || {
        core.cx(Session { token: Some(token.clone()), locale: "zh-CN".into(), background: false, source: None }, now)
    };
    let text = csv(rows);
    let bytes = text.len();
    let file = ImportFile {
        kind: ImportKind::Customers,
        file_name: "customers.csv".into(),
        content_base64: base64::engine::general_purpose::STANDARD.encode(text.as_bytes()),
        mapping: None,
    };
    let t = Instant::now();
    let r = import_commit(cx(), ImportCommit { file: file.clone(), run: "bench".into() }).await.expect("import");
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(r.created as usize + r.bad_rows as usize, rows, "every row created or refused");
    println!(
        "bench import_100k {backend} total_ms={ms:.0} budget_ms=10000 rows={rows} created={} bad_rows={} file_bytes={bytes}",
        r.created, r.bad_rows
    );
    let t = Instant::now();
    let again = import_commit(cx(), ImportCommit { file, run: "bench-again".into() }).await.expect("again");
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(again.created, 0, "nothing twice");
    println!("bench import_100k_again {backend} total_ms={ms:.0} budget_ms=10000 rows={rows}");
    super::export::figures(cx, backend, r.created as usize).await;

    conn.close().await.ok();
    drop(core);
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
