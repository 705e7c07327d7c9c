//! The office server: the core's command list over HTTPS for the desks of an office,
//! one database behind it (PostgreSQL or an SQLite file). Every command goes through
//! `steward_core::api::dispatch`, the same door the desktop app uses in-process.

pub mod admin;
pub mod cli;
pub mod events;
pub mod http;
pub mod limits;
pub mod logging;
pub mod tls;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Utc;
use steward_core::db::{self, DatabaseTarget};
use steward_core::sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use steward_core::{Environment, Steward};
use steward_migrations::Migrator;
use steward_migrations::sea_orm_migration::MigratorTrait;

use crate::cli::Args;
use crate::limits::Rate;

pub const PRODUCT: &str = "steward";
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The OS data folder of the server (`…/office.steward.server`), or `--data-dir`.
pub fn data_dir(args: &Args) -> PathBuf {
    args.data_dir
        .clone()
        .or_else(|| dirs::data_dir().map(|d| d.join("office.steward.server")))
        .unwrap_or_else(|| PathBuf::from("steward-server-data"))
}

/// The OS log folder, or `--log-dir`; with `--data-dir`, its `logs` folder (like the app).
pub fn log_dir(args: &Args) -> PathBuf {
    if let Some(dir) = &args.log_dir {
        return dir.clone();
    }
    if let Some(dir) = &args.data_dir {
        return dir.join("logs");
    }
    #[cfg(target_os = "macos")]
    let base = dirs::home_dir().map(|h| h.join("Library/Logs/office.steward.server"));
    #[cfg(not(target_os = "macos"))]
    let base = dirs::data_local_dir().map(|d| d.join("office.steward.server").join("logs"));
    base.unwrap_or_else(|| data_dir(args).join("logs"))
}

/// The database: `--database-url`, then `STEWARD_DATABASE_URL`, then the data folder's
/// SQLite file.
pub fn target(args: &Args, data_dir: &Path) -> Result<(DatabaseTarget, bool), String> {
    let given = args
        .database_url
        .clone()
        .or_else(|| std::env::var("STEWARD_DATABASE_URL").ok())
        .filter(|u| !u.trim().is_empty());
    match given {
        Some(url) => DatabaseTarget::parse(&url)
            .map(|t| (t, true))
            .ok_or_else(|| "the database URL must start with postgres:// or sqlite://".to_owned()),
        None => Ok((DatabaseTarget::Sqlite(data_dir.join("steward.db")), false)),
    }
}

pub fn host_name() -> Option<String> {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
}

/// Migrations not yet applied, read without creating anything: the server's
/// least-privilege PostgreSQL role may not create the migrations table.
async fn pending_migrations(db: &DatabaseConnection) -> Result<Vec<String>, String> {
    let all: Vec<String> = Migrator::migrations().iter().map(|m| m.name().to_owned()).collect();
    let applied = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), "SELECT version FROM seaql_migrations"))
        .await;
    let applied: Vec<String> = match applied {
        Ok(rows) => rows.iter().filter_map(|r| r.try_get_by_index::<String>(0).ok()).collect(),
        Err(_) => Vec::new(),
    };
    Ok(all.into_iter().filter(|m| !applied.contains(m)).collect())
}

/// Opens the core. A database whose schema is behind is upgraded only by `init`
/// (`migrate`), or at start when it is the server's own SQLite file.
pub async fn open_core(args: &Args, migrate: bool) -> Result<Steward, String> {
    let data_dir = data_dir(args);
    let (target, from_env) = target(args, &data_dir)?;
    let now = Utc::now();
    let conn = db::connect(&target).await.map_err(|e| format!("the database could not be opened: {e}"))?;
    let pending = pending_migrations(&conn).await?;
    if !pending.is_empty() {
        if migrate || matches!(target, DatabaseTarget::Sqlite(_)) {
            db::migrate(&conn, &target, now).await.map_err(|e| format!("the database could not be upgraded: {e}"))?;
        } else {
            return Err(format!(
                "the database needs {} upgrade step(s): run `steward-server init` as the database's owner first",
                pending.len()
            ));
        }
    }
    steward_core::directory::names::refresh_sort_keys(&conn)
        .await
        .map_err(|e| format!("the database could not be prepared: {e}"))?;
    tracing::info!(database = target.kind().as_str(), "database open");
    let env = Environment {
        target,
        settings_file: data_dir.join("settings.json"),
        database_from_environment: from_env,
        demo_requested: false,
        os_locale: args.lang.clone().unwrap_or_else(|| "en".into()),
        version: VERSION.to_owned(),
    };
    let core = Steward::new(conn, env);
    core.serving_desks();
    Ok(core)
}

pub fn is_postgres(core: &Steward) -> bool {
    core.db.get_database_backend() == DbBackend::Postgres
}

/// What a running server needs besides the core.
pub struct Options {
    pub listen: SocketAddr,
    pub name: String,
    pub certificate: tls::Certificate,
    pub session_rate: Rate,
    pub address_rate: Rate,
    /// Run the escalation sweep and the daily schedule every minute (tests may not want it).
    pub sweep: bool,
}

/// A server started by `start`: where it listens, its fingerprint, and its stop handle.
pub struct Running {
    pub address: SocketAddr,
    pub fingerprint: String,
    handle: axum_server::Handle<SocketAddr>,
    stop: tokio::sync::watch::Sender<bool>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    sweep: Option<tokio::task::JoinHandle<()>>,
}

impl Running {
    /// Stops accepting, lets requests in flight finish (up to the request timeout), ends.
    pub async fn stop(self) {
        if let Some(s) = &self.sweep {
            s.abort();
        }
        let _ = self.stop.send(true);
        self.handle.graceful_shutdown(Some(limits::REQUEST_TIMEOUT));
        match self.task.await {
            Ok(Err(e)) => tracing::error!(error = %e, "server ended with an error"),
            Err(e) => tracing::error!(error = %e, "server task failed"),
            Ok(Ok(())) => {}
        }
    }

    /// Waits until the server ends by itself (an error).
    pub async fn wait(&mut self) -> Result<(), String> {
        match (&mut self.task).await {
            Ok(r) => r.map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// Binds and serves; returns once the port is open.
pub async fn start(core: Steward, options: Options) -> Result<Running, String> {
    let fingerprint = options.certificate.fingerprint();
    let config = axum_server::tls_rustls::RustlsConfig::from_config(options.certificate.server_config()?);
    let alerts = events::Alerts::default();
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let rates = (options.session_rate, options.address_rate);
    let state = Arc::new(http::Server::new(core.clone(), options.name, rates, alerts.clone(), stopping));
    let app = http::router(state);
    let handle = axum_server::Handle::new();
    let server = axum_server::bind_rustls(options.listen, config).handle(handle.clone());
    let task = tokio::spawn(async move { server.serve(app.into_make_service_with_connect_info::<SocketAddr>()).await });
    let Some(address) = handle.listening().await else {
        return Err(match task.await {
            Ok(Err(e)) => format!("cannot listen on {}: {e}", options.listen),
            _ => format!("cannot listen on {}", options.listen),
        });
    };
    let sweep = options.sweep.then(|| tokio::spawn(events::sweep_every_minute(core, alerts)));
    Ok(Running { address, fingerprint, handle, stop, task, sweep })
}
