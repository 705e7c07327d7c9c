//! Security events: sign-ins, refusals, revealed ID numbers. Never personal data.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, NotSet, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::Actor;
use crate::domain::AuditEvent;
use crate::entities::audit_log;
use crate::error::{Error, Result};
use crate::record::history::FieldChange;

/// The staff account an event was about and what changed on it (old → new), kept in the
/// entry's detail as JSON. Never a password.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditSubject {
    pub staff_id: i32,
    pub username: String,
    #[serde(default)]
    pub changes: Vec<FieldChange>,
    /// Where the sign-in tries came from, when not this app's own window.
    #[serde(default)]
    pub source: Option<String>,
}

impl AuditSubject {
    pub fn of(staff: &crate::entities::staff::Model) -> Self {
        Self { staff_id: staff.id, username: staff.username.clone(), ..Default::default() }
    }

    pub fn change(mut self, field: &str, old: Option<&str>, new: Option<&str>) -> Self {
        self.changes.push(FieldChange {
            field: field.to_owned(),
            old: old.map(str::to_owned),
            new: new.map(str::to_owned),
        });
        self
    }

    /// The subject of a detail written by `about`; older entries' plain details have none.
    pub fn parse(detail: &str) -> Option<Self> {
        if !detail.starts_with('{') {
            return None;
        }
        serde_json::from_str(detail).ok()
    }
}

pub async fn record(
    db: &impl ConnectionTrait,
    at: DateTime<Utc>,
    staff_id: Option<i32>,
    username: Option<&str>,
    event: AuditEvent,
    detail: &str,
) -> Result<()> {
    audit_log::ActiveModel {
        id: NotSet,
        at: Set(at),
        staff_id: Set(staff_id),
        username: Set(username.map(|u| u.chars().take(64).collect())),
        event: Set(event),
        detail: Set(detail.to_owned()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// An event caused by the signed-in staff member.
pub async fn by(
    db: &impl ConnectionTrait,
    at: DateTime<Utc>,
    actor: &Actor,
    event: AuditEvent,
    detail: &str,
) -> Result<()> {
    record(db, at, Some(actor.id()), Some(&actor.staff.username), event, detail).await
}

/// An event the signed-in staff member caused on a staff account.
pub async fn about(
    db: &impl ConnectionTrait,
    at: DateTime<Utc>,
    actor: &Actor,
    event: AuditEvent,
    subject: &AuditSubject,
) -> Result<()> {
    let detail = serde_json::to_string(subject).map_err(|e| Error::Internal(e.to_string()))?;
    by(db, at, actor, event, &detail).await
}
