//! Small items left at the desk (寄存): what, brought by whom, for which unit or
//! customer, kept where; collected by whom and when.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, NotSet, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::common::{Names, check_refs, history_of, text};
use crate::app::Cx;
use crate::db;
use crate::directory::customers::ChangeEntry;
use crate::domain::{ChangeAction, HistoryEntity, StorageStatus};
use crate::entities::storage_item;
use crate::error::{Error, Problems, Result};
use crate::page::{Page, page, paging};
use crate::record::history::{self, Snapshot, diff};
use crate::record::versioned;

#[derive(Debug, Clone, Serialize, TS)]
pub struct StorageRow {
    pub id: i32,
    pub version: i32,
    pub status: StorageStatus,
    pub description: String,
    pub unit_id: Option<i32>,
    pub unit_label: Option<String>,
    pub customer_id: Option<i32>,
    pub customer_name: Option<String>,
    /// Who brought it.
    pub deposited_by: String,
    /// Who is to collect it.
    pub deposited_for: String,
    /// Where it is kept.
    pub location: String,
    pub notes: String,
    /// RFC 3339.
    pub deposited_at: String,
    pub received_by_name: String,
    pub collected_at: Option<String>,
    pub collected_by: Option<String>,
    pub handed_over_by_name: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct StorageDetail {
    pub item: StorageRow,
    pub history: Vec<ChangeEntry>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StorageQuery {
    pub status: Option<StorageStatus>,
    pub unit_id: Option<i32>,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StorageGet {
    pub id: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StorageDeposit {
    /// What it is ("a box of documents", "keys").
    pub description: String,
    pub unit_id: Option<i32>,
    pub customer_id: Option<i32>,
    pub deposited_by: String,
    pub deposited_for: String,
    pub location: String,
    pub notes: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StorageCollect {
    pub id: i32,
    pub version: i32,
    pub collected_by: String,
}

async fn rows(db: &impl sea_orm::ConnectionTrait, items: Vec<storage_item::Model>) -> Result<Vec<StorageRow>> {
    let units = items.iter().filter_map(|m| m.unit_id).collect();
    let customers = items.iter().filter_map(|m| m.customer_id).collect();
    let staff = items.iter().flat_map(|m| [Some(m.received_by), m.handed_over_by]).flatten().collect();
    let n = Names::of(db, units, customers, staff).await?;
    Ok(items
        .into_iter()
        .map(|m| StorageRow {
            id: m.id,
            version: m.version,
            status: m.status,
            description: m.description,
            unit_id: m.unit_id,
            unit_label: n.unit(m.unit_id),
            customer_id: m.customer_id,
            customer_name: n.customer(m.customer_id),
            deposited_by: m.deposited_by,
            deposited_for: m.deposited_for,
            location: m.location,
            notes: m.notes,
            deposited_at: m.deposited_at.to_rfc3339(),
            received_by_name: n.staff(Some(m.received_by)).unwrap_or_default(),
            collected_at: m.collected_at.map(|t| t.to_rfc3339()),
            collected_by: m.collected_by,
            handed_over_by_name: n.staff(m.handed_over_by),
        })
        .collect())
}

async fn row(db: &impl sea_orm::ConnectionTrait, m: storage_item::Model) -> Result<StorageRow> {
    rows(db, vec![m]).await?.pop().ok_or(Error::NotFound)
}

pub async fn list(cx: Cx, q: StorageQuery) -> Result<Page<StorageRow>> {
    cx.actor()?;
    let mut select = storage_item::Entity::find();
    if let Some(s) = q.status {
        select = select.filter(storage_item::Column::Status.eq(s));
    }
    if let Some(u) = q.unit_id {
        select = select.filter(storage_item::Column::UnitId.eq(u));
    }
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = paging(q.page, q.page_size);
    let items = select
        .order_by_desc(storage_item::Column::DepositedAt)
        .order_by_desc(storage_item::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(&cx.db)
        .await?;
    Ok(page(rows(&cx.db, items).await?, total, q.page, q.page_size))
}

pub async fn get(cx: Cx, input: StorageGet) -> Result<StorageDetail> {
    cx.actor()?;
    let m = storage_item::Entity::find_by_id(input.id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    Ok(StorageDetail {
        item: row(&cx.db, m).await?,
        history: history_of(&cx.db, HistoryEntity::StorageItem, input.id).await?,
    })
}

fn snapshot(m: &storage_item::Model) -> Snapshot {
    vec![
        ("description", Some(m.description.clone())),
        ("unit_id", m.unit_id.map(|c| c.to_string())),
        ("customer_id", m.customer_id.map(|c| c.to_string())),
        ("deposited_by", Some(m.deposited_by.clone())),
        ("deposited_for", Some(m.deposited_for.clone())),
        ("location", Some(m.location.clone())),
        ("notes", Some(m.notes.clone())),
        ("status", Some(m.status.as_str().to_owned())),
        ("collected_by", m.collected_by.clone()),
    ]
}

pub async fn deposit(cx: Cx, input: StorageDeposit) -> Result<StorageRow> {
    let actor = cx.actor()?;
    let mut p = Problems::default();
    let description = text(&mut p, "description", &input.description, 500, true);
    let deposited_by = text(&mut p, "deposited_by", &input.deposited_by, 200, true);
    let deposited_for = text(&mut p, "deposited_for", &input.deposited_for, 200, false);
    let location = text(&mut p, "location", &input.location, 100, false);
    let notes = text(&mut p, "notes", &input.notes, 2000, false);
    // Someone must be able to collect it: a unit, a customer or a name.
    p.check(
        input.unit_id.is_some() || input.customer_id.is_some() || !deposited_for.is_empty(),
        "deposited_for",
        "validation.required",
    );
    let txn = db::begin_write(&cx.db).await?;
    check_refs(&txn, &mut p, input.unit_id, input.customer_id).await?;
    p.into_result()?;
    let m = storage_item::ActiveModel {
        id: NotSet,
        description: Set(description),
        unit_id: Set(input.unit_id),
        customer_id: Set(input.customer_id),
        deposited_by: Set(deposited_by),
        deposited_for: Set(deposited_for),
        location: Set(location),
        notes: Set(notes),
        status: Set(StorageStatus::Stored),
        deposited_at: Set(cx.now),
        received_by: Set(actor.id()),
        collected_at: Set(None),
        collected_by: Set(None),
        handed_over_by: Set(None),
        version: Set(1),
        created_at: Set(cx.now),
        updated_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    let changes = diff(&Vec::new(), &snapshot(&m))
        .into_iter()
        .filter(|c| c.new.as_deref().is_some_and(|v| !v.is_empty()))
        .collect();
    history::by(&txn, cx.now, actor, HistoryEntity::StorageItem, m.id, ChangeAction::Create, changes).await?;
    txn.commit().await?;
    row(&cx.db, m).await
}

/// Releases a stored item; one already collected is refused (`validation.already_collected`).
pub async fn collect(cx: Cx, input: StorageCollect) -> Result<StorageRow> {
    let actor = cx.actor()?;
    let mut p = Problems::default();
    let collected_by = text(&mut p, "collected_by", &input.collected_by, 200, true);
    p.into_result()?;
    let txn = db::begin_write(&cx.db).await?;
    let old = storage_item::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    if old.status != StorageStatus::Stored {
        return Err(Error::field("id", "validation.already_collected"));
    }
    let changes = storage_item::ActiveModel {
        status: Set(StorageStatus::Collected),
        collected_at: Set(Some(cx.now)),
        collected_by: Set(Some(collected_by)),
        handed_over_by: Set(Some(actor.id())),
        updated_at: Set(cx.now),
        ..Default::default()
    };
    let new = versioned::update::<storage_item::Entity>(&txn, input.id, input.version, changes).await?;
    let changes = diff(&snapshot(&old), &snapshot(&new));
    history::by(&txn, cx.now, actor, HistoryEntity::StorageItem, new.id, ChangeAction::Update, changes).await?;
    txn.commit().await?;
    row(&cx.db, new).await
}
