use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use sha2::{Digest, Sha256};

use crate::domain::{Permission, permission};
use crate::entities::{session, staff};
use crate::error::{Error, Result};

/// A session unused this long must sign in again.
const IDLE_LIMIT: Duration = Duration::hours(12);
/// `last_seen_at` is refreshed at most this often, so reads stay reads.
const TOUCH_EVERY: Duration = Duration::minutes(5);

/// The staff member on whose behalf an operation runs.
#[derive(Debug, Clone)]
pub struct Actor {
    pub staff: staff::Model,
    pub session_id: i32,
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

    /// Looks up the live session behind `token` and its staff member in one query (every
    /// signed-in command starts here).
    pub async fn from_token(db: &impl ConnectionTrait, token: &str, now: DateTime<Utc>) -> Result<Self> {
        Self::from_hash(db, &token_hash(token), now).await
    }

    async fn from_hash(db: &impl ConnectionTrait, hash: &str, now: DateTime<Utc>) -> Result<Self> {
        let (s, staff) = session::Entity::find()
            .find_also_related(staff::Entity)
            .filter(session::Column::TokenHash.eq(hash))
            .filter(session::Column::EndedAt.is_null())
            .one(db)
            .await?
            .ok_or(Error::Unauthenticated)?;
        let staff = staff.ok_or(Error::Unauthenticated)?;
        if !staff.active || now - s.last_seen_at > IDLE_LIMIT {
            return Err(Error::Unauthenticated);
        }
        if now - s.last_seen_at > TOUCH_EVERY {
            let mut a: session::ActiveModel = s.clone().into();
            a.last_seen_at = Set(now);
            a.update(db).await?;
        }
        Ok(Self { staff, session_id: s.id })
    }
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
    session::Entity::update_many()
        .col_expr(session::Column::EndedAt, sea_orm::sea_query::Expr::value(now))
        .filter(session::Column::StaffId.eq(staff_id))
        .filter(session::Column::EndedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
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

    /// The actor behind `token`: from the cache while fresh, else from the database.
    pub async fn resolve(&self, db: &impl ConnectionTrait, token: &str, now: DateTime<Utc>) -> Result<Actor> {
        let hash = token_hash(token);
        let generation = self.generation.load(Ordering::SeqCst);
        {
            let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(c) = entries.get(&hash)
                && c.generation == generation
                && c.read_at <= now
                && now - c.read_at < CACHE_FOR
            {
                return Ok(c.actor.clone());
            }
        }
        let actor = Actor::from_hash(db, &hash, now).await?;
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if self.generation.load(Ordering::SeqCst) == generation {
            // Sessions are few; a full map means stale ones.
            if entries.len() >= 1024 {
                entries.clear();
            }
            entries.insert(hash, Cached { generation, read_at: now, actor: actor.clone() });
        }
        Ok(actor)
    }
}
