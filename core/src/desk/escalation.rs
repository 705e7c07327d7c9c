//! The escalation sweep and the alerts it raises. Level 1: supervisors of the
//! departments involved (else of customer service); 2: office managers; 3: branch;
//! 4: head-office quality. Runs each minute in the shell; tests call it at chosen times.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::common::{event, opt_time, time};
use super::rules::{escalation, text};
use super::settings;
use crate::app::Cx;
use crate::db;
use crate::domain::{AlertKind, CaseEventKind, Department, EscalationTier, Role, WorkOrderStatus};
use crate::entities::{alert, service_case, staff, work_order};
use crate::error::Result;
use crate::page::{self, Page};

/// Who hears of a case at `level`.
async fn recipients(
    db: &impl ConnectionTrait,
    c: &service_case::Model,
    wo: Option<&work_order::Model>,
    level: i32,
) -> Result<Vec<i32>> {
    let active = staff::Entity::find().filter(staff::Column::Active.eq(true));
    let select = match level {
        1 => {
            let mut departments: Vec<Department> = match wo {
                Some(w) => w.department.into_iter().collect(),
                None => work_order::Entity::find()
                    .filter(work_order::Column::CaseId.eq(c.id))
                    .all(db)
                    .await?
                    .into_iter()
                    .filter(|w| w.status.is_active())
                    .filter_map(|w| w.department)
                    .collect(),
            };
            if departments.is_empty() {
                departments.push(Department::CustomerService);
            }
            active.filter(staff::Column::Supervisor.eq(true)).filter(staff::Column::Department.is_in(departments))
        }
        2 => active.filter(staff::Column::Role.eq(Role::Manager)),
        3 => active.filter(staff::Column::EscalationTier.eq(EscalationTier::Branch)),
        _ => active.filter(staff::Column::EscalationTier.eq(EscalationTier::HeadOffice)),
    };
    Ok(select.select_only().column(staff::Column::Id).into_tuple().all(db).await?)
}

/// Raises alerts for every level from `from` to `to` (each level's people hear once).
pub(crate) async fn alert_levels(
    db: &impl ConnectionTrait,
    c: &service_case::Model,
    wo: Option<&work_order::Model>,
    from: i32,
    to: i32,
    kind: AlertKind,
    now: DateTime<Utc>,
) -> Result<u32> {
    let mut n = 0;
    for level in from.max(1)..=to.min(escalation::TOP) {
        for staff_id in recipients(db, c, wo, level).await? {
            alert::ActiveModel {
                id: NotSet,
                staff_id: Set(staff_id),
                case_id: Set(c.id),
                work_order_id: Set(wo.map(|w| w.id)),
                level: Set(level),
                kind: Set(kind),
                created_at: Set(now),
                read_at: Set(None),
            }
            .insert(db)
            .await?;
            n += 1;
        }
    }
    Ok(n)
}

#[derive(Debug, Clone, Default, Serialize, TS)]
pub struct EscalationSweep {
    pub cases: u32,
    pub work_orders: u32,
    pub alerts: u32,
}

const BATCH: u64 = 200;

/// Escalates everything whose next step is due at `now`. Each row is changed only if
/// it still holds what was read, so a sweep never undoes a concurrent write.
pub async fn sweep(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<EscalationSweep> {
    let mut out = EscalationSweep::default();
    loop {
        let txn = db::begin_write(db).await?;
        let settings = settings::load(&txn).await?;
        let cases = service_case::Entity::find()
            .filter(service_case::Column::NextEscalationAt.lte(now))
            .order_by_asc(service_case::Column::NextEscalationAt)
            .limit(BATCH)
            .all(&txn)
            .await?;
        let orders = work_order::Entity::find()
            .filter(work_order::Column::NextEscalationAt.lte(now))
            .order_by_asc(work_order::Column::NextEscalationAt)
            .limit(BATCH)
            .all(&txn)
            .await?;
        if cases.is_empty() && orders.is_empty() {
            txn.rollback().await?;
            return Ok(out);
        }
        for c in &cases {
            let target = c.due_at.map_or(0, |d| escalation::level_at(d, now, &settings.delays));
            let level = c.escalation_level.max(target);
            let next = c.due_at.and_then(|d| escalation::next_at(d, level, &settings.delays));
            let res = service_case::Entity::update_many()
                .col_expr(service_case::Column::EscalationLevel, Expr::value(level))
                .col_expr(service_case::Column::NextEscalationAt, Expr::value(next))
                .col_expr(
                    service_case::Column::EscalatedAt,
                    Expr::value(if level > c.escalation_level { Some(now) } else { c.escalated_at }),
                )
                .filter(service_case::Column::Id.eq(c.id))
                .filter(service_case::Column::EscalationLevel.eq(c.escalation_level))
                .filter(service_case::Column::Version.eq(c.version))
                .exec(&txn)
                .await?;
            if res.rows_affected != 1 || level == c.escalation_level {
                continue;
            }
            let kind = if c.responded_at.is_none() { AlertKind::OverdueResponse } else { AlertKind::OverdueCompletion };
            out.alerts += alert_levels(&txn, c, None, c.escalation_level + 1, level, kind, now).await?;
            event(
                &txn,
                c,
                None,
                now,
                None,
                CaseEventKind::Escalated,
                "",
                serde_json::json!({
                    "from": c.escalation_level, "to": level, "kind": kind.as_str()
                }),
            )
            .await?;
            out.cases += 1;
        }
        for w in &orders {
            let running =
                !matches!(w.status, WorkOrderStatus::Done | WorkOrderStatus::Verified | WorkOrderStatus::Cancelled);
            let target = if running { escalation::level_at(w.due_at, now, &settings.delays) } else { 0 };
            let level = w.escalation_level.max(target);
            let next = if running { escalation::next_at(w.due_at, level, &settings.delays) } else { None };
            let res = work_order::Entity::update_many()
                .col_expr(work_order::Column::EscalationLevel, Expr::value(level))
                .col_expr(work_order::Column::NextEscalationAt, Expr::value(next))
                .filter(work_order::Column::Id.eq(w.id))
                .filter(work_order::Column::EscalationLevel.eq(w.escalation_level))
                .filter(work_order::Column::Version.eq(w.version))
                .exec(&txn)
                .await?;
            if res.rows_affected != 1 || level == w.escalation_level {
                continue;
            }
            let Some(c) = service_case::Entity::find_by_id(w.case_id).one(&txn).await? else { continue };
            out.alerts +=
                alert_levels(&txn, &c, Some(w), w.escalation_level + 1, level, AlertKind::OverdueWorkOrder, now)
                    .await?;
            event(
                &txn,
                &c,
                Some(w.id),
                now,
                None,
                CaseEventKind::Escalated,
                "",
                serde_json::json!({
                    "from": w.escalation_level, "to": level, "kind": AlertKind::OverdueWorkOrder.as_str()
                }),
            )
            .await?;
            out.work_orders += 1;
        }
        txn.commit().await?;
    }
}

/// `desk_escalate`: the sweep at the call's time (the shell's clock, or a test's).
pub async fn escalate(cx: Cx, _: ()) -> Result<EscalationSweep> {
    cx.actor()?;
    sweep(&cx.db, cx.now).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AlertQuery {
    pub unread_only: bool,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AlertRow {
    pub id: i32,
    pub case_id: i32,
    pub case_number: String,
    pub case_title: String,
    pub work_order_id: Option<i32>,
    pub level: i32,
    pub kind: AlertKind,
    pub created_at: String,
    pub read_at: Option<String>,
}

/// The actor's alerts, newest first.
pub async fn alerts(cx: Cx, q: AlertQuery) -> Result<Page<AlertRow>> {
    let actor = cx.actor()?;
    let mut select = alert::Entity::find().filter(alert::Column::StaffId.eq(actor.id()));
    if q.unread_only {
        select = select.filter(alert::Column::ReadAt.is_null());
    }
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = page::paging(q.page, q.page_size);
    let rows = select.order_by_desc(alert::Column::Id).offset(offset).limit(limit).all(&cx.db).await?;
    let titles: HashMap<i32, String> = service_case::Entity::find()
        .select_only()
        .column(service_case::Column::Id)
        .column(service_case::Column::Title)
        .filter(service_case::Column::Id.is_in(rows.iter().map(|a| a.case_id).collect::<Vec<_>>()))
        .into_tuple::<(i32, String)>()
        .all(&cx.db)
        .await?
        .into_iter()
        .collect();
    let items = rows
        .into_iter()
        .map(|a| AlertRow {
            case_number: text::case_number(a.case_id),
            case_title: titles.get(&a.case_id).cloned().unwrap_or_default(),
            created_at: time(a.created_at),
            read_at: opt_time(a.read_at),
            id: a.id,
            case_id: a.case_id,
            work_order_id: a.work_order_id,
            level: a.level,
            kind: a.kind,
        })
        .collect();
    Ok(page::page(items, total, q.page, q.page_size))
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AlertMarkRead {
    /// Empty: all of the actor's alerts.
    pub ids: Vec<i32>,
}

pub async fn mark_read(cx: Cx, input: AlertMarkRead) -> Result<()> {
    let actor = cx.actor()?;
    let txn = db::begin_write(&cx.db).await?;
    let mut q = alert::Entity::update_many()
        .col_expr(alert::Column::ReadAt, Expr::value(cx.now))
        .filter(alert::Column::StaffId.eq(actor.id()))
        .filter(alert::Column::ReadAt.is_null());
    if !input.ids.is_empty() {
        q = q.filter(alert::Column::Id.is_in(input.ids));
    }
    q.exec(&txn).await?;
    txn.commit().await?;
    Ok(())
}
