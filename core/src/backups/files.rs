//! Backup files of an SQLite database: named `steward-<UTC time>-<kind>.db` in a folder
//! beside the data, written with `VACUUM INTO` (one consistent snapshot of the live file)
//! to a hidden partial name, checked with `integrity_check`, and only then given their
//! name; a restore is staged beside the database and put in place at the next open.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};
use serde::{Deserialize, Serialize};
use steward_migrations::Migrator;
use steward_migrations::sea_orm_migration::MigratorTrait;
use ts_rs::TS;

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// The timer: something changed and the last backup is 30 minutes old.
    Automatic,
    /// The app closed with changes since the last backup.
    Exit,
    /// "Back up now", or `steward-server backup`.
    Manual,
    BeforeMigration,
    /// The database as it was before a restore replaced it.
    BeforeRestore,
}

impl BackupKind {
    pub const ALL: [Self; 5] = [Self::Automatic, Self::Exit, Self::Manual, Self::BeforeMigration, Self::BeforeRestore];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Automatic => "automatic",
            Self::Exit => "exit",
            Self::Manual => "manual",
            Self::BeforeMigration => "before-migration",
            Self::BeforeRestore => "before-restore",
        }
    }
}

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupFile {
    /// The file's name in the backup folder (what `backup_restore` takes).
    pub name: String,
    pub at: DateTime<Utc>,
    pub kind: BackupKind,
    #[ts(type = "number")]
    pub size_bytes: u64,
}

/// What is wrong with a file offered for restore.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Damage {
    #[error("the file cannot be opened as a database: {0}")]
    Unreadable(String),
    #[error("the integrity check failed: {0}")]
    Damaged(String),
    #[error("not a Steward database")]
    NotSteward,
    /// Made by a newer Steward: this app does not know its schema.
    #[error("made by a newer version of Steward")]
    Newer,
}

const STAMP: &str = "%Y%m%dT%H%M%SZ";

/// `<folder of the database>/backups`.
pub fn folder_of(database: &Path) -> PathBuf {
    database.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("backups")
}

/// The time and kind a backup's name records, or `None` for any other file.
pub fn parse_name(name: &str) -> Option<(DateTime<Utc>, BackupKind)> {
    let rest = name.strip_prefix("steward-")?.strip_suffix(".db")?;
    let (stamp, rest) = rest.split_once('-')?;
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    // A copy made in the same second as another ends in `-2`, `-3`…
    let kind_text = match rest.rsplit_once('-') {
        Some((k, n)) if n.parse::<u32>().is_ok() => k,
        _ => rest,
    };
    let kind = BackupKind::ALL.into_iter().find(|k| k.as_str() == kind_text)?;
    Some((at, kind))
}

/// The backups in `folder`, newest first (a missing folder has none).
pub fn list(folder: &Path) -> Vec<BackupFile> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    let mut out: Vec<BackupFile> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (at, kind) = parse_name(&name)?;
            let meta = e.metadata().ok().filter(std::fs::Metadata::is_file)?;
            Some(BackupFile { name, at, kind, size_bytes: meta.len() })
        })
        .collect();
    out.sort_by(|a, b| b.at.cmp(&a.at).then(b.name.cmp(&a.name)));
    out
}

/// One backup at a time per process: the timer, "back up now" and exit never race on
/// names or retention.
static WRITING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Writes a verified backup of `db` into `folder`, then applies the retention rule there.
pub async fn write(
    db: &DatabaseConnection,
    folder: &Path,
    kind: BackupKind,
    now: DateTime<Utc>,
) -> Result<BackupFile, String> {
    let _one = WRITING.lock().await;
    std::fs::create_dir_all(folder).map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    let base = format!("steward-{}-{}", now.format(STAMP), kind.as_str());
    let mut name = format!("{base}.db");
    let mut n = 1;
    while folder.join(&name).exists() {
        n += 1;
        name = format!("{base}-{n}.db");
    }
    let partial = folder.join(format!(".{name}.partial"));
    let _ = std::fs::remove_file(&partial);
    let quoted = partial.to_string_lossy().replace('\'', "''");
    if let Err(e) = db.execute_unprepared(&format!("VACUUM INTO '{quoted}'")).await {
        let _ = std::fs::remove_file(&partial);
        return Err(format!("the copy failed: {e}"));
    }
    if let Err(e) = verify(&partial).await {
        let _ = std::fs::remove_file(&partial);
        return Err(format!("the copy failed its check: {e}"));
    }
    let file = folder.join(&name);
    std::fs::rename(&partial, &file).map_err(|e| format!("cannot name the copy: {e}"))?;
    prune(folder, now);
    let size_bytes = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    Ok(BackupFile { name, at: now, kind, size_bytes })
}

/// Copies a written backup into a second folder (a USB disk, a network share) the same
/// careful way, and applies the retention rule there too.
pub fn copy_to(file: &Path, second: &Path, now: DateTime<Utc>) -> Result<(), String> {
    let name = file.file_name().ok_or("no file name")?;
    std::fs::create_dir_all(second).map_err(|e| format!("cannot create {}: {e}", second.display()))?;
    let partial = second.join(format!(".{}.partial", name.to_string_lossy()));
    std::fs::copy(file, &partial).map_err(|e| format!("cannot copy to {}: {e}", second.display()))?;
    std::fs::File::open(&partial).and_then(|f| f.sync_all()).map_err(|e| format!("cannot sync the copy: {e}"))?;
    std::fs::rename(&partial, second.join(name)).map_err(|e| format!("cannot name the copy: {e}"))?;
    prune(second, now);
    Ok(())
}

/// Deletes the backups the retention rule does not keep; says how many.
pub fn prune(folder: &Path, now: DateTime<Utc>) -> usize {
    let files = list(folder);
    let times: Vec<DateTime<Utc>> = files.iter().map(|f| f.at).collect();
    let keep = super::retention::keep(&times, now);
    let mut removed = 0;
    for (i, f) in files.iter().enumerate() {
        if !keep.contains(&i) && std::fs::remove_file(folder.join(&f.name)).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Opens `file` read-only and checks it: `integrity_check`, a Steward database, and no
/// schema step this app does not know (an older one is upgraded when opened).
pub async fn verify(file: &Path) -> Result<(), Damage> {
    if !file.is_file() {
        return Err(Damage::Unreadable("no such file".into()));
    }
    let path = file.to_path_buf();
    let mut opts = ConnectOptions::new("sqlite://backup.db");
    opts.max_connections(1)
        .min_connections(0)
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(move |o| o.filename(&path).read_only(true).create_if_missing(false));
    let db = Database::connect(opts).await.map_err(|e| Damage::Unreadable(e.to_string()))?;
    let result = check(&db).await;
    db.close().await.ok();
    result
}

async fn check(db: &DatabaseConnection) -> Result<(), Damage> {
    let texts = |sql: &str| {
        let sql = sql.to_owned();
        async move {
            let rows = db.query_all_raw(Statement::from_string(DbBackend::Sqlite, sql)).await?;
            rows.iter().map(|r| r.try_get_by_index::<String>(0)).collect::<Result<Vec<_>, _>>()
        }
    };
    let integrity = texts("PRAGMA integrity_check").await.map_err(|e| Damage::Damaged(e.to_string()))?;
    if integrity != ["ok"] {
        return Err(Damage::Damaged(integrity.join("; ")));
    }
    let applied = texts("SELECT version FROM seaql_migrations").await.map_err(|_| Damage::NotSteward)?;
    let tables = texts("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('staff', 'setting')")
        .await
        .map_err(|e| Damage::Damaged(e.to_string()))?;
    if applied.is_empty() || tables.len() < 2 {
        return Err(Damage::NotSteward);
    }
    let known: Vec<String> = Migrator::migrations().iter().map(|m| m.name().to_owned()).collect();
    if applied.iter().any(|v| !known.contains(v)) {
        return Err(Damage::Newer);
    }
    Ok(())
}

/// Where a restore waits for the database to be closed: `<database>.restore`.
pub fn staged_path(database: &Path) -> PathBuf {
    let mut name = database.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".restore");
    database.with_file_name(name)
}

/// Puts a checked file where the next open of `database` takes it (copied, synced, then
/// renamed, so a crash leaves either no staged file or a whole one).
pub fn stage_restore(database: &Path, file: &Path) -> std::io::Result<()> {
    let staged = staged_path(database);
    let mut partial = staged.clone().into_os_string();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    std::fs::copy(file, &partial)?;
    std::fs::File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, staged)
}

/// Before the database is opened: a staged restore replaces the file. The old file's
/// `-wal` and `-shm` go first: applied to the restored file they would damage it (their
/// committed content is in the copy kept before the restore).
pub fn apply_staged(database: &Path) -> std::io::Result<bool> {
    let staged = staged_path(database);
    if !staged.is_file() {
        return Ok(false);
    }
    for suffix in ["-wal", "-shm"] {
        let mut side = database.as_os_str().to_os_string();
        side.push(suffix);
        match std::fs::remove_file(PathBuf::from(side)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    std::fs::rename(&staged, database)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        let (at, kind) = parse_name("steward-20261128T131500Z-before-restore.db").expect("parsed");
        assert_eq!(at.to_rfc3339(), "2026-11-28T13:15:00+00:00");
        assert_eq!(kind, BackupKind::BeforeRestore);
        assert_eq!(parse_name("steward-20261128T131500Z-automatic-2.db").map(|p| p.1), Some(BackupKind::Automatic));
        assert!(parse_name("steward-20261128T131500Z-automatic.db.partial").is_none());
        assert!(parse_name("notes.txt").is_none());
        assert!(parse_name("steward-2026-automatic.db").is_none());
    }
}
