//! SQLite storage guarantees: WAL, full sync, foreign keys, backups, idempotent migrations.

use crate::common::{ctx, is_postgres};
use steward_core::db::{self, DatabaseTarget};
use steward_core::sea_orm::{ConnectionTrait, DbBackend, Statement};

async fn scalar(db: &impl ConnectionTrait, sql: &str) -> String {
    let row =
        db.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql.to_owned())).await.expect("query").expect("row");
    row.try_get_by_index::<String>(0).or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string())).expect("value")
}

#[tokio::test]
async fn sqlite_runs_in_wal_with_full_sync_and_foreign_keys() {
    if is_postgres() {
        return;
    }
    let c = ctx().await;
    assert_eq!(scalar(&c.core.db, "PRAGMA journal_mode").await, "wal");
    assert_eq!(scalar(&c.core.db, "PRAGMA synchronous").await, "2", "FULL");
    assert_eq!(scalar(&c.core.db, "PRAGMA foreign_keys").await, "1");
    let orphan = c
        .core
        .db
        .execute_unprepared("INSERT INTO occupancy (customer_id, unit_id, role, start_date, version, created_at, updated_at) VALUES (999, 999, 'owner', '2026-01-01', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')")
        .await;
    assert!(orphan.is_err(), "foreign keys refuse an occupancy of nobody");
    let bad_enum = c
        .core
        .db
        .execute_unprepared("INSERT INTO staff (username, display_name, role, department, languages, active, version, created_at, updated_at) VALUES ('x', 'x', 'emperor', 'management', '', 1, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')")
        .await;
    assert!(bad_enum.is_err(), "the schema refuses an unknown role");
}

#[tokio::test]
async fn a_backup_is_a_consistent_readable_copy_and_reopening_migrates_nothing() {
    if is_postgres() {
        return;
    }
    let c = ctx().await;
    c.manager(true).await;
    let DatabaseTarget::Sqlite(path) = c.core.env.target.clone() else { panic!("sqlite") };
    let copy = db::backup(&c.core.db, &path, c.now).await.expect("backup");
    assert!(copy.file_name().is_some_and(|n| n.to_string_lossy().contains("before-migration")));
    let opened = db::open(&DatabaseTarget::Sqlite(copy.clone()), c.now).await.expect("open the copy");
    // The demo: 600 customers and the tenant of its signed lease.
    assert_eq!(scalar(&opened, "SELECT COUNT(*) FROM customer").await, "601");
    // A second copy in the same second keeps the first.
    let second = db::backup(&c.core.db, &path, c.now).await.expect("second backup");
    assert_ne!(second, copy);
    assert!(copy.exists() && second.exists());
    std::fs::remove_file(&second).expect("remove the second copy");

    // Nothing pending: opening the live file again writes no new backup.
    let before = std::fs::read_dir(&c.dir).expect("dir").count();
    db::open(&c.core.env.target, c.now).await.expect("reopen");
    assert_eq!(std::fs::read_dir(&c.dir).expect("dir").count(), before);
}

async fn plan(db: &impl ConnectionTrait, sql: &str) -> String {
    let rows = db
        .query_all_raw(Statement::from_string(DbBackend::Sqlite, format!("EXPLAIN QUERY PLAN {sql}")))
        .await
        .expect("explain");
    rows.iter().filter_map(|r| r.try_get_by_index::<String>(3).ok()).collect::<Vec<_>>().join(" | ")
}

/// The shapes the list screens run stay on indexes, so they stay instant as data grows.
#[tokio::test]
async fn searches_and_pages_use_indexes() {
    if is_postgres() {
        return;
    }
    let c = ctx().await;
    let p = plan(
        &c.core.db,
        "SELECT customer_id FROM customer_search_term WHERE kind = 'text' AND term >= 'zs' AND term < 'zt'",
    )
    .await;
    // The terms' primary key (a WITHOUT ROWID table: the rows are that B-tree).
    assert!(p.contains("PRIMARY KEY (kind=? AND term>? AND term<?)"), "{p}");
    let p = plan(&c.core.db, "SELECT * FROM customer ORDER BY sort_key, id LIMIT 50 OFFSET 100").await;
    assert!(p.contains("ix_customer_sort") && !p.contains("TEMP B-TREE"), "{p}");
    let p = plan(
        &c.core.db,
        "SELECT * FROM unit WHERE building_id = 1 AND floor = 3 ORDER BY building_id, floor, number LIMIT 50",
    )
    .await;
    assert!(p.contains("ix_unit_building_floor"), "{p}");
    let p = plan(&c.core.db, "SELECT * FROM occupancy WHERE customer_id IN (1, 2, 3)").await;
    assert!(p.contains("ix_occupancy_customer"), "{p}");
}
