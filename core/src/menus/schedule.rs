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
const CHUNK: usize = 200;

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
    // The office's settings and the catalog once per run, each chunk's packages in a few
    // reads and its writes in a statement per table: a run of 10,000 packages is round
    // trips more than anything.
    let h = horizon(db, w.now).await?;
    let (services, names) = catalog(db, None, w.locale()).await?;
    let shared = Shared {
        h,
        desk: desk_settings::load(db).await?,
        services,
        names,
        target: Some(desk_settings::target(db, CaseKind::ServiceRequest, Priority::Normal).await?),
    };
    let ids: Vec<i32> = package::Entity::find()
        .select_only()
        .column(package::Column::Id)
        .filter(package::Column::Active.eq(true))
        .order_by_asc(package::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let chunks: Vec<&[i32]> = ids.chunks(CHUNK).collect();
    // PostgreSQL writes two chunks at once (a server's backends work in parallel); the
    // shared counts and the commit take turns, so two chunks never wait on each other's locks.
    let turn = tokio::sync::Mutex::new(());
    let lane = |first: usize, step: usize| {
        let (chunks, shared, turn) = (&chunks, &shared, &turn);
        async move {
            let mut report = ScheduleReport::default();
            for ids in chunks.iter().skip(first).step_by(step) {
                report.add(&Box::pin(chunk(db, w, shared, ids, turn)).await?);
            }
            Ok::<_, Error>(report)
        }
    };
    let report = if db.get_database_backend() == sea_orm::DbBackend::Postgres && chunks.len() > 1 {
        let (a, b) = tokio::join!(lane(0, 2), lane(1, 2));
        let mut report = a?;
        report.add(&b?);
        report
    } else {
        lane(0, 1).await?
    };
    tracing::info!(
        packages = report.packages,
        created = report.created,
        dispatched = report.dispatched,
        cancelled = report.cancelled,
        "package schedule run"
    );
    Ok(report)
}

/// One chunk of a whole-property run, in its own transaction.
async fn chunk(
    db: &DatabaseConnection,
    w: &Writer,
    shared: &Shared,
    ids: &[i32],
    turn: &tokio::sync::Mutex<()>,
) -> Result<ScheduleReport> {
    let mut report = ScheduleReport::default();
    let txn = db::begin_write(db).await?;
    let packages = package::Entity::find()
        .filter(package::Column::Id.is_in(ids.to_vec()))
        .filter(package::Column::Active.eq(true))
        .order_by_asc(package::Column::Id)
        .all(&txn)
        .await?;
    let Some(first) = packages.first().cloned() else {
        txn.commit().await?;
        return Ok(report);
    };
    let (loaded, known) = load(&txn, packages, shared.h.today).await?;
    let mut x = Ctx::new(w, shared.h.clone(), shared.desk.clone(), first, Customer::of(None, None));
    x.known = known;
    x.target = shared.target;
    for l in loaded {
        report.add(&Box::pin(reconcile_loaded(&txn, &mut x, shared, l)).await?);
    }
    let shared_part = Box::pin(x.write_rows(&txn)).await?;
    let _turn = turn.lock().await;
    Box::pin(shared_part.write(&txn)).await?;
    txn.commit().await?;
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

/// Who a package is for, as its cases show them.
struct Customer {
    name: String,
    language: String,
    /// The customer's names and the unit's label: a new case's search text has them.
    about: Vec<String>,
    unit_label: Option<String>,
}

impl Customer {
    fn of(c: Option<&customer::Model>, unit_label: Option<String>) -> Self {
        Self {
            name: c.map(|c| c.name.clone()).unwrap_or_default(),
            language: c.map_or_else(|| "zh-CN".to_owned(), |c| c.preferred_language.clone()),
            about: c.map(|c| std::iter::once(c.name.clone()).chain(c.name_latin.clone()).collect()).unwrap_or_default(),
            unit_label,
        }
    }

    async fn read(db: &impl ConnectionTrait, p: &package::Model) -> Result<Self> {
        let c = customer::Entity::find_by_id(p.customer_id).one(db).await?;
        Ok(Self::of(c.as_ref(), common::unit_label(db, p.unit_id).await?))
    }
}

/// One package with what its reconciliation reads.
struct Loaded {
    p: package::Model,
    items: Vec<package_item::Model>,
    pauses: Vec<recurrence::Pause>,
    /// From two months back (see `reconcile_loaded`).
    visits: Vec<package_visit::Model>,
    orders: HashMap<i32, work_order::Model>,
    customer: Customer,
}

/// The month cases of a set of packages from a month on, read with the packages.
#[derive(Default)]
struct KnownCases {
    packages: HashSet<i32>,
    from: String,
    cases: HashMap<(i32, String), i32>,
}

/// Reads the items, pauses, recent visits with their orders, month cases, customers and
/// units of `packages` in one query each.
async fn load(
    db: &impl ConnectionTrait,
    packages: Vec<package::Model>,
    today: NaiveDate,
) -> Result<(Vec<Loaded>, KnownCases)> {
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
    let since = today - Duration::days(62);
    // By item and date, the leading columns of the visits' unique index, and sorted here:
    // by package (and ORDER BY id) PostgreSQL walked a whole index per chunk while the
    // table grew faster than its statistics.
    let item_ids: Vec<i32> = items.values().flatten().map(|i| i.id).collect();
    let mut visits = Vec::new();
    for chunk in item_ids.chunks(1000) {
        visits.extend(
            package_visit::Entity::find()
                .filter(package_visit::Column::PackageItemId.is_in(chunk.to_vec()))
                .filter(package_visit::Column::VisitDate.gte(since))
                .all(db)
                .await?,
        );
    }
    visits.sort_by_key(|v| v.id);
    let mut known =
        KnownCases { packages: ids.iter().copied().collect(), from: recurrence::month_of(since), ..Default::default() };
    for pc in package_case::Entity::find()
        .filter(package_case::Column::PackageId.is_in(ids))
        .filter(package_case::Column::Month.gte(known.from.clone()))
        .all(db)
        .await?
    {
        known.cases.insert((pc.package_id, pc.month), pc.case_id);
    }
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
    let labels = common::unit_labels(db, packages.iter().filter_map(|p| p.unit_id).collect()).await?;
    let loaded = packages
        .into_iter()
        .map(|p| {
            let visits = by_package.remove(&p.id).unwrap_or_default();
            let orders = visits
                .iter()
                .filter_map(|v| v.work_order_id.and_then(|id| orders.get(&id)).map(|o| (o.id, o.clone())))
                .collect();
            let label = p.unit_id.and_then(|u| labels.get(&u).cloned());
            Loaded {
                items: items.remove(&p.id).unwrap_or_default(),
                pauses: pauses.remove(&p.id).unwrap_or_default(),
                visits,
                orders,
                customer: Customer::of(customers.get(&p.customer_id), label),
                p,
            }
        })
        .collect();
    Ok((loaded, known))
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

/// A timeline entry waiting for `flush` (its case and order may not have ids yet).
struct Event {
    case_id: i32,
    work_order_id: Option<i32>,
    staff_id: i32,
    kind: CaseEventKind,
    note: String,
    data: String,
}

/// What the schedule writes for a set of packages (a chunk of a run, or one package),
/// held until `flush` writes it with a statement per table. New cases and orders get
/// placeholder ids (negative) until then, so the rows that point at them can be made
/// first; `flush` reserves the real ids in one query per table.
struct Ctx<'a> {
    w: &'a Writer,
    h: Horizon,
    desk: desk_settings::DeskSettings,
    /// Response and completion targets of a package case (a whole run reads them once).
    target: Option<(i32, i32)>,
    // The package being reconciled (see `enter`) and who writes for it.
    p: package::Model,
    actor: i32,
    customer: Customer,
    /// Case id → the case as it was before this run and as the run left it (locked).
    cases: BTreeMap<i32, (service_case::Model, service_case::Model)>,
    /// Cases this run opened, in order, with their customer (for the search text).
    opened: Vec<(i32, Customer)>,
    /// (package, month) → the case of this run.
    months: HashMap<(i32, String), i32>,
    known: KnownCases,
    /// New package cases: (package, month, case).
    package_cases: Vec<(i32, String, i32)>,
    /// Case id → the last order number used in it.
    seqs: HashMap<i32, i32>,
    /// New orders, in the order made.
    orders: Vec<work_order::Model>,
    events: Vec<Event>,
    /// New visits (their ids come from the database).
    visits: Vec<package_visit::Model>,
    /// Cancelled visits planned again: (visit, its new order).
    replans: Vec<(package_visit::Model, i32)>,
    counts: BTreeMap<common::Key, i64>,
    /// Case id → the departments its orders went to.
    departments: HashMap<i32, Vec<Department>>,
    next_case: i32,
    next_order: i32,
}

impl<'a> Ctx<'a> {
    fn new(
        w: &'a Writer,
        h: Horizon,
        desk: desk_settings::DeskSettings,
        p: package::Model,
        customer: Customer,
    ) -> Self {
        Self {
            w,
            actor: w.actor.unwrap_or(p.owner_id),
            h,
            p,
            customer,
            desk,
            target: None,
            cases: BTreeMap::new(),
            opened: Vec::new(),
            months: HashMap::new(),
            known: KnownCases::default(),
            package_cases: Vec::new(),
            seqs: HashMap::new(),
            orders: Vec::new(),
            events: Vec::new(),
            visits: Vec::new(),
            replans: Vec::new(),
            counts: BTreeMap::new(),
            departments: HashMap::new(),
            next_case: 0,
            next_order: 0,
        }
    }

    /// Makes `p` the package being reconciled.
    fn enter(&mut self, p: package::Model, customer: Customer) {
        self.actor = self.w.actor.unwrap_or(p.owner_id);
        self.p = p;
        self.customer = customer;
    }

    fn event(
        &mut self,
        case_id: i32,
        work_order_id: Option<i32>,
        kind: CaseEventKind,
        note: &str,
        data: serde_json::Value,
    ) {
        self.events.push(Event {
            case_id,
            work_order_id,
            staff_id: self.actor,
            kind,
            note: note.to_owned(),
            data: data.to_string(),
        });
    }

    /// `common::note_department`, written by `flush`.
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
        let key = (self.p.id, recurrence::month_of(date));
        if let Some((_, c)) = self.months.get(&key).and_then(|id| self.cases.get(id)) {
            return Ok(c.clone());
        }
        let found = if self.known.packages.contains(&self.p.id) && key.1 >= self.known.from {
            self.known.cases.get(&key).copied()
        } else {
            package_case::Entity::find_by_id(key.clone()).one(db).await?.map(|pc| pc.case_id)
        };
        let c = match found {
            Some(id) => self.case_by_id(db, id).await?,
            None => self.open_case(db, &key.1, date).await?,
        };
        if c.status == CaseStatus::Closed {
            return Err(Error::field("date", "validation.package_month_closed"));
        }
        self.months.insert(key, c.id);
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

    /// A new case for the month; `flush` settles and writes it with its orders.
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
        self.next_case -= 1;
        let c = service_case::Model {
            id: self.next_case,
            kind: CaseKind::ServiceRequest,
            channel: Channel::Other,
            priority: Priority::Normal,
            status: CaseStatus::New,
            title: rust_i18n::t!("menus.package_case_title", locale = self.w.locale(), month = month).into_owned(),
            description: rust_i18n::t!(
                "menus.package_case_description",
                locale = self.w.locale(),
                customer = self.customer.name,
                package = self.p.id
            )
            .into_owned(),
            customer_id: Some(self.p.customer_id),
            unit_id: self.p.unit_id,
            caller_name: None,
            caller_phone: None,
            language: self.customer.language.clone(),
            received_by: self.p.owner_id,
            owner_id: self.p.owner_id,
            received_at: now,
            response_due_at,
            completion_due_at,
            due_at: None,
            // The office opened it itself: nothing waits for a first response.
            responded_at: Some(now),
            completed_at: None,
            closed_at: None,
            reopened_at: None,
            escalation_level: 0,
            escalated_at: None,
            next_escalation_at: None,
            reopen_count: 0,
            satisfaction: None,
            search_text: String::new(),
            foreign_language: crate::desk::rules::language::is_foreign(&self.customer.language),
            // The package's own visits: no language contact is chosen for them.
            language_contact_id: None,
            consultation_topic: None,
            version: 1,
            created_at: now,
            updated_at: now,
        };
        self.cases.insert(c.id, (c.clone(), c.clone()));
        let about = Customer {
            name: self.customer.name.clone(),
            language: self.customer.language.clone(),
            about: self.customer.about.clone(),
            unit_label: self.customer.unit_label.clone(),
        };
        self.opened.push((c.id, about));
        self.seqs.insert(c.id, 0);
        self.package_cases.push((self.p.id, month.to_owned(), c.id));
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
        self.next_order -= 1;
        let w = work_order::Model {
            id: self.next_order,
            case_id: c.id,
            seq: seq + 1,
            department: Some(department),
            supplier_id: None,
            assignee_id: None,
            instructions: text,
            priority: Priority::Normal,
            status: if send { WorkOrderStatus::Dispatched } else { WorkOrderStatus::New },
            resume_status: None,
            due_at,
            result: None,
            reason: None,
            dispatched_at: send.then_some(now),
            accepted_at: None,
            started_at: None,
            done_at: None,
            verified_at: None,
            cancelled_at: None,
            escalation_level: 0,
            next_escalation_at: Some(due_at),
            created_by: self.actor,
            version: 1,
            created_at: now,
            updated_at: now,
        };
        self.recount(&[], &common::work_order_keys(&w));
        self.note_department(c.id, department);
        if send {
            self.dispatched_event(&w);
        }
        self.widen_completion(c.id, due_at);
        self.orders.push(w.clone());
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

    /// Writes what waited: `write_rows`, then the shared part.
    async fn flush(self, db: &impl ConnectionTrait) -> Result<()> {
        self.write_rows(db).await?.write(db).await
    }

    /// Writes what waited, a statement per table: the new cases (settled here, as
    /// `settle` would: their orders are all new), their month links and index entries,
    /// the new orders, timeline and visits. What other writers share (counts, and the
    /// existing cases' settling) is left to `Settling::write`.
    async fn write_rows(self, db: &impl ConnectionTrait) -> Result<Settling<'a>> {
        let Ctx {
            w, desk, cases, opened, package_cases, orders, events, visits, replans, departments, mut counts, ..
        } = self;
        let case_ids = db::reserve_ids(db, "service_case", opened.len()).await?;
        let case_map: HashMap<i32, i32> = opened.iter().map(|(id, _)| *id).zip(case_ids).collect();
        let order_ids = db::reserve_ids(db, "work_order", orders.len()).await?;
        let order_map: HashMap<i32, i32> = orders.iter().map(|o| o.id).zip(order_ids).collect();
        let case_of = |id: i32| case_map.get(&id).copied().unwrap_or(id);
        let order_of = |id: i32| order_map.get(&id).copied().unwrap_or(id);
        let orders: Vec<work_order::Model> = orders
            .into_iter()
            .map(|mut o| {
                o.id = order_of(o.id);
                o.case_id = case_of(o.case_id);
                o
            })
            .collect();
        let mut work: HashMap<i32, Vec<&work_order::Model>> = HashMap::new();
        for o in &orders {
            work.entry(o.case_id).or_default().push(o);
        }

        let mut new_cases = Vec::with_capacity(opened.len());
        let mut listed = Vec::new();
        for (placeholder, customer) in opened {
            let Some((_, c)) = cases.get(&placeholder) else { continue };
            let mut c = c.clone();
            c.id = case_of(placeholder);
            let mine = work.get(&c.id).map(Vec::as_slice).unwrap_or_default();
            let statuses: Vec<_> = mine.iter().map(|o| (o.status, o.verified_at)).collect();
            let (mut c, _) = common::derive(None, c, &statuses, w.now, &desk);
            let texts = mine.iter().flat_map(|o| std::iter::once(o.instructions.clone()).chain(o.result.clone()));
            c.search_text = common::search_text_of(&c, customer.about, customer.unit_label, texts.collect());
            for k in common::case_keys(&c) {
                *counts.entry(k).or_default() += 1;
            }
            for d in departments.get(&placeholder).into_iter().flatten() {
                listed.push((c.id, *d, c.status, c.received_at));
            }
            new_cases.push(c);
        }
        common::insert_cases(db, new_cases).await?;
        let links = package_cases.into_iter().map(|(package_id, month, case_id)| package_case::ActiveModel {
            package_id: Set(package_id),
            month: Set(month),
            case_id: Set(case_of(case_id)),
        });
        db::insert_all(db, links.collect()).await?;
        db::insert_all(db, orders.into_iter().map(|o| work_order::ActiveModel::from(o).reset_all()).collect()).await?;
        let events = events.into_iter().map(|e| case_event::ActiveModel {
            id: NotSet,
            case_id: Set(case_of(e.case_id)),
            work_order_id: Set(e.work_order_id.map(order_of)),
            at: Set(w.now),
            staff_id: Set(Some(e.staff_id)),
            kind: Set(e.kind),
            note: Set(e.note),
            data: Set(e.data),
        });
        db::insert_all(db, events.collect()).await?;
        let visits = visits.into_iter().map(|mut v| {
            v.work_order_id = v.work_order_id.map(order_of);
            let mut row = package_visit::ActiveModel::from(v).reset_all();
            row.id = NotSet;
            row
        });
        db::insert_all(db, visits.collect()).await?;
        for (v, order) in replans {
            set_visit(db, &v, VisitStatus::Planned, Some(order_of(order)), None, w.now).await?;
        }
        let cases = cases.into_iter().filter(|(id, _)| !case_map.contains_key(id)).collect();
        Ok(Settling { w, desk, counts, cases, departments, listed })
    }
}

/// The part of a flush other writers share: the maintained counts, the existing cases
/// the run touched (settled as the desk settles them) and the department index.
struct Settling<'a> {
    w: &'a Writer,
    desk: desk_settings::DeskSettings,
    counts: BTreeMap<common::Key, i64>,
    cases: BTreeMap<i32, (service_case::Model, service_case::Model)>,
    departments: HashMap<i32, Vec<Department>>,
    /// Department-index rows ready to write (the new cases').
    listed: Vec<(i32, Department, CaseStatus, DateTime<Utc>)>,
}

impl Settling<'_> {
    async fn write(self, db: &impl ConnectionTrait) -> Result<()> {
        let Settling { w, desk, counts, cases, departments, mut listed } = self;
        common::add_counts(db, &counts).await?;
        for (id, (before, c)) in cases {
            let c = if c.status == CaseStatus::Closed {
                c
            } else {
                let by = w.actor.or(Some(c.owner_id));
                settle(db, Some(&before), c, w.now, by, &desk).await?
            };
            for d in departments.get(&id).into_iter().flatten() {
                listed.push((c.id, *d, c.status, c.received_at));
            }
        }
        common::index_departments(db, listed).await
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
    let (mut loaded, known) = load(db, vec![p], h.today).await?;
    let Some(l) = loaded.pop() else { return Err(Error::NotFound) };
    let (services, names) = catalog(db, Some(l.items.iter().map(|i| i.service_id).collect()), w.locale()).await?;
    let shared = Shared { h, desk: desk_settings::load(db).await?, services, names, target: None };
    let mut x = Ctx::new(w, shared.h.clone(), shared.desk.clone(), l.p.clone(), Customer::of(None, None));
    x.known = known;
    let report = reconcile_loaded(db, &mut x, &shared, l).await?;
    x.flush(db).await?;
    Ok(report)
}

/// Plans one package's changes into `x` (the caller flushes them).
async fn reconcile_loaded(
    db: &impl ConnectionTrait,
    x: &mut Ctx<'_>,
    shared: &Shared,
    l: Loaded,
) -> Result<ScheduleReport> {
    let Loaded { p, items, pauses, visits, mut orders, customer } = l;
    x.enter(p, customer);
    let w = x.w;
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
                    x.replans.push(((*v).clone(), w.id));
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
            x.visits.push(package_visit::Model {
                id: 0,
                package_id: x.p.id,
                package_item_id: item.id,
                visit_date: date,
                seq: 0,
                status: VisitStatus::Planned,
                work_order_id: Some(w.id),
                quantity_milli: item.quantity_milli,
                reason: None,
                statement_id: None,
                version: 1,
                created_at: now,
                updated_at: now,
            });
            report.created += 1;
            report.dispatched += u32::from(sent);
        }
    }
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
    let customer = Customer::read(db, p).await?;
    let desk = desk_settings::load(db).await?;
    let text = instructions(&name, date, p, item, note.as_deref());
    let due = recurrence::due_at(date, item_window(p, item).1, h.zone);
    let mut x = Ctx::new(w, h, desk, p.clone(), customer);
    let (order, _) = x.add_order(db, date, service.department, text, due).await?;
    x.visits.push(package_visit::Model {
        id: 0,
        package_id: p.id,
        package_item_id: item.id,
        visit_date: date,
        seq: seq.map_or(1, |s| s.max(0) + 1),
        status: VisitStatus::Planned,
        work_order_id: Some(order.id),
        quantity_milli,
        reason: note,
        statement_id: None,
        version: 1,
        created_at: w.now,
        updated_at: w.now,
    });
    x.flush(db).await
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
    let customer = Customer::read(db, p).await?;
    let desk = desk_settings::load(db).await?;
    let mut x = Ctx::new(w, h, desk, p.clone(), customer);
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
    x.flush(db).await
}
