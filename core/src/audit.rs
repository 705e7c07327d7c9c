//! Security events: sign-ins, refusals, revealed ID numbers. Never personal data.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, NotSet, Set};

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
