//! Sign-in throttling: failures counted per account and per source (the address a request
//! came from), a growing wait after a few, and an account locked after too many until a
//! manager unlocks it. Counters live in `sign_in_failure`, so every desk and server
//! process sees the same ones.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QuerySelect, Set,
};

use crate::entities::{setting, sign_in_failure};
use crate::error::{Error, Result};

/// The source of a call made in this app's own window (no network address).
pub const THIS_DESK: &str = "desk";
/// Where the number of failures that locks an account is kept.
pub const LOCK_AFTER_SETTING: &str = "accounts.lock_after";
pub const DEFAULT_LOCK_AFTER: i32 = 10;
/// Consecutive failures of an account before each further try waits.
const ACCOUNT_FREE_TRIES: i32 = 3;
/// Failures from one source (any accounts) before each further try waits.
const SOURCE_FREE_TRIES: i32 = 20;
/// A source's failures older than this are forgotten.
const SOURCE_WINDOW: Duration = Duration::minutes(15);
const LONGEST_WAIT: Duration = Duration::seconds(60);

/// Whose failures a counter holds.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    Account(i32),
    Source(&'a str),
}

impl Subject<'_> {
    fn condition(self) -> sea_orm::Condition {
        match self {
            Self::Account(id) => sea_orm::Condition::all().add(sign_in_failure::Column::StaffId.eq(id)),
            Self::Source(s) => sea_orm::Condition::all().add(sign_in_failure::Column::Source.eq(s)),
        }
    }
}

/// How long after the last of `failures` the next try must wait: none for the first
/// `free` ones, then 1 s, 2 s, 4 s… up to a minute.
pub fn wait_after(failures: i32, free: i32) -> Duration {
    if failures < free {
        return Duration::zero();
    }
    let doubling = std::cmp::min(u32::try_from(failures - free).unwrap_or(0), 6);
    std::cmp::min(Duration::seconds(1 << doubling), LONGEST_WAIT)
}

/// The number of failures that locks an account (a setting; 10 unless changed).
pub async fn lock_after(db: &impl ConnectionTrait) -> Result<i32> {
    let row = setting::Entity::find_by_id(LOCK_AFTER_SETTING).one(db).await?;
    Ok(row.and_then(|r| r.value.parse::<i32>().ok()).map_or(DEFAULT_LOCK_AFTER, |n| n.clamp(3, 100)))
}

/// The counter of `subject`, made if missing, locked for this transaction on PostgreSQL
/// (SQLite's write transaction already holds the whole database).
async fn counter(
    db: &impl ConnectionTrait,
    subject: Subject<'_>,
    now: DateTime<Utc>,
) -> Result<sign_in_failure::Model> {
    let (staff_id, source, column) = match subject {
        Subject::Account(id) => (Some(id), None, sign_in_failure::Column::StaffId),
        Subject::Source(s) => (None, Some(s.to_owned()), sign_in_failure::Column::Source),
    };
    let blank = sign_in_failure::ActiveModel {
        id: NotSet,
        staff_id: Set(staff_id),
        source: Set(source),
        failures: Set(0),
        last_failure_at: Set(now),
        locked_at: Set(None),
    };
    sign_in_failure::Entity::insert(blank).on_conflict_do_nothing_on([column]).exec_without_returning(db).await?;
    let mut select = sign_in_failure::Entity::find().filter(subject.condition());
    if db.get_database_backend() == DbBackend::Postgres {
        select = select.lock_exclusive();
    }
    select.one(db).await?.ok_or_else(|| Error::Internal("sign-in counter missing".into()))
}

/// Admits one sign-in try from `source` for `account` (when the name is one), or refuses
/// it (`account_locked`, `rate_limited` with the seconds to wait). The try is counted as a
/// failure before the password is checked, so tries made at once cannot all slip past the
/// wait; `succeeded` takes it back. In the caller's write transaction.
pub async fn admit(db: &impl ConnectionTrait, now: DateTime<Utc>, account: Option<i32>, source: &str) -> Result<()> {
    let from = counter(db, Subject::Source(source), now).await?;
    let recent = if now - from.last_failure_at > SOURCE_WINDOW { 0 } else { from.failures };
    refuse_before(from.last_failure_at, wait_after(recent, SOURCE_FREE_TRIES), now)?;
    if let Some(id) = account {
        let of = counter(db, Subject::Account(id), now).await?;
        if of.locked_at.is_some() {
            return Err(Error::AccountLocked);
        }
        refuse_before(of.last_failure_at, wait_after(of.failures, ACCOUNT_FREE_TRIES), now)?;
        count_failure(db, Subject::Account(id), now).await?;
    }
    let restart = recent == 0 && from.failures > 0;
    if restart {
        reset(db, Subject::Source(source)).await?;
    }
    count_failure(db, Subject::Source(source), now).await
}

/// Refuses a try before `wait` has passed since the last failure. A last failure "after"
/// `now` (a clock set back, a desk whose clock runs ahead) counts as now: a wrong clock
/// must never refuse for longer than the wait, nor at all when there is none.
fn refuse_before(last_failure: DateTime<Utc>, wait: Duration, now: DateTime<Utc>) -> Result<()> {
    let until = std::cmp::min(last_failure, now) + wait;
    if until <= now {
        return Ok(());
    }
    // Whole seconds, rounded up: "try again in 0 seconds" would be wrong.
    let ms = (until - now).num_milliseconds();
    Err(Error::RateLimited((ms + 999) / 1000))
}

async fn count_failure(db: &impl ConnectionTrait, subject: Subject<'_>, now: DateTime<Utc>) -> Result<()> {
    sign_in_failure::Entity::update_many()
        .col_expr(sign_in_failure::Column::Failures, Expr::col(sign_in_failure::Column::Failures).add(1))
        .col_expr(sign_in_failure::Column::LastFailureAt, Expr::value(now))
        .filter(subject.condition())
        .exec(db)
        .await?;
    Ok(())
}

async fn reset(db: &impl ConnectionTrait, subject: Subject<'_>) -> Result<()> {
    sign_in_failure::Entity::update_many()
        .col_expr(sign_in_failure::Column::Failures, Expr::value(0))
        .col_expr(sign_in_failure::Column::LockedAt, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(subject.condition())
        .exec(db)
        .await?;
    Ok(())
}

/// The try succeeded: the account starts afresh and the source's count of it is taken back.
pub async fn succeeded(db: &impl ConnectionTrait, account: i32, source: &str) -> Result<()> {
    reset(db, Subject::Account(account)).await?;
    sign_in_failure::Entity::update_many()
        .col_expr(sign_in_failure::Column::Failures, Expr::col(sign_in_failure::Column::Failures).sub(1))
        .filter(Subject::Source(source).condition())
        .filter(sign_in_failure::Column::Failures.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// The try failed (already counted): locks the account when its failures reached the
/// limit. True when this failure locked it.
pub async fn failed(db: &impl ConnectionTrait, now: DateTime<Utc>, account: i32) -> Result<bool> {
    let limit = lock_after(db).await?;
    let locked = sign_in_failure::Entity::update_many()
        .col_expr(sign_in_failure::Column::LockedAt, Expr::value(Some(now)))
        .filter(Subject::Account(account).condition())
        .filter(sign_in_failure::Column::Failures.gte(limit))
        .filter(sign_in_failure::Column::LockedAt.is_null())
        .exec(db)
        .await?;
    Ok(locked.rows_affected > 0)
}

/// A manager unlocks an account. True when it was locked.
pub async fn unlock(db: &impl ConnectionTrait, account: i32) -> Result<bool> {
    let was = is_locked(db, account).await?;
    reset(db, Subject::Account(account)).await?;
    Ok(was)
}

pub async fn is_locked(db: &impl ConnectionTrait, account: i32) -> Result<bool> {
    Ok(sign_in_failure::Entity::find()
        .filter(Subject::Account(account).condition())
        .filter(sign_in_failure::Column::LockedAt.is_not_null())
        .one(db)
        .await?
        .is_some())
}

/// Which of `ids` are locked.
pub async fn locked_among(db: &impl ConnectionTrait, ids: Vec<i32>) -> Result<std::collections::HashSet<i32>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<Option<i32>> = sign_in_failure::Entity::find()
        .select_only()
        .column(sign_in_failure::Column::StaffId)
        .filter(sign_in_failure::Column::StaffId.is_in(ids))
        .filter(sign_in_failure::Column::LockedAt.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_to_a_minute() {
        let w = |n| wait_after(n, ACCOUNT_FREE_TRIES).num_seconds();
        assert_eq!([w(0), w(2), w(3), w(4), w(5), w(8), w(9), w(50)], [0, 0, 1, 2, 4, 32, 60, 60]);
    }

    #[test]
    fn a_clock_set_back_refuses_no_longer_than_the_wait() {
        let now = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).expect("time");
        let ahead = now + Duration::days(40);
        assert!(refuse_before(ahead, Duration::zero(), now).is_ok());
        assert!(matches!(refuse_before(ahead, Duration::seconds(4), now), Err(Error::RateLimited(4))));
        assert!(matches!(
            refuse_before(now - Duration::seconds(1), Duration::seconds(4), now),
            Err(Error::RateLimited(3))
        ));
        assert!(refuse_before(now - Duration::seconds(4), Duration::seconds(4), now).is_ok());
    }
}
