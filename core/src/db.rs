//! Connection set-up, PRAGMAs and migrations in one place.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use steward_migrations::Migrator;
use steward_migrations::sea_orm_migration::MigratorTrait;

use crate::domain::DatabaseKind;

/// Where the office's data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseTarget {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseTarget {
    /// `postgres://…` selects PostgreSQL; `sqlite://path` or a bare path selects SQLite.
    pub fn parse(value: &str) -> Option<Self> {
        let v = value.trim();
        if v.starts_with("postgres://") || v.starts_with("postgresql://") {
            Some(Self::Postgres(v.to_owned()))
        } else if let Some(path) = v.strip_prefix("sqlite://") {
            (!path.is_empty()).then(|| Self::Sqlite(PathBuf::from(path)))
        } else {
            None
        }
    }

    pub fn kind(&self) -> DatabaseKind {
        match self {
            Self::Sqlite(_) => DatabaseKind::Sqlite,
            Self::Postgres(_) => DatabaseKind::Postgres,
        }
    }
}

/// Opens the database and brings its schema up to date.
pub async fn open(target: &DatabaseTarget, now: DateTime<Utc>) -> Result<DatabaseConnection, DbErr> {
    let db = connect(target).await?;
    migrate(&db, target, now).await?;
    Ok(db)
}

pub async fn connect(target: &DatabaseTarget) -> Result<DatabaseConnection, DbErr> {
    match target {
        DatabaseTarget::Sqlite(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| DbErr::Custom(format!("cannot create data folder: {e}")))?;
            }
            let file = path.clone();
            let mut opts = ConnectOptions::new("sqlite://steward.db");
            opts.max_connections(4).min_connections(1).sqlx_logging(false).map_sqlx_sqlite_opts(move |o| {
                o.filename(&file)
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10))
            });
            Database::connect(opts).await
        }
        DatabaseTarget::Postgres(url) => {
            let mut opts = ConnectOptions::new(url.clone());
            opts.max_connections(8).connect_timeout(Duration::from_secs(8)).sqlx_logging(false);
            Database::connect(opts).await
        }
    }
}

/// Applies pending migrations, each in its own transaction. An SQLite file that already
/// holds data is first copied (consistently, with `VACUUM INTO`) next to itself.
pub async fn migrate(db: &DatabaseConnection, target: &DatabaseTarget, now: DateTime<Utc>) -> Result<(), DbErr> {
    let pending = Migrator::get_pending_migrations(db).await?;
    if pending.is_empty() {
        return Ok(());
    }
    if let DatabaseTarget::Sqlite(path) = target {
        let applied = Migrator::get_applied_migrations(db).await?;
        if !applied.is_empty() {
            let copy = backup(db, path, now).await?;
            tracing::info!(backup = %copy.display(), pending = pending.len(), "database backed up before migration");
        }
    }
    Migrator::up(db, None).await?;
    tracing::info!(applied = pending.len(), "migrations applied");
    Ok(())
}

/// A consistent copy of a live SQLite database beside it (`VACUUM INTO` reads one snapshot).
pub async fn backup(db: &DatabaseConnection, path: &Path, now: DateTime<Utc>) -> Result<PathBuf, DbErr> {
    // A copy made in the same second (a restart that migrates again) is kept, not overwritten.
    let first = backup_path(path, now);
    let mut copy = first.clone();
    let mut n = 1;
    while copy.exists() {
        n += 1;
        copy =
            first.with_file_name(format!("{}.{n}", first.file_name().map(|f| f.to_string_lossy()).unwrap_or_default()));
    }
    let quoted = copy.to_string_lossy().replace('\'', "''");
    db.execute_unprepared(&format!("VACUUM INTO '{quoted}'")).await?;
    Ok(copy)
}

pub fn backup_path(path: &Path, now: DateTime<Utc>) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "steward.db".into());
    path.with_file_name(format!("{name}.{}.before-migration.bak", now.format("%Y%m%dT%H%M%SZ")))
}

/// Every write goes through one of these: `BEGIN IMMEDIATE` on SQLite takes the write
/// lock up front, so a read-then-write transaction cannot fail half-way with SQLITE_BUSY.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    if db.get_database_backend() == DbBackend::Sqlite {
        db.begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await
    } else {
        db.begin().await
    }
}
