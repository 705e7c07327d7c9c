//! What answers the commands: this computer's core (its own SQLite file), or an office
//! server over HTTPS, or, while neither is ready, why. Opening happens off the UI thread;
//! calls made meanwhile wait for it. A damaged settings file or an unreachable server is
//! reported, never replaced by an empty local database.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;
use steward_core::db::{self, DatabaseTarget};
use steward_core::settings_file::{Connection, SettingsFile, SettingsNotice, SettingsProblem};
use steward_core::{ApiError, Environment, ErrorCode, Session, Steward, api};
use tokio::sync::watch;

use crate::server_client::{ServerClient, Trust, client_error};

/// `api::dispatch` as a boxed `Send` future: the core's futures hold references across
/// awaits that the compiler cannot prove `Send` for every lifetime when they are nested
/// in a Tauri command or a spawned task ("`Send` is not general enough"); boxing here,
/// where the lifetimes are concrete, settles it.
pub fn dispatch<'a>(
    core: &'a Steward,
    command: &'a str,
    session: Session,
    input: Value,
    now: chrono::DateTime<chrono::Utc>,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Value, ApiError>> + Send + 'a>> {
    Box::pin(api::dispatch(core, command, session, input, now))
}

/// Why the desk could not start on its connection (shown before sign-in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    SettingsUnreadable,
    SettingsCorrupt,
    Database,
    ServerUnreachable,
    ServerCertificateChanged,
    ServerIncompatible,
}

impl Problem {
    fn from_code(code: ErrorCode) -> Self {
        match code {
            ErrorCode::ServerCertificateChanged => Self::ServerCertificateChanged,
            ErrorCode::ServerIncompatible => Self::ServerIncompatible,
            _ => Self::ServerUnreachable,
        }
    }

    fn code(self) -> ErrorCode {
        match self {
            Self::ServerUnreachable => ErrorCode::ServerUnreachable,
            Self::ServerCertificateChanged => ErrorCode::ServerCertificateChanged,
            Self::ServerIncompatible => ErrorCode::ServerIncompatible,
            _ => ErrorCode::Database,
        }
    }
}

/// The state of the desk's connection.
#[derive(Clone)]
pub enum Phase {
    Connecting(Connection),
    Local(Steward),
    Remote {
        client: Arc<ServerClient>,
        connection: Connection,
    },
    /// The connection it tried (none when the settings could not be read), what went
    /// wrong, and a technical detail for whoever fixes it (no passwords).
    Failed {
        connection: Option<Connection>,
        problem: Problem,
        detail: String,
    },
}

/// Where this run keeps its data and what the command line asked for.
#[derive(Debug, Clone)]
pub struct StartOptions {
    pub data_dir: PathBuf,
    /// `--database-url` / `STEWARD_DATABASE_URL`: developers' and tests' own database for
    /// the local core; the settings file's choice is then ignored.
    pub database_override: Option<String>,
    pub demo: bool,
    pub os_locale: String,
}

impl StartOptions {
    pub fn settings_path(&self) -> PathBuf {
        self.data_dir.join("settings.json")
    }
}

pub struct Backend {
    phase: watch::Sender<Phase>,
    /// Told once this run (the old direct database address was removed).
    notice: std::sync::Mutex<Option<SettingsNotice>>,
    options: Option<StartOptions>,
}

impl Backend {
    /// A backend already open on `core` (tests).
    pub fn ready(core: Steward) -> Self {
        Self { phase: watch::Sender::new(Phase::Local(core)), notice: Default::default(), options: None }
    }

    /// A backend still opening: `open` follows.
    pub fn connecting(options: StartOptions) -> Self {
        Self {
            phase: watch::Sender::new(Phase::Connecting(Connection::Local)),
            notice: Default::default(),
            options: Some(options),
        }
    }

    pub fn options(&self) -> Option<&StartOptions> {
        self.options.as_ref()
    }

    pub fn phase(&self) -> Phase {
        self.phase.borrow().clone()
    }

    pub fn notice(&self) -> Option<SettingsNotice> {
        self.notice.lock().ok().and_then(|n| *n)
    }

    /// The phase once it is no longer `Connecting`.
    pub async fn settled(&self) -> Phase {
        let mut rx = self.phase.subscribe();
        match rx.wait_for(|p| !matches!(p, Phase::Connecting(_))).await {
            Ok(p) => p.clone(),
            Err(_) => self.phase(),
        }
    }

    /// Opens what the settings file (or the override) chooses.
    pub async fn open(&self) -> Phase {
        let Some(options) = self.options.clone() else { return self.phase() };
        let connection = match options.database_override {
            Some(_) => Connection::Local,
            None => match SettingsFile::load(&options.settings_path()) {
                Ok(loaded) => {
                    if loaded.notice.is_some()
                        && let Ok(mut n) = self.notice.lock()
                    {
                        *n = loaded.notice;
                    }
                    loaded.settings.connection
                }
                Err(problem) => {
                    tracing::error!(error = %problem, "settings file not usable");
                    let kind = match problem {
                        SettingsProblem::Unreadable(_) => Problem::SettingsUnreadable,
                        SettingsProblem::Corrupt(_) => Problem::SettingsCorrupt,
                    };
                    let failed = Phase::Failed { connection: None, problem: kind, detail: problem.to_string() };
                    self.phase.send_replace(failed.clone());
                    return failed;
                }
            },
        };
        self.switch(connection).await
    }

    /// Opens `connection` and makes it the backend (or records why it failed).
    pub async fn switch(&self, connection: Connection) -> Phase {
        self.phase.send_replace(Phase::Connecting(connection.clone()));
        let phase = match self.options.as_ref() {
            Some(options) => open_connection(options, &connection).await,
            None => Phase::Failed { connection: Some(connection), problem: Problem::Database, detail: String::new() },
        };
        self.phase.send_replace(phase.clone());
        phase
    }

    /// The core, when this computer's database is open.
    pub fn core(&self) -> Option<Steward> {
        match &*self.phase.borrow() {
            Phase::Local(core) => Some(core.clone()),
            _ => None,
        }
    }

    /// Closes this computer's database and opens it again (a staged restore is put in
    /// place in between, by the core's `db::open`).
    pub async fn reopen_local(&self) -> Phase {
        if let Some(core) = self.core() {
            self.phase.send_replace(Phase::Connecting(Connection::Local));
            if let Err(e) = core.db.close().await {
                tracing::warn!(error = %e, "database not closed cleanly before reopening");
            }
        }
        self.switch(Connection::Local).await
    }

    /// The office server's client, in server mode.
    pub fn server(&self) -> Option<Arc<ServerClient>> {
        match &*self.phase.borrow() {
            Phase::Remote { client, .. } => Some(client.clone()),
            _ => None,
        }
    }

    /// Runs one command through the core at `now` (the shell's clock) or on the office
    /// server (its clock), or explains that neither is open.
    pub async fn call(
        &self,
        command: &str,
        session: Session,
        input: Value,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Value, ApiError> {
        match self.settled().await {
            Phase::Local(core) => dispatch(&core, command, session, input, now).await,
            Phase::Remote { client, .. } => {
                let mut out = client.call(command, &session, input).await?;
                // The first language is this desk's (its OS or `--lang`), not the server's.
                if command == "app_status"
                    && let (Some(options), Some(locale)) = (self.options(), out.get_mut("os_locale"))
                {
                    *locale = Value::String(steward_core::locales::resolve(&options.os_locale));
                }
                Ok(out)
            }
            Phase::Failed { problem, detail, .. } => {
                let mut e = client_error(problem.code(), &session.locale);
                if problem.code() == ErrorCode::Database && !detail.is_empty() {
                    e.message = format!("{} ({detail})", e.message);
                }
                Err(e)
            }
            Phase::Connecting(_) => Err(client_error(ErrorCode::ServerUnreachable, &session.locale)),
        }
    }
}

/// The trust a saved server connection asks for.
pub fn trust(fingerprint: &str, ca_file: Option<&str>) -> Trust {
    match ca_file.filter(|f| !f.trim().is_empty()) {
        Some(file) => Trust::OfficeCa(PathBuf::from(file)),
        None => Trust::Pinned(fingerprint.to_owned()),
    }
}

async fn open_connection(options: &StartOptions, connection: &Connection) -> Phase {
    match connection {
        Connection::Local => open_local(options).await,
        Connection::Server { address, fingerprint, ca_file } => {
            let failed =
                |problem, detail: String| Phase::Failed { connection: Some(connection.clone()), problem, detail };
            let client = match ServerClient::new(address, trust(fingerprint, ca_file.as_deref())) {
                Ok(c) => c,
                Err(detail) => return failed(Problem::ServerIncompatible, detail),
            };
            match client.hello(&options.os_locale).await {
                Ok(hello) => {
                    tracing::info!(server = %address, version = %hello.version, "office server connected");
                    Phase::Remote { client: Arc::new(client), connection: connection.clone() }
                }
                Err(e) => failed(Problem::from_code(e.code), String::new()),
            }
        }
    }
}

async fn open_local(options: &StartOptions) -> Phase {
    let sqlite = DatabaseTarget::Sqlite(options.data_dir.join("steward.db"));
    let target = options.database_override.as_deref().and_then(DatabaseTarget::parse).unwrap_or(sqlite);
    let env = Environment {
        target: target.clone(),
        settings_file: options.settings_path(),
        database_from_environment: options.database_override.is_some(),
        demo_requested: options.demo,
        os_locale: options.os_locale.clone(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    };
    let opened: std::pin::Pin<Box<dyn std::future::Future<Output = _> + Send + '_>> =
        Box::pin(db::open(&target, chrono::Utc::now()));
    match opened.await {
        Ok(conn) => {
            tracing::info!(database = target.kind().as_str(), "database open");
            Phase::Local(Steward::new(conn, env))
        }
        Err(e) => {
            tracing::error!(database = target.kind().as_str(), error = %e, "database could not be opened");
            Phase::Failed { connection: Some(Connection::Local), problem: Problem::Database, detail: e.to_string() }
        }
    }
}

/// Saves `connection` as this desk's choice (the file's other settings stay).
pub fn save_choice(path: &Path, connection: &Connection) -> std::io::Result<()> {
    let mut settings = SettingsFile::load(path).map(|l| l.settings).unwrap_or_default();
    settings.connection = connection.clone();
    settings.save(path)
}
