use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
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
        let (s, staff) = session::Entity::find()
            .find_also_related(staff::Entity)
            .filter(session::Column::TokenHash.eq(token_hash(token)))
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
