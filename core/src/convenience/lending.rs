//! Lending umbrellas, carts, pet bags and other items: the inventory (how many of each the
//! office owns, how many are out), loans to a customer or unit with a due time, returns.
//! A loan is overdue when it is out and its due time is before `cx.now`; that is computed
//! in the query, never stored, so it follows the clock the call is made at.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::common::{Names, check_refs, text};
use crate::app::Cx;
use crate::db;
use crate::desk::common::parse_time;
use crate::domain::{ChangeAction, HistoryEntity, LendKind, LoanStatus};
use crate::entities::{lend_item, loan};
use crate::error::{Error, Problems, Result};
use crate::page::{Page, page, paging};
use crate::record::history::{self, Snapshot, diff};
use crate::record::versioned;

#[derive(Debug, Clone, Serialize, TS)]
pub struct LendItemRow {
    pub id: i32,
    pub version: i32,
    pub kind: LendKind,
    pub name: String,
    /// How many the office owns.
    pub total: i32,
    /// How many are lent out now.
    pub out: i32,
    pub available: i32,
    /// How many of those out are past their due time.
    pub overdue: i32,
    pub active: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct LendItemQuery {
    pub include_inactive: bool,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct LendItemInput {
    pub kind: LendKind,
    pub name: String,
    /// How many the office owns.
    pub total: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct LendItemEdit {
    pub id: i32,
    pub version: i32,
    pub item: LendItemInput,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct LoanRow {
    pub id: i32,
    pub version: i32,
    pub item_id: i32,
    pub item_name: String,
    pub item_kind: LendKind,
    pub quantity: i32,
    pub status: LoanStatus,
    /// Out, and the due time has passed.
    pub overdue: bool,
    pub unit_id: Option<i32>,
    pub unit_label: Option<String>,
    pub customer_id: Option<i32>,
    pub customer_name: Option<String>,
    pub borrower: String,
    pub phone: String,
    pub notes: String,
    /// RFC 3339.
    pub lent_at: String,
    pub lent_by_name: String,
    pub due_at: String,
    pub returned_at: Option<String>,
    pub returned_to_name: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct LoanQuery {
    /// Null: every status.
    pub status: Option<LoanStatus>,
    /// Only loans out past their due time.
    pub overdue_only: bool,
    pub item_id: Option<i32>,
    pub unit_id: Option<i32>,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct LoanLend {
    pub item_id: i32,
    pub quantity: i32,
    pub unit_id: Option<i32>,
    pub customer_id: Option<i32>,
    /// Who took it, as they give their name.
    pub borrower: String,
    pub phone: String,
    /// RFC 3339; after now.
    pub due_at: String,
    pub notes: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct LoanReturn {
    pub id: i32,
    pub version: i32,
}

/// (out, overdue) per item among `ids`, summed in the database.
async fn out_counts(db: &impl ConnectionTrait, ids: Vec<i32>, now: DateTime<Utc>) -> Result<HashMap<i32, (i32, i32)>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let out: Vec<(i32, i64)> = loan::Entity::find()
        .select_only()
        .column(loan::Column::ItemId)
        .column_as(Expr::col(loan::Column::Quantity).sum(), "n")
        .filter(loan::Column::ItemId.is_in(ids.clone()))
        .filter(loan::Column::Status.eq(LoanStatus::Out))
        .group_by(loan::Column::ItemId)
        .into_tuple()
        .all(db)
        .await?;
    let late: Vec<(i32, i64)> = loan::Entity::find()
        .select_only()
        .column(loan::Column::ItemId)
        .column_as(Expr::col(loan::Column::Quantity).sum(), "n")
        .filter(loan::Column::ItemId.is_in(ids))
        .filter(loan::Column::Status.eq(LoanStatus::Out))
        .filter(loan::Column::DueAt.lt(now))
        .group_by(loan::Column::ItemId)
        .into_tuple()
        .all(db)
        .await?;
    let mut by: HashMap<i32, (i32, i32)> = HashMap::new();
    for (id, n) in out {
        by.entry(id).or_default().0 = i32::try_from(n).unwrap_or(i32::MAX);
    }
    for (id, n) in late {
        by.entry(id).or_default().1 = i32::try_from(n).unwrap_or(i32::MAX);
    }
    Ok(by)
}

async fn item_rows(
    db: &impl ConnectionTrait,
    items: Vec<lend_item::Model>,
    now: DateTime<Utc>,
) -> Result<Vec<LendItemRow>> {
    let counts = out_counts(db, items.iter().map(|i| i.id).collect(), now).await?;
    Ok(items
        .into_iter()
        .map(|i| {
            let (out, overdue) = counts.get(&i.id).copied().unwrap_or_default();
            LendItemRow {
                id: i.id,
                version: i.version,
                kind: i.kind,
                name: i.name,
                total: i.total,
                out,
                available: Ord::max(i.total - out, 0),
                overdue,
                active: i.active,
            }
        })
        .collect())
}

async fn item_row(db: &impl ConnectionTrait, i: lend_item::Model, now: DateTime<Utc>) -> Result<LendItemRow> {
    item_rows(db, vec![i], now).await?.pop().ok_or(Error::NotFound)
}

pub async fn items(cx: Cx, q: LendItemQuery) -> Result<Page<LendItemRow>> {
    cx.actor()?;
    let mut select = lend_item::Entity::find();
    if !q.include_inactive {
        select = select.filter(lend_item::Column::Active.eq(true));
    }
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = paging(q.page, q.page_size);
    let items = select
        .order_by_desc(lend_item::Column::Active)
        .order_by_asc(lend_item::Column::Kind)
        .order_by_asc(lend_item::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(&cx.db)
        .await?;
    Ok(page(item_rows(&cx.db, items, cx.now).await?, total, q.page, q.page_size))
}

fn clean_item(p: &mut Problems, i: &LendItemInput) -> String {
    let name = text(p, "item.name", &i.name, 200, true);
    p.check((0..=100_000).contains(&i.total), "item.total", "validation.quantity");
    name
}

fn item_snapshot(i: &lend_item::Model) -> Snapshot {
    vec![
        ("kind", Some(i.kind.as_str().to_owned())),
        ("name", Some(i.name.clone())),
        ("total", Some(i.total.to_string())),
        ("active", Some(i.active.to_string())),
    ]
}

pub async fn create_item(cx: Cx, input: LendItemInput) -> Result<LendItemRow> {
    let actor = cx.actor()?;
    let mut p = Problems::default();
    // Reported under `item.*`, like the edit's fields.
    let name = clean_item(&mut p, &input);
    p.into_result()?;
    let txn = db::begin_write(&cx.db).await?;
    let i = lend_item::ActiveModel {
        id: NotSet,
        kind: Set(input.kind),
        name: Set(name),
        total: Set(input.total),
        active: Set(true),
        version: Set(1),
        created_at: Set(cx.now),
        updated_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    let changes = diff(&Vec::new(), &item_snapshot(&i));
    history::by(&txn, cx.now, actor, HistoryEntity::LendItem, i.id, ChangeAction::Create, changes).await?;
    txn.commit().await?;
    item_row(&cx.db, i, cx.now).await
}

/// Renames, recounts or (de)activates an item; the count may not drop below what is out.
pub async fn edit_item(cx: Cx, input: LendItemEdit) -> Result<LendItemRow> {
    let actor = cx.actor()?;
    let mut p = Problems::default();
    let name = clean_item(&mut p, &input.item);
    p.into_result()?;
    let txn = db::begin_write(&cx.db).await?;
    let old = lend_item::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    let changes = lend_item::ActiveModel {
        kind: Set(input.item.kind),
        name: Set(name),
        total: Set(input.item.total),
        active: Set(input.active),
        updated_at: Set(cx.now),
        ..Default::default()
    };
    // The versioned save takes the item's row, so no loan of it is made meanwhile.
    let new = versioned::update::<lend_item::Entity>(&txn, input.id, input.version, changes).await?;
    let (out, _) = out_counts(&txn, vec![new.id], cx.now).await?.remove(&new.id).unwrap_or_default();
    if new.total < out {
        return Err(Error::field("item.total", "validation.total_below_out"));
    }
    let changes = diff(&item_snapshot(&old), &item_snapshot(&new));
    history::by(&txn, cx.now, actor, HistoryEntity::LendItem, new.id, ChangeAction::Update, changes).await?;
    txn.commit().await?;
    item_row(&cx.db, new, cx.now).await
}

async fn loan_rows(db: &impl ConnectionTrait, loans: Vec<loan::Model>, now: DateTime<Utc>) -> Result<Vec<LoanRow>> {
    let item_ids: Vec<i32> = loans.iter().map(|l| l.item_id).collect();
    let items: HashMap<i32, lend_item::Model> = lend_item::Entity::find()
        .filter(lend_item::Column::Id.is_in(item_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let units = loans.iter().filter_map(|l| l.unit_id).collect();
    let customers = loans.iter().filter_map(|l| l.customer_id).collect();
    let staff = loans.iter().flat_map(|l| [Some(l.lent_by), l.returned_to]).flatten().collect();
    let n = Names::of(db, units, customers, staff).await?;
    Ok(loans
        .into_iter()
        .map(|l| {
            let item = items.get(&l.item_id);
            LoanRow {
                id: l.id,
                version: l.version,
                item_id: l.item_id,
                item_name: item.map(|i| i.name.clone()).unwrap_or_default(),
                item_kind: item.map(|i| i.kind).unwrap_or(LendKind::Other),
                quantity: l.quantity,
                status: l.status,
                overdue: l.status == LoanStatus::Out && l.due_at < now,
                unit_id: l.unit_id,
                unit_label: n.unit(l.unit_id),
                customer_id: l.customer_id,
                customer_name: n.customer(l.customer_id),
                borrower: l.borrower,
                phone: l.phone,
                notes: l.notes,
                lent_at: l.lent_at.to_rfc3339(),
                lent_by_name: n.staff(Some(l.lent_by)).unwrap_or_default(),
                due_at: l.due_at.to_rfc3339(),
                returned_at: l.returned_at.map(|t| t.to_rfc3339()),
                returned_to_name: n.staff(l.returned_to),
            }
        })
        .collect())
}

async fn loan_row(db: &impl ConnectionTrait, l: loan::Model, now: DateTime<Utc>) -> Result<LoanRow> {
    loan_rows(db, vec![l], now).await?.pop().ok_or(Error::NotFound)
}

/// Loans, filtered and paged in the database: open ones (and the overdue) soonest due
/// first, all of them newest first.
pub async fn loans(cx: Cx, q: LoanQuery) -> Result<Page<LoanRow>> {
    cx.actor()?;
    let mut select = loan::Entity::find();
    let status = if q.overdue_only { Some(LoanStatus::Out) } else { q.status };
    if let Some(s) = status {
        select = select.filter(loan::Column::Status.eq(s));
    }
    if q.overdue_only {
        select = select.filter(loan::Column::DueAt.lt(cx.now));
    }
    if let Some(i) = q.item_id {
        select = select.filter(loan::Column::ItemId.eq(i));
    }
    if let Some(u) = q.unit_id {
        select = select.filter(loan::Column::UnitId.eq(u));
    }
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = paging(q.page, q.page_size);
    let select = if status == Some(LoanStatus::Out) {
        select.order_by_asc(loan::Column::DueAt).order_by_asc(loan::Column::Id)
    } else {
        select.order_by_desc(loan::Column::LentAt).order_by_desc(loan::Column::Id)
    };
    let loans = select.offset(offset).limit(limit).all(&cx.db).await?;
    Ok(page(loan_rows(&cx.db, loans, cx.now).await?, total, q.page, q.page_size))
}

fn loan_snapshot(l: &loan::Model) -> Snapshot {
    vec![
        ("item_id", Some(l.item_id.to_string())),
        ("quantity", Some(l.quantity.to_string())),
        ("unit_id", l.unit_id.map(|c| c.to_string())),
        ("customer_id", l.customer_id.map(|c| c.to_string())),
        ("borrower", Some(l.borrower.clone()).filter(|s| !s.is_empty())),
        ("phone", Some(l.phone.clone()).filter(|s| !s.is_empty())),
        ("due_at", Some(l.due_at.to_rfc3339())),
        ("notes", Some(l.notes.clone()).filter(|s| !s.is_empty())),
        ("status", Some(l.status.as_str().to_owned())),
        ("returned_at", l.returned_at.map(|t| t.to_rfc3339())),
    ]
}

/// Lends `quantity` of an item if that many are available; the item's row is taken first,
/// so two desks lending the last umbrella take turns and the second is refused.
pub async fn lend(cx: Cx, input: LoanLend) -> Result<LoanRow> {
    let actor = cx.actor()?;
    let mut p = Problems::default();
    let borrower = text(&mut p, "borrower", &input.borrower, 200, false);
    let phone = text(&mut p, "phone", &input.phone, 50, false);
    let notes = text(&mut p, "notes", &input.notes, 2000, false);
    p.check((1..=1000).contains(&input.quantity), "quantity", "validation.quantity");
    // Someone must be answerable for it: a customer, a unit or a name.
    p.check(
        input.unit_id.is_some() || input.customer_id.is_some() || !borrower.is_empty(),
        "borrower",
        "validation.required",
    );
    let due_at = match parse_time("due_at", &input.due_at) {
        Ok(t) => {
            p.check(t > cx.now, "due_at", "validation.due_in_past");
            Some(t)
        }
        Err(_) => {
            p.add("due_at", "validation.datetime");
            None
        }
    };
    let txn = db::begin_write(&cx.db).await?;
    check_refs(&txn, &mut p, input.unit_id, input.customer_id).await?;
    let item = lend_item::Entity::find_by_id(input.item_id).one(&txn).await?;
    match &item {
        None => p.add("item_id", "validation.not_found"),
        Some(i) => p.check(i.active, "item_id", "validation.item_inactive"),
    }
    p.into_result()?;
    let (Some(item), Some(due_at)) = (item, due_at) else {
        return Err(Error::field("item_id", "validation.not_found"));
    };
    // Take the item's row (a plain version bump) before counting what is out.
    lend_item::Entity::update_many()
        .col_expr(lend_item::Column::Version, Expr::col(lend_item::Column::Version).add(1))
        .filter(lend_item::Column::Id.eq(item.id))
        .exec(&txn)
        .await?;
    let (out, _) = out_counts(&txn, vec![item.id], cx.now).await?.remove(&item.id).unwrap_or_default();
    if item.total - out < input.quantity {
        return Err(Error::field("quantity", "validation.not_enough_available"));
    }
    let l = loan::ActiveModel {
        id: NotSet,
        item_id: Set(item.id),
        quantity: Set(input.quantity),
        unit_id: Set(input.unit_id),
        customer_id: Set(input.customer_id),
        borrower: Set(borrower),
        phone: Set(phone),
        notes: Set(notes),
        status: Set(LoanStatus::Out),
        lent_at: Set(cx.now),
        lent_by: Set(actor.id()),
        due_at: Set(due_at),
        returned_at: Set(None),
        returned_to: Set(None),
        version: Set(1),
        created_at: Set(cx.now),
        updated_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    let changes = diff(&Vec::new(), &loan_snapshot(&l));
    history::by(&txn, cx.now, actor, HistoryEntity::Loan, l.id, ChangeAction::Create, changes).await?;
    txn.commit().await?;
    loan_row(&cx.db, l, cx.now).await
}

/// Takes a loan back; one already returned is refused (`validation.already_returned`).
pub async fn return_loan(cx: Cx, input: LoanReturn) -> Result<LoanRow> {
    let actor = cx.actor()?;
    let txn = db::begin_write(&cx.db).await?;
    let old = loan::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    if old.status != LoanStatus::Out {
        return Err(Error::field("id", "validation.already_returned"));
    }
    let changes = loan::ActiveModel {
        status: Set(LoanStatus::Returned),
        returned_at: Set(Some(cx.now)),
        returned_to: Set(Some(actor.id())),
        updated_at: Set(cx.now),
        ..Default::default()
    };
    let new = versioned::update::<loan::Entity>(&txn, input.id, input.version, changes).await?;
    let changes = diff(&loan_snapshot(&old), &loan_snapshot(&new));
    history::by(&txn, cx.now, actor, HistoryEntity::Loan, new.id, ChangeAction::Update, changes).await?;
    txn.commit().await?;
    loan_row(&cx.db, new, cx.now).await
}
