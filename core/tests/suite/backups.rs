//! Backups and restore of the desk's SQLite file: the retention rule, the check that
//! refuses damaged or foreign files, the timer's rule, the second folder, and a restore
//! drill (back up, change data, restore, check counts and records).

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::{Duration, TimeZone, Utc};
use steward_core::api::run::{backup_list, backup_now, backup_restore, backup_settings_save, customer_create};
use steward_core::backups::files::{self, BackupKind, Damage};
use steward_core::backups::{self, BackupMode, BackupRestore, BackupSettings, retention};
use steward_core::db::{self, DatabaseTarget};
use steward_core::directory::customers::CustomerInput;
use steward_core::domain::{CustomerKind, Department, Role};
use steward_core::sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use steward_core::{ErrorCode, Steward};

use crate::common::{ctx, is_postgres};

async fn texts(db: &impl ConnectionTrait, sql: &str) -> Vec<String> {
    let rows =
        db.query_all_raw(Statement::from_string(db.get_database_backend(), sql.to_owned())).await.expect("query");
    rows.iter().map(|r| r.try_get_by_index::<String>(0).expect("text column")).collect()
}

async fn count(db: &impl ConnectionTrait, table: &str) -> i64 {
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), format!("SELECT COUNT(*) FROM {table}")))
        .await
        .expect("count");
    rows[0].try_get_by_index::<i64>(0).expect("count")
}

fn customer(name: &str) -> CustomerInput {
    CustomerInput {
        kind: CustomerKind::Person,
        name: name.into(),
        name_latin: None,
        phones: vec!["138-0013-2468".into()],
        email: None,
        nationality: Some("cn".into()),
        preferred_language: "zh-CN".into(),
        vip: false,
        id_document_kind: None,
        id_document_number: None,
        notes: String::new(),
    }
}

fn sqlite_path(core: &Steward) -> PathBuf {
    match &core.env.target {
        DatabaseTarget::Sqlite(p) => p.clone(),
        DatabaseTarget::Postgres(_) => panic!("sqlite only"),
    }
}

#[test]
fn retention_keeps_twelve_recent_ten_daily_nine_monthly() {
    let now = Utc.with_ymd_and_hms(2026, 11, 28, 23, 0, 0).single().expect("time");
    // Hourly for 400 days, shuffled so the rule cannot rely on the order it is given.
    let mut times: Vec<_> = (0..400 * 24).map(|h| now - Duration::hours(h)).collect();
    times.reverse();
    times.rotate_left(1234);
    let kept: BTreeSet<_> = retention::keep(&times, now).into_iter().map(|i| times[i]).collect();
    let at = |m: u32, d: u32, h: u32| Utc.with_ymd_and_hms(2026, m, d, h, 0, 0).single().expect("time");
    let mut expected: BTreeSet<_> = (0..12).map(|h| now - Duration::hours(h)).collect();
    expected.extend((19..=27).map(|d| at(11, d, 23)));
    expected.extend([at(10, 31, 23), at(9, 30, 23), at(8, 31, 23), at(7, 31, 23), at(6, 30, 23)]);
    expected.extend([at(5, 31, 23), at(4, 30, 23), at(3, 31, 23)]);
    assert_eq!(kept, expected);
    assert_eq!(kept.len(), 12 + 9 + 8);

    // An office closed for three weeks: the ten daily copies are the last ten days it worked.
    let closed = now + Duration::days(21);
    let kept: BTreeSet<_> = retention::keep(&times, closed).into_iter().map(|i| times[i]).collect();
    assert!(kept.contains(&at(11, 19, 23)), "the tenth working day is kept");
    assert!(!kept.contains(&at(11, 18, 23)));

    // Copies dated after now (the clock was set back) are never deleted.
    let early = now - Duration::days(30);
    let kept = retention::keep(&times, early);
    assert!(times.iter().enumerate().filter(|(_, t)| **t > early).all(|(i, _)| kept.contains(&i)));
}

#[tokio::test]
async fn the_check_refuses_damaged_foreign_and_newer_files() {
    if is_postgres() {
        return;
    }
    let c = ctx().await;
    c.manager(false).await;
    let folder = c.dir.join("checks");
    let good = files::write(&c.core.db, &folder, BackupKind::Manual, c.now).await.expect("backup");
    let good = folder.join(good.name);
    files::verify(&good).await.expect("a fresh backup passes");
    let bytes = std::fs::read(&good).expect("read");

    let truncated = folder.join("truncated.db");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).expect("write");
    assert!(matches!(files::verify(&truncated).await, Err(Damage::Damaged(_) | Damage::Unreadable(_))));

    // Garbage over the header, then over pages in the middle.
    let mut garbled = bytes.clone();
    garbled[..64].copy_from_slice(&[0x5a; 64]);
    let header = folder.join("header.db");
    std::fs::write(&header, &garbled).expect("write");
    assert!(matches!(files::verify(&header).await, Err(Damage::Damaged(_) | Damage::Unreadable(_))));
    let mut garbled = bytes.clone();
    let middle = bytes.len() / 2 / 4096 * 4096;
    for (i, b) in garbled[middle..middle + 3 * 4096].iter_mut().enumerate() {
        *b = (i * 131 % 251) as u8;
    }
    let pages = folder.join("pages.db");
    std::fs::write(&pages, &garbled).expect("write");
    assert!(matches!(files::verify(&pages).await, Err(Damage::Damaged(_) | Damage::Unreadable(_))));

    assert!(matches!(files::verify(&folder.join("missing.db")).await, Err(Damage::Unreadable(_))));
    let text = folder.join("notes.db");
    std::fs::write(&text, "not a database at all").expect("write");
    assert!(files::verify(&text).await.is_err());

    // An SQLite file of another program.
    let other = DatabaseTarget::Sqlite(folder.join("other.db"));
    let db = db::connect(&other).await.expect("other");
    db.execute_unprepared("CREATE TABLE photo (id INTEGER PRIMARY KEY, path TEXT)").await.expect("table");
    db.close().await.expect("close");
    assert_eq!(files::verify(&folder.join("other.db")).await, Err(Damage::NotSteward));

    // A Steward database from a newer version: a schema step this app does not know.
    let newer = folder.join("newer.db");
    std::fs::copy(&good, &newer).expect("copy");
    let db = db::connect(&DatabaseTarget::Sqlite(newer.clone())).await.expect("newer");
    db.execute_unprepared("INSERT INTO seaql_migrations (version, applied_at) VALUES ('m20990101_000001_future', 0)")
        .await
        .expect("future step");
    db.close().await.expect("close");
    assert_eq!(files::verify(&newer).await, Err(Damage::Newer));
}

#[tokio::test]
async fn the_timer_backs_up_after_a_change_at_most_every_thirty_minutes() {
    if is_postgres() {
        return;
    }
    let c = ctx().await;
    let manager = c.manager(false).await;
    let core = &c.core;
    // The first manager's set-up was a change.
    let first = backups::automatic(core, c.now).await.expect("backup").expect("made");
    assert_eq!(first.file.kind, BackupKind::Automatic);
    assert!(backups::automatic(core, c.now + Duration::minutes(40)).await.expect("no change").is_none());
    assert!(backups::on_exit(core, c.now + Duration::minutes(41)).await.expect("no change").is_none());
    customer_create(c.cx(Some(&manager)), customer("王小明")).await.expect("customer");
    assert!(backups::automatic(core, c.now + Duration::minutes(20)).await.expect("too soon").is_none());
    let second = backups::automatic(core, c.now + Duration::minutes(30)).await.expect("backup").expect("made");
    assert_ne!(second.file.name, first.file.name);
    customer_create(c.cx(Some(&manager)), customer("李小红")).await.expect("customer");
    let exit = backups::on_exit(core, c.now + Duration::minutes(31)).await.expect("backup").expect("made");
    assert_eq!(exit.file.kind, BackupKind::Exit);
    let folder = files::folder_of(&sqlite_path(core));
    let names: Vec<_> = files::list(&folder).into_iter().map(|f| f.name).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(
        !std::fs::read_dir(&folder)
            .expect("folder")
            .any(|e| { e.map(|e| e.file_name().to_string_lossy().ends_with(".partial")).unwrap_or(false) })
    );
}

#[tokio::test]
async fn backups_go_to_the_second_folder_and_only_managers_see_them() {
    if is_postgres() {
        return;
    }
    let c = ctx().await;
    let manager = c.manager(false).await;
    let clerk = c.staff(&manager, "clerk", Role::Desk, Department::CustomerService).await;
    let err = backup_list(c.cx(Some(&clerk)), ()).await.expect_err("not a manager");
    assert_eq!(err.code(), ErrorCode::Forbidden);

    let second = c.dir.join("usb");
    let err = backup_settings_save(
        c.cx(Some(&manager)),
        BackupSettings { copy_folder: Some(second.to_string_lossy().into_owned()) },
    )
    .await
    .expect_err("the folder does not exist yet");
    assert_eq!(err.code(), ErrorCode::Validation);
    let err = backup_settings_save(c.cx(Some(&manager)), BackupSettings { copy_folder: Some("relative/x".into()) })
        .await
        .expect_err("relative");
    assert_eq!(err.code(), ErrorCode::Validation);
    std::fs::create_dir_all(&second).expect("usb");
    let overview = backup_settings_save(
        c.cx(Some(&manager)),
        BackupSettings { copy_folder: Some(second.to_string_lossy().into_owned()) },
    )
    .await
    .expect("saved");
    assert_eq!(overview.mode, BackupMode::Desk);
    assert_eq!(overview.copy_folder.as_deref(), Some(second.to_string_lossy().as_ref()));

    let made = backup_now(c.cx(Some(&manager)), ()).await.expect("backed up");
    assert!(made.copied);
    assert_eq!(made.file.kind, BackupKind::Manual);
    assert!(second.join(&made.file.name).is_file());
    files::verify(&second.join(&made.file.name)).await.expect("the copy is whole");
    let overview = backup_list(c.cx(Some(&manager)), ()).await.expect("list");
    assert_eq!(overview.backups.first().map(|b| b.name.clone()), Some(made.file.name.clone()));
    assert!(overview.backups[0].size_bytes > 0);

    // The connection choice saved later keeps the folder (the shell rewrites the file).
    let settings = steward_core::settings_file::SettingsFile::load(&c.dir.join("settings.json")).expect("load");
    assert!(settings.settings.backup_copy_folder.is_some());
}

async fn sample(db: &DatabaseConnection) -> Vec<String> {
    texts(
        db,
        "SELECT name || '|' || COALESCE(phones, '') || '|' || CAST(version AS TEXT) FROM customer ORDER BY id LIMIT 25",
    )
    .await
}

/// The restore drill: back up, change data, restore, and the counts and records are those
/// of the backup; the database as it was before the restore is kept.
#[tokio::test]
async fn restore_drill_puts_back_the_backup_and_keeps_the_current_database() {
    if is_postgres() {
        return;
    }
    let c = ctx().await;
    let manager = c.manager(true).await;
    let path = sqlite_path(&c.core);
    let made = backup_now(c.cx(Some(&manager)), ()).await.expect("backup");
    let tables = ["customer", "unit", "service_case", "work_order", "staff"];
    let mut before = Vec::new();
    for t in tables {
        before.push(count(&c.core.db, t).await);
    }
    let records = sample(&c.core.db).await;
    assert!(before[0] > 500 && records.len() == 25, "the demo property is there");

    // Changes after the backup: a new customer, an edited one, a deleted occupancy's case…
    customer_create(c.cx(Some(&manager)), customer("赵新客")).await.expect("new customer");
    c.core.db.execute_unprepared("UPDATE customer SET name = '改名', version = version + 1 WHERE id IN (SELECT id FROM customer ORDER BY id LIMIT 3)").await.expect("edit");
    assert_ne!(sample(&c.core.db).await, records);
    let changed = count(&c.core.db, "customer").await;
    assert_eq!(changed, before[0] + 1);

    // An unknown name is refused before anything happens.
    let err = backup_restore(c.cx(Some(&manager)), BackupRestore { name: "../steward.db".into() })
        .await
        .expect_err("not a listed backup");
    assert_eq!(err.code(), ErrorCode::Validation);
    assert!(!files::staged_path(&path).exists());

    let restored =
        backup_restore(c.cx(Some(&manager)), BackupRestore { name: made.file.name.clone() }).await.expect("restore");
    assert_eq!(restored.kept.kind, BackupKind::BeforeRestore);
    // Nothing is replaced while the database is open: the shell closes and reopens it.
    assert_eq!(count(&c.core.db, "customer").await, changed);
    let target = c.core.env.target.clone();
    c.core.db.clone().close().await.expect("close");
    let reopened = db::open(&target, c.now).await.expect("reopen");
    assert!(!files::staged_path(&path).exists());
    for (t, n) in tables.iter().zip(&before) {
        assert_eq!(count(&reopened, t).await, *n, "{t}");
    }
    assert_eq!(sample(&reopened).await, records);
    assert_eq!(texts(&reopened, "PRAGMA integrity_check").await, ["ok"]);

    // The kept copy is the database as it was just before, with the restore recorded.
    let kept = files::folder_of(&path).join(&restored.kept.name);
    files::verify(&kept).await.expect("kept copy is whole");
    let kept_db = db::connect(&DatabaseTarget::Sqlite(kept)).await.expect("open kept");
    assert_eq!(count(&kept_db, "customer").await, changed);
    let audit = texts(&kept_db, "SELECT detail FROM audit_log WHERE event = 'backup_restored'").await;
    assert_eq!(audit, std::slice::from_ref(&made.file.name));
    kept_db.close().await.ok();
    reopened.close().await.ok();
}

#[tokio::test]
async fn a_damaged_backup_is_not_restored() {
    if is_postgres() {
        return;
    }
    let c = ctx().await;
    let manager = c.manager(false).await;
    let path = sqlite_path(&c.core);
    let made = backup_now(c.cx(Some(&manager)), ()).await.expect("backup");
    let file = files::folder_of(&path).join(&made.file.name);
    let len = std::fs::metadata(&file).expect("meta").len();
    std::fs::OpenOptions::new().write(true).open(&file).and_then(|f| f.set_len(len / 2)).expect("truncate");
    let err = backup_restore(c.cx(Some(&manager)), BackupRestore { name: made.file.name.clone() })
        .await
        .expect_err("damaged");
    assert_eq!(err.code(), ErrorCode::Validation);
    assert!(!files::staged_path(&path).exists());
    assert_eq!(files::list(&files::folder_of(&path)).len(), 1, "no copy is made for a refused restore");
}
