//! Backups of this computer's SQLite database and their restore; on an office server, the
//! time of its last backup (`steward-server backup`, PostgreSQL's `pg_dump`). The timer
//! that calls `automatic` and the exit hook live in the shell; time is always passed in.

pub mod files;
pub mod retention;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use files::{BackupFile, BackupKind, Damage};

use crate::app::{Cx, Steward};
use crate::db::{self, DatabaseTarget};
use crate::domain::AuditEvent;
use crate::entities::setting;
use crate::error::{Error, Result};
use crate::record::audit;
use crate::settings_file::SettingsFile;

/// The timer backs up at most this often, and only after a change.
pub const EVERY_MINUTES: i64 = 30;
const LAST_SERVER_BACKUP: &str = "backups.last_server_backup";

/// What the core remembers between backups.
#[derive(Default)]
pub(crate) struct BackupState {
    /// The change count the newest backup includes.
    backed_up: AtomicU64,
    /// This core serves desks (the office server): it cannot close and reopen itself.
    serving: AtomicBool,
}

impl Steward {
    /// Marks the core as the office server's: restore is then the command line's job.
    pub fn serving_desks(&self) {
        self.changes.backup.serving.store(true, Ordering::Relaxed);
    }
}

/// Whether the timer's next backup is due: a change since the last one, and that one at
/// least 30 minutes old (or dated after `now`: the clock was set back).
pub fn due(changed: bool, last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    changed && last.is_none_or(|t| t > now || now - t >= Duration::minutes(EVERY_MINUTES))
}

fn sqlite_path(core_target: &DatabaseTarget) -> Option<PathBuf> {
    match core_target {
        DatabaseTarget::Sqlite(p) => Some(p.clone()),
        DatabaseTarget::Postgres(_) => None,
    }
}

fn copy_folder(settings_file: &std::path::Path) -> Option<PathBuf> {
    SettingsFile::load(settings_file).ok()?.settings.backup_copy_folder.map(PathBuf::from)
}

/// Writes a backup of `kind` (SQLite only) into the backup folder and the second folder.
/// `copied` is false when a second folder is set and the copy there failed.
async fn make(core: &Steward, kind: BackupKind, now: DateTime<Utc>) -> std::result::Result<BackupMade, String> {
    let path = sqlite_path(&core.env.target).ok_or("not an SQLite database")?;
    let seen = core.changes_count();
    let folder = files::folder_of(&path);
    let file = files::write(&core.db, &folder, kind, now).await?;
    core.changes.backup.backed_up.store(seen, Ordering::Relaxed);
    let copied = match copy_folder(&core.env.settings_file) {
        Some(second) => match files::copy_to(&folder.join(&file.name), &second, now) {
            Ok(()) => true,
            Err(e) => {
                tracing::warn!(error = %e, "backup not copied to the second folder");
                false
            }
        },
        None => true,
    };
    tracing::info!(name = %file.name, bytes = file.size_bytes, "backup written and verified");
    Ok(BackupMade { file, copied })
}

/// The timer's backup: made when something changed and the newest backup is 30 minutes old.
pub async fn automatic(core: &Steward, now: DateTime<Utc>) -> std::result::Result<Option<BackupMade>, String> {
    let Some(path) = sqlite_path(&core.env.target) else { return Ok(None) };
    let changed = core.changes_count() != core.changes.backup.backed_up.load(Ordering::Relaxed);
    let last = files::list(&files::folder_of(&path)).first().map(|f| f.at);
    if !due(changed, last, now) {
        return Ok(None);
    }
    make(core, BackupKind::Automatic, now).await.map(Some)
}

/// The backup when the app closes: made when anything changed since the last one.
pub async fn on_exit(core: &Steward, now: DateTime<Utc>) -> std::result::Result<Option<BackupMade>, String> {
    if sqlite_path(&core.env.target).is_none()
        || core.changes_count() == core.changes.backup.backed_up.load(Ordering::Relaxed)
    {
        return Ok(None);
    }
    make(core, BackupKind::Exit, now).await.map(Some)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupMode {
    /// This computer's SQLite file: its backups are listed and can be restored here.
    Desk,
    /// The office server's database: backed up on the server (`steward-server backup`).
    Server,
}

/// When the office server was last backed up (recorded by `steward-server backup`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ServerBackup {
    pub at: DateTime<Utc>,
    /// The file's name only (the server's folders are not shown to desks).
    pub file: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupOverview {
    pub mode: BackupMode,
    /// Where the backups are written (desk mode).
    pub folder: Option<String>,
    /// The second folder that receives a copy of each backup.
    pub copy_folder: Option<String>,
    /// Newest first.
    pub backups: Vec<BackupFile>,
    pub last_server_backup: Option<ServerBackup>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupMade {
    pub file: BackupFile,
    /// False when a second folder is set and the copy there failed.
    pub copied: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct BackupRestore {
    /// A name from the list.
    pub name: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupRestored {
    /// The copy of the database as it was before the restore.
    pub kept: BackupFile,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct BackupSettings {
    /// An absolute path to an existing folder, or none.
    pub copy_folder: Option<String>,
}

/// Records the office server's newest backup (the `backup` subcommand, after `pg_dump`).
pub async fn record_server_backup(db: &impl ConnectionTrait, backup: &ServerBackup) -> Result<()> {
    let value = serde_json::to_string(backup).map_err(|e| Error::Internal(e.to_string()))?;
    let row = setting::ActiveModel { key: Set(LAST_SERVER_BACKUP.to_owned()), value: Set(value) };
    setting::Entity::insert(row)
        .on_conflict(OnConflict::column(setting::Column::Key).update_column(setting::Column::Value).to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

async fn last_server_backup(db: &impl ConnectionTrait) -> Result<Option<ServerBackup>> {
    let row = setting::Entity::find_by_id(LAST_SERVER_BACKUP).one(db).await?;
    Ok(row.and_then(|r| serde_json::from_str(&r.value).ok()))
}

fn desk_path(cx: &Cx) -> Option<PathBuf> {
    let serving = cx.changes.backup.serving.load(Ordering::Relaxed);
    sqlite_path(&cx.env.target).filter(|_| !serving)
}

pub async fn list(cx: Cx, _: ()) -> Result<BackupOverview> {
    let copy = copy_folder(&cx.env.settings_file).map(|p| p.to_string_lossy().into_owned());
    Ok(match desk_path(&cx) {
        Some(path) => {
            let folder = files::folder_of(&path);
            BackupOverview {
                mode: BackupMode::Desk,
                folder: Some(folder.to_string_lossy().into_owned()),
                copy_folder: copy,
                backups: files::list(&folder),
                last_server_backup: None,
            }
        }
        None => BackupOverview {
            mode: BackupMode::Server,
            folder: None,
            copy_folder: None,
            backups: Vec::new(),
            last_server_backup: last_server_backup(&cx.db).await?,
        },
    })
}

fn core_of(cx: &Cx) -> Steward {
    Steward {
        db: cx.db.clone(),
        env: cx.env.clone(),
        accounts: cx.accounts.clone(),
        changes: cx.changes.clone(),
        imports: cx.imports.clone(),
    }
}

pub async fn back_up(cx: Cx, _: ()) -> Result<BackupMade> {
    if desk_path(&cx).is_none() {
        return Err(Error::Forbidden(Some("validation.backups_server_mode")));
    }
    make(&core_of(&cx), BackupKind::Manual, cx.now).await.map_err(Error::Internal)
}

/// Checks the chosen backup, keeps a copy of the current database, and stages the backup
/// to replace it; whoever holds the core (the shell) then closes and reopens it.
pub async fn restore(cx: Cx, input: BackupRestore) -> Result<BackupRestored> {
    let actor = cx.actor()?;
    let Some(path) = desk_path(&cx) else { return Err(Error::Forbidden(Some("validation.backups_server_mode"))) };
    let folder = files::folder_of(&path);
    let Some(chosen) = files::list(&folder).into_iter().find(|f| f.name == input.name) else {
        return Err(Error::field("name", "validation.backup_not_found"));
    };
    if let Err(damage) = files::verify(&folder.join(&chosen.name)).await {
        tracing::warn!(name = %chosen.name, error = %damage, "restore refused");
        let key = match damage {
            Damage::Newer => "validation.backup_newer",
            Damage::NotSteward => "validation.backup_not_steward",
            Damage::Unreadable(_) | Damage::Damaged(_) => "validation.backup_damaged",
        };
        return Err(Error::field("name", key));
    }
    // Recorded first, so the kept copy says who restored what.
    let txn = db::begin_write(&cx.db).await?;
    audit::by(&txn, cx.now, actor, AuditEvent::BackupRestored, &chosen.name).await?;
    txn.commit().await?;
    let kept = make(&core_of(&cx), BackupKind::BeforeRestore, cx.now).await.map_err(Error::Internal)?.file;
    files::stage_restore(&path, &folder.join(&chosen.name)).map_err(|e| Error::Internal(format!("restore: {e}")))?;
    tracing::info!(name = %chosen.name, kept = %kept.name, "restore staged");
    Ok(BackupRestored { kept })
}

pub async fn settings_save(cx: Cx, input: BackupSettings) -> Result<BackupOverview> {
    let folder = input.copy_folder.map(|f| f.trim().to_owned()).filter(|f| !f.is_empty());
    if let Some(f) = &folder {
        let path = std::path::Path::new(f);
        if !path.is_absolute() || f.chars().any(char::is_control) {
            return Err(Error::field("copy_folder", "validation.folder_invalid"));
        }
        if !path.is_dir() {
            return Err(Error::field("copy_folder", "validation.folder_missing"));
        }
    }
    if desk_path(&cx).is_none() {
        return Err(Error::Forbidden(Some("validation.backups_server_mode")));
    }
    let file = &cx.env.settings_file;
    let mut settings = SettingsFile::load(file).map_err(|e| Error::Internal(e.to_string()))?.settings;
    settings.backup_copy_folder = folder;
    settings.save(file).map_err(|e| Error::Internal(format!("settings not saved: {}", e.kind())))?;
    list(cx, ()).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn due_after_a_change_and_thirty_minutes() {
        let now = Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).single().expect("time");
        assert!(due(true, None, now));
        assert!(!due(false, None, now));
        assert!(!due(true, Some(now - Duration::minutes(29)), now));
        assert!(due(true, Some(now - Duration::minutes(30)), now));
        assert!(due(true, Some(now + Duration::days(3)), now));
    }
}
