//! The running core: one database, and a context per call carrying who acts and when.

use std::future::Future;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde::Deserialize;
use ts_rs::TS;

use crate::audit;
use crate::auth::Actor;
use crate::db::DatabaseTarget;
use crate::domain::{AuditEvent, Permission};
use crate::error::{ApiError, Error, Result};

/// Sent with every command: the session token (none before sign-in) and the UI language.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct Session {
    pub token: Option<String>,
    pub locale: String,
}

/// Facts about this installation that do not live in the database.
#[derive(Debug, Clone)]
pub struct Environment {
    pub target: DatabaseTarget,
    /// Where the database choice is saved (the settings screen writes it).
    pub settings_file: PathBuf,
    /// Set when `STEWARD_DATABASE_URL` chose the database: the settings file is ignored.
    pub database_from_environment: bool,
    /// `--demo`: load the demo property at first start.
    pub demo_requested: bool,
    pub os_locale: String,
    pub version: String,
}

#[derive(Clone)]
pub struct Steward {
    pub db: DatabaseConnection,
    pub env: std::sync::Arc<Environment>,
}

/// One operation's context.
pub struct Cx {
    pub db: DatabaseConnection,
    pub env: std::sync::Arc<Environment>,
    pub session: Session,
    pub now: DateTime<Utc>,
}

impl Steward {
    pub fn new(db: DatabaseConnection, env: Environment) -> Self {
        Self { db, env: std::sync::Arc::new(env) }
    }

    /// Runs one operation at `now` and turns its error into the translated transport form.
    pub async fn call_at<T, F, Fut>(&self, session: Session, now: DateTime<Utc>, op: F) -> Result<T, ApiError>
    where
        F: FnOnce(Cx) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        let locale = session.locale.clone();
        let cx = Cx { db: self.db.clone(), env: self.env.clone(), session, now };
        op(cx).await.map_err(|e| {
            match &e {
                Error::Database(_) | Error::Internal(_) => tracing::error!(error = %e, "operation failed"),
                _ => tracing::debug!(code = e.code().as_str(), "operation refused"),
            }
            e.to_api(&locale)
        })
    }

    pub async fn call<T, F, Fut>(&self, session: Session, op: F) -> Result<T, ApiError>
    where
        F: FnOnce(Cx) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        self.call_at(session, Utc::now(), op).await
    }
}

impl Cx {
    pub fn locale(&self) -> &str {
        &self.session.locale
    }

    /// The signed-in staff member, or `unauthenticated`.
    pub async fn actor(&self) -> Result<Actor> {
        let token = self.session.token.as_deref().ok_or(Error::Unauthenticated)?;
        Actor::from_token(&self.db, token, self.now).await
    }

    /// The signed-in staff member if they hold `permission`; a refusal is audited.
    pub async fn authorize(&self, permission: Permission, operation: &str) -> Result<Actor> {
        let actor = self.actor().await?;
        if actor.can(permission) {
            return Ok(actor);
        }
        refuse(&self.db, &actor, operation, self.now).await
    }
}

/// Records the refusal and fails with `forbidden`.
pub async fn refuse<T>(db: &impl ConnectionTrait, actor: &Actor, operation: &str, now: DateTime<Utc>) -> Result<T> {
    tracing::warn!(staff = actor.id(), operation, "operation refused");
    audit::by(db, now, actor, AuditEvent::Refused, operation).await?;
    Err(Error::Forbidden)
}
