//! The manager's desk settings: due targets per kind × priority, escalation delays,
//! unreachable attempts, follow-up delay. Kept in `due_target` and `setting`.

use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::rules::{due, escalation::Delays, follow_up};
use crate::app::Cx;
use crate::db;
use crate::domain::{CaseKind, Priority};
use crate::entities::{due_target, setting};
use crate::error::{Error, Problems, Result};

const DELAYS: &str = "desk.escalation_delays";
const UNREACHABLE_AFTER: &str = "desk.unreachable_after";
const FOLLOW_UP_HOURS: &str = "desk.follow_up_hours";
const REQUIRE_SPEAKER: &str = "desk.require_speaker";
/// Bumped on every save, so two managers editing the settings at once do not overwrite each other.
const VERSION: &str = "desk.settings_version";

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DeskSettings {
    pub delays: Delays,
    /// Failed call-backs after which a case may close as "customer unreachable".
    pub unreachable_after: i32,
    /// Hours from completion to the follow-up call's due time.
    pub follow_up_hours: i32,
    /// A foreign-language case's language contact (and so its follow-up) must speak the
    /// language when anyone does; off, a non-speaker is allowed and shown.
    #[serde(default)]
    pub require_speaker: bool,
}

impl Default for DeskSettings {
    fn default() -> Self {
        Self {
            delays: Delays::default(),
            unreachable_after: follow_up::DEFAULT_UNREACHABLE_AFTER,
            follow_up_hours: 24,
            require_speaker: false,
        }
    }
}

/// The stored settings; a missing or damaged value reads as its default.
pub async fn load(db: &impl ConnectionTrait) -> Result<DeskSettings> {
    let rows = setting::Entity::find()
        .filter(setting::Column::Key.is_in([DELAYS, UNREACHABLE_AFTER, FOLLOW_UP_HOURS, REQUIRE_SPEAKER]))
        .all(db)
        .await?;
    let mut s = DeskSettings::default();
    for r in rows {
        match r.key.as_str() {
            DELAYS => s.delays = serde_json::from_str(&r.value).unwrap_or_default(),
            UNREACHABLE_AFTER => s.unreachable_after = r.value.parse().unwrap_or(s.unreachable_after),
            FOLLOW_UP_HOURS => s.follow_up_hours = r.value.parse().unwrap_or(s.follow_up_hours),
            REQUIRE_SPEAKER => s.require_speaker = r.value == "true",
            _ => {}
        }
    }
    Ok(s)
}

/// (response, completion) minutes for a new case.
pub async fn target(db: &impl ConnectionTrait, kind: CaseKind, priority: Priority) -> Result<(i32, i32)> {
    let t = due_target::Entity::find()
        .filter(due_target::Column::Kind.eq(kind))
        .filter(due_target::Column::Priority.eq(priority))
        .one(db)
        .await?;
    Ok(t.map_or_else(|| due::default_minutes(kind, priority), |t| (t.response_minutes, t.completion_minutes)))
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DueTarget {
    pub kind: CaseKind,
    pub priority: Priority,
    pub response_minutes: i32,
    pub completion_minutes: i32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct DeskSettingsView {
    pub version: i32,
    pub targets: Vec<DueTarget>,
    pub settings: DeskSettings,
}

async fn view(db: &impl ConnectionTrait) -> Result<DeskSettingsView> {
    let targets = due_target::Entity::find()
        .order_by_asc(due_target::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|t| DueTarget {
            kind: t.kind,
            priority: t.priority,
            response_minutes: t.response_minutes,
            completion_minutes: t.completion_minutes,
        })
        .collect();
    Ok(DeskSettingsView { version: stored_version(db).await?, targets, settings: load(db).await? })
}

async fn stored_version(db: &impl ConnectionTrait) -> Result<i32> {
    let row = setting::Entity::find_by_id(VERSION).one(db).await?;
    Ok(row.and_then(|r| r.value.parse().ok()).unwrap_or(0))
}

/// Moves the settings version from `version` to the next, or fails with `conflict` when
/// someone saved since; the conditional write also orders two concurrent saves.
async fn bump_version(db: &impl ConnectionTrait, version: i32) -> Result<()> {
    let next = (version + 1).to_string();
    let written = if version == 0 {
        let row = setting::ActiveModel { key: Set(VERSION.to_owned()), value: Set(next) };
        setting::Entity::insert(row)
            .on_conflict(OnConflict::column(setting::Column::Key).do_nothing().to_owned())
            .exec_without_returning(db)
            .await?
    } else {
        setting::Entity::update_many()
            .col_expr(setting::Column::Value, Expr::value(next))
            .filter(setting::Column::Key.eq(VERSION))
            .filter(setting::Column::Value.eq(version.to_string()))
            .exec(db)
            .await?
            .rows_affected
    };
    if written == 1 { Ok(()) } else { Err(Error::Conflict) }
}

pub async fn get(cx: Cx, _: ()) -> Result<DeskSettingsView> {
    cx.actor()?;
    view(&cx.db).await
}

/// Targets listed are replaced; kinds × priorities not listed keep theirs.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct DeskSettingsSave {
    /// The version the edit started from.
    pub version: i32,
    pub targets: Vec<DueTarget>,
    pub settings: DeskSettings,
}

pub async fn save(cx: Cx, input: DeskSettingsSave) -> Result<DeskSettingsView> {
    cx.actor()?;
    let mut p = Problems::default();
    for (i, t) in input.targets.iter().enumerate() {
        if let Err((field, key)) = due::check_target(t.response_minutes, t.completion_minutes) {
            p.add(&format!("targets.{i}.{field}"), key);
        }
    }
    if let Err((field, key)) = input.settings.delays.check() {
        p.add(&format!("settings.delays.{field}"), key);
    }
    p.check((1..=20).contains(&input.settings.unreachable_after), "settings.unreachable_after", "validation.range");
    p.check((1..=24 * 30).contains(&input.settings.follow_up_hours), "settings.follow_up_hours", "validation.range");
    p.into_result()?;
    let txn = db::begin_write(&cx.db).await?;
    bump_version(&txn, input.version).await?;
    for t in &input.targets {
        due_target::Entity::update_many()
            .col_expr(due_target::Column::ResponseMinutes, Expr::value(t.response_minutes))
            .col_expr(due_target::Column::CompletionMinutes, Expr::value(t.completion_minutes))
            .col_expr(due_target::Column::Version, Expr::col(due_target::Column::Version).add(1))
            .col_expr(due_target::Column::UpdatedAt, Expr::value(cx.now))
            .filter(due_target::Column::Kind.eq(t.kind))
            .filter(due_target::Column::Priority.eq(t.priority))
            .exec(&txn)
            .await?;
    }
    let delays = serde_json::to_string(&input.settings.delays).map_err(|e| Error::Internal(e.to_string()))?;
    for (key, value) in [
        (DELAYS, delays),
        (UNREACHABLE_AFTER, input.settings.unreachable_after.to_string()),
        (FOLLOW_UP_HOURS, input.settings.follow_up_hours.to_string()),
        (REQUIRE_SPEAKER, input.settings.require_speaker.to_string()),
    ] {
        setting::Entity::insert(setting::ActiveModel { key: Set(key.to_owned()), value: Set(value) })
            .on_conflict(OnConflict::column(setting::Column::Key).update_column(setting::Column::Value).to_owned())
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    view(&cx.db).await
}
