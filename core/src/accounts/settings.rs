//! Which database this desk uses. Takes effect at the next start.

use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::app::Cx;
use crate::db::{self, DatabaseTarget};
use crate::domain::DatabaseKind;
use crate::error::{Error, Result};
use crate::settings_file::{SettingsFile, mask_url_password};

#[derive(Debug, Clone, Serialize, TS)]
pub struct DatabaseSettings {
    /// The database chosen for the next start.
    pub kind: DatabaseKind,
    pub sqlite_path: String,
    /// Password shown as ***.
    pub postgres_url: Option<String>,
    /// `STEWARD_DATABASE_URL` overrides the saved choice.
    pub from_environment: bool,
    /// The saved choice differs from the database in use.
    pub restart_needed: bool,
}

fn current(cx: &Cx) -> DatabaseSettings {
    let saved = SettingsFile::load(&cx.env.settings_file);
    let chosen = saved.database_url.as_deref().and_then(DatabaseTarget::parse);
    let kind = chosen.as_ref().map_or(DatabaseKind::Sqlite, DatabaseTarget::kind);
    let sqlite_path = match &cx.env.target {
        DatabaseTarget::Sqlite(p) => p.display().to_string(),
        DatabaseTarget::Postgres(_) => String::new(),
    };
    let running = cx.env.target.kind();
    DatabaseSettings {
        kind,
        sqlite_path,
        postgres_url: saved.database_url.as_deref().map(mask_url_password),
        from_environment: cx.env.database_from_environment,
        restart_needed: !cx.env.database_from_environment && kind != running,
    }
}

pub async fn get(cx: Cx, _: ()) -> Result<DatabaseSettings> {
    Ok(current(&cx))
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct DatabaseSettingsSave {
    pub kind: DatabaseKind,
    pub postgres_url: Option<String>,
}

/// Saves the choice after proving the server answers.
pub async fn save(cx: Cx, input: DatabaseSettingsSave) -> Result<DatabaseSettings> {
    let url = match input.kind {
        DatabaseKind::Sqlite => None,
        DatabaseKind::Postgres => {
            let url = input.postgres_url.as_deref().map(str::trim).unwrap_or("");
            let Some(target @ DatabaseTarget::Postgres(_)) = DatabaseTarget::parse(url) else {
                return Err(Error::field("postgres_url", "validation.database_url"));
            };
            let reachable = match db::connect(&target).await {
                Ok(conn) => conn.execute_unprepared("SELECT 1").await.is_ok(),
                Err(_) => false,
            };
            if !reachable {
                return Err(Error::field("postgres_url", "validation.database_unreachable"));
            }
            Some(url.to_owned())
        }
    };
    SettingsFile { database_url: url }
        .save(&cx.env.settings_file)
        .map_err(|e| Error::Internal(format!("cannot save settings: {e}")))?;
    tracing::info!(kind = input.kind.as_str(), "database choice saved");
    Ok(current(&cx))
}
