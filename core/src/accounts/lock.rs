//! The lock screen's commands: what the session is like, lock it, unlock it with the
//! staff member's password. They run on a locked session (access `session`).

use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::auth::{Me, me_of};
use super::{limits, password};
use crate::app::Cx;
use crate::db;
use crate::domain::AuditEvent;
use crate::entities::session;
use crate::error::{Error, Result};
use crate::record::audit;

#[derive(Debug, Clone, Serialize, TS)]
pub struct SessionStatus {
    /// Only the password unlocks it; other commands answer `session_locked`.
    pub locked: bool,
    /// Minutes without input after which the screen locks.
    pub idle_lock_minutes: i32,
    /// When the session ends however active (RFC 3339).
    pub ends_at: String,
}

pub async fn status(cx: Cx, _: ()) -> Result<SessionStatus> {
    let actor = cx.actor()?;
    let s = session::Entity::find_by_id(actor.session_id).one(&cx.db).await?.ok_or(Error::Unauthenticated)?;
    let limits = limits::load(&cx.db).await?;
    let ends_at = s.created_at + Duration::hours(i64::from(limits.session_hours));
    Ok(SessionStatus {
        locked: s.locked_at.is_some(),
        idle_lock_minutes: limits.idle_lock_minutes,
        ends_at: ends_at.to_rfc3339(),
    })
}

/// The screen locked itself (no input for the idle time, or the person locked it).
pub async fn lock(cx: Cx, _: ()) -> Result<()> {
    let actor = cx.actor()?;
    super::session::lock(&cx.db, actor.session_id, &actor.staff, cx.now, "screen").await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SessionUnlock {
    pub password: String,
}

/// The same session goes on; a wrong password is a failed sign-in.
pub async fn unlock(cx: Cx, input: SessionUnlock) -> Result<Me> {
    let actor = cx.actor()?;
    let ok = actor.staff.password_hash.as_deref().is_some_and(|h| password::verify(h, &input.password));
    let txn = db::begin_write(&cx.db).await?;
    if !ok {
        audit::by(&txn, cx.now, actor, AuditEvent::LoginFailed, "unlock").await?;
        txn.commit().await?;
        tracing::info!(staff = actor.id(), "unlock refused");
        return Err(Error::InvalidCredentials);
    }
    let unlocked = session::Entity::update_many()
        .col_expr(
            session::Column::LockedAt,
            sea_orm::sea_query::Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
        )
        .col_expr(session::Column::LastSeenAt, sea_orm::sea_query::Expr::value(cx.now))
        .filter(session::Column::Id.eq(actor.session_id))
        .filter(session::Column::EndedAt.is_null())
        .filter(session::Column::LockedAt.is_not_null())
        .exec(&txn)
        .await?
        .rows_affected;
    if unlocked == 1 {
        audit::by(&txn, cx.now, actor, AuditEvent::SessionUnlocked, "").await?;
    }
    txn.commit().await?;
    Ok(me_of(actor))
}
