//! Who holds or lives in which unit, with dates. Ended occupancies stay as history.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::customers::{CustomerDetail, detail as customer_detail};
use crate::accounts::Actor;
use crate::app::Cx;
use crate::db;
use crate::domain::{ChangeAction, HistoryEntity, OccupancyRole, validate};
use crate::entities::{building, customer, occupancy, unit};
use crate::error::{Error, Result};
use crate::record::history::{self, FieldChange};
use crate::record::versioned;

#[derive(Debug, Clone, Serialize, TS)]
pub struct OccupancyRow {
    pub id: i32,
    pub version: i32,
    pub customer_id: i32,
    pub customer_name: String,
    pub unit_id: i32,
    /// Building and number, e.g. "A座 1203".
    pub unit_label: String,
    pub role: OccupancyRole,
    /// YYYY-MM-DD
    pub start_date: String,
    pub end_date: Option<String>,
    pub current: bool,
}

pub fn is_current(o: &occupancy::Model, today: NaiveDate) -> bool {
    o.start_date <= today && o.end_date.is_none_or(|e| e > today)
}

/// Who a unit's papers (mail notices, notices) are addressed to: of its current
/// occupancies, the tenant, else an occupant, else the owner; the earliest on file first.
pub fn recipient(occupancies: &[occupancy::Model], today: NaiveDate) -> Option<&occupancy::Model> {
    let rank = |r: OccupancyRole| match r {
        OccupancyRole::Tenant => 0,
        OccupancyRole::Occupant => 1,
        OccupancyRole::Owner => 2,
    };
    occupancies.iter().filter(|o| is_current(o, today)).min_by_key(|o| (rank(o.role), o.id))
}

/// [`recipient`] of each of `unit_ids` that has one, with the customer.
pub async fn recipients(
    db: &impl ConnectionTrait,
    unit_ids: &[i32],
    today: NaiveDate,
) -> Result<HashMap<i32, (OccupancyRole, customer::Model)>> {
    let mut by_unit: HashMap<i32, Vec<occupancy::Model>> = HashMap::new();
    // Bounded IN lists: both databases cap the number of bound parameters.
    for chunk in unit_ids.chunks(500) {
        let rows = occupancy::Entity::find().filter(occupancy::Column::UnitId.is_in(chunk.to_vec())).all(db).await?;
        for o in rows {
            by_unit.entry(o.unit_id).or_default().push(o);
        }
    }
    let chosen: Vec<(i32, OccupancyRole, i32)> = by_unit
        .iter()
        .filter_map(|(unit_id, list)| recipient(list, today).map(|o| (*unit_id, o.role, o.customer_id)))
        .collect();
    let mut customers: HashMap<i32, customer::Model> = HashMap::new();
    let ids: Vec<i32> = chosen.iter().map(|(_, _, c)| *c).collect();
    for chunk in ids.chunks(500) {
        for c in customer::Entity::find().filter(customer::Column::Id.is_in(chunk.to_vec())).all(db).await? {
            customers.insert(c.id, c);
        }
    }
    Ok(chosen
        .into_iter()
        .filter_map(|(unit_id, role, c)| customers.get(&c).map(|m| (unit_id, (role, m.clone()))))
        .collect())
}

/// Unit labels ("A座 1203") for the given unit ids.
pub async fn unit_labels(db: &impl ConnectionTrait, unit_ids: Vec<i32>) -> Result<HashMap<i32, String>> {
    let rows: Vec<(i32, String, String)> = unit::Entity::find()
        .select_only()
        .column(unit::Column::Id)
        .column(building::Column::Name)
        .column(unit::Column::Number)
        .inner_join(building::Entity)
        .filter(unit::Column::Id.is_in(unit_ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, b, n)| (id, format!("{b} {n}"))).collect())
}

use sea_orm::QuerySelect;

pub async fn occupancy_rows(
    db: &impl ConnectionTrait,
    occ: Vec<occupancy::Model>,
    today: NaiveDate,
) -> Result<Vec<OccupancyRow>> {
    let labels = unit_labels(db, occ.iter().map(|o| o.unit_id).collect()).await?;
    let names: HashMap<i32, String> = customer::Entity::find()
        .select_only()
        .column(customer::Column::Id)
        .column(customer::Column::Name)
        .filter(customer::Column::Id.is_in(occ.iter().map(|o| o.customer_id).collect::<Vec<_>>()))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(occ
        .into_iter()
        .map(|o| OccupancyRow {
            current: is_current(&o, today),
            customer_name: names.get(&o.customer_id).cloned().unwrap_or_default(),
            unit_label: labels.get(&o.unit_id).cloned().unwrap_or_default(),
            id: o.id,
            version: o.version,
            customer_id: o.customer_id,
            unit_id: o.unit_id,
            role: o.role,
            start_date: o.start_date.to_string(),
            end_date: o.end_date.map(|d| d.to_string()),
        })
        .collect())
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct OccupancyAdd {
    pub customer_id: i32,
    pub unit_id: i32,
    pub role: OccupancyRole,
    pub start_date: String,
}

pub(crate) fn text_of(role: OccupancyRole, label: &str, start: NaiveDate, end: Option<NaiveDate>) -> String {
    let end = end.map(|e| e.to_string()).unwrap_or_default();
    format!("{label} · {} · {start}–{end}", role.as_str())
}

pub async fn add(cx: Cx, input: OccupancyAdd) -> Result<CustomerDetail> {
    let actor = cx.actor()?;
    let start = validate::date(&input.start_date).ok_or_else(|| Error::field("start_date", "validation.date"))?;
    let txn = db::begin_write(&cx.db).await?;
    customer::Entity::find_by_id(input.customer_id).one(&txn).await?.ok_or(Error::NotFound)?;
    unit::Entity::find_by_id(input.unit_id)
        .one(&txn)
        .await?
        .ok_or_else(|| Error::field("unit_id", "validation.required"))?;
    insert(
        &txn,
        cx.now,
        actor,
        NewOccupancy { customer_id: input.customer_id, unit_id: input.unit_id, role: input.role, start },
    )
    .await?;
    txn.commit().await?;
    customer_detail(&cx, actor, input.customer_id).await
}

/// An occupancy to write in the caller's transaction (the desk's form, a signed lease).
pub struct NewOccupancy {
    pub customer_id: i32,
    pub unit_id: i32,
    pub role: OccupancyRole,
    pub start: NaiveDate,
}

/// Writes an open-ended occupancy and its history; the caller has checked the customer and unit.
pub async fn insert(
    db: &impl ConnectionTrait,
    now: chrono::DateTime<chrono::Utc>,
    actor: &Actor,
    new: NewOccupancy,
) -> Result<occupancy::Model> {
    let o = occupancy::ActiveModel {
        id: NotSet,
        customer_id: Set(new.customer_id),
        unit_id: Set(new.unit_id),
        role: Set(new.role),
        start_date: Set(new.start),
        end_date: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    let label = unit_labels(db, vec![o.unit_id]).await?.remove(&o.unit_id).unwrap_or_default();
    history::by(
        db,
        now,
        actor,
        HistoryEntity::Occupancy,
        o.id,
        ChangeAction::Create,
        vec![FieldChange { field: "occupancy".into(), old: None, new: Some(text_of(o.role, &label, new.start, None)) }],
    )
    .await?;
    Ok(o)
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct OccupancyEnd {
    pub id: i32,
    pub version: i32,
    pub end_date: String,
}

pub async fn end(cx: Cx, input: OccupancyEnd) -> Result<CustomerDetail> {
    let actor = cx.actor()?;
    let end = validate::date(&input.end_date).ok_or_else(|| Error::field("end_date", "validation.date"))?;
    let txn = db::begin_write(&cx.db).await?;
    let o = occupancy::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    if o.version != input.version {
        return Err(Error::Conflict);
    }
    if o.end_date.is_some() {
        return Err(Error::field("end_date", "validation.already_ended"));
    }
    if end < o.start_date {
        return Err(Error::field("end_date", "validation.date_order"));
    }
    let changes = occupancy::ActiveModel { end_date: Set(Some(end)), updated_at: Set(cx.now), ..Default::default() };
    versioned::update::<occupancy::Entity>(&txn, o.id, input.version, changes).await?;
    let label = unit_labels(&txn, vec![o.unit_id]).await?.remove(&o.unit_id).unwrap_or_default();
    history::by(
        &txn,
        cx.now,
        actor,
        HistoryEntity::Occupancy,
        o.id,
        ChangeAction::Update,
        vec![FieldChange {
            field: "occupancy".into(),
            old: Some(text_of(o.role, &label, o.start_date, None)),
            new: Some(text_of(o.role, &label, o.start_date, Some(end))),
        }],
    )
    .await?;
    txn.commit().await?;
    customer_detail(&cx, actor, o.customer_id).await
}
