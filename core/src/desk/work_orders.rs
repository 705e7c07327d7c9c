//! Work orders: dispatch to a department or supplier, moves per the transition rules,
//! assignment, charges, lists.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::cases::{CaseDetail, detail};
use super::common::{
    self, event, lock_case, open_for_writing, opt_time, parse_time, settle, staff_names, text_field, time,
};
use super::rules::transitions::{self, Move, Order, Refusal, Who};
use super::rules::{money, text};
use super::settings;
use crate::accounts::Actor;
use crate::app::Cx;
use crate::db;
use crate::domain::{CaseEventKind, ChargeKind, Department, Priority, Role, WorkOrderStatus};
use crate::entities::{service_case, staff, supplier, work_order, work_order_charge};
use crate::error::{Error, Result};
use crate::page::{self, Page};
use crate::record::{audit, versioned};

#[derive(Debug, Clone, Serialize, TS)]
pub struct ChargeRow {
    pub id: i32,
    pub kind: ChargeKind,
    pub description: String,
    /// Exact decimals as text: "1.5", "80.00", "120.00".
    pub quantity: String,
    pub unit_price: String,
    pub amount: String,
    #[ts(type = "number")]
    pub amount_cents: i64,
    pub created_by_name: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct WorkOrderView {
    pub id: i32,
    /// "C000123-2".
    pub number: String,
    pub case_id: i32,
    pub version: i32,
    pub department: Option<Department>,
    pub supplier_id: Option<i32>,
    pub supplier_name: Option<String>,
    pub assignee_id: Option<i32>,
    pub assignee_name: Option<String>,
    pub instructions: String,
    pub priority: Priority,
    pub status: WorkOrderStatus,
    pub resume_status: Option<WorkOrderStatus>,
    pub due_at: String,
    pub overdue: bool,
    pub result: Option<String>,
    pub reason: Option<String>,
    pub dispatched_at: Option<String>,
    pub accepted_at: Option<String>,
    pub started_at: Option<String>,
    pub done_at: Option<String>,
    pub verified_at: Option<String>,
    pub cancelled_at: Option<String>,
    pub escalation_level: i32,
    pub charges: Vec<ChargeRow>,
    pub charges_total: String,
}

fn overdue(w: &work_order::Model, now: DateTime<Utc>) -> bool {
    w.due_at <= now
        && !matches!(w.status, WorkOrderStatus::Done | WorkOrderStatus::Verified | WorkOrderStatus::Cancelled)
}

async fn supplier_names(db: &impl ConnectionTrait, ids: Vec<i32>) -> Result<HashMap<i32, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i32, String)> = supplier::Entity::find()
        .select_only()
        .column(supplier::Column::Id)
        .column(supplier::Column::Name)
        .filter(supplier::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// A case's work orders and their charges, before the names are known.
pub(crate) struct WorkOrdersLoaded {
    orders: Vec<work_order::Model>,
    charges: Vec<work_order_charge::Model>,
}

pub(crate) async fn load_work_orders(db: &impl ConnectionTrait, case_id: i32) -> Result<WorkOrdersLoaded> {
    // One query: the orders, each with its charges.
    let rows = work_order::Entity::find()
        .filter(work_order::Column::CaseId.eq(case_id))
        .order_by_asc(work_order::Column::Seq)
        .find_with_related(work_order_charge::Entity)
        .order_by_asc(work_order_charge::Column::Id)
        .all(db)
        .await?;
    let mut orders = Vec::with_capacity(rows.len());
    let mut charges = Vec::new();
    for (w, cs) in rows {
        orders.push(w);
        charges.extend(cs);
    }
    orders.sort_by_key(|w| w.seq);
    Ok(WorkOrdersLoaded { orders, charges })
}

impl WorkOrdersLoaded {
    pub(crate) fn new(orders: Vec<work_order::Model>, charges: Vec<work_order_charge::Model>) -> Self {
        Self { orders, charges }
    }

    /// Every staff member named in the views.
    pub(crate) fn staff(&self) -> impl Iterator<Item = i32> + '_ {
        self.orders.iter().filter_map(|w| w.assignee_id).chain(self.charges.iter().map(|c| c.created_by))
    }

    /// The names of the orders' suppliers.
    pub(crate) async fn supplier_names(&self, db: &impl ConnectionTrait) -> Result<HashMap<i32, String>> {
        supplier_names(db, self.orders.iter().filter_map(|w| w.supplier_id).collect()).await
    }

    /// The views, the names already read.
    pub(crate) fn render_with(
        self,
        names: &HashMap<i32, String>,
        suppliers: &HashMap<i32, String>,
        now: DateTime<Utc>,
    ) -> Vec<WorkOrderView> {
        render_work_orders(self.orders, self.charges, names, suppliers, now)
    }
}

fn render_work_orders(
    orders: Vec<work_order::Model>,
    charges: Vec<work_order_charge::Model>,
    names: &HashMap<i32, String>,
    suppliers: &HashMap<i32, String>,
    now: DateTime<Utc>,
) -> Vec<WorkOrderView> {
    let mut by_order: HashMap<i32, Vec<ChargeRow>> = HashMap::new();
    for c in charges {
        by_order.entry(c.work_order_id).or_default().push(ChargeRow {
            id: c.id,
            kind: c.kind,
            description: c.description,
            quantity: money::quantity_text(c.quantity_milli),
            unit_price: money::cents_text(c.unit_price_cents),
            amount: money::cents_text(c.amount_cents),
            amount_cents: c.amount_cents,
            created_by_name: names.get(&c.created_by).cloned().unwrap_or_default(),
            created_at: time(c.created_at),
        });
    }
    orders
        .into_iter()
        .map(|w| {
            let charges = by_order.remove(&w.id).unwrap_or_default();
            let total: i64 = charges.iter().map(|c| c.amount_cents).sum();
            WorkOrderView {
                number: text::work_order_number(w.case_id, w.seq),
                supplier_name: w.supplier_id.and_then(|s| suppliers.get(&s).cloned()),
                assignee_name: w.assignee_id.and_then(|a| names.get(&a).cloned()),
                overdue: overdue(&w, now),
                due_at: time(w.due_at),
                dispatched_at: opt_time(w.dispatched_at),
                accepted_at: opt_time(w.accepted_at),
                started_at: opt_time(w.started_at),
                done_at: opt_time(w.done_at),
                verified_at: opt_time(w.verified_at),
                cancelled_at: opt_time(w.cancelled_at),
                charges_total: money::cents_text(total),
                charges,
                id: w.id,
                case_id: w.case_id,
                version: w.version,
                department: w.department,
                supplier_id: w.supplier_id,
                assignee_id: w.assignee_id,
                instructions: w.instructions,
                priority: w.priority,
                status: w.status,
                resume_status: w.resume_status,
                result: w.result,
                reason: w.reason,
                escalation_level: w.escalation_level,
            }
        })
        .collect()
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct WorkOrderDispatch {
    pub case_id: i32,
    /// A department, a supplier, or both (a department overseeing a supplier).
    pub department: Option<Department>,
    pub supplier_id: Option<i32>,
    pub assignee_id: Option<i32>,
    pub instructions: String,
    /// None takes the case's.
    pub priority: Option<Priority>,
    /// RFC 3339; none takes the case's completion due time.
    pub due_at: Option<String>,
    /// Keep as `new` (not yet sent); dispatch it later with a move.
    pub draft: bool,
}

/// An assignee must be active and, for department staff, of the order's department.
async fn check_assignee(
    db: &impl ConnectionTrait,
    assignee: Option<i32>,
    department: Option<Department>,
) -> Result<()> {
    let Some(id) = assignee else { return Ok(()) };
    let s = staff::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|s| s.active)
        .ok_or_else(|| Error::field("assignee_id", "validation.not_found"))?;
    if s.role == Role::Department && department.is_some_and(|d| d != s.department) {
        return Err(Error::field("assignee_id", "validation.assignee_department"));
    }
    Ok(())
}

pub async fn dispatch(cx: Cx, input: WorkOrderDispatch) -> Result<CaseDetail> {
    let actor = cx.actor()?;
    let instructions = text_field("instructions", &input.instructions, 4000, true)?.unwrap_or_default();
    if let Some(d) = input.department
        && !d.is_operational()
    {
        return Err(Error::field("department", "validation.department_not_operational"));
    }
    if !input.draft && input.department.is_none() && input.supplier_id.is_none() {
        return Err(Error::field("department", transitions::NEEDS_DEPARTMENT));
    }
    let due_given = input.due_at.as_deref().filter(|s| !s.is_empty()).map(|s| parse_time("due_at", s)).transpose()?;
    if due_given.is_some_and(|d| d <= cx.now) {
        return Err(Error::field("due_at", "validation.due_in_past"));
    }
    let txn = db::begin_write(&cx.db).await?;
    let before = lock_case(&txn, input.case_id, None, cx.now).await?;
    open_for_writing(&before)?;
    if let Some(s) = input.supplier_id
        && !supplier::Entity::find_by_id(s).one(&txn).await?.is_some_and(|s| s.active)
    {
        return Err(Error::field("supplier_id", "validation.not_found"));
    }
    check_assignee(&txn, input.assignee_id, input.department).await?;
    let seq: Option<i32> = work_order::Entity::find()
        .select_only()
        .column_as(work_order::Column::Seq.max(), "m")
        .filter(work_order::Column::CaseId.eq(before.id))
        .into_tuple()
        .one(&txn)
        .await?
        .flatten();
    let status = if input.draft { WorkOrderStatus::New } else { WorkOrderStatus::Dispatched };
    let due_at = due_given.unwrap_or(before.completion_due_at.max(cx.now));
    let w = work_order::ActiveModel {
        id: NotSet,
        case_id: Set(before.id),
        seq: Set(seq.unwrap_or(0) + 1),
        department: Set(input.department),
        supplier_id: Set(input.supplier_id),
        assignee_id: Set(input.assignee_id),
        instructions: Set(instructions),
        priority: Set(input.priority.unwrap_or(before.priority)),
        status: Set(status),
        resume_status: Set(None),
        due_at: Set(due_at),
        result: Set(None),
        reason: Set(None),
        dispatched_at: Set((!input.draft).then_some(cx.now)),
        accepted_at: Set(None),
        started_at: Set(None),
        done_at: Set(None),
        verified_at: Set(None),
        cancelled_at: Set(None),
        escalation_level: Set(0),
        next_escalation_at: Set(Some(due_at)),
        created_by: Set(actor.id()),
        version: Set(1),
        created_at: Set(cx.now),
        updated_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    common::recount(&txn, &[], &common::work_order_keys(&w)).await?;
    if let Some(d) = w.department {
        common::note_department(&txn, &before, d).await?;
    }
    let settings = settings::load(&txn).await?;
    let mut c = before.clone();
    if !input.draft {
        c.responded_at = c.responded_at.or(Some(cx.now));
    }
    let c = settle(&txn, Some(&before), c, cx.now, Some(actor.id()), &settings).await?;
    if !input.draft {
        event(
            &txn,
            &c,
            Some(w.id),
            cx.now,
            Some(actor.id()),
            CaseEventKind::Dispatched,
            &w.instructions,
            serde_json::json!({
                "department": w.department.map(|d| d.as_str()), "supplier_id": w.supplier_id,
                "assignee_id": w.assignee_id, "due_at": time(w.due_at)
            }),
        )
        .await?;
    }
    txn.commit().await?;
    detail(&cx, actor, c.id).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct WorkOrderTransition {
    pub id: i32,
    pub version: i32,
    pub to: WorkOrderStatus,
    /// Required when reporting done.
    pub result: Option<String>,
    /// Required to pause, send back or cancel.
    pub reason: Option<String>,
}

fn who(actor: &Actor, w: &work_order::Model, c: &service_case::Model) -> Who {
    Who {
        role: actor.staff.role,
        department: actor.staff.department,
        is_assignee: w.assignee_id == Some(actor.id()),
        is_case_owner: c.owner_id == actor.id(),
    }
}

fn order(w: &work_order::Model) -> Order {
    Order {
        status: w.status,
        resume_status: w.resume_status,
        department: w.department,
        has_supplier: w.supplier_id.is_some(),
    }
}

/// Records the refusal with its reason and fails with `forbidden`.
async fn refuse_move<T>(cx: &Cx, actor: &Actor, w: &work_order::Model, key: &'static str) -> Result<T> {
    tracing::warn!(staff = actor.id(), work_order = w.id, key, "work-order move refused");
    let txn = db::begin_write(&cx.db).await?;
    audit::by(&txn, cx.now, actor, crate::domain::AuditEvent::Refused, &format!("{} #{} {key}", cx.command, w.id))
        .await?;
    txn.commit().await?;
    Err(Error::Forbidden(Some(key)))
}

pub async fn transition(cx: Cx, input: WorkOrderTransition) -> Result<CaseDetail> {
    let actor = cx.actor()?;
    let result = text_field("result", input.result.as_deref().unwrap_or(""), 4000, false)?;
    let reason = text_field("reason", input.reason.as_deref().unwrap_or(""), 1000, false)?;
    let w = work_order::Entity::find_by_id(input.id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    let c = service_case::Entity::find_by_id(w.case_id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    let mv = match transitions::check(&order(&w), input.to, &who(actor, &w, &c), result.is_some(), reason.is_some()) {
        Ok(mv) => mv,
        Err(Refusal::Forbidden(key)) => return refuse_move(&cx, actor, &w, key).await,
        Err(Refusal::Needs(field, key)) => return Err(Error::field(field, key)),
        Err(Refusal::Illegal) => return Err(Error::field("to", transitions::ILLEGAL)),
    };
    let txn = db::begin_write(&cx.db).await?;
    let before = lock_case(&txn, w.case_id, None, cx.now).await?;
    open_for_writing(&before)?;
    let old = work_order::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    if old.version != input.version || old.status != w.status {
        return Err(Error::Conflict);
    }
    let mut n = old.clone();
    n.status = input.to;
    n.updated_at = cx.now;
    let kind = match mv {
        Move::Dispatch => {
            n.dispatched_at = Some(cx.now);
            CaseEventKind::Dispatched
        }
        Move::Accept => {
            n.accepted_at = Some(cx.now);
            // Department staff accepting an unassigned order take it.
            if n.assignee_id.is_none() && actor.staff.role == Role::Department {
                n.assignee_id = Some(actor.id());
            }
            CaseEventKind::Accepted
        }
        Move::Start => {
            n.started_at = n.started_at.or(Some(cx.now));
            CaseEventKind::Started
        }
        Move::Finish => {
            n.done_at = Some(cx.now);
            n.result = result.clone();
            CaseEventKind::Done
        }
        Move::Verify => {
            n.verified_at = Some(cx.now);
            CaseEventKind::Verified
        }
        Move::SendBack => {
            n.done_at = None;
            n.reason = reason.clone();
            CaseEventKind::SentBack
        }
        Move::Pause => {
            n.resume_status = Some(old.status);
            n.reason = reason.clone();
            CaseEventKind::Paused
        }
        Move::Resume => {
            n.resume_status = None;
            CaseEventKind::Resumed
        }
        Move::Cancel => {
            n.cancelled_at = Some(cx.now);
            n.resume_status = None;
            n.reason = reason.clone();
            CaseEventKind::Cancelled
        }
    };
    // Finished, verified or cancelled orders stop escalating; the case's own due goes on.
    n.next_escalation_at = match n.status {
        WorkOrderStatus::Done | WorkOrderStatus::Verified | WorkOrderStatus::Cancelled => None,
        _ if n.escalation_level > 0 => n.next_escalation_at,
        _ => Some(n.due_at),
    };
    let row = work_order::ActiveModel::from(n).reset_all();
    let n = versioned::update::<work_order::Entity>(&txn, old.id, old.version, row).await?;
    common::recount(&txn, &common::work_order_keys(&old), &common::work_order_keys(&n)).await?;
    let settings = settings::load(&txn).await?;
    let mut c = before.clone();
    if mv == Move::Dispatch {
        c.responded_at = c.responded_at.or(Some(cx.now));
    }
    let c = settle(&txn, Some(&before), c, cx.now, Some(actor.id()), &settings).await?;
    let note = match mv {
        Move::Finish => result.unwrap_or_default(),
        Move::SendBack | Move::Pause | Move::Cancel => reason.unwrap_or_default(),
        _ => String::new(),
    };
    event(
        &txn,
        &c,
        Some(n.id),
        cx.now,
        Some(actor.id()),
        kind,
        &note,
        serde_json::json!({
            "from": old.status.as_str(), "to": n.status.as_str()
        }),
    )
    .await?;
    txn.commit().await?;
    detail(&cx, actor, c.id).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct WorkOrderAssign {
    pub id: i32,
    pub version: i32,
    pub assignee_id: Option<i32>,
}

/// Names who does the work: the desk, managers, or staff of the order's department.
pub async fn assign(cx: Cx, input: WorkOrderAssign) -> Result<CaseDetail> {
    let actor = cx.actor()?;
    let w = work_order::Entity::find_by_id(input.id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    let own_department = actor.staff.role == Role::Department && w.department == Some(actor.staff.department);
    if !(own_department || matches!(actor.staff.role, Role::Desk | Role::Manager)) {
        return cx.refuse_because("desk.refused.other_department").await;
    }
    if !w.status.is_active() {
        return Err(Error::field("to", transitions::ILLEGAL));
    }
    let txn = db::begin_write(&cx.db).await?;
    let before = lock_case(&txn, w.case_id, None, cx.now).await?;
    open_for_writing(&before)?;
    check_assignee(&txn, input.assignee_id, w.department).await?;
    let old = work_order::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    let changes =
        work_order::ActiveModel { assignee_id: Set(input.assignee_id), updated_at: Set(cx.now), ..Default::default() };
    let n = versioned::update::<work_order::Entity>(&txn, input.id, input.version, changes).await?;
    common::recount(&txn, &common::work_order_keys(&old), &common::work_order_keys(&n)).await?;
    event(&txn, &before, Some(n.id), cx.now, Some(actor.id()), CaseEventKind::Edited, "", serde_json::json!({
        "changes": [{"field": "assignee_id", "old": old.assignee_id.map(|a| a.to_string()), "new": input.assignee_id.map(|a| a.to_string())}]
    }))
    .await?;
    txn.commit().await?;
    detail(&cx, actor, w.case_id).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct WorkOrderChargeAdd {
    pub work_order_id: i32,
    pub kind: ChargeKind,
    pub description: String,
    /// Decimal text, up to three places: "1.5" hours.
    pub quantity: String,
    /// Decimal text, up to two places: "80.00".
    pub unit_price: String,
}

/// A paid repair's labour or material: exact money, half-up to the cent.
pub async fn add_charge(cx: Cx, input: WorkOrderChargeAdd) -> Result<CaseDetail> {
    let actor = cx.actor()?;
    let description = text_field("description", &input.description, 200, true)?.unwrap_or_default();
    let quantity =
        money::parse_quantity(&input.quantity).ok_or_else(|| Error::field("quantity", "validation.quantity"))?;
    let price = money::parse_price(&input.unit_price).ok_or_else(|| Error::field("unit_price", "validation.money"))?;
    let amount = money::amount_cents(quantity, price).ok_or_else(|| Error::field("quantity", "validation.quantity"))?;
    let w = work_order::Entity::find_by_id(input.work_order_id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    let c = service_case::Entity::find_by_id(w.case_id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    let who = who(actor, &w, &c);
    let allowed = matches!(who.role, Role::Manager | Role::Desk)
        || who.is_case_owner
        || who.is_assignee
        || (who.role == Role::Department && w.department == Some(who.department));
    if !allowed {
        return cx.refuse_because("desk.refused.not_assignee").await;
    }
    if w.status == WorkOrderStatus::Cancelled {
        return Err(Error::field("work_order_id", "validation.work_order_cancelled"));
    }
    let txn = db::begin_write(&cx.db).await?;
    let before = lock_case(&txn, w.case_id, None, cx.now).await?;
    open_for_writing(&before)?;
    let ch = work_order_charge::ActiveModel {
        id: NotSet,
        work_order_id: Set(w.id),
        kind: Set(input.kind),
        description: Set(description),
        quantity_milli: Set(quantity),
        unit_price_cents: Set(price),
        amount_cents: Set(amount),
        created_by: Set(actor.id()),
        created_at: Set(cx.now),
        statement_id: Set(None),
    }
    .insert(&txn)
    .await?;
    event(
        &txn,
        &before,
        Some(w.id),
        cx.now,
        Some(actor.id()),
        CaseEventKind::ChargeAdded,
        &ch.description,
        serde_json::json!({
            "kind": ch.kind.as_str(), "quantity": money::quantity_text(quantity),
            "unit_price": money::cents_text(price), "amount": money::cents_text(amount)
        }),
    )
    .await?;
    txn.commit().await?;
    detail(&cx, actor, w.case_id).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct WorkOrderQuery {
    pub status: Option<WorkOrderStatus>,
    /// Only active (not verified or cancelled) orders.
    pub active: Option<bool>,
    pub department: Option<Department>,
    pub assignee_id: Option<i32>,
    /// Only orders nobody is assigned to.
    #[serde(default)]
    pub unassigned: bool,
    pub supplier_id: Option<i32>,
    pub overdue: Option<bool>,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct WorkOrderRow {
    pub id: i32,
    pub number: String,
    pub case_id: i32,
    pub case_title: String,
    pub version: i32,
    pub department: Option<Department>,
    pub supplier_name: Option<String>,
    pub assignee_id: Option<i32>,
    pub assignee_name: Option<String>,
    pub priority: Priority,
    pub status: WorkOrderStatus,
    pub instructions: String,
    pub due_at: String,
    pub overdue: bool,
    pub escalation_level: i32,
}

async fn rows(
    db: &impl ConnectionTrait,
    orders: Vec<work_order::Model>,
    now: DateTime<Utc>,
) -> Result<Vec<WorkOrderRow>> {
    let titles: HashMap<i32, String> = service_case::Entity::find()
        .select_only()
        .column(service_case::Column::Id)
        .column(service_case::Column::Title)
        .filter(service_case::Column::Id.is_in(orders.iter().map(|w| w.case_id).collect::<Vec<_>>()))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let names = staff_names(db, orders.iter().filter_map(|w| w.assignee_id)).await?;
    let suppliers = supplier_names(db, orders.iter().filter_map(|w| w.supplier_id).collect()).await?;
    Ok(orders
        .into_iter()
        .map(|w| WorkOrderRow {
            number: text::work_order_number(w.case_id, w.seq),
            case_title: titles.get(&w.case_id).cloned().unwrap_or_default(),
            supplier_name: w.supplier_id.and_then(|s| suppliers.get(&s).cloned()),
            assignee_name: w.assignee_id.and_then(|a| names.get(&a).cloned()),
            overdue: overdue(&w, now),
            due_at: time(w.due_at),
            id: w.id,
            case_id: w.case_id,
            version: w.version,
            department: w.department,
            assignee_id: w.assignee_id,
            priority: w.priority,
            status: w.status,
            instructions: w.instructions,
            escalation_level: w.escalation_level,
        })
        .collect())
}

async fn query(db: &impl ConnectionTrait, q: &WorkOrderQuery, now: DateTime<Utc>) -> Result<Page<WorkOrderRow>> {
    use work_order::Column as W;
    let mut cond = Condition::all();
    if let Some(s) = q.status {
        cond = cond.add(W::Status.eq(s));
    }
    if q.active == Some(true) {
        cond = cond.add(W::Status.is_not_in([WorkOrderStatus::Verified, WorkOrderStatus::Cancelled]));
    }
    if let Some(d) = q.department {
        cond = cond.add(W::Department.eq(d));
    }
    if let Some(a) = q.assignee_id {
        cond = cond.add(W::AssigneeId.eq(a));
    }
    if q.unassigned {
        cond = cond.add(W::AssigneeId.is_null());
    }
    if let Some(s) = q.supplier_id {
        cond = cond.add(W::SupplierId.eq(s));
    }
    if q.overdue == Some(true) {
        cond = cond.add(W::DueAt.lte(now)).add(W::Status.is_not_in([
            WorkOrderStatus::Done,
            WorkOrderStatus::Verified,
            WorkOrderStatus::Cancelled,
        ]));
    }
    let select = work_order::Entity::find().filter(cond);
    let total = select.clone().limit(common::COUNT_CAP).count(db).await?;
    let (offset, limit) = page::paging(q.page, q.page_size);
    let orders = select.order_by_asc(W::DueAt).order_by_asc(W::Id).offset(offset).limit(limit).all(db).await?;
    Ok(page::page(rows(db, orders, now).await?, total, q.page, q.page_size))
}

pub async fn list(cx: Cx, q: WorkOrderQuery) -> Result<Page<WorkOrderRow>> {
    cx.actor()?;
    query(&cx.db, &q, cx.now).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct MyWorkOrdersQuery {
    /// The actor's department's orders that nobody has taken yet, instead of their own.
    #[serde(default)]
    pub unassigned_in_my_department: bool,
    pub page: u32,
    pub page_size: u32,
}

/// Orders assigned to the actor (or waiting in their department for someone to take them)
/// and not finished, soonest due first.
pub async fn mine(cx: Cx, q: MyWorkOrdersQuery) -> Result<Page<WorkOrderRow>> {
    let actor = cx.actor()?;
    let queue = q.unassigned_in_my_department;
    let q = WorkOrderQuery {
        status: None,
        active: Some(true),
        department: queue.then_some(actor.staff.department),
        assignee_id: if queue { None } else { Some(actor.id()) },
        unassigned: queue,
        supplier_id: None,
        overdue: None,
        page: q.page,
        page_size: q.page_size,
    };
    query(&cx.db, &q, cx.now).await
}
