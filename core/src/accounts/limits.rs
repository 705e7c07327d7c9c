//! How long a session lasts: the idle time after which it locks and the absolute limit
//! after which its staff member signs in again. One `setting` row, set by a manager.

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::app::Cx;
use crate::db;
use crate::domain::AuditEvent;
use crate::entities::setting;
use crate::error::{Error, Problems, Result};
use crate::record::audit;

const KEY: &str = "accounts.session_limits";

pub const DEFAULT_IDLE_LOCK_MINUTES: i32 = 15;
pub const DEFAULT_SESSION_HOURS: i32 = 12;
/// The longest a session may be allowed to last; also how old a session row must be
/// before it is surely over, whatever the setting was then.
pub const MAX_SESSION_HOURS: i32 = 24;
pub const MAX_IDLE_LOCK_MINUTES: i32 = 8 * 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SessionLimits {
    /// Bumped on every save, so two managers editing at once do not overwrite each other.
    #[serde(default)]
    pub version: i32,
    /// Minutes without activity after which a session locks (1–480).
    pub idle_lock_minutes: i32,
    /// Hours after sign-in after which a session ends, however active (1–24).
    pub session_hours: i32,
}

impl Default for SessionLimits {
    fn default() -> Self {
        Self { version: 0, idle_lock_minutes: DEFAULT_IDLE_LOCK_MINUTES, session_hours: DEFAULT_SESSION_HOURS }
    }
}

impl SessionLimits {
    pub fn idle(&self) -> chrono::Duration {
        chrono::Duration::minutes(i64::from(self.idle_lock_minutes))
    }

    pub fn absolute(&self) -> chrono::Duration {
        chrono::Duration::hours(i64::from(self.session_hours))
    }
}

/// The stored limits; a missing or damaged row reads as the defaults. Values are checked
/// when saved, not here.
pub async fn load(db: &impl ConnectionTrait) -> Result<SessionLimits> {
    let row = setting::Entity::find_by_id(KEY).one(db).await?;
    let stored = row.and_then(|r| serde_json::from_str::<SessionLimits>(&r.value).ok());
    Ok(stored.filter(|l| l.idle_lock_minutes > 0 && l.session_hours > 0).unwrap_or_default())
}

pub async fn get(cx: Cx, _: ()) -> Result<SessionLimits> {
    cx.actor()?;
    load(&cx.db).await
}

fn encode(limits: &SessionLimits) -> Result<String> {
    serde_json::to_string(limits).map_err(|e| Error::Internal(e.to_string()))
}

/// Saves `input` over the version it was edited from; `conflict` when someone saved since.
pub async fn save(cx: Cx, input: SessionLimits) -> Result<SessionLimits> {
    let actor = cx.actor()?;
    let mut p = Problems::default();
    p.check((1..=MAX_IDLE_LOCK_MINUTES).contains(&input.idle_lock_minutes), "idle_lock_minutes", "validation.range");
    p.check((1..=MAX_SESSION_HOURS).contains(&input.session_hours), "session_hours", "validation.range");
    p.check(
        // Widened: the hours are checked in the same pass, so they may still be huge here.
        i64::from(input.idle_lock_minutes) <= i64::from(input.session_hours) * 60,
        "idle_lock_minutes",
        "validation.idle_longer_than_session",
    );
    p.into_result()?;
    let txn = db::begin_write(&cx.db).await?;
    let row = setting::Entity::find_by_id(KEY).one(&txn).await?;
    let old = load(&txn).await?;
    if old.version != input.version {
        return Err(Error::Conflict);
    }
    let new = SessionLimits { version: old.version + 1, ..input };
    let value = encode(&new)?;
    // The write names the value it replaces, so of two concurrent saves one conflicts.
    let written = match row {
        None => {
            setting::Entity::insert(setting::ActiveModel { key: Set(KEY.to_owned()), value: Set(value) })
                .on_conflict(OnConflict::column(setting::Column::Key).do_nothing().to_owned())
                .exec_without_returning(&txn)
                .await?
        }
        Some(r) => {
            setting::Entity::update_many()
                .col_expr(setting::Column::Value, Expr::value(value))
                .filter(setting::Column::Key.eq(KEY))
                .filter(setting::Column::Value.eq(r.value))
                .exec(&txn)
                .await?
                .rows_affected
        }
    };
    if written != 1 {
        return Err(Error::Conflict);
    }
    let detail = format!(
        "idle_lock_minutes {} → {}; session_hours {} → {}",
        old.idle_lock_minutes, new.idle_lock_minutes, old.session_hours, new.session_hours
    );
    audit::by(&txn, cx.now, actor, AuditEvent::SessionLimitsChanged, &detail).await?;
    txn.commit().await?;
    tracing::info!(idle = new.idle_lock_minutes, hours = new.session_hours, "session limits saved");
    Ok(new)
}
