//! Outside suppliers a work order can go to.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::common::text_field;
use crate::app::Cx;
use crate::db;
use crate::domain::{ChangeAction, HistoryEntity, validate};
use crate::entities::supplier;
use crate::error::{Error, Result};
use crate::record::history::{self, Change, Snapshot};
use crate::record::versioned;

#[derive(Debug, Clone, Serialize, TS)]
pub struct Supplier {
    pub id: i32,
    pub version: i32,
    pub name: String,
    pub trade: String,
    pub contact: String,
    pub phone: String,
    pub notes: String,
    pub active: bool,
}

fn view(s: supplier::Model) -> Supplier {
    Supplier {
        id: s.id,
        version: s.version,
        name: s.name,
        trade: s.trade,
        contact: s.contact,
        phone: s.phone,
        notes: s.notes,
        active: s.active,
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SupplierQuery {
    pub include_inactive: bool,
}

pub async fn list(cx: Cx, q: SupplierQuery) -> Result<Vec<Supplier>> {
    cx.actor()?;
    let mut select = supplier::Entity::find();
    if !q.include_inactive {
        select = select.filter(supplier::Column::Active.eq(true));
    }
    Ok(select.order_by_asc(supplier::Column::Name).all(&cx.db).await?.into_iter().map(view).collect())
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SupplierInput {
    pub name: String,
    /// What they do: "电梯维保", "plumbing".
    pub trade: String,
    pub contact: String,
    pub phone: String,
    pub notes: String,
    pub active: bool,
}

struct Clean {
    name: String,
    trade: String,
    contact: String,
    phone: String,
    notes: String,
}

fn clean(i: &SupplierInput) -> Result<Clean> {
    let name = text_field("name", &i.name, 200, true)?.unwrap_or_default();
    let trade = text_field("trade", &i.trade, 100, false)?.unwrap_or_default();
    let contact = text_field("contact", &i.contact, 100, false)?.unwrap_or_default();
    let notes = text_field("notes", &i.notes, 2000, false)?.unwrap_or_default();
    let phone = validate::clean(&i.phone).unwrap_or_default();
    if !phone.is_empty() && !validate::phone(&phone) {
        return Err(Error::field("phone", "validation.phone"));
    }
    Ok(Clean { name, trade, contact, phone, notes })
}

fn snapshot(s: &supplier::Model) -> Snapshot {
    vec![
        ("name", Some(s.name.clone())),
        ("trade", Some(s.trade.clone())),
        ("contact", Some(s.contact.clone())),
        ("phone", Some(s.phone.clone())),
        ("notes", Some(s.notes.clone())),
        ("active", Some(s.active.to_string())),
    ]
}

pub async fn create(cx: Cx, input: SupplierInput) -> Result<Supplier> {
    let actor = cx.actor()?;
    let v = clean(&input)?;
    let txn = db::begin_write(&cx.db).await?;
    let s = supplier::ActiveModel {
        id: NotSet,
        name: Set(v.name),
        trade: Set(v.trade),
        contact: Set(v.contact),
        phone: Set(v.phone),
        notes: Set(v.notes),
        active: Set(input.active),
        version: Set(1),
        created_at: Set(cx.now),
        updated_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    history::record(
        &txn,
        Change {
            at: cx.now,
            staff_id: actor.id(),
            entity: HistoryEntity::Supplier,
            entity_id: s.id,
            action: ChangeAction::Create,
            changes: history::diff(&Vec::new(), &snapshot(&s)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view(s))
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SupplierUpdate {
    pub id: i32,
    pub version: i32,
    pub supplier: SupplierInput,
}

pub async fn update(cx: Cx, input: SupplierUpdate) -> Result<Supplier> {
    let actor = cx.actor()?;
    let v = clean(&input.supplier)?;
    let txn = db::begin_write(&cx.db).await?;
    let old = supplier::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    let changes = supplier::ActiveModel {
        name: Set(v.name),
        trade: Set(v.trade),
        contact: Set(v.contact),
        phone: Set(v.phone),
        notes: Set(v.notes),
        active: Set(input.supplier.active),
        updated_at: Set(cx.now),
        ..Default::default()
    };
    let new = versioned::update::<supplier::Entity>(&txn, input.id, input.version, changes).await?;
    history::record(
        &txn,
        Change {
            at: cx.now,
            staff_id: actor.id(),
            entity: HistoryEntity::Supplier,
            entity_id: new.id,
            action: ChangeAction::Update,
            changes: history::diff(&snapshot(&old), &snapshot(&new)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view(new))
}
