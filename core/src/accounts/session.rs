use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set,
};
use sha2::{Digest, Sha256};

use super::limits::{self, SessionLimits};
use crate::db;
use crate::domain::{AuditEvent, Permission, permission};
use crate::entities::{session, setting, staff};
use crate::error::{Error, Result};
use crate::record::audit;

/// `last_seen_at` is refreshed at most this often: often enough that the idle lock is
/// right to about a minute, rarely enough that a screen's burst of reads stays reads.
pub const TOUCH_EVERY: Duration = Duration::minutes(1);
/// Ended and expired sessions are kept this long (for the record), then deleted.
pub const RETENTION: Duration = Duration::days(30);

/// The staff member on whose behalf an operation runs.
#[derive(Debug, Clone)]
pub struct Actor {
    pub staff: staff::Model,
    pub session_id: i32,
}

/// What the session row said when it was resolved, to judge later calls against.
#[derive(Debug, Clone, Copy)]
struct Seen {
    created_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
    locked: bool,
    limits: SessionLimits,
}

impl Seen {
    /// Live, unlocked, and needing no write at `now`: a call may reuse the resolved actor.
    fn plainly_live(&self, now: DateTime<Utc>, background: bool) -> bool {
        let idle = now - self.last_seen_at;
        !self.locked
            && idle < self.limits.idle()
            && now - self.created_at < self.limits.absolute()
            && (background || idle < TOUCH_EVERY)
    }
}

/// How a call meets its session.
#[derive(Debug, Clone, Copy)]
pub struct Admission {
    /// Sent by a timer, not the person: does not count as activity.
    pub background: bool,
    /// The command runs on a locked session too (unlock, sign out, status).
    pub even_locked: bool,
}

impl Actor {
    pub fn can(&self, p: Permission) -> bool {
        permission::allows(self.staff.role, p)
    }

    pub fn permissions(&self) -> Vec<Permission> {
        permission::granted(self.staff.role).to_vec()
    }

    pub fn id(&self) -> i32 {
        self.staff.id
    }

    /// Looks up the live session behind `token` and its staff member (every signed-in
    /// command starts here): `unauthenticated` past the absolute limit, `session_locked`
    /// when locked (an idle session locks here), and activity refreshes `last_seen_at`.
    pub async fn from_token(db: &DatabaseConnection, token: &str, now: DateTime<Utc>, how: Admission) -> Result<Self> {
        Ok(Self::from_hash(db, &token_hash(token), now, how).await?.0)
    }

    async fn from_hash(
        db: &DatabaseConnection,
        hash: &str,
        now: DateTime<Utc>,
        how: Admission,
    ) -> Result<(Self, Seen)> {
        let (s, staff) = session::Entity::find()
            .find_also_related(staff::Entity)
            .filter(session::Column::TokenHash.eq(hash))
            .filter(session::Column::EndedAt.is_null())
            .one(db)
            .await?
            .ok_or(Error::Unauthenticated)?;
        let staff = staff.ok_or(Error::Unauthenticated)?;
        let limits = limits::load(db).await?;
        if !staff.active || now - s.created_at >= limits.absolute() {
            return Err(Error::Unauthenticated);
        }
        let mut seen =
            Seen { created_at: s.created_at, last_seen_at: s.last_seen_at, locked: s.locked_at.is_some(), limits };
        if !seen.locked && now - s.last_seen_at >= limits.idle() {
            lock(db, s.id, &staff, now, "idle").await?;
            seen.locked = true;
        }
        if seen.locked {
            if !how.even_locked {
                return Err(Error::SessionLocked);
            }
        } else if !how.background && now - s.last_seen_at >= TOUCH_EVERY {
            // Conditional: a session locked meanwhile stays locked.
            session::Entity::update_many()
                .col_expr(session::Column::LastSeenAt, sea_orm::sea_query::Expr::value(now))
                .filter(session::Column::Id.eq(s.id))
                .filter(session::Column::LockedAt.is_null())
                .exec(db)
                .await?;
            seen.last_seen_at = now;
        }
        Ok((Self { staff, session_id: s.id }, seen))
    }
}

/// Locks session `id` of `staff` (once: a locked session stays as it is), audited with why.
pub(crate) async fn lock(
    db: &DatabaseConnection,
    id: i32,
    staff: &staff::Model,
    now: DateTime<Utc>,
    why: &str,
) -> Result<()> {
    let txn = db::begin_write(db).await?;
    let locked = session::Entity::update_many()
        .col_expr(session::Column::LockedAt, sea_orm::sea_query::Expr::value(now))
        .filter(session::Column::Id.eq(id))
        .filter(session::Column::LockedAt.is_null())
        .filter(session::Column::EndedAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected;
    if locked == 1 {
        audit::record(&txn, now, Some(staff.id), Some(&staff.username), AuditEvent::SessionLocked, why).await?;
    }
    txn.commit().await?;
    if locked == 1 {
        tracing::info!(staff = staff.id, why, "session locked");
    }
    Ok(())
}

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Only the hash is stored: a copied database does not hand out live sessions.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub async fn end_sessions_of(db: &impl ConnectionTrait, staff_id: i32, now: DateTime<Utc>) -> Result<()> {
    end_sessions_except(db, staff_id, None, now).await
}

/// Ends the open sessions of `staff_id` but `keep` (the caller's own, when they changed
/// their own password).
pub async fn end_sessions_except(
    db: &impl ConnectionTrait,
    staff_id: i32,
    keep: Option<i32>,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut update = session::Entity::update_many()
        .col_expr(session::Column::EndedAt, sea_orm::sea_query::Expr::value(now))
        .filter(session::Column::StaffId.eq(staff_id))
        .filter(session::Column::EndedAt.is_null());
    if let Some(id) = keep {
        update = update.filter(session::Column::Id.ne(id));
    }
    update.exec(db).await?;
    Ok(())
}

/// Deletes the session rows over for longer than `RETENTION`: ended ones, and any signed
/// in so long ago that even the longest allowed session has run out.
pub async fn purge(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64> {
    let surely_over = now - Duration::hours(i64::from(limits::MAX_SESSION_HOURS)) - RETENTION;
    let deleted = session::Entity::delete_many()
        .filter(
            Condition::any()
                .add(session::Column::EndedAt.lt(now - RETENTION))
                .add(session::Column::CreatedAt.lt(surely_over)),
        )
        .exec(db)
        .await?
        .rows_affected;
    Ok(deleted)
}

const PURGED_ON: &str = "accounts.sessions_purged_on";

/// `purge` once per (UTC) day: the shell (and a server) call this on its periodic timer,
/// at start too; the day of the last run is kept in the database. How many rows went,
/// or `None` when it already ran today.
pub async fn purge_daily(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<Option<u64>> {
    let today = now.date_naive().to_string();
    let last = setting::Entity::find_by_id(PURGED_ON).one(db).await?.map(|r| r.value);
    if last.as_deref() == Some(today.as_str()) {
        return Ok(None);
    }
    let txn = db::begin_write(db).await?;
    let deleted = purge(&txn, now).await?;
    setting::Entity::insert(setting::ActiveModel { key: Set(PURGED_ON.to_owned()), value: Set(today) })
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(setting::Column::Key)
                .update_column(setting::Column::Value)
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    txn.commit().await?;
    Ok(Some(deleted))
}

/// How long a resolved session serves later calls (of the caller's time).
const CACHE_FOR: Duration = Duration::seconds(5);

/// Recently resolved sessions, so a screen's burst of reads resolves its token once, and
/// the staff's display names, which every desk page shows. Every command of the accounts
/// area that writes (sign-in and out, staff, roles, passwords) clears it when it has
/// finished (after its transaction); what was read while it was being cleared is not
/// kept, so a change is never hidden by a read that raced it.
/// Display names by staff id, shared by the calls that read them.
type Names = std::sync::Arc<HashMap<i32, String>>;

#[derive(Default)]
pub struct AccountsCache {
    generation: AtomicU64,
    entries: Mutex<HashMap<String, Cached>>,
    names: Mutex<Option<(u64, Names)>>,
}

struct Cached {
    generation: u64,
    read_at: DateTime<Utc>,
    actor: Actor,
    seen: Seen,
}

impl AccountsCache {
    pub fn clear(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.entries.lock().unwrap_or_else(PoisonError::into_inner).clear();
        *self.names.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// Display names of `ids`: every staff member's name is read once (an office has
    /// dozens to hundreds) and kept; a name missing from it (a colleague added from
    /// another desk) is read from the database.
    pub async fn staff_names(&self, db: &impl ConnectionTrait, ids: Vec<i32>) -> Result<HashMap<i32, String>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let generation = self.generation.load(Ordering::SeqCst);
        let kept = match &*self.names.lock().unwrap_or_else(PoisonError::into_inner) {
            Some((g, names)) if *g == generation => Some(names.clone()),
            _ => None,
        };
        let all = match kept {
            Some(names) => names,
            None => {
                let rows: Vec<(i32, String)> = staff::Entity::find()
                    .select_only()
                    .column(staff::Column::Id)
                    .column(staff::Column::DisplayName)
                    .into_tuple()
                    .all(db)
                    .await?;
                let names = std::sync::Arc::new(rows.into_iter().collect::<HashMap<_, _>>());
                let mut slot = self.names.lock().unwrap_or_else(PoisonError::into_inner);
                if self.generation.load(Ordering::SeqCst) == generation {
                    *slot = Some((generation, names.clone()));
                }
                names
            }
        };
        let missing: Vec<i32> = ids.iter().copied().filter(|id| !all.contains_key(id)).collect();
        let mut out: HashMap<i32, String> =
            ids.into_iter().filter_map(|id| all.get(&id).map(|n| (id, n.clone()))).collect();
        if !missing.is_empty() {
            let rows: Vec<(i32, String)> = staff::Entity::find()
                .select_only()
                .column(staff::Column::Id)
                .column(staff::Column::DisplayName)
                .filter(staff::Column::Id.is_in(missing))
                .into_tuple()
                .all(db)
                .await?;
            out.extend(rows);
        }
        Ok(out)
    }

    /// The actor behind `token`: from the cache while fresh and plainly live (no lock,
    /// expiry or refresh due), else from the database.
    pub async fn resolve(
        &self,
        db: &DatabaseConnection,
        token: &str,
        now: DateTime<Utc>,
        how: Admission,
    ) -> Result<Actor> {
        let hash = token_hash(token);
        let generation = self.generation.load(Ordering::SeqCst);
        {
            let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(c) = entries.get(&hash)
                && c.generation == generation
                && c.read_at <= now
                && now - c.read_at < CACHE_FOR
                && c.seen.plainly_live(now, how.background)
            {
                return Ok(c.actor.clone());
            }
        }
        let (actor, seen) = Actor::from_hash(db, &hash, now, how).await?;
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if self.generation.load(Ordering::SeqCst) == generation {
            // Sessions are few; a full map means stale ones.
            if entries.len() >= 1024 {
                entries.clear();
            }
            entries.insert(hash, Cached { generation, read_at: now, actor: actor.clone(), seen });
        }
        Ok(actor)
    }
}
