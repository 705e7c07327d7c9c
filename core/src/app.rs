//! The running core: one database, and a context per call carrying who acts and when.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;
use ts_rs::TS;

use crate::accounts::Actor;
use crate::accounts::session::AccountsCache;
use crate::db::DatabaseTarget;
use crate::domain::AuditEvent;
use crate::error::{Error, Result};
use crate::record::audit;

/// Sent with every command: the session token (none before sign-in) and the UI language.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct Session {
    pub token: Option<String>,
    pub locale: String,
    /// Sent by a timer rather than by the person (a list refreshing itself, the shell's
    /// sweep): it does not keep the session from locking when idle.
    #[serde(default)]
    pub background: bool,
    /// Where the call came from, set by the transport and never by the caller: the office
    /// server puts the client's address here; `None` is this app's own window. Sign-in
    /// failures are counted per source.
    #[serde(default, skip_deserializing)]
    #[ts(skip)]
    pub source: Option<String>,
}

impl Session {
    /// A session of the person at the desk (not a background call).
    pub fn of(token: Option<String>, locale: &str) -> Self {
        Self { token, locale: locale.to_owned(), background: false, source: None }
    }
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
    pub(crate) accounts: std::sync::Arc<AccountsCache>,
    pub(crate) changes: std::sync::Arc<ChangeFeed>,
    pub(crate) imports: std::sync::Arc<crate::import::runs::ImportRuns>,
}

/// A command that committed a write: other desks' lists may be out of date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Counts up from 1 for the life of the core; a gap tells a listener it missed some.
    pub seq: u64,
    pub command: &'static str,
}

/// Where committed writes are announced (the office server streams them to the desks).
pub(crate) struct ChangeFeed {
    seq: AtomicU64,
    sender: broadcast::Sender<Change>,
    /// Which change the newest backup includes, and whether desks are served.
    pub(crate) backup: crate::backups::BackupState,
}

impl Default for ChangeFeed {
    fn default() -> Self {
        // Listeners that fall this far behind are told they lagged and refresh everything.
        Self { seq: AtomicU64::new(0), sender: broadcast::channel(1024).0, backup: Default::default() }
    }
}

impl ChangeFeed {
    pub(crate) fn announce(&self, command: &'static str) {
        let seq = self.seq.fetch_add(1, Ordering::Relaxed) + 1;
        // No listener (the desktop app) is not an error.
        let _ = self.sender.send(Change { seq, command });
    }
}

/// One operation's context.
pub struct Cx {
    pub db: DatabaseConnection,
    pub env: std::sync::Arc<Environment>,
    pub session: Session,
    pub now: DateTime<Utc>,
    /// The command's name from the list in `api`, used in audit records.
    pub command: &'static str,
    /// Set by the command's entry once its declared access is checked.
    pub(crate) actor: Option<Actor>,
    pub(crate) accounts: std::sync::Arc<AccountsCache>,
    pub(crate) changes: std::sync::Arc<ChangeFeed>,
    /// Imports being committed: their progress and cancel flags.
    pub(crate) imports: std::sync::Arc<crate::import::runs::ImportRuns>,
}

impl Steward {
    pub fn new(db: DatabaseConnection, env: Environment) -> Self {
        Self {
            db,
            env: std::sync::Arc::new(env),
            accounts: Default::default(),
            changes: Default::default(),
            imports: Default::default(),
        }
    }

    /// How many committed writes were announced so far (the backup timer's "changed?").
    pub fn changes_count(&self) -> u64 {
        self.changes.seq.load(Ordering::Relaxed)
    }

    /// Every committed write from now on, as `Change`s in order.
    pub fn changes(&self) -> broadcast::Receiver<Change> {
        self.changes.sender.subscribe()
    }

    /// Tells listeners that something outside a command (the escalation sweep) wrote,
    /// under the name of the command that does the same.
    pub fn announce(&self, command: &'static str) {
        self.changes.announce(command);
    }

    /// A context for one call as `session` at `now`; `api::run` or `api::dispatch` admits it.
    pub fn cx(&self, session: Session, now: DateTime<Utc>) -> Cx {
        Cx {
            db: self.db.clone(),
            env: self.env.clone(),
            session,
            now,
            command: "",
            actor: None,
            accounts: self.accounts.clone(),
            changes: self.changes.clone(),
            imports: self.imports.clone(),
        }
    }
}

impl Cx {
    pub fn locale(&self) -> &str {
        &self.session.locale
    }

    /// The signed-in staff member, or `unauthenticated` for a public command.
    pub fn actor(&self) -> Result<&Actor> {
        self.actor.as_ref().ok_or(Error::Unauthenticated)
    }

    /// Checks a permission finer than the command's declared access (a command serving
    /// several lists needs the one of the list asked for); refused and audited like `refuse`.
    pub async fn authorize(&self, permission: crate::domain::permission::Permission) -> Result<()> {
        if self.actor()?.can(permission) { Ok(()) } else { self.refuse().await }
    }

    /// The same call's context again, to run another operation's query as part of this one.
    pub(crate) fn again(&self) -> Cx {
        Cx {
            db: self.db.clone(),
            env: self.env.clone(),
            session: self.session.clone(),
            now: self.now,
            command: self.command,
            actor: self.actor.clone(),
            accounts: self.accounts.clone(),
            changes: self.changes.clone(),
            imports: self.imports.clone(),
        }
    }

    /// Refuses a finer rule than the command's declared access; audited like that check.
    pub async fn refuse<T>(&self) -> Result<T> {
        let actor = self.actor()?;
        tracing::warn!(staff = actor.id(), command = self.command, "operation refused");
        audit::by(&self.db, self.now, actor, AuditEvent::Refused, self.command).await?;
        Err(Error::Forbidden(None))
    }

    /// Like `refuse`, with the catalog key of the reason so the message says why.
    pub async fn refuse_because<T>(&self, reason: &'static str) -> Result<T> {
        let actor = self.actor()?;
        tracing::warn!(staff = actor.id(), command = self.command, reason, "operation refused");
        let detail = format!("{} {reason}", self.command);
        audit::by(&self.db, self.now, actor, AuditEvent::Refused, &detail).await?;
        Err(Error::Forbidden(Some(reason)))
    }
}
