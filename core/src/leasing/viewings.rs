//! Viewings: appointments for the leasing desk's calendar (day and week views), with a
//! reminder time. Scheduling moves a referred referral to viewing_scheduled; recording a
//! viewing as done moves it to viewed.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::common::{self, names_of_staff};
use super::referrals::{ReferralDetail, detail as referral_detail, referral_rows, write_stage};
use super::rules;
use crate::app::Cx;
use crate::db;
use crate::domain::{ReferralStage, Role, ViewingStatus, validate};
use crate::entities::{referral, staff, viewing};
use crate::error::{Error, Problems, Result};
use crate::record::versioned;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ViewingSchedule {
    pub referral_id: i32,
    /// RFC 3339.
    pub starts_at: String,
    pub ends_at: String,
    /// Who shows the unit; null for the caller.
    pub staff_id: Option<i32>,
    /// When the calendar reminds (RFC 3339); null for none.
    pub remind_at: Option<String>,
    pub notes: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ViewingEdit {
    pub id: i32,
    pub version: i32,
    pub starts_at: String,
    pub ends_at: String,
    pub staff_id: Option<i32>,
    pub remind_at: Option<String>,
    pub notes: String,
    /// Cancels the appointment (the referral stays where it is).
    pub cancel: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ViewingRecord {
    pub id: i32,
    pub version: i32,
    /// How it went.
    pub notes: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ViewingQuery {
    /// RFC 3339 instants: viewings starting in [from, to).
    pub from: String,
    pub to: String,
    pub staff_id: Option<i32>,
    pub include_cancelled: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ViewingRow {
    pub id: i32,
    pub version: i32,
    pub referral_id: i32,
    pub referral_stage: ReferralStage,
    pub listing_id: i32,
    pub listing_title: String,
    pub unit_label: String,
    pub prospect_id: i32,
    pub prospect_name: String,
    pub prospect_language: String,
    pub agency_name: Option<String>,
    pub starts_at: String,
    pub ends_at: String,
    pub staff_id: i32,
    pub staff_name: String,
    pub status: ViewingStatus,
    pub remind_at: Option<String>,
    /// Scheduled, and its reminder time has come (as of the call).
    pub remind_now: bool,
    pub notes: String,
}

fn instant(p: &mut Problems, field: &str, v: &str) -> DateTime<Utc> {
    match DateTime::parse_from_rfc3339(v.trim()) {
        Ok(t) => t.with_timezone(&Utc),
        Err(_) => {
            p.add(field, "validation.datetime");
            DateTime::<Utc>::default()
        }
    }
}

struct Clean {
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    remind_at: Option<DateTime<Utc>>,
    notes: String,
}

fn clean(starts_at: &str, ends_at: &str, remind_at: &Option<String>, notes: &str) -> Result<Clean> {
    let mut p = Problems::default();
    let s = instant(&mut p, "starts_at", starts_at);
    let e = instant(&mut p, "ends_at", ends_at);
    p.check(e > s, "ends_at", "validation.date_order");
    let remind_at = validate::clean_opt(remind_at).map(|r| instant(&mut p, "remind_at", &r));
    if let Some(r) = remind_at {
        p.check(r <= s, "remind_at", "validation.remind_after_start");
    }
    let notes = common::text(&mut p, "notes", notes, 2000, false);
    p.into_result()?;
    Ok(Clean { starts_at: s, ends_at: e, remind_at, notes })
}

/// The person showing the unit: leasing staff or a manager, active.
async fn check_staff(db: &impl ConnectionTrait, id: i32) -> Result<()> {
    match staff::Entity::find_by_id(id).one(db).await? {
        Some(s) if s.active && matches!(s.role, Role::Leasing | Role::Manager) => Ok(()),
        _ => Err(Error::field("staff_id", "validation.viewing_staff")),
    }
}

pub async fn schedule(cx: Cx, input: ViewingSchedule) -> Result<ReferralDetail> {
    let actor = cx.actor()?;
    let c = clean(&input.starts_at, &input.ends_at, &input.remind_at, &input.notes)?;
    let staff_id = input.staff_id.unwrap_or(actor.id());
    let txn = db::begin_write(&cx.db).await?;
    check_staff(&txn, staff_id).await?;
    let r = referral::Entity::find_by_id(input.referral_id).one(&txn).await?.ok_or(Error::NotFound)?;
    if !rules::is_open(r.stage) {
        return Err(Error::field("referral_id", "validation.referral_closed"));
    }
    viewing::ActiveModel {
        id: NotSet,
        referral_id: Set(r.id),
        starts_at: Set(c.starts_at),
        ends_at: Set(c.ends_at),
        staff_id: Set(staff_id),
        status: Set(ViewingStatus::Scheduled),
        remind_at: Set(c.remind_at),
        notes: Set(c.notes),
        version: Set(1),
        created_at: Set(cx.now),
        updated_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    if r.stage == ReferralStage::Referred {
        write_stage(&txn, &cx, &r, ReferralStage::ViewingScheduled, None, "").await?;
    } else {
        // Later viewings leave the stage; the referral row still takes writers in turn.
        versioned::update::<referral::Entity>(
            &txn,
            r.id,
            r.version,
            referral::ActiveModel { updated_at: Set(cx.now), ..Default::default() },
        )
        .await?;
    }
    txn.commit().await?;
    referral_detail(&cx, r.id).await
}

pub async fn edit(cx: Cx, input: ViewingEdit) -> Result<ViewingRow> {
    cx.actor()?;
    let c = clean(&input.starts_at, &input.ends_at, &input.remind_at, &input.notes)?;
    let txn = db::begin_write(&cx.db).await?;
    let v = viewing::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    if v.status != ViewingStatus::Scheduled {
        return Err(Error::field("id", "validation.viewing_not_scheduled"));
    }
    let staff_id = input.staff_id.unwrap_or(v.staff_id);
    check_staff(&txn, staff_id).await?;
    let row = viewing::ActiveModel {
        starts_at: Set(c.starts_at),
        ends_at: Set(c.ends_at),
        staff_id: Set(staff_id),
        remind_at: Set(c.remind_at),
        notes: Set(c.notes),
        status: Set(if input.cancel { ViewingStatus::Cancelled } else { ViewingStatus::Scheduled }),
        updated_at: Set(cx.now),
        ..Default::default()
    };
    let v = versioned::update::<viewing::Entity>(&txn, v.id, input.version, row).await?;
    txn.commit().await?;
    viewing_rows(&cx.db, vec![v], cx.locale(), cx.now).await?.pop().ok_or(Error::NotFound)
}

pub async fn record(cx: Cx, input: ViewingRecord) -> Result<ReferralDetail> {
    cx.actor()?;
    let mut p = Problems::default();
    let notes = common::text(&mut p, "notes", &input.notes, 2000, false);
    p.into_result()?;
    let txn = db::begin_write(&cx.db).await?;
    let v = viewing::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    if v.status != ViewingStatus::Scheduled {
        return Err(Error::field("id", "validation.viewing_not_scheduled"));
    }
    let row = viewing::ActiveModel {
        status: Set(ViewingStatus::Done),
        notes: Set(notes.clone()),
        updated_at: Set(cx.now),
        ..Default::default()
    };
    let v = versioned::update::<viewing::Entity>(&txn, v.id, input.version, row).await?;
    let r = referral::Entity::find_by_id(v.referral_id).one(&txn).await?.ok_or(Error::NotFound)?;
    if matches!(r.stage, ReferralStage::Referred | ReferralStage::ViewingScheduled) {
        write_stage(&txn, &cx, &r, ReferralStage::Viewed, None, &notes).await?;
    }
    txn.commit().await?;
    referral_detail(&cx, r.id).await
}

pub async fn list(cx: Cx, q: ViewingQuery) -> Result<Vec<ViewingRow>> {
    cx.actor()?;
    let mut p = Problems::default();
    let from = instant(&mut p, "from", &q.from);
    let to = instant(&mut p, "to", &q.to);
    p.check(to > from && to - from <= chrono::Duration::days(62), "to", "validation.range");
    p.into_result()?;
    let mut select =
        viewing::Entity::find().filter(viewing::Column::StartsAt.gte(from)).filter(viewing::Column::StartsAt.lt(to));
    if let Some(s) = q.staff_id {
        select = select.filter(viewing::Column::StaffId.eq(s));
    }
    if !q.include_cancelled {
        select = select.filter(viewing::Column::Status.ne(ViewingStatus::Cancelled));
    }
    let rows = select
        .order_by_asc(viewing::Column::StartsAt)
        .order_by_asc(viewing::Column::Id)
        .limit(1000)
        .all(&cx.db)
        .await?;
    viewing_rows(&cx.db, rows, cx.locale(), cx.now).await
}

pub(crate) async fn viewing_rows(
    db: &impl ConnectionTrait,
    rows: Vec<viewing::Model>,
    locale: &str,
    now: DateTime<Utc>,
) -> Result<Vec<ViewingRow>> {
    let referrals =
        referral::Entity::find().filter(referral::Column::Id.is_in(rows.iter().map(|v| v.referral_id))).all(db).await?;
    let refs: std::collections::HashMap<i32, super::referrals::ReferralRow> =
        referral_rows(db, referrals, locale).await?.into_iter().map(|r| (r.id, r)).collect();
    let staff = names_of_staff(db, rows.iter().map(|v| v.staff_id).collect()).await?;
    Ok(rows
        .into_iter()
        .filter_map(|v| {
            let r = refs.get(&v.referral_id)?;
            Some(ViewingRow {
                id: v.id,
                version: v.version,
                referral_id: r.id,
                referral_stage: r.stage,
                listing_id: r.listing_id,
                listing_title: r.listing_title.clone(),
                unit_label: r.unit_label.clone(),
                prospect_id: r.prospect_id,
                prospect_name: r.prospect_name.clone(),
                prospect_language: r.prospect_language.clone(),
                agency_name: r.agency_name.clone(),
                starts_at: v.starts_at.to_rfc3339(),
                ends_at: v.ends_at.to_rfc3339(),
                staff_id: v.staff_id,
                staff_name: staff.get(&v.staff_id).cloned().unwrap_or_default(),
                status: v.status,
                remind_at: v.remind_at.map(|t| t.to_rfc3339()),
                remind_now: v.status == ViewingStatus::Scheduled && v.remind_at.is_some_and(|t| t <= now),
                notes: v.notes,
            })
        })
        .collect())
}
