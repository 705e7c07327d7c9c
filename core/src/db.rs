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
    crate::directory::names::refresh_sort_keys(&db).await?;
    Ok(db)
}

pub async fn connect(target: &DatabaseTarget) -> Result<DatabaseConnection, DbErr> {
    match target {
        DatabaseTarget::Sqlite(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| DbErr::Custom(format!("cannot create data folder: {e}")))?;
            }
            // A restore staged while the file was open takes its place before anyone reads it.
            if crate::backups::files::apply_staged(path)
                .map_err(|e| DbErr::Custom(format!("the staged restore could not be applied: {e}")))?
            {
                tracing::info!("staged restore applied");
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

/// A consistent, verified copy of a live SQLite database in the backup folder beside it
/// (`backups/steward-<time>-before-migration.db`), under the same retention as the others.
pub async fn backup(db: &DatabaseConnection, path: &Path, now: DateTime<Utc>) -> Result<PathBuf, DbErr> {
    use crate::backups::files;
    let folder = files::folder_of(path);
    let made = files::write(db, &folder, files::BackupKind::BeforeMigration, now).await.map_err(DbErr::Custom)?;
    Ok(folder.join(made.name))
}

tokio::task_local! {
    /// Set when the running command opened a write transaction (see `noting_writes`).
    static WROTE: std::cell::Cell<bool>;
}

/// Runs a command's operation and says whether it opened a write transaction. Every
/// business write goes through `begin_write`, and an operation that returns `Ok` has
/// committed what it began (an error drops the transaction, which rolls it back), so a
/// successful command that began one changed the data other desks show.
pub(crate) async fn noting_writes<F: std::future::Future>(op: F) -> (F::Output, bool) {
    WROTE
        .scope(std::cell::Cell::new(false), async move {
            let out = op.await;
            (out, WROTE.with(std::cell::Cell::get))
        })
        .await
}

/// Every write goes through one of these: `BEGIN IMMEDIATE` on SQLite takes the write
/// lock up front, so a read-then-write transaction cannot fail half-way with SQLITE_BUSY.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let txn = if db.get_database_backend() == DbBackend::Sqlite {
        db.begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?
    } else {
        db.begin().await?
    };
    // Outside a command (start-up, the sweep) there is nobody to tell.
    let _ = WROTE.try_with(|w| w.set(true));
    Ok(txn)
}

/// A larger SQLite page cache for one big write transaction. Every page it changes stays
/// dirty until the commit; when they outgrow the cache (2 MB by default) SQLite spills them
/// to the WAL, and the pages of an index filled in random order (the search rows' customer
/// index) are then written and read back again and again. Nothing on PostgreSQL.
pub struct BulkCache {
    previous: Option<i64>,
}

impl BulkCache {
    /// Up to this many KiB of cache while the transaction runs (it grows only as used).
    const KIB: i64 = 256 * 1024;

    pub async fn enlarge(txn: &DatabaseTransaction) -> Result<Self, DbErr> {
        if txn.get_database_backend() != DbBackend::Sqlite {
            return Ok(Self { previous: None });
        }
        let row = txn.query_one_raw(sea_orm::Statement::from_string(DbBackend::Sqlite, "PRAGMA cache_size")).await?;
        let previous = row.map(|r| r.try_get_by_index::<i64>(0)).transpose()?.unwrap_or(-2000);
        txn.execute_unprepared(&format!("PRAGMA cache_size = -{}", Self::KIB)).await?;
        Ok(Self { previous: Some(previous) })
    }

    /// Back to the connection's own size (the pages still dirty are written at the commit).
    pub async fn restore(self, txn: &DatabaseTransaction) -> Result<(), DbErr> {
        if let Some(previous) = self.previous {
            txn.execute_unprepared(&format!("PRAGMA cache_size = {previous}")).await?;
        }
        Ok(())
    }
}

/// `n` fresh ids of `table` (a name from code, not input), for rows a bulk write sets
/// its own ids on so that other rows can point at them before any is written. In the
/// caller's write transaction: on SQLite it holds the write lock, so the ids after the
/// table's high-water mark are free; on PostgreSQL they come from the column's sequence.
pub async fn reserve_ids(db: &impl ConnectionTrait, table: &'static str, n: usize) -> Result<Vec<i32>, DbErr> {
    if n == 0 {
        return Ok(Vec::new());
    }
    let count = i32::try_from(n).map_err(|_| DbErr::Custom("too many ids".into()))?;
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let rows = db
                .query_all_raw(sea_orm::Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    "SELECT nextval(pg_get_serial_sequence($1, 'id'))::int4 FROM generate_series(1, $2)",
                    [table.into(), count.into()],
                ))
                .await?;
            let mut ids = rows.iter().map(|r| r.try_get_by_index::<i32>(0)).collect::<Result<Vec<_>, _>>()?;
            ids.sort_unstable();
            Ok(ids)
        }
        _ => {
            let sql = format!(
                "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0), \
                 coalesce((SELECT max(id) FROM \"{table}\"), 0))"
            );
            let row = db.query_one_raw(sea_orm::Statement::from_string(DbBackend::Sqlite, sql)).await?;
            let high = row.map(|r| r.try_get_by_index::<i64>(0)).transpose()?.unwrap_or(0);
            let first = i32::try_from(high + 1).map_err(|_| DbErr::Custom("ids exhausted".into()))?;
            Ok((first..first + count).collect())
        }
    }
}

/// Inserts `rows` (all with the same columns set) in as few statements as the databases
/// allow: on SQLite multi-row VALUES (32,766 parameters a statement), on PostgreSQL one
/// array parameter per column for 5,000 rows that the server unnests — binding and planning
/// tens of thousands of parameters is what makes large VALUES slow there, and typed arrays
/// cost the server a third of what JSON records (the way before) cost it to read.
pub async fn insert_all<A>(db: &impl ConnectionTrait, rows: Vec<A>) -> Result<(), DbErr>
where
    A: sea_orm::ActiveModelTrait + Send,
{
    insert_all_with(db, rows, None).await
}

/// A column a bulk insert on PostgreSQL fills from an expression over each row's extra
/// text value `u._extra` (e.g. a search vector), one value per row.
pub struct ExtraColumn {
    pub column: &'static str,
    pub expr: &'static str,
    pub values: Vec<String>,
}

/// `insert_all`, with an extra column on PostgreSQL (ignored on SQLite).
pub async fn insert_all_with<A>(
    db: &impl ConnectionTrait,
    rows: Vec<A>,
    extra: Option<ExtraColumn>,
) -> Result<(), DbErr>
where
    A: sea_orm::ActiveModelTrait + Send,
{
    for statement in insert_statements(db.get_database_backend(), rows, extra)? {
        db.execute_raw(statement).await?;
    }
    Ok(())
}

/// The statements of `insert_all_with`, built without the database: a caller may build
/// the next ones on another thread while the database runs these.
pub fn insert_statements<A>(
    backend: DbBackend,
    rows: Vec<A>,
    extra: Option<ExtraColumn>,
) -> Result<Vec<sea_orm::Statement>, DbErr>
where
    A: sea_orm::ActiveModelTrait + Send,
{
    use sea_orm::{EntityTrait, Iterable, QueryTrait};
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    if backend == DbBackend::Postgres {
        return array_statements(rows, extra);
    }
    let columns = <<A::Entity as EntityTrait>::Column as Iterable>::iter().count().max(1);
    let per = (30_000 / columns).max(1);
    let mut rows = rows.into_iter().peekable();
    let mut out = Vec::new();
    while rows.peek().is_some() {
        let batch: Vec<A> = rows.by_ref().take(per).collect();
        out.push(<A::Entity as EntityTrait>::insert_many(batch).build(backend));
    }
    Ok(out)
}

/// Rows per array statement on PostgreSQL: fewer, larger statements cost the server less
/// per row; the arrays stay a few megabytes.
const ARRAY_ROWS: usize = 20_000;

fn array_statements<A>(rows: Vec<A>, extra: Option<ExtraColumn>) -> Result<Vec<sea_orm::Statement>, DbErr>
where
    A: sea_orm::ActiveModelTrait + Send,
{
    use sea_orm::{EntityName, EntityTrait, IdenStatic, Iterable};
    let table = <A::Entity as Default>::default().table_name().to_owned();
    let columns: Vec<<A::Entity as EntityTrait>::Column> = <<A::Entity as EntityTrait>::Column as Iterable>::iter()
        .filter(|c| rows.first().is_some_and(|r| r.get(*c).is_set() || r.get(*c).is_unchanged()))
        .collect();
    let mut names: Vec<String> = columns.iter().map(|c| format!("\"{}\"", c.as_str())).collect();
    let mut picked: Vec<String> = columns.iter().map(|c| format!("u.\"{}\"", c.as_str())).collect();
    let mut aliases = names.clone();
    let (extra_expr, mut extra_values) = match extra {
        Some(x) => {
            names.push(format!("\"{}\"", x.column));
            picked.push(x.expr.to_owned());
            aliases.push("_extra".to_owned());
            (true, Some(x.values.into_iter()))
        }
        None => (false, None),
    };
    let mut rows = rows.into_iter().peekable();
    let mut out = Vec::new();
    while rows.peek().is_some() {
        let batch: Vec<A> = rows.by_ref().take(ARRAY_ROWS).collect();
        let mut arrays: Vec<String> = vec![String::from("{"); aliases.len()];
        let mut types: Vec<&'static str> = vec![""; aliases.len()];
        for (i, row) in batch.iter().enumerate() {
            for (k, c) in columns.iter().enumerate() {
                let value = row.get(*c).into_value().unwrap_or(sea_orm::Value::Bool(None));
                if i > 0 {
                    arrays[k].push(',');
                }
                let ty = array_element(value, &mut arrays[k])?;
                if types[k].is_empty() {
                    types[k] = ty;
                } else if types[k] != ty {
                    return Err(DbErr::Custom(format!("bulk insert: {} holds mixed types", c.as_str())));
                }
            }
            if extra_expr {
                let k = aliases.len() - 1;
                if i > 0 {
                    arrays[k].push(',');
                }
                let value = extra_values.as_mut().and_then(Iterator::next);
                types[k] = array_element(sea_orm::Value::String(value), &mut arrays[k])?;
            }
        }
        let params: Vec<String> = types.iter().enumerate().map(|(k, ty)| format!("${}::{ty}[]", k + 1)).collect();
        let sql = format!(
            "INSERT INTO \"{table}\" ({}) SELECT {} FROM unnest({}) AS u({})",
            names.join(", "),
            picked.join(", "),
            params.join(", "),
            aliases.join(", ")
        );
        let values: Vec<sea_orm::Value> = arrays
            .into_iter()
            .map(|mut a| {
                a.push('}');
                a.into()
            })
            .collect();
        out.push(sea_orm::Statement::from_sql_and_values(DbBackend::Postgres, sql, values));
    }
    Ok(out)
}

/// Appends a value to an array literal (`{1,NULL,"text"}`) and says the element type
/// PostgreSQL reads it as; the insert casts that to the column's type.
fn array_element(v: sea_orm::Value, out: &mut String) -> Result<&'static str, DbErr> {
    use sea_orm::Value as V;
    use std::fmt::Write;
    fn quoted(s: &str, out: &mut String) {
        out.push('"');
        for ch in s.chars() {
            if ch == '"' || ch == '\\' {
                out.push('\\');
            }
            out.push(ch);
        }
        out.push('"');
    }
    fn put<T>(value: Option<T>, out: &mut String, write: impl FnOnce(T, &mut String)) {
        match value {
            Some(v) => write(v, out),
            None => out.push_str("NULL"),
        }
    }
    let number = |n: i64, out: &mut String| {
        let _ = write!(out, "{n}");
    };
    Ok(match v {
        V::Bool(b) => {
            put(b, out, |b, out| out.push(if b { 't' } else { 'f' }));
            "bool"
        }
        V::SmallInt(n) => {
            put(n, out, |n, out| number(n.into(), out));
            "int2"
        }
        V::Int(n) => {
            put(n, out, |n, out| number(n.into(), out));
            "int4"
        }
        V::BigInt(n) => {
            put(n, out, number);
            "int8"
        }
        V::String(s) => {
            put(s, out, |s, out| quoted(&s, out));
            "text"
        }
        V::Json(j) => {
            put(j, out, |j, out| quoted(&j.to_string(), out));
            "json"
        }
        V::ChronoDate(d) => {
            put(d, out, |d, out| quoted(&d.to_string(), out));
            "date"
        }
        V::ChronoDateTimeUtc(t) => {
            put(t, out, |t, out| quoted(&t.to_rfc3339(), out));
            "timestamptz"
        }
        V::ChronoDateTimeWithTimeZone(t) => {
            put(t, out, |t, out| quoted(&t.to_rfc3339(), out));
            "timestamptz"
        }
        V::ChronoDateTime(t) => {
            put(t, out, |t, out| quoted(&t.format("%Y-%m-%d %H:%M:%S%.f").to_string(), out));
            "timestamp"
        }
        other => return Err(DbErr::Custom(format!("bulk insert: unsupported value {other:?}"))),
    })
}
