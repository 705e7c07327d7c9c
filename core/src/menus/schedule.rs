//! Turning packages into real visits. For every month that the next `schedule_days` touch,
//! each occurrence of an item's rule becomes a `package_visit` and a work order for the
//! service's department in the package's case of that month: dispatched when it is due
//! within `schedule_days`, planned (a draft order) before that, so the month's case is
//! complete only when the whole month's visits are. One function, `reconcile`, serves
//! creating, editing, pausing and stopping a package and the daily run: it compares the
//! visits the rules want from today on with those already written, so running it twice
//! writes nothing twice. Visits before today, visits under way and skipped visits are
//! never changed.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{recurrence, settings};
use crate::app::Cx;
use crate::db;
use crate::desk::common::{self, event, lock_case, settle};
use crate::desk::settings as desk_settings;
use crate::domain::{CaseEventKind, CaseKind, CaseStatus, Channel, Priority, VisitStatus, WorkOrderStatus};
use crate::entities::{
    catalog_service, catalog_service_text, customer, package, package_case, package_item, package_pause, package_visit,
    service_case, work_order,
};
use crate::error::{Error, Result};
use crate::record::versioned;

/// What a run did, for the screen and the log.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ScheduleReport {
    pub packages: u32,
    /// Visits written with their work orders.
    pub created: u32,
    /// Planned orders sent to their department as their day came near.
    pub dispatched: u32,
    /// Future visits the package no longer wants (edited, paused, stopped).
    pub cancelled: u32,
    /// Future orders whose time or instructions followed a package edit.
    pub updated: u32,
}

impl ScheduleReport {
    fn add(&mut self, o: &ScheduleReport) {
        self.packages += o.packages;
        self.created += o.created;
        self.dispatched += o.dispatched;
        self.cancelled += o.cancelled;
        self.updated += o.updated;
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ScheduleRun {
    /// One package, or every active package when null.
    pub package_id: Option<i32>,
}

/// Packages per transaction in a whole-property run: short enough that desks keep
/// working beside it, long enough that 10,000 packages take seconds.
const CHUNK: u64 = 200;

/// The schedule for one package or all: the daily run (the shell starts it, a manager can).
pub async fn run(cx: Cx, input: ScheduleRun) -> Result<ScheduleReport> {
    let w = Writer::of(&cx)?;
    if let Some(id) = input.package_id {
        let txn = db::begin_write(&cx.db).await?;
        let r = Box::pin(reconcile(&txn, &w, id)).await?;
        txn.commit().await?;
        return Ok(r);
    }
    all(&cx.db, &w).await
}

/// Who writes and when: a staff member's call, or the daily run, which writes each
/// package's visits as the package's owner.
pub(crate) struct Writer {
    pub now: DateTime<Utc>,
    pub locale: String,
    pub actor: Option<i32>,
}

impl Writer {
    pub(crate) fn of(cx: &Cx) -> Result<Self> {
        Ok(Self { now: cx.now, locale: cx.locale().to_owned(), actor: Some(cx.actor()?.id()) })
    }

    fn locale(&self) -> &str {
        &self.locale
    }
}

/// The daily run without a signed-in caller (the shell's timer): once per office day, as
/// each package's owner, in the office's first language. Returns None when today's run
/// was already made.
pub async fn daily(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<Option<ScheduleReport>> {
    let today = horizon(db, now).await?.today.to_string();
    if settings::last_daily_run(db).await?.as_deref() == Some(today.as_str()) {
        return Ok(None);
    }
    let w = Writer { now, locale: "zh-CN".to_owned(), actor: None };
    let report = all(db, &w).await?;
    settings::set_last_daily_run(db, &today).await?;
    Ok(Some(report))
}

async fn all(db: &DatabaseConnection, w: &Writer) -> Result<ScheduleReport> {
    let mut report = ScheduleReport::default();
    let mut after = 0;
    loop {
        let ids: Vec<i32> = package::Entity::find()
            .select_only()
            .column(package::Column::Id)
            .filter(package::Column::Active.eq(true))
            .filter(package::Column::Id.gt(after))
            .order_by_asc(package::Column::Id)
            .limit(CHUNK)
            .into_tuple()
            .all(db)
            .await?;
        let Some(&last) = ids.last() else { break };
        let txn = db::begin_write(db).await?;
        for id in ids {
            report.add(&Box::pin(reconcile(&txn, w, id)).await?);
        }
        txn.commit().await?;
        after = last;
    }
    tracing::info!(
        packages = report.packages,
        created = report.created,
        dispatched = report.dispatched,
        cancelled = report.cancelled,
        "package schedule run"
    );
    Ok(report)
}

/// What the schedule needs to know about the office, read once per transaction.
pub(crate) struct Horizon {
    pub zone: chrono_tz::Tz,
    pub today: NaiveDate,
    /// Visits up to this day are sent out.
    pub dispatch_until: NaiveDate,
    /// Visits are written up to the end of the month of `dispatch_until`.
    pub plan_until: NaiveDate,
}

pub(crate) async fn horizon(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Horizon> {
    let zone = settings::time_zone(db).await?;
    let days = settings::schedule_days(db).await?;
    let today = recurrence::office_today(now, zone);
    let dispatch_until = today + Duration::days(days.into());
    Ok(Horizon { zone, today, dispatch_until, plan_until: recurrence::month_bounds(dispatch_until).1 })
}

/// The service's name in `locale`, else in Chinese, else any.
pub(crate) async fn service_names(
    db: &impl ConnectionTrait,
    ids: Vec<i32>,
    locale: &str,
) -> Result<HashMap<i32, String>> {
    let mut best: HashMap<i32, (u8, String)> = HashMap::new();
    for t in
        catalog_service_text::Entity::find().filter(catalog_service_text::Column::ServiceId.is_in(ids)).all(db).await?
    {
        let rank = if t.language == locale {
            0
        } else if t.language == "zh-CN" {
            1
        } else {
            2
        };
        let e = best.entry(t.service_id).or_insert((u8::MAX, String::new()));
        if rank < e.0 {
            *e = (rank, t.name);
        }
    }
    Ok(best.into_iter().map(|(k, (_, v))| (k, v)).collect())
}

fn window_text(start: Option<&str>, end: Option<&str>) -> String {
    match (start, end) {
        (Some(s), Some(e)) => format!("{s}–{e}"),
        (Some(s), None) => format!("{s}–"),
        (None, Some(e)) => format!("–{e}"),
        (None, None) => String::new(),
    }
}

/// The work order's instructions: service, day and window, then the notes.
fn instructions(
    name: &str,
    date: NaiveDate,
    p: &package::Model,
    i: &package_item::Model,
    note: Option<&str>,
) -> String {
    let (ws, we) = item_window(p, i);
    let mut s = format!("{name} · {date} {}", window_text(ws, we)).trim_end().to_owned();
    for n in [i.notes.as_str(), p.notes.as_str(), note.unwrap_or("")] {
        if !n.trim().is_empty() {
            s.push('\n');
            s.push_str(n.trim());
        }
    }
    s
}

fn item_window<'a>(p: &'a package::Model, i: &'a package_item::Model) -> (Option<&'a str>, Option<&'a str>) {
    if i.window_start.is_some() || i.window_end.is_some() {
        (i.window_start.as_deref(), i.window_end.as_deref())
    } else {
        (p.window_start.as_deref(), p.window_end.as_deref())
    }
}

fn due_of(h: &Horizon, date: NaiveDate, p: &package::Model, i: &package_item::Model) -> DateTime<Utc> {
    recurrence::due_at(date, item_window(p, i).1, h.zone)
}

/// The item's dates from `from` to `to` as its package wants them now.
pub(crate) fn wanted(
    p: &package::Model,
    i: &package_item::Model,
    pauses: &[recurrence::Pause],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<NaiveDate> {
    if !p.active || !i.active {
        return Vec::new();
    }
    let ends = match (p.ends_on, i.ends_on) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    recurrence::dates(&i.rule, i.starts_on.max(p.starts_on), ends, from, to, pauses)
}

struct Ctx<'a> {
    w: &'a Writer,
    actor: i32,
    h: Horizon,
    p: package::Model,
    customer_name: String,
    desk: desk_settings::DeskSettings,
    /// Case id → the case as it was before this run and as the run left it (locked).
    cases: BTreeMap<i32, (service_case::Model, service_case::Model)>,
    /// Month ("2026-12") → the package's case id.
    months: HashMap<String, i32>,
}

impl Ctx<'_> {
    /// The package's case for the month of `date`, made on first need.
    async fn case_for(&mut self, db: &impl ConnectionTrait, date: NaiveDate) -> Result<service_case::Model> {
        let month = recurrence::month_of(date);
        if let Some((_, c)) = self.months.get(&month).and_then(|id| self.cases.get(id)) {
            return Ok(c.clone());
        }
        let found = package_case::Entity::find_by_id((self.p.id, month.clone())).one(db).await?;
        let c = match found {
            Some(pc) => self.case_by_id(db, pc.case_id).await?,
            None => {
                let c = self.open_case(db, &month, date).await?;
                self.cases.insert(c.id, (c.clone(), c.clone()));
                c
            }
        };
        if c.status == CaseStatus::Closed {
            return Err(Error::field("date", "validation.package_month_closed"));
        }
        self.months.insert(month, c.id);
        Ok(c)
    }

    async fn case_by_id(&mut self, db: &impl ConnectionTrait, id: i32) -> Result<service_case::Model> {
        if let Some((_, c)) = self.cases.get(&id) {
            return Ok(c.clone());
        }
        let c = lock_case(db, id, None, self.w.now).await?;
        self.cases.insert(id, (c.clone(), c.clone()));
        Ok(c)
    }

    async fn open_case(&self, db: &impl ConnectionTrait, month: &str, date: NaiveDate) -> Result<service_case::Model> {
        let now = self.w.now;
        let (response, completion) = desk_settings::target(db, CaseKind::ServiceRequest, Priority::Normal).await?;
        let (response_due_at, _) = crate::desk::rules::due::due_times(now, response, completion);
        let last_day = recurrence::month_bounds(date).1;
        let completion_due_at = recurrence::due_at(last_day, Some("23:59"), self.h.zone).max(now);
        let title = rust_i18n::t!("menus.package_case_title", locale = self.w.locale(), month = month).into_owned();
        let language = customer::Entity::find_by_id(self.p.customer_id)
            .one(db)
            .await?
            .map(|c| c.preferred_language)
            .unwrap_or_else(|| "zh-CN".to_owned());
        let c = service_case::ActiveModel {
            id: NotSet,
            kind: Set(CaseKind::ServiceRequest),
            channel: Set(Channel::Other),
            priority: Set(Priority::Normal),
            status: Set(CaseStatus::New),
            title: Set(title),
            description: Set(rust_i18n::t!(
                "menus.package_case_description",
                locale = self.w.locale(),
                customer = self.customer_name,
                package = self.p.id
            )
            .into_owned()),
            customer_id: Set(Some(self.p.customer_id)),
            unit_id: Set(self.p.unit_id),
            caller_name: Set(None),
            caller_phone: Set(None),
            language: Set(language),
            received_by: Set(self.p.owner_id),
            owner_id: Set(self.p.owner_id),
            received_at: Set(now),
            response_due_at: Set(response_due_at),
            completion_due_at: Set(completion_due_at),
            due_at: Set(None),
            // The office opened it itself: nothing waits for a first response.
            responded_at: Set(Some(now)),
            completed_at: Set(None),
            closed_at: Set(None),
            reopened_at: Set(None),
            escalation_level: Set(0),
            escalated_at: Set(None),
            next_escalation_at: Set(None),
            reopen_count: Set(0),
            satisfaction: Set(None),
            search_text: Set(String::new()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
        package_case::ActiveModel { package_id: Set(self.p.id), month: Set(month.to_owned()), case_id: Set(c.id) }
            .insert(db)
            .await?;
        let c = settle(db, None, c, now, Some(self.actor), &self.desk).await?;
        event(
            db,
            &c,
            None,
            now,
            Some(self.actor),
            CaseEventKind::Received,
            "",
            serde_json::json!({ "channel": c.channel.as_str(), "kind": c.kind.as_str(), "priority": c.priority.as_str(), "package_id": self.p.id }),
        )
        .await?;
        Ok(c)
    }

    /// A work order for a visit in its month's case; sent out when its day is near.
    async fn add_order(
        &mut self,
        db: &impl ConnectionTrait,
        date: NaiveDate,
        department: crate::domain::Department,
        text: String,
        due_at: DateTime<Utc>,
    ) -> Result<(work_order::Model, bool)> {
        let c = self.case_for(db, date).await?;
        let now = self.w.now;
        let seq: Option<i32> = work_order::Entity::find()
            .select_only()
            .column_as(work_order::Column::Seq.max(), "m")
            .filter(work_order::Column::CaseId.eq(c.id))
            .into_tuple()
            .one(db)
            .await?
            .flatten();
        let send = date <= self.h.dispatch_until;
        let w = work_order::ActiveModel {
            id: NotSet,
            case_id: Set(c.id),
            seq: Set(seq.unwrap_or(0) + 1),
            department: Set(Some(department)),
            supplier_id: Set(None),
            assignee_id: Set(None),
            instructions: Set(text),
            priority: Set(Priority::Normal),
            status: Set(if send { WorkOrderStatus::Dispatched } else { WorkOrderStatus::New }),
            resume_status: Set(None),
            due_at: Set(due_at),
            result: Set(None),
            reason: Set(None),
            dispatched_at: Set(send.then_some(now)),
            accepted_at: Set(None),
            started_at: Set(None),
            done_at: Set(None),
            verified_at: Set(None),
            cancelled_at: Set(None),
            escalation_level: Set(0),
            next_escalation_at: Set(Some(due_at)),
            created_by: Set(self.actor),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
        common::recount(db, &[], &common::work_order_keys(&w)).await?;
        common::note_department(db, &c, department).await?;
        if send {
            self.dispatched_event(db, &c, &w).await?;
        }
        self.widen_completion(c.id, due_at);
        Ok((w, send))
    }

    async fn dispatched_event(
        &mut self,
        db: &impl ConnectionTrait,
        c: &service_case::Model,
        w: &work_order::Model,
    ) -> Result<()> {
        event(
            db,
            c,
            Some(w.id),
            self.w.now,
            Some(self.actor),
            CaseEventKind::Dispatched,
            &w.instructions,
            serde_json::json!({ "department": w.department.map(|d| d.as_str()), "due_at": common::time(w.due_at) }),
        )
        .await
    }

    /// A visit due after the case's completion time moves it (an extra visit late in the month).
    fn widen_completion(&mut self, case_id: i32, due_at: DateTime<Utc>) {
        if let Some((_, c)) = self.cases.get_mut(&case_id)
            && c.completion_due_at < due_at
        {
            c.completion_due_at = due_at;
        }
    }

    /// Writes a changed order, keeping counts and the timeline.
    async fn save_order(
        &mut self,
        db: &impl ConnectionTrait,
        old: &work_order::Model,
        new: work_order::Model,
        kind: Option<CaseEventKind>,
        note: &str,
    ) -> Result<work_order::Model> {
        let row = work_order::ActiveModel::from(new).reset_all();
        let n = versioned::update::<work_order::Entity>(db, old.id, old.version, row).await?;
        common::recount(db, &common::work_order_keys(old), &common::work_order_keys(&n)).await?;
        if let Some(kind) = kind {
            let c = self.case_by_id(db, n.case_id).await?;
            if kind == CaseEventKind::Dispatched {
                self.dispatched_event(db, &c, &n).await?;
            } else {
                event(
                    db,
                    &c,
                    Some(n.id),
                    self.w.now,
                    Some(self.actor),
                    kind,
                    note,
                    serde_json::json!({ "from": old.status.as_str(), "to": n.status.as_str() }),
                )
                .await?;
            }
        }
        Ok(n)
    }

    /// Settles every case the run touched, once.
    async fn settle_all(self, db: &impl ConnectionTrait) -> Result<()> {
        for (_, (before, c)) in self.cases {
            if c.status == CaseStatus::Closed {
                continue;
            }
            settle(db, Some(&before), c, self.w.now, Some(self.actor), &self.desk).await?;
        }
        Ok(())
    }
}

/// Orders not yet taken up by the department may still move or go.
fn untouched(w: &work_order::Model) -> bool {
    matches!(w.status, WorkOrderStatus::New | WorkOrderStatus::Dispatched)
}

/// Brings one package's visits from today on in line with what it wants now (see the
/// module comment). Runs inside the caller's transaction.
pub(crate) async fn reconcile(db: &impl ConnectionTrait, w: &Writer, package_id: i32) -> Result<ScheduleReport> {
    let h = horizon(db, w.now).await?;
    let p = package::Entity::find_by_id(package_id).one(db).await?.ok_or(Error::NotFound)?;
    let actor = w.actor.unwrap_or(p.owner_id);
    let items = package_item::Entity::find()
        .filter(package_item::Column::PackageId.eq(p.id))
        .order_by_asc(package_item::Column::Id)
        .all(db)
        .await?;
    let pauses: Vec<recurrence::Pause> = package_pause::Entity::find()
        .filter(package_pause::Column::PackageId.eq(p.id))
        .all(db)
        .await?
        .into_iter()
        .map(|x| (x.from_date, x.to_date))
        .collect();
    // From today on; and earlier planned visits whose order was never sent out (no run
    // reached them in time): they are still owed, so they go out now. Two months back is
    // further than a daily run ever falls behind.
    let visits = package_visit::Entity::find()
        .filter(package_visit::Column::PackageId.eq(p.id))
        .filter(package_visit::Column::VisitDate.gte(h.today - Duration::days(62)))
        .all(db)
        .await?;
    let order_ids: Vec<i32> = visits.iter().filter_map(|v| v.work_order_id).collect();
    let mut orders: HashMap<i32, work_order::Model> = work_order::Entity::find()
        .filter(work_order::Column::Id.is_in(order_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|w| (w.id, w))
        .collect();
    let visits: Vec<package_visit::Model> = visits
        .into_iter()
        .filter(|v| {
            v.visit_date >= h.today
                || v.status == VisitStatus::Planned
                    && v.work_order_id.and_then(|id| orders.get(&id)).is_some_and(|w| w.status == WorkOrderStatus::New)
        })
        .collect();
    let service_ids: Vec<i32> = items.iter().map(|i| i.service_id).collect();
    let services: HashMap<i32, catalog_service::Model> = catalog_service::Entity::find()
        .filter(catalog_service::Column::Id.is_in(service_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let names = service_names(db, service_ids, w.locale()).await?;
    let customer_name = customer::Entity::find_by_id(p.customer_id).one(db).await?.map(|c| c.name).unwrap_or_default();
    let desk = desk_settings::load(db).await?;
    let mut x = Ctx { w, actor, h, p, customer_name, desk, cases: BTreeMap::new(), months: HashMap::new() };
    let mut report = ScheduleReport { packages: 1, ..Default::default() };
    let now = w.now;
    let reason = rust_i18n::t!("menus.visit_cancelled_by_package", locale = w.locale()).into_owned();

    for item in &items {
        let Some(service) = services.get(&item.service_id) else { continue };
        let name = names.get(&item.service_id).cloned().unwrap_or_default();
        let want: HashSet<NaiveDate> = wanted(&x.p, item, &pauses, x.h.today, x.h.plan_until).into_iter().collect();
        let mine: Vec<&package_visit::Model> = visits.iter().filter(|v| v.package_item_id == item.id).collect();
        let have: HashSet<NaiveDate> = mine.iter().filter(|v| v.seq == 0).map(|v| v.visit_date).collect();

        for v in &mine {
            let order = v.work_order_id.and_then(|id| orders.get(&id)).cloned();
            // A visit before today is only ever sent out, never moved or cancelled here.
            let past = v.visit_date < x.h.today;
            let wanted_now = past || v.seq > 0 && x.p.active && item.active || want.contains(&v.visit_date);
            match (v.status, order) {
                // Still wanted and not yet taken up: follow the package's time and notes, and
                // send it out when its day is near.
                (VisitStatus::Planned, Some(w)) if wanted_now && untouched(&w) => {
                    let mut n = w.clone();
                    let text = instructions(&name, v.visit_date, &x.p, item, v.reason.as_deref());
                    let due = due_of(&x.h, v.visit_date, &x.p, item);
                    let changed = !past
                        && (n.instructions != text || n.due_at != due || n.department != Some(service.department));
                    if changed {
                        n.instructions = text;
                        n.due_at = due;
                        n.department = Some(service.department);
                    }
                    if n.escalation_level == 0 {
                        n.next_escalation_at = Some(due);
                    }
                    let send = n.status == WorkOrderStatus::New && v.visit_date <= x.h.dispatch_until;
                    if send {
                        n.status = WorkOrderStatus::Dispatched;
                        n.dispatched_at = Some(now);
                    }
                    if changed || send {
                        n.updated_at = now;
                        let kind = send.then_some(CaseEventKind::Dispatched);
                        let saved = x.save_order(db, &w, n, kind, "").await?;
                        if let Some(d) = saved.department {
                            let c = x.case_by_id(db, saved.case_id).await?;
                            common::note_department(db, &c, d).await?;
                        }
                        x.widen_completion(saved.case_id, saved.due_at);
                        orders.insert(saved.id, saved);
                        report.updated += u32::from(changed);
                        report.dispatched += u32::from(send);
                    }
                }
                // No longer wanted and not yet taken up: cancel the order and the visit.
                (VisitStatus::Planned, Some(w)) if !wanted_now && untouched(&w) => {
                    let mut n = w.clone();
                    n.status = WorkOrderStatus::Cancelled;
                    n.cancelled_at = Some(now);
                    n.reason = Some(reason.clone());
                    n.next_escalation_at = None;
                    n.updated_at = now;
                    x.save_order(db, &w, n, Some(CaseEventKind::Cancelled), &reason).await?;
                    set_visit(db, v, VisitStatus::Cancelled, None, Some(reason.clone()), now).await?;
                    report.cancelled += 1;
                }
                // Cancelled by an earlier edit and wanted again (a pause was lifted): plan anew.
                (VisitStatus::Cancelled, _) if !past && wanted_now && v.seq == 0 => {
                    let text = instructions(&name, v.visit_date, &x.p, item, None);
                    let due = due_of(&x.h, v.visit_date, &x.p, item);
                    let (w, sent) = x.add_order(db, v.visit_date, service.department, text, due).await?;
                    set_visit(db, v, VisitStatus::Planned, Some(w.id), None, now).await?;
                    report.created += 1;
                    report.dispatched += u32::from(sent);
                }
                _ => {}
            }
        }

        let mut new_dates: Vec<NaiveDate> = want.difference(&have).copied().collect();
        new_dates.sort();
        for date in new_dates {
            let text = instructions(&name, date, &x.p, item, None);
            let due = due_of(&x.h, date, &x.p, item);
            let (w, sent) = x.add_order(db, date, service.department, text, due).await?;
            package_visit::ActiveModel {
                id: NotSet,
                package_id: Set(x.p.id),
                package_item_id: Set(item.id),
                visit_date: Set(date),
                seq: Set(0),
                status: Set(VisitStatus::Planned),
                work_order_id: Set(Some(w.id)),
                quantity_milli: Set(item.quantity_milli),
                reason: Set(None),
                statement_id: Set(None),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(db)
            .await?;
            report.created += 1;
            report.dispatched += u32::from(sent);
        }
    }
    x.settle_all(db).await?;
    Ok(report)
}

async fn set_visit(
    db: &impl ConnectionTrait,
    v: &package_visit::Model,
    status: VisitStatus,
    work_order_id: Option<i32>,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut row = package_visit::ActiveModel::from(v.clone());
    row.status = Set(status);
    if work_order_id.is_some() {
        row.work_order_id = Set(work_order_id);
    }
    row.reason = Set(reason);
    row.version = Set(v.version + 1);
    row.updated_at = Set(now);
    row.update(db).await?;
    Ok(())
}

/// A visit added by hand outside the rule.
pub(crate) struct Extra {
    pub date: NaiveDate,
    pub quantity_milli: i32,
    pub note: Option<String>,
}

/// Adds a visit outside the rule: its own order in that month's case, sent out at once
/// when the day is near.
pub(crate) async fn add_extra(
    db: &impl ConnectionTrait,
    w: &Writer,
    p: &package::Model,
    item: &package_item::Model,
    extra: Extra,
) -> Result<()> {
    let Extra { date, quantity_milli, note } = extra;
    let actor = w.actor.unwrap_or(p.owner_id);
    let h = horizon(db, w.now).await?;
    let service = catalog_service::Entity::find_by_id(item.service_id).one(db).await?.ok_or(Error::NotFound)?;
    let name = service_names(db, vec![item.service_id], w.locale()).await?.remove(&item.service_id).unwrap_or_default();
    let seq: Option<i32> = package_visit::Entity::find()
        .select_only()
        .column_as(package_visit::Column::Seq.max(), "m")
        .filter(package_visit::Column::PackageItemId.eq(item.id))
        .filter(package_visit::Column::VisitDate.eq(date))
        .into_tuple()
        .one(db)
        .await?
        .flatten();
    let customer_name = customer::Entity::find_by_id(p.customer_id).one(db).await?.map(|c| c.name).unwrap_or_default();
    let desk = desk_settings::load(db).await?;
    let text = instructions(&name, date, p, item, note.as_deref());
    let due = recurrence::due_at(date, item_window(p, item).1, h.zone);
    let mut x = Ctx { w, actor, h, p: p.clone(), customer_name, desk, cases: BTreeMap::new(), months: HashMap::new() };
    let (order, _) = x.add_order(db, date, service.department, text, due).await?;
    package_visit::ActiveModel {
        id: NotSet,
        package_id: Set(p.id),
        package_item_id: Set(item.id),
        visit_date: Set(date),
        seq: Set(seq.map_or(1, |s| s.max(0) + 1)),
        status: Set(VisitStatus::Planned),
        work_order_id: Set(Some(order.id)),
        quantity_milli: Set(quantity_milli),
        reason: Set(note),
        statement_id: Set(None),
        version: Set(1),
        created_at: Set(w.now),
        updated_at: Set(w.now),
    }
    .insert(db)
    .await?;
    x.settle_all(db).await
}

/// Records that the customer did not want a visit: not done, not billed; its order, if
/// not yet taken up, is cancelled with the reason.
pub(crate) async fn skip(
    db: &impl ConnectionTrait,
    w: &Writer,
    p: &package::Model,
    v: &package_visit::Model,
    reason: String,
) -> Result<()> {
    let actor = w.actor.unwrap_or(p.owner_id);
    if v.status != VisitStatus::Planned {
        return Err(Error::field("id", "validation.visit_not_planned"));
    }
    let order = match v.work_order_id {
        Some(id) => work_order::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    if order.as_ref().is_some_and(|o| !untouched(o) && o.status != WorkOrderStatus::Cancelled) {
        return Err(Error::field("id", "validation.visit_under_way"));
    }
    let h = horizon(db, w.now).await?;
    let customer_name = customer::Entity::find_by_id(p.customer_id).one(db).await?.map(|c| c.name).unwrap_or_default();
    let desk = desk_settings::load(db).await?;
    let mut x = Ctx { w, actor, h, p: p.clone(), customer_name, desk, cases: BTreeMap::new(), months: HashMap::new() };
    if let Some(o) = order.filter(untouched) {
        let mut n = o.clone();
        n.status = WorkOrderStatus::Cancelled;
        n.cancelled_at = Some(w.now);
        n.reason = Some(reason.clone());
        n.next_escalation_at = None;
        n.updated_at = w.now;
        x.save_order(db, &o, n, Some(CaseEventKind::Cancelled), &reason).await?;
    }
    let res = package_visit::Entity::update_many()
        .col_expr(package_visit::Column::Status, sea_orm::sea_query::Expr::value(VisitStatus::Skipped))
        .col_expr(package_visit::Column::Reason, sea_orm::sea_query::Expr::value(reason))
        .col_expr(package_visit::Column::Version, sea_orm::sea_query::Expr::value(v.version + 1))
        .col_expr(package_visit::Column::UpdatedAt, sea_orm::sea_query::Expr::value(w.now))
        .filter(package_visit::Column::Id.eq(v.id))
        .filter(package_visit::Column::Version.eq(v.version))
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Err(Error::Conflict);
    }
    x.settle_all(db).await
}
