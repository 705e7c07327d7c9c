//! The one-off subcommands: `init`, `backup`, `create-manager`.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use chrono::Utc;
use serde_json::{Value, json};
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

/// `backup`: SQLite with `VACUUM INTO` (one consistent snapshot of the live file), then
/// checked with `integrity_check`; PostgreSQL with `pg_dump` (custom format).
pub async fn backup(core: &Steward, out: &Path) -> Result<PathBuf, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    match &core.env.target {
        DatabaseTarget::Sqlite(_) => {
            let file = out.join(format!("steward-{}.db", stamp()));
            let quoted = file.to_string_lossy().replace('\'', "''");
            core.db
                .execute_unprepared(&format!("VACUUM INTO '{quoted}'"))
                .await
                .map_err(|e| format!("the copy failed: {e}"))?;
            let copy = steward_core::db::connect(&DatabaseTarget::Sqlite(file.clone()))
                .await
                .map_err(|e| format!("the copy cannot be opened: {e}"))?;
            let check = names(&copy, "PRAGMA integrity_check").await?;
            copy.close().await.ok();
            if check != ["ok"] {
                return Err(format!("the copy {} failed its integrity check: {}", file.display(), check.join("; ")));
            }
            Ok(file)
        }
        DatabaseTarget::Postgres(url) => {
            let file = out.join(format!("steward-{}.dump", stamp()));
            let status = tokio::process::Command::new("pg_dump")
                .arg("--format=custom")
                .arg("--file")
                .arg(&file)
                .arg("--dbname")
                .arg(url)
                .status()
                .await;
            match status {
                Ok(s) if s.success() => Ok(file),
                Ok(s) => Err(format!("pg_dump failed ({s})")),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(
                    "pg_dump was not found: install the PostgreSQL client tools (the same major version as the server) \
                     and put them on the PATH"
                        .into(),
                ),
                Err(e) => Err(format!("pg_dump could not be run: {e}")),
            }
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
