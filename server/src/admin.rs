//! The one-off subcommands: `init`, `backup`, `restore`, `create-manager`, `import`, `export`.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use chrono::Utc;
use serde_json::{Value, json};
use steward_core::backups::files::{self, BackupKind};
use steward_core::backups::{self, ServerBackup};
use steward_core::db::DatabaseTarget;
use steward_core::sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use steward_core::{Session, Steward};

use crate::http::dispatch;

/// Append-only tables: the server's role may read and add rows, never change or remove
/// them (the audit log of security events and the change history of business records).
pub const APPEND_ONLY: [&str; 2] = ["audit_log", "change_log"];
/// Written by `init` (the owner) only.
pub const OWNER_ONLY: [&str; 1] = ["seaql_migrations"];
pub const ROLE: &str = "steward_server";

async fn names(db: &DatabaseConnection, sql: &str) -> Result<Vec<String>, String> {
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .map_err(|e| format!("cannot list the database objects: {e}"))?;
    Ok(rows.iter().filter_map(|r| r.try_get_by_index::<String>(0).ok()).collect())
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The least-privilege setup of the server's PostgreSQL role, for the database `core`
/// is open on (run by its owner after `init`; again after an upgrade that added tables).
pub async fn role_sql(core: &Steward, role: &str) -> Result<String, String> {
    let db = &core.db;
    let database = names(db, "SELECT current_database()::text").await?.pop().unwrap_or_default();
    let tables = names(
        db,
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
    )
    .await?;
    let sequences = names(
        db,
        // pg_class, not information_schema: the identity columns' sequences are listed only
        // here, and bulk writes draw ids from them (`db::reserve_ids`).
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE c.relkind = 'S' AND n.nspname = current_schema() ORDER BY 1",
    )
    .await?;
    let business: Vec<String> = tables
        .iter()
        .filter(|t| !APPEND_ONLY.contains(&t.as_str()) && !OWNER_ONLY.contains(&t.as_str()))
        .map(|t| quoted(t))
        .collect();
    let list = |names: &[&str]| names.iter().map(|n| quoted(n)).collect::<Vec<_>>().join(", ");
    let mut sql = format!(
        "-- The office server's own PostgreSQL role: it may change business records but only add\n\
         -- to the audit log and change history. Run as the database's owner, then start the\n\
         -- server with STEWARD_DATABASE_URL=postgres://{role}:<password>@<host>/{database}\n\
         CREATE ROLE {role} LOGIN PASSWORD 'choose-a-long-password';  -- first time only\n\
         GRANT CONNECT ON DATABASE {db} TO {role};\n\
         REVOKE CREATE ON SCHEMA public FROM PUBLIC;  -- PostgreSQL 15's default, for older servers\n\
         GRANT USAGE ON SCHEMA public TO {role};\n\
         REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role};\n",
        db = quoted(&database),
    );
    if !business.is_empty() {
        sql.push_str(&format!("GRANT SELECT, INSERT, UPDATE, DELETE ON {} TO {role};\n", business.join(", ")));
    }
    let append: Vec<&str> = APPEND_ONLY.iter().copied().filter(|t| tables.iter().any(|x| x == t)).collect();
    if !append.is_empty() {
        sql.push_str(&format!("GRANT SELECT, INSERT ON {} TO {role};\n", list(&append)));
    }
    sql.push_str(&format!("GRANT SELECT ON {} TO {role};\n", list(&OWNER_ONLY)));
    if !sequences.is_empty() {
        let seqs: Vec<String> = sequences.iter().map(|s| quoted(s)).collect();
        sql.push_str(&format!("GRANT USAGE ON SEQUENCE {} TO {role};\n", seqs.join(", ")));
    }
    Ok(sql)
}

/// `init`: the database opened (and upgraded) as its owner; what to do next.
pub async fn init(core: &Steward) -> Result<String, String> {
    match &core.env.target {
        DatabaseTarget::Postgres(_) => role_sql(core, ROLE).await,
        DatabaseTarget::Sqlite(path) => Ok(format!(
            "-- The SQLite file {} is ready; it needs no role (keep the folder readable by the server's user only).\n",
            path.display()
        )),
    }
}

fn stamp() -> String {
    Utc::now().format("%Y%m%dT%H%M%SZ").to_string()
}

/// `backup`: SQLite with the core's verified backup (`VACUUM INTO`, `integrity_check`,
/// retention in the folder); PostgreSQL with `pg_dump` (custom format). The time is then
/// recorded in the database, where Settings shows it to the manager.
pub async fn backup(core: &Steward, out: &Path) -> Result<PathBuf, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let now = Utc::now();
    let file = match &core.env.target {
        DatabaseTarget::Sqlite(_) => {
            let made = files::write(&core.db, out, BackupKind::Manual, now).await?;
            out.join(made.name)
        }
        DatabaseTarget::Postgres(url) => {
            let file = out.join(format!("steward-{}.dump", stamp()));
            pg_tool("pg_dump", &[&format!("--file={}", file.display()), "--format=custom", "--dbname", url]).await?;
            file
        }
    };
    let record = ServerBackup {
        at: now,
        file: file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        size_bytes: std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0),
    };
    if let Err(e) = backups::record_server_backup(&core.db, &record).await {
        // The backup is good; only the time shown to the manager is missing.
        eprintln!("the backup time could not be recorded: {e}");
    }
    Ok(file)
}

async fn pg_tool(tool: &str, args: &[&str]) -> Result<(), String> {
    match tokio::process::Command::new(tool).args(args).status().await {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("{tool} failed ({s})")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(format!(
            "{tool} was not found: install the PostgreSQL client tools (the same major version as the server) \
             and put them on the PATH"
        )),
        Err(e) => Err(format!("{tool} could not be run: {e}")),
    }
}

/// `restore --from FILE` (with the server stopped). SQLite: the file is checked (integrity,
/// a Steward database this version can open), the current database is kept as a
/// `before-restore` backup in `out`, then the file replaces it and is upgraded if older.
/// PostgreSQL: the current database is dumped to `out` first, then `pg_restore --clean`.
pub async fn restore(core: Steward, from: &Path, out: &Path) -> Result<PathBuf, String> {
    let now = Utc::now();
    match core.env.target.clone() {
        DatabaseTarget::Sqlite(path) => {
            files::verify(from).await.map_err(|e| format!("{} was not restored: {e}", from.display()))?;
            let kept = files::write(&core.db, out, BackupKind::BeforeRestore, now).await?;
            core.db.close().await.map_err(|e| format!("the database could not be closed: {e}"))?;
            files::stage_restore(&path, from).map_err(|e| format!("the file could not be copied: {e}"))?;
            let target = DatabaseTarget::Sqlite(path);
            let db = steward_core::db::open(&target, now).await.map_err(|e| format!("the restored database: {e}"))?;
            db.close().await.ok();
            Ok(out.join(kept.name))
        }
        DatabaseTarget::Postgres(url) => {
            std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
            let kept = out.join(format!("steward-{}-before-restore.dump", stamp()));
            pg_tool("pg_dump", &[&format!("--file={}", kept.display()), "--format=custom", "--dbname", &url]).await?;
            core.db.close().await.ok();
            let from = from.to_string_lossy();
            pg_tool(
                "pg_restore",
                &["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname", &url, &from],
            )
            .await?;
            Ok(kept)
        }
    }
}

/// The password for `create-manager`: `STEWARD_MANAGER_PASSWORD`, else the first line of stdin.
pub fn manager_password() -> Result<String, String> {
    if let Ok(p) = std::env::var("STEWARD_MANAGER_PASSWORD")
        && !p.is_empty()
    {
        return Ok(p);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| format!("cannot read the password: {e}"))?;
    let line = line.trim_end_matches(['\r', '\n']).to_owned();
    if line.is_empty() {
        return Err("no password: set STEWARD_MANAGER_PASSWORD or type it on standard input".into());
    }
    Ok(line)
}

/// `create-manager`: the core's own first-manager set-up (refused once a manager exists
/// or the username is taken; audited), then its session is closed again.
pub async fn create_manager(
    core: &Steward,
    username: &str,
    name: &str,
    password: String,
    locale: &str,
) -> Result<(), String> {
    let session = Session::of(None, locale);
    let input = json!({ "username": username, "display_name": name, "password": password, "locale": locale, "load_demo": false });
    let created = dispatch(core, "setup_first_manager", session.clone(), input, Utc::now()).await.map_err(|e| {
        let fields = e.fields.map(|f| f.into_iter().map(|(k, v)| format!(" {k}: {v}")).collect::<String>());
        format!("{}{}", e.message, fields.unwrap_or_default())
    })?;
    if let Some(token) = created.get("token").and_then(Value::as_str) {
        let session = Session { token: Some(token.to_owned()), ..session };
        let _ = dispatch(core, "logout", session, Value::Null, Utc::now()).await;
    }
    Ok(())
}

/// `import`: signs in as the manager, previews the file (each bad row printed), then,
/// unless a dry run, commits the good rows in one transaction; the session is closed again.
/// Returns the report to print.
pub async fn import(
    core: &Steward,
    job: &crate::cli::ImportJob,
    password: String,
    locale: &str,
) -> Result<String, String> {
    use base64::Engine;
    let bytes = std::fs::read(&job.file).map_err(|e| format!("cannot read {}: {e}", job.file.display()))?;
    let file_name = job.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let refused = |e: steward_core::ApiError| {
        let fields = e.fields.map(|f| f.into_iter().map(|(k, v)| format!(" {k}: {v}")).collect::<String>());
        format!("{}{}", e.message, fields.unwrap_or_default())
    };
    let anonymous = Session::of(None, locale);
    let login =
        dispatch(core, "login", anonymous, json!({ "username": job.username, "password": password }), Utc::now())
            .await
            .map_err(refused)?;
    let token = login.get("token").and_then(Value::as_str).unwrap_or_default().to_owned();
    let session = Session::of(Some(token), locale);
    let file = json!({
        "kind": job.kind,
        "file_name": file_name,
        "content_base64": base64::engine::general_purpose::STANDARD.encode(&bytes),
        "mapping": job.mapping,
    });
    let result = async {
        let preview =
            dispatch(core, "import_preview", session.clone(), file.clone(), Utc::now()).await.map_err(refused)?;
        let mut report = String::new();
        let n = |k: &str| preview.get(k).and_then(Value::as_u64).unwrap_or(0);
        let columns: Vec<String> = serde_json::from_value(preview["columns"].clone()).unwrap_or_default();
        let mapping: Vec<Option<String>> = serde_json::from_value(preview["mapping"].clone()).unwrap_or_default();
        report.push_str(&format!("read as {}; columns:", preview["encoding"].as_str().unwrap_or("")));
        for (c, m) in columns.iter().zip(&mapping) {
            report.push_str(&format!(" {c}→{}", m.as_deref().unwrap_or("-")));
        }
        report.push('\n');
        for e in preview["errors"].as_array().into_iter().flatten() {
            report.push_str(&format!(
                "row {} {}: {} ({})\n",
                e["row"],
                e["column"].as_str().unwrap_or(""),
                e["message"].as_str().unwrap_or(""),
                e["value"].as_str().unwrap_or("")
            ));
        }
        if n("error_count") > preview["errors"].as_array().map_or(0, |a| a.len() as u64) {
            report.push_str(&format!("… {} problems in all\n", n("error_count")));
        }
        report.push_str(&format!(
            "rows {}: to create {}, already there {}, with problems {}\n",
            n("rows"),
            n("to_create"),
            n("existing"),
            n("bad_rows")
        ));
        if job.dry_run {
            return Ok(report);
        }
        let run = format!("cli-{}", std::process::id());
        let done = dispatch(core, "import_commit", session.clone(), json!({ "file": file, "run": run }), Utc::now())
            .await
            .map_err(refused)?;
        report.push_str(&format!(
            "committed: created {} (buildings {}), already there {}, left out {}\n",
            done["created"], done["buildings_created"], done["existing"], done["bad_rows"]
        ));
        Ok(report)
    }
    .await;
    let _ = dispatch(core, "logout", session, Value::Null, Utc::now()).await;
    result
}

/// `export`: signs in as the staff member, writes the list (with the filters given, every
/// page) to the file, and closes the session. Returns the line to print.
pub async fn export(
    core: &Steward,
    job: &crate::cli::ExportJob,
    password: String,
    locale: &str,
) -> Result<String, String> {
    use base64::Engine;
    let refused = |e: steward_core::ApiError| {
        let fields = e.fields.map(|f| f.into_iter().map(|(k, v)| format!(" {k}: {v}")).collect::<String>());
        format!("{}{}", e.message, fields.unwrap_or_default())
    };
    // The whole list unless filters are given; page and size are the command's to choose.
    let mut query = json!({ "page": 1, "page_size": 200, "unpaid_only": false });
    if let Some(text) = &job.query {
        let given: serde_json::Map<String, Value> =
            serde_json::from_str(text).map_err(|e| format!("--query is not a JSON object: {e}"))?;
        for (k, v) in given {
            query[k] = v;
        }
    }
    let anonymous = Session::of(None, locale);
    let login =
        dispatch(core, "login", anonymous, json!({ "username": job.username, "password": password }), Utc::now())
            .await
            .map_err(refused)?;
    let token = login.get("token").and_then(Value::as_str).unwrap_or_default().to_owned();
    let session = Session::of(Some(token), locale);
    let input = json!({ "list": job.list, "query": query, "format": job.format });
    let result = async {
        let doc = dispatch(core, "list_export", session.clone(), input, Utc::now()).await.map_err(refused)?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(doc["base64"].as_str().unwrap_or_default())
            .map_err(|e| format!("the export came back damaged: {e}"))?;
        std::fs::write(&job.file, &bytes).map_err(|e| format!("cannot write {}: {e}", job.file.display()))?;
        Ok(format!("{} written ({} bytes)\n", job.file.display(), bytes.len()))
    }
    .await;
    let _ = dispatch(core, "logout", session, Value::Null, Utc::now()).await;
    result
}
