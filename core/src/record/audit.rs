//! Security events: sign-ins, refusals, revealed ID numbers. Never personal data.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, NotSet, Set};

use crate::accounts::Actor;
use crate::domain::AuditEvent;
use crate::entities::audit_log;
use crate::error::Result;

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
