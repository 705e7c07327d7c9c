//! Letters, newspapers and parcels received at the desk for a unit, waiting until someone
//! collects them; the hand-over records who collected, when, and that they signed.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, NotSet, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::common::{Names, check_refs, history_of, text};
use crate::app::Cx;
use crate::db;
use crate::directory::customers::ChangeEntry;
use crate::domain::{ChangeAction, HistoryEntity, MailKind, MailStatus};
use crate::entities::mail_item;
use crate::error::{Error, Problems, Result};
use crate::page::{Page, page, paging};
use crate::record::history::{self, FieldChange, Snapshot, diff};
use crate::record::versioned;

#[derive(Debug, Clone, Serialize, TS)]
pub struct MailRow {
    pub id: i32,
    pub version: i32,
    pub kind: MailKind,
    pub status: MailStatus,
    pub unit_id: i32,
    pub unit_label: String,
    pub customer_id: Option<i32>,
    pub customer_name: Option<String>,
    pub addressee: String,
    pub carrier: String,
    pub tracking_no: String,
    pub shelf: String,
    pub notes: String,
    /// RFC 3339.
    pub received_at: String,
    pub received_by_name: String,
    pub handed_over_at: Option<String>,
    pub handed_over_by_name: Option<String>,
    /// The collector's name as typed at the hand-over.
    pub collected_by: Option<String>,
    pub signed: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct MailDetail {
    pub item: MailRow,
    pub history: Vec<ChangeEntry>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct MailQuery {
    /// Null: every status.
    pub status: Option<MailStatus>,
    pub unit_id: Option<i32>,
    pub kind: Option<MailKind>,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct MailGet {
    pub id: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct MailReceive {
    pub kind: MailKind,
    /// Required: the unit the item is for.
    pub unit_id: Option<i32>,
    /// The customer it is addressed to, when known.
    pub customer_id: Option<i32>,
    /// The name on the label.
    pub addressee: String,
    pub carrier: String,
    pub tracking_no: String,
    /// Where it waits ("shelf B-3").
    pub shelf: String,
    pub notes: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct MailHandOver {
    pub id: i32,
    pub version: i32,
    /// Who collected it, as they give their name.
    pub collected_by: String,
    /// The collector signed the desk's book (or the pad).
    pub signed: bool,
}

pub(super) async fn rows(db: &impl sea_orm::ConnectionTrait, items: Vec<mail_item::Model>) -> Result<Vec<MailRow>> {
    let units = items.iter().map(|m| m.unit_id).collect();
    let customers = items.iter().filter_map(|m| m.customer_id).collect();
    let staff = items.iter().flat_map(|m| [Some(m.received_by), m.handed_over_by]).flatten().collect();
    let n = Names::of(db, units, customers, staff).await?;
    Ok(items
        .into_iter()
        .map(|m| MailRow {
            id: m.id,
            version: m.version,
            kind: m.kind,
            status: m.status,
            unit_id: m.unit_id,
            unit_label: n.unit(Some(m.unit_id)).unwrap_or_default(),
            customer_id: m.customer_id,
            customer_name: n.customer(m.customer_id),
            addressee: m.addressee,
            carrier: m.carrier,
            tracking_no: m.tracking_no,
            shelf: m.shelf,
            notes: m.notes,
            received_at: m.received_at.to_rfc3339(),
            received_by_name: n.staff(Some(m.received_by)).unwrap_or_default(),
            handed_over_at: m.handed_over_at.map(|t| t.to_rfc3339()),
            handed_over_by_name: n.staff(m.handed_over_by),
            collected_by: m.collected_by,
            signed: m.signed,
        })
        .collect())
}

async fn row(db: &impl sea_orm::ConnectionTrait, m: mail_item::Model) -> Result<MailRow> {
    rows(db, vec![m]).await?.pop().ok_or(Error::NotFound)
}

/// Waiting items first by default order: newest received first, filtered and paged in the database.
pub async fn list(cx: Cx, q: MailQuery) -> Result<Page<MailRow>> {
    cx.actor()?;
    let mut select = mail_item::Entity::find();
    if let Some(s) = q.status {
        select = select.filter(mail_item::Column::Status.eq(s));
    }
    if let Some(u) = q.unit_id {
        select = select.filter(mail_item::Column::UnitId.eq(u));
    }
    if let Some(k) = q.kind {
        select = select.filter(mail_item::Column::Kind.eq(k));
    }
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = paging(q.page, q.page_size);
    let items = select
        .order_by_desc(mail_item::Column::ReceivedAt)
        .order_by_desc(mail_item::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(&cx.db)
        .await?;
    Ok(page(rows(&cx.db, items).await?, total, q.page, q.page_size))
}

pub async fn get(cx: Cx, input: MailGet) -> Result<MailDetail> {
    cx.actor()?;
    let m = mail_item::Entity::find_by_id(input.id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    Ok(MailDetail {
        item: row(&cx.db, m).await?,
        history: history_of(&cx.db, HistoryEntity::MailItem, input.id).await?,
    })
}

fn snapshot(m: &mail_item::Model) -> Snapshot {
    vec![
        ("kind", Some(m.kind.as_str().to_owned())),
        ("unit_id", Some(m.unit_id.to_string())),
        ("customer_id", m.customer_id.map(|c| c.to_string())),
        ("addressee", Some(m.addressee.clone())),
        ("carrier", Some(m.carrier.clone())),
        ("tracking_no", Some(m.tracking_no.clone())),
        ("shelf", Some(m.shelf.clone())),
        ("notes", Some(m.notes.clone())),
        ("status", Some(m.status.as_str().to_owned())),
        ("collected_by", m.collected_by.clone()),
        ("signed", Some(m.signed.to_string())),
    ]
}

fn without_empty(changes: Vec<FieldChange>) -> Vec<FieldChange> {
    changes.into_iter().filter(|c| !(c.old.is_none() && c.new.as_deref().is_none_or(str::is_empty))).collect()
}

pub async fn receive(cx: Cx, input: MailReceive) -> Result<MailRow> {
    let actor = cx.actor()?;
    let mut p = Problems::default();
    p.check(input.unit_id.is_some(), "unit_id", "validation.required");
    let addressee = text(&mut p, "addressee", &input.addressee, 200, false);
    let carrier = text(&mut p, "carrier", &input.carrier, 100, false);
    let tracking_no = text(&mut p, "tracking_no", &input.tracking_no, 100, false);
    let shelf = text(&mut p, "shelf", &input.shelf, 100, false);
    let notes = text(&mut p, "notes", &input.notes, 2000, false);
    let txn = db::begin_write(&cx.db).await?;
    check_refs(&txn, &mut p, input.unit_id, input.customer_id).await?;
    p.into_result()?;
    let unit_id = input.unit_id.ok_or_else(|| Error::field("unit_id", "validation.required"))?;
    let m = mail_item::ActiveModel {
        id: NotSet,
        kind: Set(input.kind),
        unit_id: Set(unit_id),
        customer_id: Set(input.customer_id),
        addressee: Set(addressee),
        carrier: Set(carrier),
        tracking_no: Set(tracking_no),
        shelf: Set(shelf),
        notes: Set(notes),
        status: Set(MailStatus::Waiting),
        received_at: Set(cx.now),
        received_by: Set(actor.id()),
        handed_over_at: Set(None),
        handed_over_by: Set(None),
        collected_by: Set(None),
        signed: Set(false),
        version: Set(1),
        created_at: Set(cx.now),
        updated_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    let changes = without_empty(diff(&Vec::new(), &snapshot(&m)));
    history::by(&txn, cx.now, actor, HistoryEntity::MailItem, m.id, ChangeAction::Create, changes).await?;
    txn.commit().await?;
    row(&cx.db, m).await
}

/// Hands a waiting item over; an item already handed over is refused (`validation.already_handed_over`).
pub async fn hand_over(cx: Cx, input: MailHandOver) -> Result<MailRow> {
    let actor = cx.actor()?;
    let mut p = Problems::default();
    let collected_by = text(&mut p, "collected_by", &input.collected_by, 200, true);
    p.into_result()?;
    let txn = db::begin_write(&cx.db).await?;
    let old = mail_item::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    if old.status != MailStatus::Waiting {
        return Err(Error::field("id", "validation.already_handed_over"));
    }
    let changes = mail_item::ActiveModel {
        status: Set(MailStatus::HandedOver),
        handed_over_at: Set(Some(cx.now)),
        handed_over_by: Set(Some(actor.id())),
        collected_by: Set(Some(collected_by)),
        signed: Set(input.signed),
        updated_at: Set(cx.now),
        ..Default::default()
    };
    let new = versioned::update::<mail_item::Entity>(&txn, input.id, input.version, changes).await?;
    let changes = diff(&snapshot(&old), &snapshot(&new));
    history::by(&txn, cx.now, actor, HistoryEntity::MailItem, new.id, ChangeAction::Update, changes).await?;
    txn.commit().await?;
    row(&cx.db, new).await
}
