//! Buildings and units.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::sea_query::ExprTrait;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::occupancy::{OccupancyRow, occupancy_rows};
use super::search;
use crate::app::Cx;
use crate::db;
use crate::domain::{ChangeAction, HistoryEntity, UnitStatus, UnitUse, validate};
use crate::entities::{building, customer, occupancy, unit};
use crate::error::{Error, Result};
use crate::page::{Page, page, paging};
use crate::record::history::{self, Snapshot};
use crate::record::versioned;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct UnitQuery {
    pub building_id: Option<i32>,
    pub floor: Option<i32>,
    pub use_kind: Option<UnitUse>,
    pub status: Option<UnitStatus>,
    pub search: Option<String>,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct UnitRow {
    pub id: i32,
    pub building_id: i32,
    pub building_name: String,
    pub number: String,
    pub floor: i32,
    /// Exact decimal square metres, e.g. "85.50".
    pub area_m2: String,
    pub use_kind: UnitUse,
    pub status: UnitStatus,
    /// Names of the current occupants.
    pub occupants: String,
}

/// "A-1203" → building code "A" and number prefix "1203"; "1203" → any building.
fn parse_unit_search(s: &str) -> (Option<String>, String) {
    let s = s.trim();
    match s.split_once(['-', ' ']) {
        Some((code, number)) if !code.is_empty() && code.chars().all(|c| c.is_alphanumeric()) => {
            (Some(code.to_uppercase()), number.trim().to_owned())
        }
        _ => (None, s.to_owned()),
    }
}

/// Units whose label matches `search`, as a condition on `unit.id`-bearing queries.
pub fn unit_search_condition(search_text: &str) -> Option<sea_orm::Condition> {
    let (code, number) = parse_unit_search(search_text);
    if number.is_empty() && code.is_none() {
        return None;
    }
    let mut cond = sea_orm::Condition::all();
    if !number.is_empty() {
        let end = search::prefix_end(&number)?;
        cond = cond.add(unit::Column::Number.gte(number)).add(unit::Column::Number.lt(end));
    }
    if let Some(code) = code {
        cond = cond.add(
            unit::Column::BuildingId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(building::Column::Id)
                    .from(building::Entity)
                    .and_where(Expr::col(building::Column::Code).eq(code))
                    .to_owned(),
            ),
        );
    }
    Some(cond)
}

pub async fn list(cx: Cx, q: UnitQuery) -> Result<Page<UnitRow>> {
    let mut select = unit::Entity::find();
    if let Some(b) = q.building_id {
        select = select.filter(unit::Column::BuildingId.eq(b));
    }
    if let Some(f) = q.floor {
        select = select.filter(unit::Column::Floor.eq(f));
    }
    if let Some(u) = q.use_kind {
        select = select.filter(unit::Column::UseKind.eq(u));
    }
    if let Some(s) = q.status {
        select = select.filter(unit::Column::Status.eq(s));
    }
    if let Some(cond) = q.search.as_deref().and_then(unit_search_condition) {
        select = select.filter(cond);
    }
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = paging(q.page, q.page_size);
    let units = select
        .order_by_asc(unit::Column::BuildingId)
        .order_by_asc(unit::Column::Floor)
        .order_by_asc(unit::Column::Number)
        .offset(offset)
        .limit(limit)
        .all(&cx.db)
        .await?;
    let rows = unit_rows(&cx.db, units, cx.now.date_naive()).await?;
    Ok(page(rows, total, q.page, q.page_size))
}

/// Display rows for a page of units: building names and current occupants, in two queries.
pub async fn unit_rows(db: &impl ConnectionTrait, units: Vec<unit::Model>, today: NaiveDate) -> Result<Vec<UnitRow>> {
    let names: HashMap<i32, String> =
        building::Entity::find().all(db).await?.into_iter().map(|b| (b.id, b.name)).collect();
    let ids: Vec<i32> = units.iter().map(|u| u.id).collect();
    let current: Vec<(i32, String)> = occupancy::Entity::find()
        .select_only()
        .column(occupancy::Column::UnitId)
        .column(customer::Column::Name)
        .inner_join(customer::Entity)
        .filter(occupancy::Column::UnitId.is_in(ids))
        .filter(occupancy::Column::StartDate.lte(today))
        .filter(occupancy::Column::EndDate.is_null().or(occupancy::Column::EndDate.gt(today)))
        .order_by_asc(occupancy::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut occupants: HashMap<i32, Vec<String>> = HashMap::new();
    for (unit_id, name) in current {
        let list = occupants.entry(unit_id).or_default();
        if !list.contains(&name) {
            list.push(name);
        }
    }
    Ok(units
        .into_iter()
        .map(|u| UnitRow {
            building_name: names.get(&u.building_id).cloned().unwrap_or_default(),
            occupants: occupants.remove(&u.id).unwrap_or_default().join("、"),
            area_m2: validate::area_text(u.area_centi_m2),
            id: u.id,
            building_id: u.building_id,
            number: u.number,
            floor: u.floor,
            use_kind: u.use_kind,
            status: u.status,
        })
        .collect())
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct UnitGet {
    pub id: i32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct UnitDetail {
    pub unit: UnitRow,
    pub version: i32,
    pub occupancies: Vec<OccupancyRow>,
}

async fn detail(db: &impl ConnectionTrait, id: i32, today: NaiveDate) -> Result<UnitDetail> {
    let u = unit::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound)?;
    let version = u.version;
    let occ = occupancy::Entity::find()
        .filter(occupancy::Column::UnitId.eq(id))
        .order_by_desc(occupancy::Column::StartDate)
        .order_by_desc(occupancy::Column::Id)
        .all(db)
        .await?;
    let occupancies = occupancy_rows(db, occ, today).await?;
    let unit = unit_rows(db, vec![u], today).await?.into_iter().next().ok_or(Error::NotFound)?;
    Ok(UnitDetail { unit, version, occupancies })
}

pub async fn get(cx: Cx, input: UnitGet) -> Result<UnitDetail> {
    detail(&cx.db, input.id, cx.now.date_naive()).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct UnitUpdate {
    pub id: i32,
    pub version: i32,
    pub use_kind: UnitUse,
    pub status: UnitStatus,
    pub area_m2: String,
}

pub(crate) fn snapshot(u: &unit::Model) -> Snapshot {
    vec![
        ("use_kind", Some(u.use_kind.as_str().to_owned())),
        ("status", Some(u.status.as_str().to_owned())),
        ("area_m2", Some(validate::area_text(u.area_centi_m2))),
    ]
}

pub async fn update(cx: Cx, input: UnitUpdate) -> Result<UnitDetail> {
    let actor = cx.actor()?;
    let area = validate::area_centi(&input.area_m2).ok_or_else(|| Error::field("area_m2", "validation.area"))?;
    let txn = db::begin_write(&cx.db).await?;
    let old = unit::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    let new = versioned::update::<unit::Entity>(
        &txn,
        input.id,
        input.version,
        unit::ActiveModel {
            use_kind: Set(input.use_kind),
            status: Set(input.status),
            area_centi_m2: Set(area),
            updated_at: Set(cx.now),
            ..Default::default()
        },
    )
    .await?;
    history::by(
        &txn,
        cx.now,
        actor,
        HistoryEntity::Unit,
        input.id,
        ChangeAction::Update,
        history::diff(&snapshot(&old), &snapshot(&new)),
    )
    .await?;
    txn.commit().await?;
    detail(&cx.db, input.id, cx.now.date_naive()).await
}
