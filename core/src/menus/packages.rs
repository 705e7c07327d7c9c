//! Personal packages: a customer's chosen catalog services, each with its recurrence,
//! dates, time window and notes, and the package's pauses. Every change is one
//! transaction that also brings the package's future visits in line (`schedule::reconcile`).

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{recurrence, schedule};
use crate::app::Cx;
use crate::db;
use crate::desk::common;
use crate::desk::rules::text::work_order_number;
use crate::directory::customers::ChangeEntry;
use crate::domain::{
    ChangeAction, Department, HistoryEntity, ServiceUnit, VisitStatus, WorkOrderStatus, money, validate,
};
use crate::entities::{
    catalog_service, change_log, customer, package, package_item, package_pause, package_visit, staff, unit, work_order,
};
use crate::error::{Error, Problems, Result};
use crate::page::{Page, page, paging};
use crate::record::history::{self, FieldChange};
use crate::record::versioned;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PackageItemInput {
    /// An existing item being edited; null for a new one.
    pub id: Option<i32>,
    pub service_id: i32,
    /// RFC 5545 RRULE value, e.g. "FREQ=WEEKLY;BYDAY=TU".
    pub rule: String,
    /// YYYY-MM-DD; the rule's first day.
    pub starts_on: String,
    pub ends_on: Option<String>,
    /// "HH:MM"; blank for the package's window.
    pub window_start: Option<String>,
    pub window_end: Option<String>,
    /// Units of the service per visit ("1", "1.5" hours); blank for 1.
    pub quantity: Option<String>,
    pub notes: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PackageInput {
    pub customer_id: i32,
    pub unit_id: Option<i32>,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub window_start: Option<String>,
    pub window_end: Option<String>,
    /// "Key at the desk", "no visits during Chinese New Year".
    pub notes: String,
    /// Items left out of an edit end: their future visits are cancelled.
    pub items: Vec<PackageItemInput>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PackageCreate {
    pub package: PackageInput,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PackageEdit {
    pub id: i32,
    pub version: i32,
    pub package: PackageInput,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PackageGet {
    pub id: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PackageSetActive {
    pub id: i32,
    pub version: i32,
    pub active: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PackagePauseAdd {
    pub id: i32,
    pub version: i32,
    /// YYYY-MM-DD, both included.
    pub from_date: String,
    pub to_date: String,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PackagePauseRemove {
    pub id: i32,
    pub version: i32,
    pub pause_id: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct VisitSkip {
    /// The visit.
    pub id: i32,
    pub version: i32,
    /// "Customer away".
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct VisitExtra {
    pub package_id: i32,
    pub item_id: i32,
    /// YYYY-MM-DD, today or later.
    pub date: String,
    pub quantity: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PackageQuery {
    /// Part of the customer's name.
    pub search: Option<String>,
    pub customer_id: Option<i32>,
    pub include_inactive: bool,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PackageRow {
    pub id: i32,
    pub version: i32,
    pub customer_id: i32,
    pub customer_name: String,
    pub unit_label: Option<String>,
    /// The services' names in the caller's language.
    pub services: Vec<String>,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub active: bool,
    /// The next planned visit's date, if one is written.
    pub next_visit: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PackageItemView {
    pub id: i32,
    pub version: i32,
    pub service_id: i32,
    pub service_name: String,
    pub department: Department,
    pub unit: ServiceUnit,
    pub rule: String,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub window_start: Option<String>,
    pub window_end: Option<String>,
    /// "1", "1.5".
    pub quantity: String,
    pub notes: String,
    pub active: bool,
    /// The rule's next dates from today (pauses left out), up to eight.
    pub upcoming: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PauseView {
    pub id: i32,
    pub from_date: String,
    pub to_date: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct VisitView {
    pub id: i32,
    pub version: i32,
    pub item_id: i32,
    pub service_name: String,
    pub date: String,
    /// Added by hand, outside the rule.
    pub extra: bool,
    pub status: VisitStatus,
    pub quantity: String,
    pub reason: Option<String>,
    pub case_id: Option<i32>,
    pub work_order_id: Option<i32>,
    /// "C000123-2".
    pub work_order_number: Option<String>,
    pub work_order_status: Option<WorkOrderStatus>,
    pub due_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PackageDetail {
    pub id: i32,
    pub version: i32,
    pub customer_id: i32,
    pub customer_name: String,
    pub customer_language: String,
    pub unit_id: Option<i32>,
    pub unit_label: Option<String>,
    pub owner_name: String,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub window_start: Option<String>,
    pub window_end: Option<String>,
    pub notes: String,
    pub active: bool,
    pub items: Vec<PackageItemView>,
    pub pauses: Vec<PauseView>,
    /// Visits from today on, soonest first (up to 40).
    pub next_visits: Vec<VisitView>,
    /// Visits before today, latest first (up to 40).
    pub past_visits: Vec<VisitView>,
    pub history: Vec<ChangeEntry>,
    /// The office's date today, as the schedule sees it.
    pub today: String,
    pub created_at: String,
    pub updated_at: String,
}

struct CleanItem {
    id: Option<i32>,
    service_id: i32,
    rule: String,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    window_start: Option<String>,
    window_end: Option<String>,
    quantity_milli: i32,
    notes: String,
}

struct Clean {
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    window_start: Option<String>,
    window_end: Option<String>,
    notes: String,
    items: Vec<CleanItem>,
}

fn opt_date(p: &mut Problems, field: &str, s: &Option<String>) -> Option<NaiveDate> {
    let v = validate::clean_opt(s)?;
    let d = validate::date(&v);
    p.check(d.is_some(), field, "validation.date");
    d
}

fn window(p: &mut Problems, field: &str, s: &Option<String>) -> Option<String> {
    let v = validate::clean_opt(s)?;
    match recurrence::window_time(&v) {
        Ok(t) => Some(t.format("%H:%M").to_string()),
        Err(k) => {
            p.add(field, k);
            None
        }
    }
}

fn window_order(p: &mut Problems, field: &str, start: &Option<String>, end: &Option<String>) {
    if let (Some(s), Some(e)) = (start, end) {
        p.check(s < e, field, "validation.window_order");
    }
}

fn quantity(p: &mut Problems, field: &str, s: &Option<String>) -> i32 {
    let Some(v) = validate::clean_opt(s) else { return 1000 };
    match money::parse_quantity(&v).filter(|q| *q > 0).and_then(|q| i32::try_from(q).ok()) {
        Some(q) => q,
        None => {
            p.add(field, "validation.quantity");
            1000
        }
    }
}

fn clean(i: &PackageInput) -> Result<Clean> {
    let mut p = Problems::default();
    let starts_on = validate::date(&i.starts_on);
    p.check(starts_on.is_some(), "starts_on", "validation.date");
    let ends_on = opt_date(&mut p, "ends_on", &i.ends_on);
    if let (Some(s), Some(e)) = (starts_on, ends_on) {
        p.check(e >= s, "ends_on", "validation.date_order");
    }
    let window_start = window(&mut p, "window_start", &i.window_start);
    let window_end = window(&mut p, "window_end", &i.window_end);
    window_order(&mut p, "window_end", &window_start, &window_end);
    let notes = match validate::text(&i.notes, 2000, false) {
        Ok(n) => n.unwrap_or_default(),
        Err(k) => {
            p.add("notes", k);
            String::new()
        }
    };
    p.check(!i.items.is_empty(), "items", validate::REQUIRED);
    let mut items = Vec::new();
    for (n, it) in i.items.iter().enumerate() {
        let f = |name: &str| format!("items.{n}.{name}");
        let rule = match recurrence::normalize(&it.rule) {
            Ok(r) => r,
            Err(k) => {
                p.add(&f("rule"), k);
                String::new()
            }
        };
        let item_start = validate::date(&it.starts_on);
        p.check(item_start.is_some(), &f("starts_on"), "validation.date");
        let item_end = opt_date(&mut p, &f("ends_on"), &it.ends_on);
        if let (Some(s), Some(e)) = (item_start, item_end) {
            p.check(e >= s, &f("ends_on"), "validation.date_order");
        }
        let ws = window(&mut p, &f("window_start"), &it.window_start);
        let we = window(&mut p, &f("window_end"), &it.window_end);
        window_order(&mut p, &f("window_end"), &ws, &we);
        let q = quantity(&mut p, &f("quantity"), &it.quantity);
        let notes = match validate::text(&it.notes, 1000, false) {
            Ok(x) => x.unwrap_or_default(),
            Err(k) => {
                p.add(&f("notes"), k);
                String::new()
            }
        };
        if it.id.is_some() && i.items.iter().filter(|x| x.id == it.id).count() > 1 {
            p.add(&f("id"), "validation.invalid");
        }
        items.push(CleanItem {
            id: it.id,
            service_id: it.service_id,
            rule,
            starts_on: item_start.unwrap_or_default(),
            ends_on: item_end,
            window_start: ws,
            window_end: we,
            quantity_milli: q,
            notes,
        });
    }
    p.into_result()?;
    Ok(Clean { starts_on: starts_on.unwrap_or_default(), ends_on, window_start, window_end, notes, items })
}

/// The customer exists, the unit (when given) exists, every service is active.
async fn check_refs(db: &impl ConnectionTrait, i: &PackageInput, c: &Clean) -> Result<()> {
    let mut p = Problems::default();
    p.check(
        customer::Entity::find_by_id(i.customer_id).one(db).await?.is_some(),
        "customer_id",
        "validation.not_found",
    );
    if let Some(u) = i.unit_id {
        p.check(unit::Entity::find_by_id(u).one(db).await?.is_some(), "unit_id", "validation.not_found");
    }
    let ids: Vec<i32> = c.items.iter().map(|x| x.service_id).collect();
    let active: Vec<i32> = catalog_service::Entity::find()
        .select_only()
        .column(catalog_service::Column::Id)
        .filter(catalog_service::Column::Id.is_in(ids))
        .filter(catalog_service::Column::Active.eq(true))
        .into_tuple()
        .all(db)
        .await?;
    for (n, it) in c.items.iter().enumerate() {
        p.check(active.contains(&it.service_id), &format!("items.{n}.service_id"), "validation.service_inactive");
    }
    p.into_result()
}

fn snapshot(
    p: &package::Model,
    items: &[package_item::Model],
    names: &HashMap<i32, String>,
) -> Vec<(String, Option<String>)> {
    let mut out = vec![
        ("customer".to_owned(), Some(p.customer_id.to_string())),
        ("starts_on".to_owned(), Some(p.starts_on.to_string())),
        ("ends_on".to_owned(), p.ends_on.map(|d| d.to_string())),
        ("window".to_owned(), window_label(p.window_start.as_deref(), p.window_end.as_deref())),
        ("notes".to_owned(), Some(p.notes.clone()).filter(|n| !n.is_empty())),
        ("active".to_owned(), Some(p.active.to_string())),
    ];
    for i in items.iter().filter(|i| i.active) {
        let name = names.get(&i.service_id).cloned().unwrap_or_else(|| i.service_id.to_string());
        let mut v = format!("{} · {}", i.rule, i.starts_on);
        if let Some(e) = i.ends_on {
            v.push_str(&format!("–{e}"));
        }
        if let Some(w) = window_label(i.window_start.as_deref(), i.window_end.as_deref()) {
            v.push_str(&format!(" · {w}"));
        }
        if i.quantity_milli != 1000 {
            v.push_str(&format!(" · ×{}", money::quantity_text(i.quantity_milli.into())));
        }
        if !i.notes.is_empty() {
            v.push_str(&format!(" · {}", i.notes));
        }
        out.push((format!("item.{name}"), Some(v)));
    }
    out
}

fn window_label(s: Option<&str>, e: Option<&str>) -> Option<String> {
    match (s, e) {
        (None, None) => None,
        (s, e) => Some(format!("{}–{}", s.unwrap_or(""), e.unwrap_or(""))),
    }
}

fn diff(old: &[(String, Option<String>)], new: &[(String, Option<String>)]) -> Vec<FieldChange> {
    let mut out = Vec::new();
    for (f, v) in new {
        let before = old.iter().find(|(g, _)| g == f).and_then(|(_, v)| v.clone());
        if &before != v {
            out.push(FieldChange { field: f.clone(), old: before, new: v.clone() });
        }
    }
    for (f, v) in old {
        if v.is_some() && !new.iter().any(|(g, _)| g == f) {
            out.push(FieldChange { field: f.clone(), old: v.clone(), new: None });
        }
    }
    out
}

async fn items_of(db: &impl ConnectionTrait, id: i32) -> Result<Vec<package_item::Model>> {
    Ok(package_item::Entity::find()
        .filter(package_item::Column::PackageId.eq(id))
        .order_by_asc(package_item::Column::Id)
        .all(db)
        .await?)
}

async fn names_for(
    db: &impl ConnectionTrait,
    items: &[package_item::Model],
    locale: &str,
) -> Result<HashMap<i32, String>> {
    schedule::service_names(db, items.iter().map(|i| i.service_id).collect(), locale).await
}

/// Writes the items of an edit: changed ones updated, new ones added, missing ones ended.
async fn write_items(
    db: &impl ConnectionTrait,
    package_id: i32,
    old: &[package_item::Model],
    items: &[CleanItem],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    for (n, it) in items.iter().enumerate() {
        match it.id {
            Some(id) => {
                let Some(o) = old.iter().find(|o| o.id == id) else {
                    return Err(Error::field(&format!("items.{n}.id"), "validation.not_found"));
                };
                let mut row = package_item::ActiveModel::from(o.clone());
                row.service_id = Set(it.service_id);
                row.rule = Set(it.rule.clone());
                row.starts_on = Set(it.starts_on);
                row.ends_on = Set(it.ends_on);
                row.window_start = Set(it.window_start.clone());
                row.window_end = Set(it.window_end.clone());
                row.quantity_milli = Set(it.quantity_milli);
                row.notes = Set(it.notes.clone());
                row.active = Set(true);
                if row.is_changed() {
                    row.version = Set(o.version + 1);
                    row.updated_at = Set(now);
                    row.update(db).await?;
                }
            }
            None => {
                package_item::ActiveModel {
                    id: NotSet,
                    package_id: Set(package_id),
                    service_id: Set(it.service_id),
                    rule: Set(it.rule.clone()),
                    starts_on: Set(it.starts_on),
                    ends_on: Set(it.ends_on),
                    window_start: Set(it.window_start.clone()),
                    window_end: Set(it.window_end.clone()),
                    quantity_milli: Set(it.quantity_milli),
                    notes: Set(it.notes.clone()),
                    active: Set(true),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
                .insert(db)
                .await?;
            }
        }
    }
    for o in old.iter().filter(|o| o.active && !items.iter().any(|i| i.id == Some(o.id))) {
        let mut row = package_item::ActiveModel::from(o.clone());
        row.active = Set(false);
        row.version = Set(o.version + 1);
        row.updated_at = Set(now);
        row.update(db).await?;
    }
    Ok(())
}

pub async fn create(cx: Cx, input: PackageCreate) -> Result<PackageDetail> {
    let actor = cx.actor()?;
    let c = clean(&input.package)?;
    let txn = db::begin_write(&cx.db).await?;
    check_refs(&txn, &input.package, &c).await?;
    let p = package::ActiveModel {
        id: NotSet,
        customer_id: Set(input.package.customer_id),
        unit_id: Set(input.package.unit_id),
        owner_id: Set(actor.id()),
        starts_on: Set(c.starts_on),
        ends_on: Set(c.ends_on),
        window_start: Set(c.window_start.clone()),
        window_end: Set(c.window_end.clone()),
        notes: Set(c.notes.clone()),
        active: Set(true),
        version: Set(1),
        created_by: Set(actor.id()),
        created_at: Set(cx.now),
        updated_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    write_items(&txn, p.id, &[], &c.items, cx.now).await?;
    let items = items_of(&txn, p.id).await?;
    let names = names_for(&txn, &items, "zh-CN").await?;
    let changes = diff(&[], &snapshot(&p, &items, &names));
    history::by(&txn, cx.now, actor, HistoryEntity::Package, p.id, ChangeAction::Create, changes).await?;
    let report = Box::pin(schedule::reconcile(&txn, &schedule::Writer::of(&cx)?, p.id)).await?;
    txn.commit().await?;
    tracing::info!(package = p.id, staff = actor.id(), created = report.created, "package created");
    detail(&cx, p.id).await
}

pub async fn edit(cx: Cx, input: PackageEdit) -> Result<PackageDetail> {
    let actor = cx.actor()?;
    let c = clean(&input.package)?;
    let txn = db::begin_write(&cx.db).await?;
    check_refs(&txn, &input.package, &c).await?;
    let before = package::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    let old_items = items_of(&txn, before.id).await?;
    let row = package::ActiveModel {
        customer_id: Set(input.package.customer_id),
        unit_id: Set(input.package.unit_id),
        starts_on: Set(c.starts_on),
        ends_on: Set(c.ends_on),
        window_start: Set(c.window_start.clone()),
        window_end: Set(c.window_end.clone()),
        notes: Set(c.notes.clone()),
        updated_at: Set(cx.now),
        ..Default::default()
    };
    let p = versioned::update::<package::Entity>(&txn, input.id, input.version, row).await?;
    write_items(&txn, p.id, &old_items, &c.items, cx.now).await?;
    let items = items_of(&txn, p.id).await?;
    let mut all = old_items.clone();
    all.extend(items.iter().cloned());
    let names = names_for(&txn, &all, "zh-CN").await?;
    let changes = diff(&snapshot(&before, &old_items, &names), &snapshot(&p, &items, &names));
    history::by(&txn, cx.now, actor, HistoryEntity::Package, p.id, ChangeAction::Update, changes).await?;
    Box::pin(schedule::reconcile(&txn, &schedule::Writer::of(&cx)?, p.id)).await?;
    txn.commit().await?;
    detail(&cx, p.id).await
}

/// Stops a package (its future visits not yet under way are cancelled) or starts it again.
pub async fn set_active(cx: Cx, input: PackageSetActive) -> Result<PackageDetail> {
    let actor = cx.actor()?;
    let txn = db::begin_write(&cx.db).await?;
    let before = package::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    let row = package::ActiveModel { active: Set(input.active), updated_at: Set(cx.now), ..Default::default() };
    let p = versioned::update::<package::Entity>(&txn, input.id, input.version, row).await?;
    let change = FieldChange {
        field: "active".to_owned(),
        old: Some(before.active.to_string()),
        new: Some(p.active.to_string()),
    };
    let changes = if before.active == p.active { vec![] } else { vec![change] };
    history::by(&txn, cx.now, actor, HistoryEntity::Package, p.id, ChangeAction::Update, changes).await?;
    Box::pin(schedule::reconcile(&txn, &schedule::Writer::of(&cx)?, p.id)).await?;
    txn.commit().await?;
    detail(&cx, p.id).await
}

pub async fn pause_add(cx: Cx, input: PackagePauseAdd) -> Result<PackageDetail> {
    let actor = cx.actor()?;
    let mut pr = Problems::default();
    let from = validate::date(&input.from_date);
    let to = validate::date(&input.to_date);
    pr.check(from.is_some(), "from_date", "validation.date");
    pr.check(to.is_some(), "to_date", "validation.date");
    if let (Some(f), Some(t)) = (from, to) {
        pr.check(t >= f, "to_date", "validation.date_order");
    }
    let note = match validate::text(&input.note, 400, false) {
        Ok(n) => n.unwrap_or_default(),
        Err(k) => {
            pr.add("note", k);
            String::new()
        }
    };
    pr.into_result()?;
    let (Some(from), Some(to)) = (from, to) else { return Err(Error::field("from_date", "validation.date")) };
    let txn = db::begin_write(&cx.db).await?;
    let row = package::ActiveModel { updated_at: Set(cx.now), ..Default::default() };
    let p = versioned::update::<package::Entity>(&txn, input.id, input.version, row).await?;
    package_pause::ActiveModel {
        id: NotSet,
        package_id: Set(p.id),
        from_date: Set(from),
        to_date: Set(to),
        note: Set(note.clone()),
        created_by: Set(actor.id()),
        created_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    let change = FieldChange { field: "pause".to_owned(), old: None, new: Some(pause_text(from, to, &note)) };
    history::by(&txn, cx.now, actor, HistoryEntity::Package, p.id, ChangeAction::Update, vec![change]).await?;
    Box::pin(schedule::reconcile(&txn, &schedule::Writer::of(&cx)?, p.id)).await?;
    txn.commit().await?;
    detail(&cx, p.id).await
}

fn pause_text(from: NaiveDate, to: NaiveDate, note: &str) -> String {
    if note.is_empty() { format!("{from}–{to}") } else { format!("{from}–{to} {note}") }
}

pub async fn pause_remove(cx: Cx, input: PackagePauseRemove) -> Result<PackageDetail> {
    let actor = cx.actor()?;
    let txn = db::begin_write(&cx.db).await?;
    let row = package::ActiveModel { updated_at: Set(cx.now), ..Default::default() };
    let p = versioned::update::<package::Entity>(&txn, input.id, input.version, row).await?;
    let pause = package_pause::Entity::find_by_id(input.pause_id)
        .filter(package_pause::Column::PackageId.eq(p.id))
        .one(&txn)
        .await?
        .ok_or(Error::NotFound)?;
    package_pause::Entity::delete_by_id(pause.id).exec(&txn).await?;
    let change = FieldChange {
        field: "pause".to_owned(),
        old: Some(pause_text(pause.from_date, pause.to_date, &pause.note)),
        new: None,
    };
    history::by(&txn, cx.now, actor, HistoryEntity::Package, p.id, ChangeAction::Update, vec![change]).await?;
    Box::pin(schedule::reconcile(&txn, &schedule::Writer::of(&cx)?, p.id)).await?;
    txn.commit().await?;
    detail(&cx, p.id).await
}

pub async fn visit_skip(cx: Cx, input: VisitSkip) -> Result<PackageDetail> {
    let actor = cx.actor()?;
    let reason = match validate::text(&input.reason, 400, true) {
        Ok(r) => r.unwrap_or_default(),
        Err(k) => return Err(Error::field("reason", k)),
    };
    let txn = db::begin_write(&cx.db).await?;
    let v = package_visit::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    if v.version != input.version {
        return Err(Error::Conflict);
    }
    // The package row takes the writers of one package in turn.
    let p = package::Entity::find_by_id(v.package_id).one(&txn).await?.ok_or(Error::NotFound)?;
    let p = versioned::update::<package::Entity>(
        &txn,
        p.id,
        p.version,
        package::ActiveModel { updated_at: Set(cx.now), ..Default::default() },
    )
    .await?;
    schedule::skip(&txn, &schedule::Writer::of(&cx)?, &p, &v, reason.clone()).await?;
    let change =
        FieldChange { field: "skipped".to_owned(), old: None, new: Some(format!("{} {reason}", v.visit_date)) };
    history::by(&txn, cx.now, actor, HistoryEntity::Package, p.id, ChangeAction::Update, vec![change]).await?;
    txn.commit().await?;
    detail(&cx, p.id).await
}

pub async fn visit_extra(cx: Cx, input: VisitExtra) -> Result<PackageDetail> {
    let actor = cx.actor()?;
    let mut pr = Problems::default();
    let date = validate::date(&input.date);
    pr.check(date.is_some(), "date", "validation.date");
    let q = quantity(&mut pr, "quantity", &input.quantity);
    let note = match validate::text(&input.note, 400, false) {
        Ok(n) => n,
        Err(k) => {
            pr.add("note", k);
            None
        }
    };
    pr.into_result()?;
    let Some(date) = date else { return Err(Error::field("date", "validation.date")) };
    let txn = db::begin_write(&cx.db).await?;
    let today = schedule::horizon(&txn, cx.now).await?.today;
    if date < today {
        return Err(Error::field("date", "validation.date_in_past"));
    }
    let p = package::Entity::find_by_id(input.package_id).one(&txn).await?.ok_or(Error::NotFound)?;
    if !p.active {
        return Err(Error::field("package_id", "validation.package_inactive"));
    }
    let item = package_item::Entity::find_by_id(input.item_id)
        .filter(package_item::Column::PackageId.eq(p.id))
        .one(&txn)
        .await?
        .ok_or_else(|| Error::field("item_id", "validation.not_found"))?;
    let p = versioned::update::<package::Entity>(
        &txn,
        p.id,
        p.version,
        package::ActiveModel { updated_at: Set(cx.now), ..Default::default() },
    )
    .await?;
    schedule::add_extra(
        &txn,
        &schedule::Writer::of(&cx)?,
        &p,
        &item,
        schedule::Extra { date, quantity_milli: q, note },
    )
    .await?;
    let name =
        names_for(&txn, std::slice::from_ref(&item), "zh-CN").await?.remove(&item.service_id).unwrap_or_default();
    let change = FieldChange { field: "extra".to_owned(), old: None, new: Some(format!("{date} {name}")) };
    history::by(&txn, cx.now, actor, HistoryEntity::Package, p.id, ChangeAction::Update, vec![change]).await?;
    txn.commit().await?;
    detail(&cx, p.id).await
}

pub async fn get(cx: Cx, input: PackageGet) -> Result<PackageDetail> {
    cx.actor()?;
    detail(&cx, input.id).await
}

pub async fn list(cx: Cx, q: PackageQuery) -> Result<Page<PackageRow>> {
    cx.actor()?;
    let mut select = package::Entity::find();
    if !q.include_inactive {
        select = select.filter(package::Column::Active.eq(true));
    }
    if let Some(c) = q.customer_id {
        select = select.filter(package::Column::CustomerId.eq(c));
    }
    if let Some(s) = q.search.as_deref().and_then(validate::clean) {
        let pattern = format!("%{}%", s.replace(['%', '_'], ""));
        select = select.filter(
            package::Column::CustomerId.in_subquery(
                Query::select()
                    .column(customer::Column::Id)
                    .from(customer::Entity)
                    .cond_where(
                        Condition::any()
                            .add(customer::Column::Name.like(&pattern))
                            .add(customer::Column::NameLatin.like(&pattern)),
                    )
                    .to_owned(),
            ),
        );
    }
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = paging(q.page, q.page_size);
    let packages = select.order_by_desc(package::Column::Id).offset(offset).limit(limit).all(&cx.db).await?;
    let ids: Vec<i32> = packages.iter().map(|p| p.id).collect();
    let customers: HashMap<i32, String> = customer::Entity::find()
        .filter(customer::Column::Id.is_in(packages.iter().map(|p| p.customer_id)))
        .all(&cx.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let items = package_item::Entity::find()
        .filter(package_item::Column::PackageId.is_in(ids.clone()))
        .filter(package_item::Column::Active.eq(true))
        .order_by_asc(package_item::Column::Id)
        .all(&cx.db)
        .await?;
    let names = names_for(&cx.db, &items, cx.locale()).await?;
    let today = schedule::horizon(&cx.db, cx.now).await?.today;
    let next: HashMap<i32, NaiveDate> = package_visit::Entity::find()
        .select_only()
        .column(package_visit::Column::PackageId)
        .column_as(package_visit::Column::VisitDate.min(), "d")
        .filter(package_visit::Column::PackageId.is_in(ids))
        .filter(package_visit::Column::VisitDate.gte(today))
        .filter(package_visit::Column::Status.eq(VisitStatus::Planned))
        .group_by(package_visit::Column::PackageId)
        .into_tuple::<(i32, NaiveDate)>()
        .all(&cx.db)
        .await?
        .into_iter()
        .collect();
    let mut rows = Vec::new();
    for p in packages {
        rows.push(PackageRow {
            id: p.id,
            version: p.version,
            customer_id: p.customer_id,
            customer_name: customers.get(&p.customer_id).cloned().unwrap_or_default(),
            unit_label: common::unit_label(&cx.db, p.unit_id).await?,
            services: items
                .iter()
                .filter(|i| i.package_id == p.id)
                .map(|i| names.get(&i.service_id).cloned().unwrap_or_default())
                .collect(),
            starts_on: p.starts_on.to_string(),
            ends_on: p.ends_on.map(|d| d.to_string()),
            active: p.active,
            next_visit: next.get(&p.id).map(|d| d.to_string()),
        });
    }
    Ok(page(rows, total, q.page, q.page_size))
}

async fn visit_views(
    db: &impl ConnectionTrait,
    visits: Vec<package_visit::Model>,
    items: &[package_item::Model],
    names: &HashMap<i32, String>,
) -> Result<Vec<VisitView>> {
    let orders: HashMap<i32, work_order::Model> = work_order::Entity::find()
        .filter(work_order::Column::Id.is_in(visits.iter().filter_map(|v| v.work_order_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|w| (w.id, w))
        .collect();
    Ok(visits
        .into_iter()
        .map(|v| {
            let w = v.work_order_id.and_then(|id| orders.get(&id));
            let service = items.iter().find(|i| i.id == v.package_item_id).map(|i| i.service_id);
            VisitView {
                id: v.id,
                version: v.version,
                item_id: v.package_item_id,
                service_name: service.and_then(|s| names.get(&s).cloned()).unwrap_or_default(),
                date: v.visit_date.to_string(),
                extra: v.seq > 0,
                status: v.status,
                quantity: money::quantity_text(v.quantity_milli.into()),
                reason: v.reason,
                case_id: w.map(|w| w.case_id),
                work_order_id: v.work_order_id,
                work_order_number: w.map(|w| work_order_number(w.case_id, w.seq)),
                work_order_status: w.map(|w| w.status),
                due_at: w.map(|w| w.due_at.to_rfc3339()),
            }
        })
        .collect())
}

pub(crate) async fn detail(cx: &Cx, id: i32) -> Result<PackageDetail> {
    let db = &cx.db;
    let p = package::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound)?;
    let c = customer::Entity::find_by_id(p.customer_id).one(db).await?.ok_or(Error::NotFound)?;
    let owner = staff::Entity::find_by_id(p.owner_id).one(db).await?.map(|s| s.display_name).unwrap_or_default();
    let items = items_of(db, p.id).await?;
    let names = names_for(db, &items, cx.locale()).await?;
    let services: HashMap<i32, catalog_service::Model> = catalog_service::Entity::find()
        .filter(catalog_service::Column::Id.is_in(items.iter().map(|i| i.service_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let pauses_rows = package_pause::Entity::find()
        .filter(package_pause::Column::PackageId.eq(p.id))
        .order_by_asc(package_pause::Column::FromDate)
        .all(db)
        .await?;
    let pauses: Vec<recurrence::Pause> = pauses_rows.iter().map(|x| (x.from_date, x.to_date)).collect();
    let today = schedule::horizon(db, cx.now).await?.today;
    let next = package_visit::Entity::find()
        .filter(package_visit::Column::PackageId.eq(p.id))
        .filter(package_visit::Column::VisitDate.gte(today))
        .order_by_asc(package_visit::Column::VisitDate)
        .order_by_asc(package_visit::Column::Id)
        .limit(40)
        .all(db)
        .await?;
    let past = package_visit::Entity::find()
        .filter(package_visit::Column::PackageId.eq(p.id))
        .filter(package_visit::Column::VisitDate.lt(today))
        .order_by_desc(package_visit::Column::VisitDate)
        .order_by_desc(package_visit::Column::Id)
        .limit(40)
        .all(db)
        .await?;
    let item_views = items
        .iter()
        .filter(|i| i.active)
        .filter_map(|i| {
            let s = services.get(&i.service_id)?;
            let upcoming = schedule::wanted(&p, i, &pauses, today, today + Duration::days(400));
            Some(PackageItemView {
                id: i.id,
                version: i.version,
                service_id: i.service_id,
                service_name: names.get(&i.service_id).cloned().unwrap_or_default(),
                department: s.department,
                unit: s.unit,
                rule: i.rule.clone(),
                starts_on: i.starts_on.to_string(),
                ends_on: i.ends_on.map(|d| d.to_string()),
                window_start: i.window_start.clone(),
                window_end: i.window_end.clone(),
                quantity: money::quantity_text(i.quantity_milli.into()),
                notes: i.notes.clone(),
                active: i.active,
                upcoming: upcoming.into_iter().take(8).map(|d| d.to_string()).collect(),
            })
        })
        .collect();
    Ok(PackageDetail {
        id: p.id,
        version: p.version,
        customer_id: c.id,
        customer_name: c.name,
        customer_language: c.preferred_language,
        unit_id: p.unit_id,
        unit_label: common::unit_label(db, p.unit_id).await?,
        owner_name: owner,
        starts_on: p.starts_on.to_string(),
        ends_on: p.ends_on.map(|d| d.to_string()),
        window_start: p.window_start.clone(),
        window_end: p.window_end.clone(),
        notes: p.notes.clone(),
        active: p.active,
        items: item_views,
        pauses: pauses_rows
            .into_iter()
            .map(|x| PauseView {
                id: x.id,
                from_date: x.from_date.to_string(),
                to_date: x.to_date.to_string(),
                note: x.note,
            })
            .collect(),
        next_visits: visit_views(db, next, &items, &names).await?,
        past_visits: visit_views(db, past, &items, &names).await?,
        history: history_of(db, p.id).await?,
        today: today.to_string(),
        created_at: p.created_at.to_rfc3339(),
        updated_at: p.updated_at.to_rfc3339(),
    })
}

async fn history_of(db: &impl ConnectionTrait, id: i32) -> Result<Vec<ChangeEntry>> {
    let entries = change_log::Entity::find()
        .filter(change_log::Column::Entity.eq(HistoryEntity::Package.as_str()))
        .filter(change_log::Column::EntityId.eq(id))
        .order_by_desc(change_log::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let names: HashMap<i32, String> = staff::Entity::find()
        .filter(staff::Column::Id.is_in(entries.iter().filter_map(|e| e.staff_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.display_name))
        .collect();
    Ok(entries
        .into_iter()
        .map(|e| ChangeEntry {
            staff_name: e.staff_id.and_then(|s| names.get(&s).cloned()).unwrap_or_default(),
            changes: serde_json::from_str(&e.changes).unwrap_or_default(),
            id: e.id,
            at: e.at.to_rfc3339(),
            action: e.action,
            entity: HistoryEntity::Package,
        })
        .collect())
}
