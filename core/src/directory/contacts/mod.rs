//! Communication records (客户信息记录): every contact with a customer — a call, a visit,
//! a letter, a message, a notice delivered, a confirmation given — with who and when, on
//! the customer's timeline. Staff log calls, visits, letters and messages; notices and
//! confirmations are recorded by the areas that give them ([`record_many`], inside their
//! own transaction).

pub mod confirmations;

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::app::Cx;
use crate::db;
use crate::desk::rules::text::{case_number, work_order_number};
use crate::directory::occupancy::unit_labels;
use crate::domain::{ContactChannel, ContactDirection, ContactKind, validate};
use crate::entities::{contact_record, customer, service_case, staff, statement, unit, work_order};
use crate::error::{Error, Problems, Result};
use crate::page::{Page, page, paging};

const SUMMARY_MAX: usize = 2000;

/// One contact to record. Build it with [`NewContact::new`] and set what it was about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContact {
    pub customer_id: i32,
    pub unit_id: Option<i32>,
    pub kind: ContactKind,
    pub direction: ContactDirection,
    /// How a written contact reached the customer (confirmations, notices).
    pub channel: Option<ContactChannel>,
    /// What was said or given, at most 2,000 characters (longer is cut, not refused).
    pub summary: String,
    /// The language the contact was in ("zh-CN", "en", "ja", "ko").
    pub language: String,
    pub case_id: Option<i32>,
    pub work_order_id: Option<i32>,
    pub statement_id: Option<i32>,
    pub mail_item_id: Option<i32>,
    /// A notice's id (no foreign key: notices are another area's table).
    pub notice_id: Option<i32>,
    /// Who was in touch for the office.
    pub staff_id: i32,
    /// When it happened (also stored as the record's creation time).
    pub at: DateTime<Utc>,
}

impl NewContact {
    /// A contact about nothing in particular yet; set the `*_id` fields it concerns.
    pub fn new(
        customer_id: i32,
        kind: ContactKind,
        direction: ContactDirection,
        language: &str,
        summary: &str,
        staff_id: i32,
        at: DateTime<Utc>,
    ) -> Self {
        Self {
            customer_id,
            unit_id: None,
            kind,
            direction,
            channel: None,
            summary: summary.to_owned(),
            language: language.to_owned(),
            case_id: None,
            work_order_id: None,
            statement_id: None,
            mail_item_id: None,
            notice_id: None,
            staff_id,
            at,
        }
    }
}

fn active_row(c: NewContact, created_at: DateTime<Utc>) -> contact_record::ActiveModel {
    contact_record::ActiveModel {
        id: sea_orm::NotSet,
        customer_id: Set(c.customer_id),
        unit_id: Set(c.unit_id),
        kind: Set(c.kind),
        direction: Set(c.direction),
        channel: Set(c.channel),
        summary: Set(c.summary.trim().chars().take(SUMMARY_MAX).collect()),
        language: Set(c.language),
        case_id: Set(c.case_id),
        work_order_id: Set(c.work_order_id),
        statement_id: Set(c.statement_id),
        mail_item_id: Set(c.mail_item_id),
        notice_id: Set(c.notice_id),
        staff_id: Set(c.staff_id),
        at: Set(c.at),
        created_at: Set(created_at),
    }
}

/// Records contacts on customers' timelines within the caller's transaction (notice
/// deliveries, confirmations). The caller has checked who may; rows are written as given.
pub async fn record_many(db: &impl ConnectionTrait, rows: Vec<NewContact>) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let rows = rows.into_iter().map(|c| {
        let at = c.at;
        active_row(c, at)
    });
    db::insert_all(db, rows.collect()).await?;
    Ok(())
}

async fn insert_one(
    db: &impl ConnectionTrait,
    c: NewContact,
    created_at: DateTime<Utc>,
) -> Result<contact_record::Model> {
    Ok(sea_orm::ActiveModelTrait::insert(active_row(c, created_at), db).await?)
}

/// A contact a staff member logs on the customer's page.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ContactInput {
    pub customer_id: i32,
    pub unit_id: Option<i32>,
    /// call, visit, letter, message or other (notices and confirmations record themselves).
    pub kind: ContactKind,
    pub direction: ContactDirection,
    pub summary: String,
    pub language: String,
    /// When it happened (RFC 3339); now when absent.
    pub at: Option<String>,
    pub case_id: Option<i32>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ContactRow {
    pub id: i32,
    pub kind: ContactKind,
    pub direction: ContactDirection,
    pub channel: Option<ContactChannel>,
    pub summary: String,
    pub language: String,
    pub at: String,
    pub staff_name: String,
    pub unit_label: Option<String>,
    pub case_id: Option<i32>,
    pub case_number: Option<String>,
    pub work_order_id: Option<i32>,
    /// "C000123-2".
    pub work_order_number: Option<String>,
    pub statement_id: Option<i32>,
    pub statement_number: Option<String>,
    pub mail_item_id: Option<i32>,
    pub notice_id: Option<i32>,
}

/// Logs a call, visit, letter or message with a customer.
pub async fn record(cx: Cx, input: ContactInput) -> Result<ContactRow> {
    let actor = cx.actor()?;
    let mut p = Problems::default();
    let summary = validate::text(&input.summary, SUMMARY_MAX, true).unwrap_or_else(|k| {
        p.add("summary", k);
        None
    });
    p.check(
        !matches!(input.kind, ContactKind::Notice | ContactKind::Confirmation),
        "kind",
        "validation.contact_kind_recorded_elsewhere",
    );
    p.check(validate::customer_language(&input.language), "language", "validation.language");
    let at = match input.at.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Some(cx.now),
        Some(s) => match DateTime::parse_from_rfc3339(s) {
            Ok(t) => Some(t.with_timezone(&Utc)),
            Err(_) => {
                p.add("at", "validation.malformed");
                None
            }
        },
    };
    // A contact is logged after it happened (a few minutes' clock difference allowed).
    p.check(at.is_none_or(|t| t <= cx.now + Duration::minutes(5)), "at", "validation.contact_in_future");
    p.into_result()?;
    let at = at.unwrap_or(cx.now);
    let txn = db::begin_write(&cx.db).await?;
    if customer::Entity::find_by_id(input.customer_id).count(&txn).await? == 0 {
        return Err(Error::NotFound);
    }
    if let Some(u) = input.unit_id
        && unit::Entity::find_by_id(u).count(&txn).await? == 0
    {
        return Err(Error::field("unit_id", "validation.not_found"));
    }
    if let Some(c) = input.case_id
        && service_case::Entity::find_by_id(c).count(&txn).await? == 0
    {
        return Err(Error::field("case_id", "validation.not_found"));
    }
    let mut new = NewContact::new(
        input.customer_id,
        input.kind,
        input.direction,
        &input.language,
        &summary.unwrap_or_default(),
        actor.id(),
        at,
    );
    new.unit_id = input.unit_id;
    new.case_id = input.case_id;
    let row = insert_one(&txn, new, cx.now).await?;
    txn.commit().await?;
    let mut rows = contact_rows(&cx.db, vec![row]).await?;
    rows.pop().ok_or(Error::NotFound)
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ContactQuery {
    pub customer_id: i32,
    pub kind: Option<ContactKind>,
    pub page: u32,
    pub page_size: u32,
}

/// A customer's timeline, newest first, one kind or all: one index range a page.
pub async fn list(cx: Cx, q: ContactQuery) -> Result<Page<ContactRow>> {
    let mut select = contact_record::Entity::find().filter(contact_record::Column::CustomerId.eq(q.customer_id));
    if let Some(k) = q.kind {
        select = select.filter(contact_record::Column::Kind.eq(k));
    }
    let (offset, limit) = paging(q.page, q.page_size);
    let rows = select
        .clone()
        .order_by_desc(contact_record::Column::At)
        .order_by_desc(contact_record::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(&cx.db)
        .await?;
    let total =
        if offset == 0 && (rows.len() as u64) < limit { rows.len() as u64 } else { select.count(&cx.db).await? };
    Ok(page(contact_rows(&cx.db, rows).await?, total, q.page, q.page_size))
}

/// Rows with the names and numbers they refer to: one query per kind of reference.
async fn contact_rows(db: &impl ConnectionTrait, rows: Vec<contact_record::Model>) -> Result<Vec<ContactRow>> {
    let staff_ids: Vec<i32> = rows.iter().map(|r| r.staff_id).collect();
    let names: HashMap<i32, String> = staff::Entity::find()
        .select_only()
        .column(staff::Column::Id)
        .column(staff::Column::DisplayName)
        .filter(staff::Column::Id.is_in(staff_ids))
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let units = unit_labels(db, rows.iter().filter_map(|r| r.unit_id).collect()).await?;
    let orders: HashMap<i32, String> = work_order::Entity::find()
        .select_only()
        .column(work_order::Column::Id)
        .column(work_order::Column::CaseId)
        .column(work_order::Column::Seq)
        .filter(work_order::Column::Id.is_in(rows.iter().filter_map(|r| r.work_order_id).collect::<Vec<_>>()))
        .into_tuple::<(i32, i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, case, seq)| (id, work_order_number(case, seq)))
        .collect();
    let statements: HashMap<i32, String> = statement::Entity::find()
        .select_only()
        .column(statement::Column::Id)
        .column(statement::Column::Number)
        .filter(statement::Column::Id.is_in(rows.iter().filter_map(|r| r.statement_id).collect::<Vec<_>>()))
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| ContactRow {
            staff_name: names.get(&r.staff_id).cloned().unwrap_or_default(),
            unit_label: r.unit_id.and_then(|u| units.get(&u).cloned()),
            case_number: r.case_id.map(case_number),
            work_order_number: r.work_order_id.and_then(|w| orders.get(&w).cloned()),
            statement_number: r.statement_id.and_then(|s| statements.get(&s).cloned()),
            id: r.id,
            kind: r.kind,
            direction: r.direction,
            channel: r.channel,
            summary: r.summary,
            language: r.language,
            at: r.at.to_rfc3339(),
            case_id: r.case_id,
            work_order_id: r.work_order_id,
            statement_id: r.statement_id,
            mail_item_id: r.mail_item_id,
            notice_id: r.notice_id,
        })
        .collect())
}
