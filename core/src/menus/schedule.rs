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
use crate::desk::common::{self, lock_case, settle};
use crate::desk::settings as desk_settings;
use crate::domain::{CaseEventKind, CaseKind, CaseStatus, Channel, Department, Priority, VisitStatus, WorkOrderStatus};
use crate::entities::{
    case_event, catalog_service, catalog_service_text, customer, package, package_case, package_item, package_pause,
    package_visit, service_case, work_order,
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
    // The office's settings and the catalog once per run, each chunk's packages in a few
    // reads: a run of 10,000 packages is round trips more than anything.
    let h = horizon(db, w.now).await?;
    let (services, names) = catalog(db, None, w.locale()).await?;
    let shared = Shared {
        h,
        desk: desk_settings::load(db).await?,
        services,
        names,
        target: Some(desk_settings::target(db, CaseKind::ServiceRequest, Priority::Normal).await?),
    };
    let mut after = 0;
    loop {
        let txn = db::begin_write(db).await?;
        let packages = package::Entity::find()
            .filter(package::Column::Active.eq(true))
            .filter(package::Column::Id.gt(after))
            .order_by_asc(package::Column::Id)
            .limit(CHUNK)
            .all(&txn)
            .await?;
        let Some(last) = packages.last().map(|p| p.id) else {
            txn.commit().await?;
            break;
        };
        for l in load(&txn, packages, shared.h.today).await? {
            report.add(&Box::pin(reconcile_loaded(&txn, w, &shared, l)).await?);
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

/// What the schedule needs to know about the office, read once per run.
#[derive(Clone)]
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

/// What every package of a run shares.
struct Shared {
    h: Horizon,
    desk: desk_settings::DeskSettings,
    services: HashMap<i32, catalog_service::Model>,
    names: HashMap<i32, String>,
    /// Response and completion targets of a package case (a whole run reads them once).
    target: Option<(i32, i32)>,
}

/// The services (all, or those of `ids`) and their names in `locale`.
async fn catalog(
    db: &impl ConnectionTrait,
    ids: Option<Vec<i32>>,
    locale: &str,
) -> Result<(HashMap<i32, catalog_service::Model>, HashMap<i32, String>)> {
    let mut q = catalog_service::Entity::find();
    if let Some(ids) = ids {
        q = q.filter(catalog_service::Column::Id.is_in(ids));
    }
    let services: HashMap<i32, catalog_service::Model> = q.all(db).await?.into_iter().map(|s| (s.id, s)).collect();
    let names = service_names(db, services.keys().copied().collect(), locale).await?;
    Ok((services, names))
}

/// One package with what its reconciliation reads.
struct Loaded {
    p: package::Model,
    items: Vec<package_item::Model>,
    pauses: Vec<recurrence::Pause>,
    /// From two months back (see `reconcile_loaded`).
    visits: Vec<package_visit::Model>,
    orders: HashMap<i32, work_order::Model>,
    customer_name: String,
    customer_language: String,
}

/// Reads the items, pauses, recent visits with their orders and customers of `packages`
/// in one query each.
async fn load(db: &impl ConnectionTrait, packages: Vec<package::Model>, today: NaiveDate) -> Result<Vec<Loaded>> {
    let ids: Vec<i32> = packages.iter().map(|p| p.id).collect();
    let mut items: HashMap<i32, Vec<package_item::Model>> = HashMap::new();
    for i in package_item::Entity::find()
        .filter(package_item::Column::PackageId.is_in(ids.clone()))
        .order_by_asc(package_item::Column::Id)
        .all(db)
        .await?
    {
        items.entry(i.package_id).or_default().push(i);
    }
    let mut pauses: HashMap<i32, Vec<recurrence::Pause>> = HashMap::new();
    for x in package_pause::Entity::find()
        .filter(package_pause::Column::PackageId.is_in(ids.clone()))
        .order_by_asc(package_pause::Column::Id)
        .all(db)
        .await?
    {
        pauses.entry(x.package_id).or_default().push((x.from_date, x.to_date));
    }
    // Two months back is further than a daily run ever falls behind.
    let visits = package_visit::Entity::find()
        .filter(package_visit::Column::PackageId.is_in(ids))
        .filter(package_visit::Column::VisitDate.gte(today - Duration::days(62)))
        .order_by_asc(package_visit::Column::Id)
        .all(db)
        .await?;
    let mut orders: HashMap<i32, work_order::Model> = HashMap::new();
    let order_ids: Vec<i32> = visits.iter().filter_map(|v| v.work_order_id).collect();
    for chunk in order_ids.chunks(1000) {
        for o in work_order::Entity::find().filter(work_order::Column::Id.is_in(chunk.to_vec())).all(db).await? {
            orders.insert(o.id, o);
        }
    }
    let mut by_package: HashMap<i32, Vec<package_visit::Model>> = HashMap::new();
    for v in visits {
        by_package.entry(v.package_id).or_default().push(v);
    }
    let customer_ids: Vec<i32> = packages.iter().map(|p| p.customer_id).collect();
    let customers: HashMap<i32, customer::Model> = customer::Entity::find()
        .filter(customer::Column::Id.is_in(customer_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    Ok(packages
        .into_iter()
        .map(|p| {
            let visits = by_package.remove(&p.id).unwrap_or_default();
            let orders = visits
                .iter()
                .filter_map(|v| v.work_order_id.and_then(|id| orders.get(&id)).map(|o| (o.id, o.clone())))
                .collect();
            let c = customers.get(&p.customer_id);
            Loaded {
                items: items.remove(&p.id).unwrap_or_default(),
                pauses: pauses.remove(&p.id).unwrap_or_default(),
                visits,
                orders,
                customer_name: c.map(|c| c.name.clone()).unwrap_or_default(),
                customer_language: c.map_or_else(|| "zh-CN".to_owned(), |c| c.preferred_language.clone()),
                p,
            }
        })
        .collect())
}

/// The customer's name and language (a case of theirs is in that language).
async fn customer_of(db: &impl ConnectionTrait, id: i32) -> Result<(String, String)> {
    let c = customer::Entity::find_by_id(id).one(db).await?;
    Ok(c.map_or_else(|| (String::new(), "zh-CN".to_owned()), |c| (c.name, c.preferred_language)))
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
    customer_language: String,
    desk: desk_settings::DeskSettings,
    target: Option<(i32, i32)>,
    /// Case id → the case as it was before this run and as the run left it (locked).
    cases: BTreeMap<i32, (service_case::Model, service_case::Model)>,
    /// Cases this run opened: settled once, at the end, as new.
    opened: HashSet<i32>,
    /// Month ("2026-12") → the package's case id.
    months: HashMap<String, i32>,
    /// Case id → the last order number used in it.
    seqs: HashMap<i32, i32>,
    // Written together by `settle_all`, in the order they were made: fewer round trips.
    events: Vec<case_event::ActiveModel>,
    visits: Vec<package_visit::ActiveModel>,
    counts: BTreeMap<common::Key, i64>,
    /// Case id → the departments its orders went to.
    departments: HashMap<i32, Vec<Department>>,
}

impl<'a> Ctx<'a> {
    fn new(
        w: &'a Writer,
        actor: i32,
        h: Horizon,
        p: package::Model,
        customer: (String, String),
        desk: desk_settings::DeskSettings,
    ) -> Self {
        Self {
            w,
            actor,
            h,
            p,
            customer_name: customer.0,
            customer_language: customer.1,
            desk,
            target: None,
            cases: BTreeMap::new(),
            opened: HashSet::new(),
            months: HashMap::new(),
            seqs: HashMap::new(),
            events: Vec::new(),
            visits: Vec::new(),
            counts: BTreeMap::new(),
            departments: HashMap::new(),
        }
    }

    fn event(
        &mut self,
        case_id: i32,
        work_order_id: Option<i32>,
        kind: CaseEventKind,
        note: &str,
        data: serde_json::Value,
    ) {
        self.events.push(case_event::ActiveModel {
            id: NotSet,
            case_id: Set(case_id),
            work_order_id: Set(work_order_id),
            at: Set(self.w.now),
            staff_id: Set(Some(self.actor)),
            kind: Set(kind),
            note: Set(note.to_owned()),
            data: Set(data.to_string()),
        });
    }

    /// `common::note_department`, written by `settle_all`.
    fn note_department(&mut self, case_id: i32, department: Department) {
        let ds = self.departments.entry(case_id).or_default();
        if !ds.contains(&department) {
            ds.push(department);
        }
    }

    /// `common::recount`, summed in memory.
    fn recount(&mut self, old: &[common::Key], new: &[common::Key]) {
        for k in old.iter().filter(|k| !new.contains(k)) {
            *self.counts.entry(k.clone()).or_default() -= 1;
        }
        for k in new.iter().filter(|k| !old.contains(k)) {
            *self.counts.entry(k.clone()).or_default() += 1;
        }
    }

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
                self.opened.insert(c.id);
                self.seqs.insert(c.id, 0);
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

    /// A new case for the month; `settle_all` settles it once its orders are written.
    async fn open_case(
        &mut self,
        db: &impl ConnectionTrait,
        month: &str,
        date: NaiveDate,
    ) -> Result<service_case::Model> {
        let now = self.w.now;
        let (response, completion) = match self.target {
            Some(t) => t,
            None => desk_settings::target(db, CaseKind::ServiceRequest, Priority::Normal).await?,
        };
        self.target = Some((response, completion));
        let (response_due_at, _) = crate::desk::rules::due::due_times(now, response, completion);
        let last_day = recurrence::month_bounds(date).1;
        let completion_due_at = recurrence::due_at(last_day, Some("23:59"), self.h.zone).max(now);
        let title = rust_i18n::t!("menus.package_case_title", locale = self.w.locale(), month = month).into_owned();
        let language = self.customer_language.clone();
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
        self.event(
            c.id,
            None,
            CaseEventKind::Received,
            "",
            serde_json::json!({ "channel": c.channel.as_str(), "kind": c.kind.as_str(), "priority": c.priority.as_str(), "package_id": self.p.id }),
        );
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
        let seq = match self.seqs.get(&c.id) {
            Some(&s) => s,
            None => work_order::Entity::find()
                .select_only()
                .column_as(work_order::Column::Seq.max(), "m")
                .filter(work_order::Column::CaseId.eq(c.id))
                .into_tuple::<Option<i32>>()
                .one(db)
                .await?
                .flatten()
                .unwrap_or(0),
        };
        self.seqs.insert(c.id, seq + 1);
        let send = date <= self.h.dispatch_until;
        let w = work_order::ActiveModel {
            id: NotSet,
            case_id: Set(c.id),
            seq: Set(seq + 1),
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
        self.recount(&[], &common::work_order_keys(&w));
        self.note_department(c.id, department);
        if send {
            self.dispatched_event(&w);
        }
        self.widen_completion(c.id, due_at);
        Ok((w, send))
    }

    fn dispatched_event(&mut self, w: &work_order::Model) {
        self.event(
            w.case_id,
            Some(w.id),
            CaseEventKind::Dispatched,
            &w.instructions,
            serde_json::json!({ "department": w.department.map(|d| d.as_str()), "due_at": common::time(w.due_at) }),
        );
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
        self.recount(&common::work_order_keys(old), &common::work_order_keys(&n));
        if let Some(kind) = kind {
            self.case_by_id(db, n.case_id).await?;
            if kind == CaseEventKind::Dispatched {
                self.dispatched_event(&n);
            } else {
                self.event(
                    n.case_id,
                    Some(n.id),
                    kind,
                    note,
                    serde_json::json!({ "from": old.status.as_str(), "to": n.status.as_str() }),
                );
            }
        }
        Ok(n)
    }

    /// Writes what waited (timeline, visits, counts) and settles every case the run
    /// touched, once; then indexes each under its orders' departments with its settled status.
    async fn settle_all(self, db: &impl ConnectionTrait) -> Result<()> {
        if !self.events.is_empty() {
            case_event::Entity::insert_many(self.events).exec_without_returning(db).await?;
        }
        if !self.visits.is_empty() {
            package_visit::Entity::insert_many(self.visits).exec_without_returning(db).await?;
        }
        common::add_counts(db, &self.counts).await?;
        for (id, (before, c)) in self.cases {
            let c = if c.status == CaseStatus::Closed {
                c
            } else {
                let before = (!self.opened.contains(&id)).then_some(&before);
                settle(db, before, c, self.w.now, Some(self.actor), &self.desk).await?
            };
            let departments = self.departments.get(&id).cloned().unwrap_or_default();
            common::note_departments(db, &c, departments).await?;
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
    let Some(l) = load(db, vec![p], h.today).await?.pop() else { return Err(Error::NotFound) };
    let (services, names) = catalog(db, Some(l.items.iter().map(|i| i.service_id).collect()), w.locale()).await?;
    let shared = Shared { h, desk: desk_settings::load(db).await?, services, names, target: None };
    reconcile_loaded(db, w, &shared, l).await
}

async fn reconcile_loaded(db: &impl ConnectionTrait, w: &Writer, shared: &Shared, l: Loaded) -> Result<ScheduleReport> {
    let Loaded { p, items, pauses, visits, mut orders, customer_name, customer_language } = l;
    let actor = w.actor.unwrap_or(p.owner_id);
    let h = &shared.h;
    // From today on; and earlier planned visits whose order was never sent out (no run
    // reached them in time): they are still owed, so they go out now.
    let visits: Vec<package_visit::Model> = visits
        .into_iter()
        .filter(|v| {
            v.visit_date >= h.today
                || v.status == VisitStatus::Planned
                    && v.work_order_id.and_then(|id| orders.get(&id)).is_some_and(|w| w.status == WorkOrderStatus::New)
        })
        .collect();
    let (services, names) = (&shared.services, &shared.names);
    let mut x = Ctx::new(w, actor, h.clone(), p, (customer_name, customer_language), shared.desk.clone());
    x.target = shared.target;
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
                            x.case_by_id(db, saved.case_id).await?;
                            x.note_department(saved.case_id, d);
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
            x.visits.push(package_visit::ActiveModel {
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
            });
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
    let customer = customer_of(db, p.customer_id).await?;
    let desk = desk_settings::load(db).await?;
    let text = instructions(&name, date, p, item, note.as_deref());
    let due = recurrence::due_at(date, item_window(p, item).1, h.zone);
    let mut x = Ctx::new(w, actor, h, p.clone(), customer, desk);
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
    let customer = customer_of(db, p.customer_id).await?;
    let desk = desk_settings::load(db).await?;
    let mut x = Ctx::new(w, actor, h, p.clone(), customer, desk);
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
