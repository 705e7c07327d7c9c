//! The core behind the commands, or why it could not be opened.

use std::path::Path;

use serde_json::Value;
use steward_core::db::{self, DatabaseTarget};
use steward_core::settings_file::SettingsFile;
use steward_core::{ApiError, Environment, ErrorCode, Session, Steward, api};

use crate::cli::Flags;

pub struct Backend(Result<Steward, String>);

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

impl Backend {
    pub fn ready(core: Steward) -> Self {
        Self(Ok(core))
    }

    /// Opens the chosen database: `--database-url`, then `STEWARD_DATABASE_URL`, then the
    /// saved setting, then the SQLite file in the data folder.
    pub async fn open(flags: &Flags, data_dir: &Path) -> Self {
        let settings_file = data_dir.join("settings.json");
        let from_env = flags
            .database_url
            .clone()
            .or_else(|| std::env::var("STEWARD_DATABASE_URL").ok())
            .filter(|u| !u.trim().is_empty());
        let saved = SettingsFile::load(&settings_file).database_url;
        let target = from_env
            .as_deref()
            .or(saved.as_deref())
            .and_then(DatabaseTarget::parse)
            .unwrap_or_else(|| DatabaseTarget::Sqlite(data_dir.join("steward.db")));
        let env = Environment {
            target: target.clone(),
            settings_file,
            database_from_environment: from_env.is_some(),
            demo_requested: flags.demo,
            os_locale: flags.lang.clone().or_else(sys_locale::get_locale).unwrap_or_else(|| "en".into()),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        };
        match db::open(&target, chrono::Utc::now()).await {
            Ok(conn) => {
                tracing::info!(database = target.kind().as_str(), "database open");
                Self(Ok(Steward::new(conn, env)))
            }
            Err(e) => {
                tracing::error!(database = target.kind().as_str(), error = %e, "database could not be opened");
                Self(Err(e.to_string()))
            }
        }
    }

    /// The core, when its database is open.
    pub fn core(&self) -> Option<&Steward> {
        self.0.as_ref().ok()
    }

    /// Runs one command through the core at `now` (the shell's clock), or explains that the
    /// database is not open.
    pub async fn call(
        &self,
        command: &str,
        session: Session,
        input: Value,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Value, ApiError> {
        match &self.0 {
            Ok(core) => dispatch(core, command, session, input, now).await,
            Err(detail) => {
                let mut e = steward_core::Error::Database(steward_core::sea_orm::DbErr::Custom(detail.clone()))
                    .to_api(&session.locale);
                e.code = ErrorCode::Database;
                e.message = format!("{} ({detail})", e.message);
                Err(e)
            }
        }
    }
}
