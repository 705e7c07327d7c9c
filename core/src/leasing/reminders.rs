//! Reminders for the leasing desk: leases ending within 90, 60 and 30 days (renew or
//! list again), commissions due, viewings whose reminder time has come; and the owner's
//! view of their units' leases on the customer page. "Today" is the call's time, never the clock.

use rust_i18n::t;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::referrals::{CommissionRow, LeaseRow, commission_rows, lease_rows};
use super::rules;
use super::viewings::{ViewingRow, viewing_rows};
use crate::app::Cx;
use crate::domain::{LeasingReminderKind, OccupancyRole, ViewingStatus, validate};
use crate::entities::{commission, lease, occupancy, viewing};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Deserialize, TS)]
pub struct LeasingRemindersQuery {
    /// YYYY-MM-DD; blank for today.
    pub date: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct LeasesOfOwner {
    pub customer_id: i32,
    /// YYYY-MM-DD; blank for today.
    pub date: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct LeaseReminder {
    pub lease: LeaseRow,
    /// lease_ending_30/60/90; null when the lease ends later than 90 days out.
    pub kind: Option<LeasingReminderKind>,
    pub days_left: i64,
    /// In the caller's language: "Lease ends in 25 days (2026-12-22): renew or list again".
    pub text: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct LeasingReminders {
    pub as_of: String,
    /// Leases ending within 90 days, soonest first.
    pub leases: Vec<LeaseReminder>,
    /// Unpaid commissions due on or before the date plus 30 days, oldest first.
    pub commissions_due: Vec<CommissionRow>,
    /// Scheduled viewings whose reminder time has come.
    pub viewings: Vec<ViewingRow>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct OwnerLeases {
    pub as_of: String,
    /// Leases of the owner's units not yet ended, soonest end first; those ending within
    /// 90 days carry their reminder.
    pub leases: Vec<LeaseReminder>,
}

fn as_of(cx: &Cx, date: &Option<String>) -> Result<chrono::NaiveDate> {
    match validate::clean_opt(date) {
        None => Ok(cx.now.date_naive()),
        Some(d) => validate::date(&d).ok_or_else(|| Error::field("date", "validation.date")),
    }
}

fn reminder(l: LeaseRow, today: chrono::NaiveDate, locale: &str) -> LeaseReminder {
    let ends = validate::date(&l.ends_on).unwrap_or(today);
    let days_left = (ends - today).num_days();
    let kind = rules::lease_bucket(ends, today);
    let text =
        t!("leasing.reminder.lease_ending", locale = locale, days = days_left, date = l.ends_on.clone()).into_owned();
    LeaseReminder { lease: l, kind, days_left, text }
}

pub async fn reminders(cx: Cx, q: LeasingRemindersQuery) -> Result<LeasingReminders> {
    cx.actor()?;
    let today = as_of(&cx, &q.date)?;
    let leases = lease::Entity::find()
        .filter(lease::Column::EndsOn.gte(today))
        .filter(lease::Column::EndsOn.lte(today + chrono::Duration::days(90)))
        .order_by_asc(lease::Column::EndsOn)
        .order_by_asc(lease::Column::Id)
        .limit(500)
        .all(&cx.db)
        .await?;
    let due = commission::Entity::find()
        .filter(commission::Column::PaidOn.is_null())
        .filter(commission::Column::DueOn.lte(today + chrono::Duration::days(30)))
        .order_by_asc(commission::Column::DueOn)
        .order_by_asc(commission::Column::Id)
        .limit(500)
        .all(&cx.db)
        .await?;
    let views = viewing::Entity::find()
        .filter(viewing::Column::Status.eq(ViewingStatus::Scheduled))
        .filter(viewing::Column::RemindAt.lte(cx.now))
        .filter(viewing::Column::StartsAt.gte(cx.now - chrono::Duration::hours(12)))
        .order_by_asc(viewing::Column::StartsAt)
        .limit(200)
        .all(&cx.db)
        .await?;
    Ok(LeasingReminders {
        as_of: today.to_string(),
        leases: lease_rows(&cx.db, leases).await?.into_iter().map(|l| reminder(l, today, cx.locale())).collect(),
        commissions_due: commission_rows(&cx.db, due).await?,
        viewings: viewing_rows(&cx.db, views, cx.locale(), cx.now).await?,
    })
}

/// The owner's units: listed by them, or held with a current owner occupancy.
pub async fn leases_of_owner(cx: Cx, q: LeasesOfOwner) -> Result<OwnerLeases> {
    cx.actor()?;
    let today = as_of(&cx, &q.date)?;
    let owned: Vec<i32> = occupancy::Entity::find()
        .select_only()
        .column(occupancy::Column::UnitId)
        .filter(occupancy::Column::CustomerId.eq(q.customer_id))
        .filter(occupancy::Column::Role.eq(OccupancyRole::Owner))
        .filter(occupancy::Column::StartDate.lte(today))
        .filter(
            sea_orm::Condition::any()
                .add(occupancy::Column::EndDate.is_null())
                .add(occupancy::Column::EndDate.gt(today)),
        )
        .into_tuple()
        .all(&cx.db)
        .await?;
    let leases = lease::Entity::find()
        .filter(lease::Column::EndsOn.gte(today))
        .filter(
            sea_orm::Condition::any()
                .add(lease::Column::OwnerId.eq(q.customer_id))
                .add(lease::Column::UnitId.is_in(owned)),
        )
        .order_by_asc(lease::Column::EndsOn)
        .order_by_asc(lease::Column::Id)
        .limit(200)
        .all(&cx.db)
        .await?;
    Ok(OwnerLeases {
        as_of: today.to_string(),
        leases: lease_rows(&cx.db, leases).await?.into_iter().map(|l| reminder(l, today, cx.locale())).collect(),
    })
}
