//! The change history of business records, written in the writer's transaction.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, NotSet, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::Actor;
use crate::domain::{ChangeAction, HistoryEntity};
use crate::entities::change_log;
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A record's fields as text, in a fixed order, for diffing.
pub type Snapshot = Vec<(&'static str, Option<String>)>;

pub fn diff(old: &Snapshot, new: &Snapshot) -> Vec<FieldChange> {
    new.iter()
        .map(|(field, value)| {
            let before = old.iter().find(|(f, _)| f == field).and_then(|(_, v)| v.clone());
            FieldChange { field: (*field).to_owned(), old: before, new: value.clone() }
        })
        .filter(|c| c.old != c.new)
        .collect()
}

pub struct Change {
    pub at: DateTime<Utc>,
    pub staff_id: i32,
    pub entity: HistoryEntity,
    pub entity_id: i32,
    pub action: ChangeAction,
    pub changes: Vec<FieldChange>,
}

pub async fn record(db: &impl ConnectionTrait, change: Change) -> Result<()> {
    if change.action == ChangeAction::Update && change.changes.is_empty() {
        return Ok(());
    }
    let changes = serde_json::to_string(&change.changes).map_err(|e| Error::Internal(e.to_string()))?;
    change_log::ActiveModel {
        id: NotSet,
        at: Set(change.at),
        staff_id: Set(Some(change.staff_id)),
        entity: Set(change.entity.as_str().to_owned()),
        entity_id: Set(change.entity_id),
        action: Set(change.action),
        changes: Set(changes),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A change made by the signed-in staff member.
pub async fn by(
    db: &impl ConnectionTrait,
    at: DateTime<Utc>,
    actor: &Actor,
    entity: HistoryEntity,
    entity_id: i32,
    action: ChangeAction,
    changes: Vec<FieldChange>,
) -> Result<()> {
    record(db, Change { at, staff_id: actor.id(), entity, entity_id, action, changes }).await
}
