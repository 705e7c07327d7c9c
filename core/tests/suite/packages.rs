//! Personal packages on SQLite and PostgreSQL: visits written as work orders for the
//! right department in the month's case, sent out `schedule_days` ahead, once (a second
//! run writes nothing); edits, pauses and stopping move or cancel future visits not yet
//! taken up and leave the rest; skipped and extra visits; the month's case completes
//! with its visits; who may do what; bad input.

use chrono::{DateTime, TimeZone, Utc};
use steward_core::accounts::auth::LoginInput;
use steward_core::api::run;
use steward_core::desk::work_orders::WorkOrderTransition;
use steward_core::domain::*;
use steward_core::entities::{package_case, package_visit, service_case, work_order};
use steward_core::menus::catalog::{CatalogCreate, CatalogDetail, CatalogInput, NewPrice, ServiceText};
use steward_core::menus::packages::{
    PackageCreate, PackageDetail, PackageEdit, PackageInput, PackageItemInput, PackagePauseAdd, PackagePauseRemove,
    PackageQuery, PackageSetActive, VisitExtra, VisitSkip,
};
use steward_core::menus::schedule::{ScheduleReport, ScheduleRun};
use steward_core::sea_orm::{ColumnTrait, EntityTrait, Iterable, QueryFilter, QueryOrder};
use steward_core::{Cx, Error};
use steward_migrations::m20261127_000007_packages as migration;

use crate::common::{Ctx, PASSWORD, ctx, session};

struct Office {
    c: Ctx,
    manager: String,
    desk: String,
    cleaner: String,
    customer: i32,
    cleaning: i32,
    plants: i32,
}

/// 2026-11-27 09:30 UTC is 17:30 in Shanghai, the default office time zone.
async fn office() -> Office {
    let c = ctx().await;
    let manager = c.manager(false).await;
    let desk = c.staff(&manager, "desk1", Role::Desk, Department::CustomerService).await;
    let cleaner = c.staff(&manager, "clean1", Role::Department, Department::Cleaning).await;
    let cleaning = service(&c, &manager, "入室保洁", "In-home cleaning", Department::Cleaning).await.id;
    let plants = service(&c, &manager, "室内绿植养护", "Indoor plant care", Department::Landscaping).await.id;
    let customer = run::customer_create(
        c.cx(Some(&desk)),
        steward_core::directory::customers::CustomerInput {
            kind: CustomerKind::Person,
            name: "Emma Clarke".into(),
            name_latin: None,
            phones: vec!["13800002222".into()],
            email: None,
            nationality: Some("GB".into()),
            preferred_language: "en".into(),
            vip: true,
            id_document_kind: None,
            id_document_number: None,
            notes: String::new(),
        },
    )
    .await
    .expect("customer")
    .id;
    Office { c, manager, desk, cleaner, customer, cleaning, plants }
}

async fn service(c: &Ctx, manager: &str, zh: &str, en: &str, department: Department) -> CatalogDetail {
    let texts = vec![
        ServiceText { language: "zh-CN".into(), name: zh.into(), description: String::new() },
        ServiceText { language: "en".into(), name: en.into(), description: String::new() },
    ];
    let service = CatalogInput { texts, department, unit: ServiceUnit::PerVisit, tax_rate: Some("6".into()) };
    let price = Some(NewPrice { amount: "120".into(), effective_from: "2026-01-01".into() });
    run::catalog_create(c.cx(Some(manager)), CatalogCreate { service, price }).await.expect("service")
}

fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).single().expect("time")
}

impl Office {
    fn cx(&self, token: &str) -> Cx {
        self.c.cx(Some(token))
    }

    fn cx_at(&self, token: &str, now: DateTime<Utc>) -> Cx {
        self.c.core.cx(session(Some(token)), now)
    }

    fn item(&self, service_id: i32, rule: &str, starts_on: &str) -> PackageItemInput {
        PackageItemInput {
            id: None,
            service_id,
            rule: rule.into(),
            starts_on: starts_on.into(),
            ends_on: None,
            window_start: None,
            window_end: None,
            quantity: None,
            notes: String::new(),
        }
    }

    /// Weekly cleaning on Tuesdays and plant care every other Thursday from December.
    fn emma(&self) -> PackageInput {
        PackageInput {
            customer_id: self.customer,
            unit_id: None,
            starts_on: "2026-12-01".into(),
            ends_on: None,
            window_start: Some("09:00".into()),
            window_end: Some("11:00".into()),
            notes: "Key at the desk".into(),
            items: vec![
                self.item(self.cleaning, "FREQ=WEEKLY;BYDAY=TU", "2026-12-01"),
                self.item(self.plants, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "2026-12-03"),
            ],
        }
    }

    async fn create(&self, input: PackageInput) -> PackageDetail {
        run::package_create(self.cx(&self.desk), PackageCreate { package: input }).await.expect("package")
    }

    async fn visits(&self, package_id: i32) -> Vec<(String, VisitStatus, Option<work_order::Model>)> {
        let db = &self.c.core.db;
        let mut out = Vec::new();
        for v in package_visit::Entity::find()
            .filter(package_visit::Column::PackageId.eq(package_id))
            .order_by_asc(package_visit::Column::VisitDate)
            .order_by_asc(package_visit::Column::Id)
            .all(db)
            .await
            .expect("visits")
        {
            let w = match v.work_order_id {
                Some(id) => work_order::Entity::find_by_id(id).one(db).await.expect("order"),
                None => None,
            };
            out.push((v.visit_date.to_string(), v.status, w));
        }
        out
    }

    /// The daily run at `now`, by the manager signed in then (sessions lapse over days).
    async fn schedule(&self, now: DateTime<Utc>) -> ScheduleReport {
        let login = LoginInput { username: "manager".into(), password: PASSWORD.into() };
        let token = run::login(self.c.core.cx(session(None), now), login).await.expect("sign in").token;
        run::package_schedule_run(self.cx_at(&token, now), ScheduleRun { package_id: None })
            .await
            .expect("schedule run")
    }

    async fn transition(&self, token: &str, order: &work_order::Model, to: WorkOrderStatus) -> work_order::Model {
        let db = &self.c.core.db;
        let w = work_order::Entity::find_by_id(order.id).one(db).await.expect("read").expect("order");
        let result = (to == WorkOrderStatus::Done).then(|| "Done".to_owned());
        run::work_order_transition(
            self.cx(token),
            WorkOrderTransition { id: w.id, version: w.version, to, result, reason: None },
        )
        .await
        .expect("transition");
        work_order::Entity::find_by_id(order.id).one(db).await.expect("read").expect("order")
    }
}

fn dates(v: &[(String, VisitStatus, Option<work_order::Model>)], status: VisitStatus) -> Vec<&str> {
    v.iter().filter(|x| x.1 == status).map(|x| x.0.as_str()).collect()
}

fn fields<T: std::fmt::Debug>(r: Result<T, Error>) -> Vec<(String, String)> {
    match r {
        Err(Error::Validation(f)) => f.into_iter().collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn the_visit_vocabulary_agrees_with_the_schema() {
    let statuses: Vec<&str> = VisitStatus::iter().map(VisitStatus::as_str).collect();
    assert_eq!(statuses, migration::VISIT_STATUSES);
}

#[tokio::test]
async fn a_package_writes_the_month_of_visits_as_work_orders_once() {
    let o = office().await;
    let p = o.create(o.emma()).await;
    let v = o.visits(p.id).await;
    // Today is 27 November; visits go out 14 days ahead (to 11 December) and the whole of
    // December is written: Tuesdays 1–29, plant care on 3, 17 and 31 December.
    let all: Vec<&str> = v.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(
        all,
        [
            "2026-12-01",
            "2026-12-03",
            "2026-12-08",
            "2026-12-15",
            "2026-12-17",
            "2026-12-22",
            "2026-12-29",
            "2026-12-31"
        ]
    );
    let sent: Vec<&str> = v
        .iter()
        .filter(|x| x.2.as_ref().is_some_and(|w| w.status == WorkOrderStatus::Dispatched))
        .map(|x| x.0.as_str())
        .collect();
    assert_eq!(sent, ["2026-12-01", "2026-12-03", "2026-12-08"]);
    assert!(v.iter().all(|x| x.1 == VisitStatus::Planned));
    let first = v[0].2.clone().expect("order");
    assert_eq!(first.department, Some(Department::Cleaning));
    assert_eq!(v[1].2.as_ref().and_then(|w| w.department), Some(Department::Landscaping));
    // The window ends at 11:00 in Shanghai: 03:00 UTC.
    assert_eq!(first.due_at, at(2026, 12, 1, 3));
    assert!(first.instructions.contains("Key at the desk"), "{}", first.instructions);
    // One case for December, the customer's, in their language, holding all eight orders.
    let db = &o.c.core.db;
    let cases = package_case::Entity::find().all(db).await.expect("cases");
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].month, "2026-12");
    let c = service_case::Entity::find_by_id(cases[0].case_id).one(db).await.expect("read").expect("case");
    assert_eq!(c.customer_id, Some(o.customer));
    assert_eq!(c.language, "en");
    assert_eq!(c.kind, CaseKind::ServiceRequest);
    assert_eq!(c.status, CaseStatus::InProgress);
    assert!(v.iter().all(|x| x.2.as_ref().is_some_and(|w| w.case_id == c.id)));
    // Written in bulk, the case is settled as the desk settles one: counts, department
    // index and search text (customer, unit, orders) agree with its rows.
    crate::common::assert_counts(db).await;
    assert!(c.search_text.contains("Emma") && c.search_text.contains("Key at the desk"), "{}", c.search_text);
    assert_eq!(c.due_at, Some(c.completion_due_at));
    let found = run::case_list(o.cx(&o.desk), case_search("Emma")).await.expect("search");
    assert_eq!(found.items.iter().map(|r| r.id).collect::<Vec<_>>(), [c.id]);

    // Running again the same day writes nothing.
    let again = o.schedule(o.c.now).await;
    assert_eq!((again.created, again.dispatched, again.cancelled, again.updated), (0, 0, 0, 0));
    assert_eq!(o.visits(p.id).await.len(), 8);

    // On 20 December January is written (a second case) and December's later visits go out,
    // the 15th too, which no run reached in time.
    let later = o.schedule(at(2026, 12, 20, 1)).await;
    assert_eq!(later.dispatched, 5, "{later:?}"); // 15, 17, 22, 29, 31 December
    assert_eq!(later.created, 6, "{later:?}"); // Tuesdays 5–26 January, plant care 14 and 28
    assert_eq!(package_case::Entity::find().all(db).await.expect("cases").len(), 2);
    let twice = o.schedule(at(2026, 12, 20, 2)).await;
    assert_eq!((twice.created, twice.dispatched), (0, 0));

    let listed = run::package_list(
        o.cx(&o.desk),
        PackageQuery {
            search: Some("Emma".into()),
            customer_id: None,
            include_inactive: false,
            page: 1,
            page_size: 20,
        },
    )
    .await
    .expect("list");
    assert_eq!(listed.total, 1);
    assert_eq!(listed.items[0].services, ["In-home cleaning", "Indoor plant care"]);
    assert_eq!(listed.items[0].next_visit.as_deref(), Some("2026-12-01"));
    crate::common::assert_counts(db).await;
    let january = run::case_list(o.cx(&o.desk), case_search("2027-01")).await.expect("search");
    assert_eq!(january.total, 1, "the January case is indexed");
}

fn case_search(text: &str) -> steward_core::desk::cases::CaseQuery {
    steward_core::desk::cases::CaseQuery {
        search: Some(text.into()),
        kind: None,
        status: None,
        department: None,
        owner_id: None,
        building_id: None,
        customer_id: None,
        unit_id: None,
        overdue: None,
        received_from: None,
        received_to: None,
        channel: None,
        language: None,
        page: 1,
        page_size: 20,
    }
}

#[tokio::test]
async fn an_edit_moves_future_visits_not_taken_up_and_leaves_the_rest() {
    let o = office().await;
    let p = o.create(o.emma()).await;
    let v = o.visits(p.id).await;
    // The cleaner has accepted the first Tuesday.
    let first = v[0].2.clone().expect("order");
    o.transition(&o.cleaner, &first, WorkOrderStatus::Accepted).await;

    let mut input = o.emma();
    let mut cleaning = o.item(o.cleaning, "FREQ=WEEKLY;BYDAY=WE", "2026-12-01");
    cleaning.id = Some(p.items[0].id);
    cleaning.window_end = Some("12:00".into());
    input.items = vec![cleaning, PackageItemInput { id: Some(p.items[1].id), ..input.items[1].clone() }];
    let edited = run::package_edit(o.cx(&o.desk), PackageEdit { id: p.id, version: p.version, package: input })
        .await
        .expect("edit");
    assert!(edited.history.iter().any(|h| h.changes.iter().any(|c| c.field == "item.入室保洁")));
    let v = o.visits(p.id).await;
    assert_eq!(dates(&v, VisitStatus::Cancelled), ["2026-12-08", "2026-12-15", "2026-12-22", "2026-12-29"]);
    let accepted = v.iter().find(|x| x.0 == "2026-12-01").expect("first");
    assert_eq!(accepted.1, VisitStatus::Planned, "an accepted visit stays");
    assert_eq!(accepted.2.as_ref().map(|w| w.status), Some(WorkOrderStatus::Accepted));
    let wednesdays: Vec<&str> = v
        .iter()
        .filter(|x| {
            x.1 == VisitStatus::Planned && x.2.as_ref().is_some_and(|w| w.department == Some(Department::Cleaning))
        })
        .map(|x| x.0.as_str())
        .collect();
    assert_eq!(wednesdays, ["2026-12-01", "2026-12-02", "2026-12-09", "2026-12-16", "2026-12-23", "2026-12-30"]);
    let wed = v.iter().find(|x| x.0 == "2026-12-02").and_then(|x| x.2.clone()).expect("order");
    assert_eq!(wed.due_at, at(2026, 12, 2, 4), "12:00 in Shanghai");
    let cancelled = v.iter().find(|x| x.0 == "2026-12-08").and_then(|x| x.2.clone()).expect("order");
    assert_eq!(cancelled.status, WorkOrderStatus::Cancelled);

    // A stale edit is refused and changes nothing.
    let stale = run::package_edit(o.cx(&o.desk), PackageEdit { id: p.id, version: p.version, package: o.emma() }).await;
    assert!(matches!(stale, Err(Error::Conflict)), "{stale:?}");

    // Stopping the package cancels every future visit not taken up.
    let stopped = run::package_set_active(
        o.cx(&o.manager),
        PackageSetActive { id: p.id, version: edited.version, active: false },
    )
    .await
    .expect("stop");
    assert!(!stopped.active);
    let v = o.visits(p.id).await;
    let planned = dates(&v, VisitStatus::Planned);
    assert_eq!(planned, ["2026-12-01"], "only the accepted visit is left");
}

#[tokio::test]
async fn a_pause_cancels_its_visits_and_lifting_it_plans_them_again() {
    let o = office().await;
    let p = o.create(o.emma()).await;
    let paused = run::package_pause_add(
        o.cx(&o.desk),
        PackagePauseAdd {
            id: p.id,
            version: p.version,
            from_date: "2026-12-14".into(),
            to_date: "2026-12-24".into(),
            note: "Away".into(),
        },
    )
    .await
    .expect("pause");
    let v = o.visits(p.id).await;
    assert_eq!(dates(&v, VisitStatus::Cancelled), ["2026-12-15", "2026-12-17", "2026-12-22"]);
    assert!(paused.items[0].upcoming.iter().all(|d| d.as_str() < "2026-12-14" || d.as_str() > "2026-12-24"));
    let lifted = run::package_pause_remove(
        o.cx(&o.desk),
        PackagePauseRemove { id: p.id, version: paused.version, pause_id: paused.pauses[0].id },
    )
    .await
    .expect("lift");
    assert!(lifted.pauses.is_empty());
    let v = o.visits(p.id).await;
    assert!(dates(&v, VisitStatus::Cancelled).is_empty());
    assert_eq!(dates(&v, VisitStatus::Planned).len(), 8);
    // The re-planned visits have new orders; the cancelled ones stay cancelled on the case.
    let db = &o.c.core.db;
    let cancelled = work_order::Entity::find()
        .filter(work_order::Column::Status.eq(WorkOrderStatus::Cancelled))
        .all(db)
        .await
        .expect("orders");
    assert_eq!(cancelled.len(), 3);
}

#[tokio::test]
async fn skipped_visits_are_recorded_and_extra_visits_added() {
    let o = office().await;
    let p = o.create(o.emma()).await;
    let visit = p.next_visits.iter().find(|v| v.date == "2026-12-08").expect("visit").clone();
    let skipped = run::package_visit_skip(
        o.cx(&o.desk),
        VisitSkip { id: visit.id, version: visit.version, reason: "Customer away".into() },
    )
    .await
    .expect("skip");
    let s = skipped.next_visits.iter().find(|v| v.id == visit.id).expect("visit");
    assert_eq!(s.status, VisitStatus::Skipped);
    assert_eq!(s.reason.as_deref(), Some("Customer away"));
    assert_eq!(s.work_order_status, Some(WorkOrderStatus::Cancelled));
    // A second skip, and a skip of a visit under way, are refused.
    let again =
        run::package_visit_skip(o.cx(&o.desk), VisitSkip { id: visit.id, version: s.version, reason: "Again".into() })
            .await;
    assert_eq!(fields(again), [("id".to_owned(), "validation.visit_not_planned".to_owned())]);
    let first = o.visits(p.id).await[0].2.clone().expect("order");
    o.transition(&o.cleaner, &first, WorkOrderStatus::Accepted).await;
    let v0 = skipped.next_visits.iter().find(|v| v.date == "2026-12-01").expect("first");
    let busy =
        run::package_visit_skip(o.cx(&o.desk), VisitSkip { id: v0.id, version: v0.version, reason: "Away".into() })
            .await;
    assert_eq!(fields(busy), [("id".to_owned(), "validation.visit_under_way".to_owned())]);
    // A skipped day stays skipped when the schedule runs again.
    o.schedule(o.c.now).await;
    let v = o.visits(p.id).await;
    assert_eq!(dates(&v, VisitStatus::Skipped), ["2026-12-08"]);

    // An extra cleaning on a Friday, with its own order, sent out at once.
    let extra = run::package_visit_extra(
        o.cx(&o.desk),
        VisitExtra {
            package_id: p.id,
            item_id: p.items[0].id,
            date: "2026-12-04".into(),
            quantity: Some("2".into()),
            note: "Guests at the weekend".into(),
        },
    )
    .await
    .expect("extra");
    let e = extra.next_visits.iter().find(|v| v.date == "2026-12-04").expect("extra visit");
    assert!(e.extra);
    assert_eq!(e.quantity, "2");
    assert_eq!(e.work_order_status, Some(WorkOrderStatus::Dispatched));
    let past = run::package_visit_extra(
        o.cx(&o.desk),
        VisitExtra {
            package_id: p.id,
            item_id: p.items[0].id,
            date: "2026-11-20".into(),
            quantity: None,
            note: String::new(),
        },
    )
    .await;
    assert_eq!(fields(past), [("date".to_owned(), "validation.date_in_past".to_owned())]);
    // Running again leaves the extra alone.
    let r = o.schedule(o.c.now).await;
    assert_eq!((r.created, r.cancelled), (0, 0));
}

#[tokio::test]
async fn the_month_case_completes_with_its_visits_and_goes_to_follow_up() {
    let o = office().await;
    let mut input = o.emma();
    input.items = vec![o.item(o.cleaning, "FREQ=WEEKLY;BYDAY=TU;COUNT=2", "2026-12-01")];
    let p = o.create(input).await;
    let v = o.visits(p.id).await;
    assert_eq!(v.len(), 2);
    let db = &o.c.core.db;
    let case_id = v[0].2.as_ref().expect("order").case_id;
    for (_, _, w) in &v {
        let w = w.clone().expect("order");
        if w.status == WorkOrderStatus::New {
            // Not yet sent out: the desk may send it early.
            o.transition(&o.desk, &w, WorkOrderStatus::Dispatched).await;
        }
        for to in [WorkOrderStatus::Accepted, WorkOrderStatus::InProgress, WorkOrderStatus::Done] {
            o.transition(&o.cleaner, &w, to).await;
        }
        let c = service_case::Entity::find_by_id(case_id).one(db).await.expect("read").expect("case");
        assert_eq!(c.status, CaseStatus::InProgress, "a visit remains");
        o.transition(&o.desk, &w, WorkOrderStatus::Verified).await;
    }
    let c = service_case::Entity::find_by_id(case_id).one(db).await.expect("read").expect("case");
    assert_eq!(c.status, CaseStatus::AwaitingFollowUp);
}

#[tokio::test]
async fn the_desk_and_managers_set_up_packages_department_staff_do_not() {
    let o = office().await;
    let refused = run::package_create(o.cx(&o.cleaner), PackageCreate { package: o.emma() }).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    let p = o.create(o.emma()).await;
    let refused = run::package_schedule_run(o.cx(&o.cleaner), ScheduleRun { package_id: Some(p.id) }).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    let read = run::package_get(o.cx(&o.cleaner), steward_core::menus::packages::PackageGet { id: p.id }).await;
    assert!(matches!(read, Err(Error::Forbidden(_))), "{read:?}");
    let by_manager = run::package_get(o.cx(&o.manager), steward_core::menus::packages::PackageGet { id: p.id })
        .await
        .expect("manager reads");
    assert_eq!(by_manager.customer_name, "Emma Clarke");
}

#[tokio::test]
async fn bad_packages_are_refused_with_their_fields_and_change_nothing() {
    let o = office().await;
    let mut input = o.emma();
    input.window_start = Some("11:00".into());
    input.window_end = Some("9:00".into());
    input.items[0].rule = "FREQ=HOURLY".into();
    input.items[1].rule = "FREQ=WEEKLY;BYDAY=XX".into();
    input.items[1].quantity = Some("-1".into());
    input.ends_on = Some("2026-11-01".into());
    let mut got = fields(run::package_create(o.cx(&o.desk), PackageCreate { package: input }).await);
    got.sort();
    let want = [
        ("ends_on", "validation.date_order"),
        ("items.0.rule", "validation.rule_frequency"),
        ("items.1.quantity", "validation.quantity"),
        ("items.1.rule", "validation.rule"),
        ("window_end", "validation.time"),
    ];
    assert_eq!(got, want.map(|(f, k)| (f.to_owned(), k.to_owned())));
    // A service no longer offered.
    let s = run::catalog_get(o.cx(&o.manager), steward_core::menus::catalog::CatalogGet { id: o.plants })
        .await
        .expect("service");
    run::catalog_set_active(
        o.cx(&o.manager),
        steward_core::menus::catalog::CatalogSetActive { id: s.id, version: s.version, active: false },
    )
    .await
    .expect("deactivate");
    let got = fields(run::package_create(o.cx(&o.desk), PackageCreate { package: o.emma() }).await);
    assert_eq!(got, [("items.1.service_id".to_owned(), "validation.service_inactive".to_owned())]);
    let db = &o.c.core.db;
    assert!(package_visit::Entity::find().all(db).await.expect("visits").is_empty());
    assert!(work_order::Entity::find().all(db).await.expect("orders").is_empty());
}

#[tokio::test]
async fn the_daily_run_writes_once_a_day_as_each_packages_owner() {
    let o = office().await;
    let p = o.create(o.emma()).await;
    let db = &o.c.core.db;
    let first = steward_core::menus::schedule::daily(db, at(2026, 12, 20, 1)).await.expect("daily");
    let first = first.expect("the day's first run");
    assert_eq!((first.packages, first.created, first.dispatched), (1, 6, 5));
    // Later the same office day (Shanghai: 20 December until 16:00 UTC) nothing runs.
    assert_eq!(steward_core::menus::schedule::daily(db, at(2026, 12, 20, 15)).await.expect("daily"), None);
    // The next office day runs again (and finds nothing to do).
    let next = steward_core::menus::schedule::daily(db, at(2026, 12, 20, 17)).await.expect("daily").expect("run");
    assert_eq!((next.created, next.dispatched), (0, 0));
    let desk_id = o.visits(p.id).await[0].2.as_ref().expect("order").created_by;
    let january = o.visits(p.id).await.into_iter().filter(|v| v.0.starts_with("2027-01")).collect::<Vec<_>>();
    assert_eq!(january.len(), 6);
    assert!(january.iter().all(|v| v.2.as_ref().is_some_and(|w| w.created_by == desk_id)), "written as the owner");
}
