//! The service desk on SQLite and PostgreSQL: intake, dispatch, every work-order move
//! per role, due times, escalation over moved time, follow-up and close rules, search
//! in Chinese and Latin, and the maintained counts.

use crate::common::{Ctx, ctx, session};
use chrono::{DateTime, Duration, Utc};
use steward_core::api::run;
use steward_core::desk::cases::{
    CaseDetail, CaseEdit, CaseGet, CaseHandover, CaseOpen, CaseQuery, CaseResolve, KanbanQuery, MyCasesQuery,
};
use steward_core::desk::escalation::{self, AlertQuery};
use steward_core::desk::follow_ups::{FollowUpAttempt, FollowUpQueueQuery, FollowUpRecord, FollowUpUnreachable};
use steward_core::desk::rules::due;
use steward_core::desk::settings::{self, DeskSettingsSave, DueTarget};
use steward_core::desk::suppliers::{SupplierInput, SupplierQuery};
use steward_core::desk::work_orders::{MyWorkOrdersQuery, WorkOrderChargeAdd, WorkOrderDispatch, WorkOrderTransition};
use steward_core::desk::{attachments, dashboard};
use steward_core::directory::customers::CustomerInput;
use steward_core::domain::*;
use steward_core::entities::{audit_log, staff};
use steward_core::sea_orm::sea_query::Expr;
use steward_core::sea_orm::{ColumnTrait, EntityTrait, Iterable, QueryFilter};
use steward_core::{Cx, Error};
use steward_migrations::m20261127_000002_service_desk as migration;

/// The office: a manager, two desk staff, an engineer, an engineering supervisor, a
/// cleaner, a leasing clerk, and the branch's and head office's people.
struct Office {
    c: Ctx,
    manager: String,
    desk: String,
    desk2: String,
    engineer: String,
    eng_super: String,
    cleaner: String,
    leasing: String,
}

async fn office() -> Office {
    let c = ctx().await;
    let manager = c.manager(false).await;
    let desk = c.staff(&manager, "desk1", Role::Desk, Department::CustomerService).await;
    let desk2 = c.staff(&manager, "desk2", Role::Desk, Department::CustomerService).await;
    let engineer = c.staff(&manager, "eng1", Role::Department, Department::Engineering).await;
    let eng_super = c.staff(&manager, "eng_boss", Role::Department, Department::Engineering).await;
    let cleaner = c.staff(&manager, "clean1", Role::Department, Department::Cleaning).await;
    let leasing = c.staff(&manager, "lease1", Role::Leasing, Department::Leasing).await;
    let _ = c.staff(&manager, "cs_boss", Role::Desk, Department::CustomerService).await;
    let _ = c.staff(&manager, "branch1", Role::Manager, Department::Quality).await;
    let _ = c.staff(&manager, "hq1", Role::Manager, Department::Quality).await;
    // Supervisors and tiers have no screen yet: set them in the table.
    let db = &c.core.db;
    for (user, supervisor, tier) in [
        ("eng_boss", true, None),
        ("cs_boss", true, None),
        ("branch1", false, Some(EscalationTier::Branch)),
        ("hq1", false, Some(EscalationTier::HeadOffice)),
    ] {
        staff::Entity::update_many()
            .col_expr(staff::Column::Supervisor, Expr::value(supervisor))
            .col_expr(staff::Column::EscalationTier, Expr::value(tier.map(|t| t.as_str())))
            .filter(staff::Column::Username.eq(user))
            .exec(db)
            .await
            .expect("set supervisor");
    }
    // branch1 and hq1 hold the manager role only to sign in; level 2 is "managers", so
    // demote them to desk staff of quality... quality fits only managers: keep them as
    // managers and count them at level 2 too.
    Office { c, manager, desk, desk2, engineer, eng_super, cleaner, leasing }
}

async fn staff_id(o: &Office, username: &str) -> i32 {
    staff::Entity::find()
        .filter(staff::Column::Username.eq(username))
        .one(&o.c.core.db)
        .await
        .expect("staff")
        .expect("exists")
        .id
}

impl Office {
    fn cx(&self, token: &str) -> Cx {
        self.c.cx(Some(token))
    }

    /// A context `minutes` after the test's start, with a session opened then.
    async fn later(&self, username: &str, minutes: i64) -> Cx {
        let t = self.c.now + Duration::minutes(minutes);
        let id = staff_id(self, username).await;
        let token = steward_core::accounts::auth::open_session(&self.c.core.db, id, t).await.expect("session");
        self.c.core.cx(session(Some(&token)), t)
    }

    fn at(&self, minutes: i64) -> DateTime<Utc> {
        self.c.now + Duration::minutes(minutes)
    }
}

fn open_input(kind: CaseKind, priority: Priority, title: &str) -> CaseOpen {
    CaseOpen {
        kind,
        channel: Channel::Hotline,
        priority,
        title: title.into(),
        description: String::new(),
        customer_id: None,
        unit_id: None,
        caller_name: None,
        caller_phone: None,
        language: None,
        consultation_topic: None,
    }
}

async fn open(o: &Office, title: &str) -> CaseDetail {
    run::case_open(o.cx(&o.desk), open_input(CaseKind::Repair, Priority::Normal, title)).await.expect("open case")
}

fn dispatch_input(case_id: i32, department: Department) -> WorkOrderDispatch {
    WorkOrderDispatch {
        case_id,
        department: Some(department),
        supplier_id: None,
        assignee_id: None,
        instructions: "检查并维修".into(),
        priority: None,
        due_at: None,
        draft: false,
    }
}

async fn dispatch(o: &Office, case_id: i32) -> (CaseDetail, i32) {
    let d = run::work_order_dispatch(o.cx(&o.desk), dispatch_input(case_id, Department::Engineering))
        .await
        .expect("dispatch");
    let id = d.work_orders.last().expect("work order").id;
    (d, id)
}

async fn wo_version(o: &Office, case_id: i32, id: i32) -> i32 {
    let d = run::case_get(o.cx(&o.manager), CaseGet { id: case_id }).await.expect("get");
    d.work_orders.iter().find(|w| w.id == id).expect("work order").version
}

async fn mv(o: &Office, token: &str, case_id: i32, id: i32, to: WorkOrderStatus) -> Result<CaseDetail, Error> {
    let version = wo_version(o, case_id, id).await;
    let text = Some("换了阀门".to_owned());
    run::work_order_transition(o.cx(token), WorkOrderTransition { id, version, to, result: text.clone(), reason: text })
        .await
}

fn is_forbidden<T: std::fmt::Debug>(r: Result<T, Error>) -> bool {
    matches!(r, Err(Error::Forbidden(_)))
}

fn field_key<T: std::fmt::Debug>(r: Result<T, Error>, field: &str) -> String {
    match r {
        Err(Error::Validation(f)) => f.get(field).cloned().unwrap_or_else(|| format!("{f:?}")),
        other => format!("{other:?}"),
    }
}

/// Every maintained count equals a fresh GROUP BY.
async fn assert_counts(o: &Office) {
    crate::common::assert_counts(&o.c.core.db).await;
}

#[tokio::test]
async fn vocabularies_targets_and_catalog_agree_with_the_schema() {
    fn names<T: Iterable + Copy>(f: impl Fn(T) -> &'static str) -> Vec<&'static str> {
        T::iter().map(f).collect()
    }
    assert_eq!(names(CaseKind::as_str), migration::CASE_KINDS);
    assert_eq!(names(Channel::as_str), migration::CHANNELS);
    assert_eq!(names(Priority::as_str), migration::PRIORITIES);
    assert_eq!(names(CaseStatus::as_str), migration::CASE_STATUSES);
    assert_eq!(names(WorkOrderStatus::as_str), migration::WORK_ORDER_STATUSES);
    assert_eq!(names(ChargeKind::as_str), migration::CHARGE_KINDS);
    assert_eq!(names(CaseEventKind::as_str), migration::CASE_EVENT_KINDS);
    assert_eq!(names(FollowUpStatus::as_str), migration::FOLLOW_UP_STATUSES);
    assert_eq!(names(AttemptOutcome::as_str), migration::ATTEMPT_OUTCOMES);
    assert_eq!(names(AlertKind::as_str), migration::ALERT_KINDS);
    assert_eq!(names(EscalationTier::as_str), migration::ESCALATION_TIERS);

    let o = office().await;
    let view = run::desk_settings_get(o.cx(&o.desk), ()).await.expect("settings");
    assert_eq!(view.targets.len(), 24);
    for t in &view.targets {
        assert_eq!((t.response_minutes, t.completion_minutes), due::default_minutes(t.kind, t.priority), "{t:?}");
    }

    for file in ["en", "zh-CN"] {
        let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../locales/{file}.json"));
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("catalog")).expect("json");
        let mut keys: Vec<(&str, Vec<&str>)> = vec![
            ("case_kind", names(CaseKind::as_str)),
            ("channel", names(Channel::as_str)),
            ("priority", names(Priority::as_str)),
            ("case_status", names(CaseStatus::as_str)),
            ("work_order_status", names(WorkOrderStatus::as_str)),
            ("charge_kind", names(ChargeKind::as_str)),
            ("case_event_kind", names(CaseEventKind::as_str)),
            ("follow_up_status", names(FollowUpStatus::as_str)),
            ("attempt_outcome", names(AttemptOutcome::as_str)),
            ("alert_kind", names(AlertKind::as_str)),
            ("escalation_tier", names(EscalationTier::as_str)),
        ];
        for (section, values) in keys.drain(..) {
            for v in values {
                assert!(json["enum"][section][v].is_string(), "{file}: enum.{section}.{v}");
            }
        }
        for key in steward_core::desk::rules::transitions::KEYS {
            let name = key.trim_start_matches("validation.");
            assert!(json["validation"][name].is_string(), "{file}: {key}");
        }
    }
}

#[tokio::test]
async fn a_hotline_repair_from_call_to_close() {
    let o = office().await;
    let customer = run::customer_create(
        o.cx(&o.desk),
        CustomerInput {
            kind: CustomerKind::Person,
            name: "王小明".into(),
            name_latin: None,
            phones: vec!["13800001111".into()],
            email: None,
            nationality: None,
            preferred_language: "en".into(),
            vip: false,
            id_document_kind: None,
            id_document_number: None,
            notes: String::new(),
        },
    )
    .await
    .expect("customer");
    let mut input = open_input(CaseKind::Repair, Priority::Urgent, "");
    input.description = "厨房水管漏水\n请尽快".into();
    input.customer_id = Some(customer.id);
    let d = run::case_open(o.cx(&o.desk), input).await.expect("open");
    let desk_id = staff_id(&o, "desk1").await;
    assert_eq!(d.case.title, "厨房水管漏水");
    assert_eq!(d.case.language, "en", "the customer's language");
    assert_eq!((d.case.owner_id, d.case.received_by), (desk_id, desk_id));
    assert_eq!(d.case.status, CaseStatus::New);
    assert_eq!(d.case.number, format!("C{:06}", d.case.id));
    assert_eq!(d.case.response_due_at, o.at(30).to_rfc3339());
    assert_eq!(d.case.completion_due_at, o.at(240).to_rfc3339());
    assert_eq!(d.timeline[0].kind, CaseEventKind::Received);

    let (d, wo) = dispatch(&o, d.case.id).await;
    assert_eq!(d.case.status, CaseStatus::InProgress);
    assert_eq!(d.work_orders[0].number, format!("C{:06}-1", d.case.id));
    assert!(d.case.responded_at.is_some());
    mv(&o, &o.engineer, d.case.id, wo, WorkOrderStatus::Accepted).await.expect("accept");
    mv(&o, &o.engineer, d.case.id, wo, WorkOrderStatus::InProgress).await.expect("start");
    let charge = run::work_order_charge_add(
        o.cx(&o.engineer),
        WorkOrderChargeAdd {
            work_order_id: wo,
            kind: ChargeKind::Labour,
            description: "人工".into(),
            quantity: "1.5".into(),
            unit_price: "80".into(),
        },
    )
    .await
    .expect("charge");
    assert_eq!(charge.work_orders[0].charges[0].amount, "120.00");
    let d = run::work_order_charge_add(
        o.cx(&o.engineer),
        WorkOrderChargeAdd {
            work_order_id: wo,
            kind: ChargeKind::Material,
            description: "垫圈".into(),
            quantity: "0.333".into(),
            unit_price: "1.00".into(),
        },
    )
    .await
    .expect("charge");
    assert_eq!(d.work_orders[0].charges[1].amount, "0.33");
    assert_eq!(d.work_orders[0].charges_total, "120.33");
    mv(&o, &o.engineer, d.case.id, wo, WorkOrderStatus::Done).await.expect("done");
    let d = mv(&o, &o.desk, d.case.id, wo, WorkOrderStatus::Verified).await.expect("verify");
    assert_eq!(d.case.status, CaseStatus::AwaitingFollowUp);
    assert_eq!(d.follow_ups.len(), 1);
    let f = &d.follow_ups[0];
    assert_eq!((f.status, f.owner_id, f.language.as_str()), (FollowUpStatus::Pending, desk_id, "en"));

    let queue = run::follow_up_queue(o.cx(&o.desk), FollowUpQueueQuery { everyone: false, page: 1, page_size: 20 })
        .await
        .expect("queue");
    assert_eq!(queue.items.len(), 1);
    let d = run::follow_up_record(
        o.cx(&o.desk),
        FollowUpRecord { follow_up_id: f.id, version: f.version, satisfaction: 5, remark: None },
    )
    .await
    .expect("follow up");
    assert_eq!(d.case.status, CaseStatus::Closed);
    assert_eq!(d.case.satisfaction, Some(5));
    let kinds: Vec<CaseEventKind> = d.timeline.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            CaseEventKind::Received,
            CaseEventKind::Dispatched,
            CaseEventKind::Accepted,
            CaseEventKind::Started,
            CaseEventKind::ChargeAdded,
            CaseEventKind::ChargeAdded,
            CaseEventKind::Done,
            CaseEventKind::Verified,
            CaseEventKind::FollowedUp,
            CaseEventKind::Closed,
        ]
    );
    assert!(d.timeline.iter().all(|e| e.staff_name.is_some()));

    // Archived: read-only.
    let edit = CaseEdit {
        id: d.case.id,
        version: d.case.version,
        kind: CaseKind::Repair,
        channel: Channel::Hotline,
        priority: Priority::Low,
        title: "x".into(),
        description: String::new(),
        customer_id: None,
        unit_id: None,
        caller_name: None,
        caller_phone: None,
        language: None,
        consultation_topic: None,
    };
    assert_eq!(field_key(run::case_edit(o.cx(&o.manager), edit).await, "case"), "validation.case_closed");
    assert_counts(&o).await;
}

#[tokio::test]
async fn every_work_order_move_allowed_and_refused_per_role() {
    let o = office().await;
    let case = open(&o, "走廊灯不亮").await.case.id;

    // Only the desk and managers dispatch; leasing and department staff do not hold it.
    for t in [&o.leasing, &o.engineer] {
        assert!(is_forbidden(run::work_order_dispatch(o.cx(t), dispatch_input(case, Department::Engineering)).await));
    }
    let mut draft = dispatch_input(case, Department::Engineering);
    draft.draft = true;
    let d = run::work_order_dispatch(o.cx(&o.desk), draft).await.expect("draft");
    let wo = d.work_orders[0].id;
    assert_eq!(d.work_orders[0].status, WorkOrderStatus::New);
    assert_eq!(d.case.status, CaseStatus::New, "a draft is no response");
    assert!(is_forbidden(mv(&o, &o.engineer, case, wo, WorkOrderStatus::Dispatched).await));
    mv(&o, &o.desk, case, wo, WorkOrderStatus::Dispatched).await.expect("dispatch the draft");

    // Accept, start, done: the department's staff, the assignee, managers.
    for t in [&o.cleaner, &o.desk, &o.leasing] {
        assert!(is_forbidden(mv(&o, t, case, wo, WorkOrderStatus::Accepted).await));
    }
    assert_eq!(
        field_key(mv(&o, &o.engineer, case, wo, WorkOrderStatus::Done).await, "to"),
        "validation.transition_illegal"
    );
    mv(&o, &o.engineer, case, wo, WorkOrderStatus::Accepted).await.expect("accept");
    assert!(is_forbidden(mv(&o, &o.cleaner, case, wo, WorkOrderStatus::InProgress).await));
    mv(&o, &o.manager, case, wo, WorkOrderStatus::InProgress).await.expect("start");

    // Pause and resume to where it was: department, assignee, owner, manager.
    assert!(is_forbidden(mv(&o, &o.cleaner, case, wo, WorkOrderStatus::Paused).await));
    let d = mv(&o, &o.desk, case, wo, WorkOrderStatus::Paused).await.expect("owner pauses");
    assert_eq!(d.work_orders[0].resume_status, Some(WorkOrderStatus::InProgress));
    let v = wo_version(&o, case, wo).await;
    let no_reason = WorkOrderTransition { id: wo, version: v, to: WorkOrderStatus::Paused, result: None, reason: None };
    assert_eq!(
        field_key(run::work_order_transition(o.cx(&o.engineer), no_reason).await, "to"),
        "validation.transition_illegal"
    );
    assert_eq!(
        field_key(mv(&o, &o.engineer, case, wo, WorkOrderStatus::Accepted).await, "to"),
        "validation.transition_illegal"
    );
    mv(&o, &o.engineer, case, wo, WorkOrderStatus::InProgress).await.expect("resume");

    // Done needs a result.
    let v = wo_version(&o, case, wo).await;
    let bare = WorkOrderTransition { id: wo, version: v, to: WorkOrderStatus::Done, result: None, reason: None };
    assert_eq!(
        field_key(run::work_order_transition(o.cx(&o.engineer), bare).await, "result"),
        "validation.result_required"
    );
    // A stale version is a conflict.
    let stale = WorkOrderTransition {
        id: wo,
        version: v - 1,
        to: WorkOrderStatus::Done,
        result: Some("ok".into()),
        reason: None,
    };
    assert!(matches!(run::work_order_transition(o.cx(&o.engineer), stale).await, Err(Error::Conflict)));
    mv(&o, &o.engineer, case, wo, WorkOrderStatus::Done).await.expect("done");

    // Verify or send back: the case owner and managers only.
    for t in [&o.engineer, &o.desk2, &o.eng_super] {
        assert!(is_forbidden(mv(&o, t, case, wo, WorkOrderStatus::Verified).await));
        assert!(is_forbidden(mv(&o, t, case, wo, WorkOrderStatus::InProgress).await));
    }
    let d = mv(&o, &o.desk, case, wo, WorkOrderStatus::InProgress).await.expect("send back");
    assert_eq!(d.timeline.last().map(|e| e.kind), Some(CaseEventKind::SentBack));
    mv(&o, &o.engineer, case, wo, WorkOrderStatus::Done).await.expect("done again");
    mv(&o, &o.manager, case, wo, WorkOrderStatus::Verified).await.expect("manager verifies");
    assert_eq!(
        field_key(mv(&o, &o.manager, case, wo, WorkOrderStatus::Cancelled).await, "to"),
        "validation.transition_illegal"
    );

    // Cancel: owner, desk, manager; never the department.
    let case2 = open(&o, "门禁坏了").await.case.id;
    let (_, wo2) = dispatch(&o, case2).await;
    assert!(is_forbidden(mv(&o, &o.engineer, case2, wo2, WorkOrderStatus::Cancelled).await));
    let d = mv(&o, &o.desk2, case2, wo2, WorkOrderStatus::Cancelled).await.expect("desk cancels");
    assert_eq!(d.case.status, CaseStatus::InProgress, "responded, nothing verified");

    // Department staff are assigned only within their department; an assignee from
    // outside the department (here the desk) works the order assigned to them.
    let case3 = open(&o, "花园浇水").await.case.id;
    let mut input = dispatch_input(case3, Department::Landscaping);
    input.assignee_id = Some(staff_id(&o, "clean1").await);
    let r = run::work_order_dispatch(o.cx(&o.desk), input.clone()).await;
    assert_eq!(field_key(r, "assignee_id"), "validation.assignee_department");
    input.assignee_id = Some(staff_id(&o, "desk2").await);
    let d = run::work_order_dispatch(o.cx(&o.desk), input).await.expect("assigned");
    assert!(is_forbidden(mv(&o, &o.cleaner, case3, d.work_orders[0].id, WorkOrderStatus::Accepted).await));
    mv(&o, &o.desk2, case3, d.work_orders[0].id, WorkOrderStatus::Accepted).await.expect("assignee accepts");
    let mine = run::work_order_mine(
        o.cx(&o.desk2),
        MyWorkOrdersQuery { unassigned_in_my_department: false, page: 1, page_size: 20 },
    )
    .await
    .expect("mine");
    assert_eq!(mine.items.len(), 1);
    let badges = run::desk_badges(o.cx(&o.desk2), ()).await.expect("badges");
    assert_eq!(badges.my_work_orders, 1);

    // Every refusal is audited.
    let refused = audit_log::Entity::find()
        .filter(audit_log::Column::Event.eq(AuditEvent::Refused))
        .all(&o.c.core.db)
        .await
        .expect("audit");
    assert!(refused.iter().any(|r| r.detail.contains("validation.transition_workers_only")));
    assert!(refused.iter().any(|r| r.detail.contains("validation.transition_owner_only")));
    assert!(refused.len() >= 12, "{}", refused.len());
    assert_counts(&o).await;
}

#[tokio::test]
async fn due_times_come_from_the_managers_targets() {
    let o = office().await;
    for kind in CaseKind::iter() {
        for priority in Priority::iter() {
            let d = run::case_open(o.cx(&o.desk), open_input(kind, priority, "t")).await.expect("open");
            let (r, c) = due::default_minutes(kind, priority);
            assert_eq!(d.case.response_due_at, o.at(r.into()).to_rfc3339(), "{kind:?} {priority:?}");
            assert_eq!(d.case.completion_due_at, o.at(c.into()).to_rfc3339());
        }
    }
    let mut save = DeskSettingsSave {
        version: run::desk_settings_get(o.cx(&o.manager), ()).await.expect("settings").version,
        targets: vec![DueTarget {
            kind: CaseKind::Repair,
            priority: Priority::Urgent,
            response_minutes: 20,
            completion_minutes: 10,
        }],
        settings: settings::DeskSettings::default(),
    };
    assert!(is_forbidden(run::desk_settings_save(o.cx(&o.desk), save.clone()).await));
    assert_eq!(
        field_key(run::desk_settings_save(o.cx(&o.manager), save.clone()).await, "targets.0.completion_minutes"),
        "validation.completion_before_response"
    );
    save.targets[0].completion_minutes = 180;
    let saved = run::desk_settings_save(o.cx(&o.manager), save.clone()).await.expect("save");
    assert_eq!(saved.version, save.version + 1);
    // A second manager's save from the old version is refused, not silently applied.
    save.targets[0].response_minutes = 25;
    assert!(matches!(run::desk_settings_save(o.cx(&o.manager), save).await, Err(Error::Conflict)));
    let d = run::case_open(o.cx(&o.desk), open_input(CaseKind::Repair, Priority::Urgent, "t")).await.expect("open");
    assert_eq!(d.case.response_due_at, o.at(20).to_rfc3339());
    assert_eq!(d.case.completion_due_at, o.at(180).to_rfc3339());

    // Changing the priority recomputes from the time received.
    let edit = CaseEdit {
        id: d.case.id,
        version: d.case.version,
        kind: CaseKind::Repair,
        channel: Channel::Hotline,
        priority: Priority::Low,
        title: "t".into(),
        description: String::new(),
        customer_id: None,
        unit_id: None,
        caller_name: None,
        caller_phone: None,
        language: None,
        consultation_topic: None,
    };
    let e = run::case_edit(o.cx(&o.desk), edit.clone()).await.expect("edit");
    assert_eq!(e.case.response_due_at, o.at(240).to_rfc3339());
    assert!(matches!(run::case_edit(o.cx(&o.desk), edit).await, Err(Error::Conflict)), "stale version");
    let changed = e.timeline.last().expect("event");
    assert_eq!(changed.kind, CaseEventKind::Edited);
}

async fn alerts_of(o: &Office, username: &str, minutes: i64) -> Vec<(i32, AlertKind)> {
    let cx = o.later(username, minutes).await;
    let page = run::alert_list(cx, AlertQuery { unread_only: false, page: 1, page_size: 100 }).await.expect("alerts");
    let mut v: Vec<(i32, AlertKind)> = page.items.iter().map(|a| (a.level, a.kind)).collect();
    v.sort_by_key(|a| (a.0, a.1.as_str()));
    v
}

#[tokio::test]
async fn overdue_cases_and_orders_climb_four_levels() {
    let o = office().await;
    let d =
        run::case_open(o.cx(&o.desk), open_input(CaseKind::Repair, Priority::Urgent, "电梯困人")).await.expect("open");
    let id = d.case.id;
    let db = &o.c.core.db;

    assert_eq!(escalation::sweep(db, o.at(29)).await.expect("sweep").alerts, 0);
    let s = escalation::sweep(db, o.at(30)).await.expect("sweep");
    assert_eq!((s.cases, s.alerts), (1, 1), "customer service's supervisor");
    assert_eq!(alerts_of(&o, "cs_boss", 31).await, [(1, AlertKind::OverdueResponse)]);
    assert_eq!(escalation::sweep(db, o.at(31)).await.expect("again").alerts, 0, "once per level");
    let list = run::case_list(o.later("manager", 31).await, CaseQuery { overdue: Some(true), ..query("") })
        .await
        .expect("overdue list");
    assert_eq!(list.items.iter().map(|r| r.id).collect::<Vec<_>>(), [id]);

    // Dispatched at +40: responded; completion (due +240) is what matters now.
    let cx = o.later("desk1", 40).await;
    let d = run::work_order_dispatch(cx, dispatch_input(id, Department::Engineering)).await.expect("dispatch");
    assert_eq!(d.case.escalation_level, 0);
    assert!(!d.case.overdue);
    assert_eq!(escalation::sweep(db, o.at(239)).await.expect("sweep").alerts, 0);
    let s = escalation::sweep(db, o.at(240)).await.expect("sweep");
    assert_eq!((s.cases, s.work_orders), (1, 1));
    assert_eq!(
        alerts_of(&o, "eng_boss", 241).await,
        [(1, AlertKind::OverdueCompletion), (1, AlertKind::OverdueWorkOrder)]
    );
    escalation::sweep(db, o.at(300)).await.expect("level 2");
    let managers = alerts_of(&o, "manager", 301).await;
    assert_eq!(managers, [(2, AlertKind::OverdueCompletion), (2, AlertKind::OverdueWorkOrder)]);
    escalation::sweep(db, o.at(540)).await.expect("level 3");
    assert!(alerts_of(&o, "branch1", 541).await.contains(&(3, AlertKind::OverdueCompletion)));
    assert!(!alerts_of(&o, "hq1", 541).await.iter().any(|a| a.0 == 4));
    escalation::sweep(db, o.at(540 + 1440)).await.expect("level 4");
    assert!(alerts_of(&o, "hq1", 1981).await.contains(&(4, AlertKind::OverdueCompletion)));
    let d = run::case_get(o.later("manager", 1981).await, CaseGet { id }).await.expect("get");
    assert_eq!(d.case.escalation_level, 4);
    assert_eq!(d.work_orders[0].escalation_level, 4);
    assert_eq!(escalation::sweep(db, o.at(100_000)).await.expect("top").alerts, 0, "nothing above 4");

    // A skipped night raises every level it passed at once.
    let d = run::case_open(o.cx(&o.desk), open_input(CaseKind::Inquiry, Priority::Urgent, "x")).await.expect("open");
    let s = escalation::sweep(db, o.at(15 + 60 + 240)).await.expect("catch up");
    assert_eq!(s.cases, 1);
    let d = run::case_get(o.later("manager", 400).await, CaseGet { id: d.case.id }).await.expect("get");
    assert_eq!(d.case.escalation_level, 3);
    let escalated: Vec<_> = d.timeline.iter().filter(|e| e.kind == CaseEventKind::Escalated).collect();
    assert_eq!(escalated.len(), 1);
    assert_eq!(escalated[0].data["to"], 3);

    // The op runs the same sweep at the caller's time.
    let cx = o.later("desk1", 100_001).await;
    run::desk_escalate(cx, ()).await.expect("escalate op");
}

#[tokio::test]
async fn follow_up_scores_attempts_and_closing() {
    let o = office().await;
    let case = open(&o, "投诉噪音").await.case.id;
    let (_, wo) = dispatch(&o, case).await;
    for to in [WorkOrderStatus::Accepted, WorkOrderStatus::InProgress, WorkOrderStatus::Done] {
        mv(&o, &o.engineer, case, wo, to).await.expect("work");
    }
    let d = mv(&o, &o.desk, case, wo, WorkOrderStatus::Verified).await.expect("verify");
    let f = d.follow_ups[0].clone();

    // Only the owner, the desk and managers call; 3 needs a remark; 0 and 6 are no scores.
    assert!(is_forbidden(
        run::follow_up_record(
            o.cx(&o.engineer),
            FollowUpRecord { follow_up_id: f.id, version: f.version, satisfaction: 5, remark: None }
        )
        .await
    ));
    for (score, field, key) in [
        (3, "remark", "validation.remark_required"),
        (0, "satisfaction", "validation.satisfaction"),
        (6, "satisfaction", "validation.satisfaction"),
    ] {
        let r = run::follow_up_record(
            o.cx(&o.desk),
            FollowUpRecord { follow_up_id: f.id, version: f.version, satisfaction: score, remark: None },
        )
        .await;
        assert_eq!(field_key(r, field), key);
    }

    // 2: reopened with a fresh completion due, escalated to level 2 at once.
    let d = run::follow_up_record(
        o.cx(&o.desk),
        FollowUpRecord { follow_up_id: f.id, version: f.version, satisfaction: 2, remark: Some("还是很吵".into()) },
    )
    .await
    .expect("score 2");
    assert_eq!(d.case.status, CaseStatus::InProgress);
    assert_eq!((d.case.reopen_count, d.case.escalation_level, d.case.satisfaction), (1, 2, Some(2)));
    assert!(d.case.completed_at.is_none());
    assert!(d.timeline.iter().any(|e| e.kind == CaseEventKind::Reopened));
    assert_eq!(alerts_of(&o, "cs_boss", 0).await, [(1, AlertKind::Dissatisfied)]);
    assert_eq!(alerts_of(&o, "manager", 0).await, [(2, AlertKind::Dissatisfied)]);
    assert!(alerts_of(&o, "branch1", 0).await.iter().all(|a| a.0 <= 2));

    // The old verified order does not complete the reopened case; a new one does.
    let (_, wo2) = dispatch(&o, case).await;
    let d = mv(&o, &o.desk, case, wo2, WorkOrderStatus::Cancelled).await.expect("cancel");
    assert_eq!(d.case.status, CaseStatus::InProgress);
    let (_, wo3) = dispatch(&o, case).await;
    for to in [WorkOrderStatus::Accepted, WorkOrderStatus::InProgress, WorkOrderStatus::Done] {
        mv(&o, &o.engineer, case, wo3, to).await.expect("work");
    }
    let version = wo_version(&o, case, wo3).await;
    let verify = WorkOrderTransition { id: wo3, version, to: WorkOrderStatus::Verified, result: None, reason: None };
    let d = run::work_order_transition(o.later("desk1", 10).await, verify).await.expect("verify");
    assert_eq!(d.case.status, CaseStatus::AwaitingFollowUp);
    let f = d.follow_ups.iter().find(|f| f.status == FollowUpStatus::Pending).expect("second follow-up").clone();

    // Unreachable: only after three failed calls (the default).
    let attempt = |version: i32| FollowUpAttempt {
        follow_up_id: f.id,
        version,
        outcome: AttemptOutcome::NoAnswer,
        next_at: Some(o.at(120).to_rfc3339()),
        note: String::new(),
    };
    let mut a = attempt(f.version);
    a.outcome = AttemptOutcome::Reached;
    assert_eq!(field_key(run::follow_up_attempt(o.cx(&o.desk), a).await, "outcome"), "validation.reached_needs_result");
    let mut version = f.version;
    for i in 0..3 {
        if i == 2 {
            let r = run::follow_up_close_unreachable(
                o.cx(&o.desk),
                FollowUpUnreachable { follow_up_id: f.id, version, note: String::new() },
            )
            .await;
            assert_eq!(field_key(r, "follow_up"), "validation.too_few_attempts");
        }
        let d = run::follow_up_attempt(o.cx(&o.desk), attempt(version)).await.expect("attempt");
        let now = d.follow_ups.iter().find(|x| x.id == f.id).expect("follow-up");
        assert_eq!(now.attempts, i + 1);
        assert_eq!(now.due_at, o.at(120).to_rfc3339(), "call again at");
        version = now.version;
    }
    let d = run::follow_up_close_unreachable(
        o.cx(&o.desk),
        FollowUpUnreachable { follow_up_id: f.id, version, note: "三次无人接听".into() },
    )
    .await
    .expect("close unreachable");
    assert_eq!(d.case.status, CaseStatus::Closed);
    assert_eq!(d.follow_ups.last().map(|f| f.status), Some(FollowUpStatus::Unreachable));
    assert_counts(&o).await;
}

#[tokio::test]
async fn resolve_handover_and_my_lists() {
    let o = office().await;
    let d = run::case_open(o.cx(&o.desk), open_input(CaseKind::Inquiry, Priority::Normal, "物业费怎么交"))
        .await
        .expect("open");
    let id = d.case.id;
    assert!(is_forbidden(
        run::case_resolve(o.cx(&o.engineer), CaseResolve { id, version: d.case.version, resolution: "x".into() }).await
    ));
    let r =
        run::case_resolve(o.cx(&o.desk), CaseResolve { id, version: d.case.version, resolution: String::new() }).await;
    assert_eq!(field_key(r, "resolution"), "validation.required");
    let d = run::case_resolve(
        o.cx(&o.desk),
        CaseResolve { id, version: d.case.version, resolution: "已告知缴费方式".into() },
    )
    .await
    .expect("resolve");
    assert_eq!(d.case.status, CaseStatus::AwaitingFollowUp);
    assert_eq!(d.follow_ups.len(), 1);

    // Handover: by the owner with a reason; the follow-up moves too.
    let other = staff_id(&o, "desk2").await;
    let h = CaseHandover { id, version: d.case.version, to_staff_id: other, reason: String::new() };
    assert_eq!(field_key(run::case_handover(o.cx(&o.desk), h.clone()).await, "reason"), "validation.required");
    assert!(is_forbidden(run::case_handover(o.cx(&o.desk2), CaseHandover { reason: "x".into(), ..h.clone() }).await));
    let d = run::case_handover(o.cx(&o.desk), CaseHandover { reason: "下班交接".into(), ..h }).await.expect("handover");
    assert_eq!(d.case.owner_id, other);
    assert_eq!(d.case.received_by, staff_id(&o, "desk1").await, "the receiver never changes");
    assert_eq!(d.follow_ups[0].owner_id, other);
    assert_eq!(d.timeline.last().map(|e| (e.kind, e.note.as_str())), Some((CaseEventKind::HandedOver, "下班交接")));

    let mine =
        run::case_mine(o.cx(&o.desk2), MyCasesQuery { status: None, page: 1, page_size: 20 }).await.expect("mine");
    assert_eq!(mine.items.iter().map(|r| r.id).collect::<Vec<_>>(), [id]);
    let badges = run::desk_badges(o.cx(&o.desk2), ()).await.expect("badges");
    assert_eq!((badges.my_cases, badges.follow_ups), (1, 1));
    let badges = run::desk_badges(o.cx(&o.desk), ()).await.expect("badges");
    assert_eq!((badges.my_cases, badges.follow_ups), (0, 0));

    let k =
        run::case_kanban_counts(o.cx(&o.desk), KanbanQuery { owner_id: None, department: None }).await.expect("kanban");
    let awaiting = k.cases.iter().find(|c| c.status == CaseStatus::AwaitingFollowUp).map(|c| c.n);
    assert_eq!(awaiting, Some(1));
    // One owner's board and one department's: every column, in order, zeros included.
    let k = run::case_kanban_counts(
        o.cx(&o.desk),
        KanbanQuery { owner_id: Some(other), department: Some(Department::Engineering) },
    )
    .await
    .expect("kanban");
    assert_eq!(
        k.cases.iter().map(|c| (c.status, c.n)).collect::<Vec<_>>(),
        [(CaseStatus::New, 0), (CaseStatus::InProgress, 0), (CaseStatus::AwaitingFollowUp, 1), (CaseStatus::Closed, 0)]
    );
    assert_eq!(k.work_orders.len(), 8);
    assert!(k.work_orders.iter().all(|w| w.n == 0));
    assert_counts(&o).await;
}

fn query(search: &str) -> CaseQuery {
    CaseQuery {
        search: Some(search.into()),
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
async fn search_in_chinese_and_latin() {
    let o = office().await;
    let kitchen = open(&o, "厨房漏水").await.case.id;
    let bath = open(&o, "卫生间水管漏水严重").await.case.id;
    let latin = open(&o, "Kitchen leak in B-1203, water everywhere").await.case.id;
    let lift = open(&o, "电梯故障").await.case.id;
    let find = |q: &'static str| {
        let o = &o;
        async move {
            let mut ids: Vec<i32> =
                run::case_list(o.cx(&o.desk), query(q)).await.expect("search").items.iter().map(|r| r.id).collect();
            ids.sort();
            ids
        }
    };
    assert_eq!(find("漏").await, [kitchen, bath], "one character");
    // A page at a time, newest first (on PostgreSQL a page that the newest cases fill is
    // served from them; its count is then a lower bound).
    for (page, expected) in [(1, vec![bath]), (2, vec![kitchen]), (3, vec![])] {
        let q = CaseQuery { page, page_size: 1, ..query("漏") };
        let got = run::case_list(o.cx(&o.desk), q).await.expect("paged search");
        assert_eq!(got.items.iter().map(|r| r.id).collect::<Vec<_>>(), expected, "page {page}");
        assert!(got.total >= 2 || got.total_is_lower_bound, "page {page}: {} cases", got.total);
    }
    assert_eq!(find("漏水").await, [kitchen, bath], "two characters");
    assert_eq!(find("卫生间水管").await, [bath], "five characters");
    assert_eq!(find("水漏").await, Vec::<i32>::new(), "characters in order");
    assert_eq!(find("电梯").await, [lift]);
    assert_eq!(find("kitchen").await, [latin]);
    assert_eq!(find("KITCHEN LEAK").await, [latin]);
    assert_eq!(find("lea").await, [latin], "the word being typed");
    assert_eq!(find("1203").await, [latin]);
    assert_eq!(find("\"; DROP TABLE case_fts; --").await, Vec::<i32>::new());
    assert_eq!(find(&*Box::leak(format!("C{lift:06}").into_boxed_str())).await, [lift], "case number");

    // Text added later (instructions, results) is found too.
    let mut input = dispatch_input(lift, Department::Engineering);
    input.instructions = "更换曳引机钢丝绳".into();
    run::work_order_dispatch(o.cx(&o.desk), input).await.expect("dispatch");
    assert_eq!(find("钢丝绳").await, [lift]);
    assert_eq!(find("检查").await, Vec::<i32>::new());

    // Filters combine with search.
    let mut q = query("漏水");
    q.status = Some(CaseStatus::InProgress);
    assert!(run::case_list(o.cx(&o.desk), q).await.expect("filtered").items.is_empty());
    let mut q = query("");
    q.status = Some(CaseStatus::InProgress);
    assert_eq!(run::case_list(o.cx(&o.desk), q).await.expect("status").items.len(), 1);
    let mut q = query("");
    q.department = Some(Department::Engineering);
    let by_department = run::case_list(o.cx(&o.desk), q.clone()).await.expect("department");
    assert_eq!(by_department.items.iter().map(|r| r.id).collect::<Vec<_>>(), [lift]);
    // The department's list combines with status, the case's own fields and search.
    let department_ids = |q: CaseQuery| {
        let o = &o;
        async move {
            run::case_list(o.cx(&o.desk), q)
                .await
                .expect("department list")
                .items
                .iter()
                .map(|r| r.id)
                .collect::<Vec<_>>()
        }
    };
    let lift_row = by_department.items[0].clone();
    assert_eq!(department_ids(CaseQuery { status: Some(lift_row.status), ..q.clone() }).await, [lift]);
    assert!(department_ids(CaseQuery { status: Some(CaseStatus::Closed), ..q.clone() }).await.is_empty());
    assert_eq!(department_ids(CaseQuery { kind: Some(lift_row.kind), ..q.clone() }).await, [lift]);
    let other_kind = if lift_row.kind == CaseKind::Praise { CaseKind::Inquiry } else { CaseKind::Praise };
    assert!(department_ids(CaseQuery { kind: Some(other_kind), ..q.clone() }).await.is_empty());
    assert_eq!(department_ids(CaseQuery { search: Some("钢丝绳".into()), ..q.clone() }).await, [lift]);
    assert!(department_ids(CaseQuery { search: Some("漏水".into()), ..q.clone() }).await.is_empty());
    let number = format!("C{lift:06}");
    assert_eq!(department_ids(CaseQuery { search: Some(number), ..q.clone() }).await, [lift]);
    assert!(department_ids(CaseQuery { department: Some(Department::Cleaning), ..q.clone() }).await.is_empty());
    let all = run::case_list(o.cx(&o.desk), query("")).await.expect("all");
    assert_eq!((all.total, all.total_is_lower_bound), (4, false));
    assert_eq!(all.items[0].id, lift, "newest first");
    let mut q = query("");
    q.received_from = Some(o.at(1).to_rfc3339());
    assert!(run::case_list(o.cx(&o.desk), q).await.expect("range").items.is_empty());
    let mut q = query("");
    q.received_from = Some("yesterday".into());
    assert_eq!(field_key(run::case_list(o.cx(&o.desk), q).await, "received_from"), "validation.datetime");
}

#[tokio::test]
async fn suppliers_attachments_and_the_dashboard() {
    let o = office().await;
    let input = SupplierInput {
        name: "奥的斯电梯".into(),
        trade: "电梯维保".into(),
        contact: "陈工".into(),
        phone: "021-5555-0101".into(),
        notes: String::new(),
        active: true,
    };
    assert!(is_forbidden(run::supplier_create(o.cx(&o.engineer), input.clone()).await));
    let s = run::supplier_create(o.cx(&o.desk), input).await.expect("supplier");
    assert_eq!(
        run::supplier_list(o.cx(&o.engineer), SupplierQuery { include_inactive: false }).await.expect("list").len(),
        1
    );

    let case = open(&o, "电梯异响").await.case.id;
    let mut input = dispatch_input(case, Department::Engineering);
    input.department = None;
    input.supplier_id = Some(s.id);
    let d = run::work_order_dispatch(o.cx(&o.desk), input).await.expect("to supplier");
    let wo = d.work_orders[0].id;
    assert_eq!(d.work_orders[0].supplier_name.as_deref(), Some("奥的斯电梯"));
    // The desk records the supplier's progress.
    mv(&o, &o.desk2, case, wo, WorkOrderStatus::Accepted).await.expect("desk for supplier");
    assert!(is_forbidden(mv(&o, &o.engineer, case, wo, WorkOrderStatus::InProgress).await));

    let a = run::attachment_add(
        o.cx(&o.desk),
        attachments::AttachmentAdd {
            case_id: case,
            work_order_id: Some(wo),
            file_name: "现场.jpg".into(),
            mime: "image/jpeg".into(),
            content_base64: attachments::base64_encode(b"\xff\xd8\xff fake jpeg"),
        },
    )
    .await
    .expect("attach");
    assert_eq!(a.size, 13);
    let file = run::attachment_get(o.cx(&o.engineer), attachments::AttachmentGet { id: a.id }).await.expect("get");
    assert_eq!(attachments::base64_decode(&file.content_base64).as_deref(), Some(&b"\xff\xd8\xff fake jpeg"[..]));
    let big = "A".repeat((attachments::MAX_BYTES / 3 + 2) * 4);
    let r = run::attachment_add(
        o.cx(&o.desk),
        attachments::AttachmentAdd {
            case_id: case,
            work_order_id: None,
            file_name: "big.bin".into(),
            mime: String::new(),
            content_base64: big,
        },
    )
    .await;
    assert_eq!(field_key(r, "content_base64"), "validation.file_too_large");

    let q = dashboard::DashboardQuery { from: o.at(-60).to_rfc3339(), to: o.at(60).to_rfc3339() };
    assert!(is_forbidden(run::desk_dashboard(o.cx(&o.desk), q.clone()).await));
    let dash = run::desk_dashboard(o.cx(&o.manager), q).await.expect("dashboard");
    assert_eq!(dash.cases_received, 1);
    assert_eq!(dash.by_channel.len(), 1);
    assert_eq!(dash.by_receiver[0].n, 1);
    assert_eq!(dash.average_response_minutes, Some(0));
    assert_eq!(dash.by_department.iter().map(|d| d.open).sum::<u32>(), 1);
    assert_counts(&o).await;
}

#[test]
fn a_refusal_with_a_reason_says_why_and_stays_forbidden() {
    let e = Error::Forbidden(Some("desk.refused.not_assignee")).to_api("en");
    assert_eq!(e.code, steward_core::ErrorCode::Forbidden);
    assert!(e.message.starts_with("Only the assignee"), "{}", e.message);
    let plain = Error::Forbidden(None).to_api("en");
    assert_ne!(plain.message, e.message);
}

#[tokio::test]
async fn the_work_order_slip_prints_the_unit_the_customer_and_the_instructions() {
    use steward_core::desk::slip::WorkOrderSlipInput;
    use steward_core::directory::customers::CustomerQuery;
    use steward_core::directory::units::UnitQuery;
    let c = ctx().await;
    let manager = c.manager(true).await;
    // The demo brings cases across the desk's states, one of them with an unhappy
    // customer, a case for the month's visits of each of its two service packages, and a
    // foreign resident's consultation.
    let demo_cases = {
        use steward_core::sea_orm::PaginatorTrait;
        steward_core::entities::service_case::Entity::find().count(&c.core.db).await.expect("count")
    };
    let package_cases = {
        use steward_core::sea_orm::PaginatorTrait;
        steward_core::entities::package_case::Entity::find().count(&c.core.db).await.expect("count")
    };
    assert_eq!((demo_cases, package_cases), (10, 2), "demo cases");
    let statuses: Vec<CaseStatus> = steward_core::entities::service_case::Entity::find()
        .all(&c.core.db)
        .await
        .expect("cases")
        .into_iter()
        .map(|m| m.status)
        .collect();
    for s in [CaseStatus::New, CaseStatus::InProgress, CaseStatus::AwaitingFollowUp] {
        assert!(statuses.contains(&s), "{s:?} in {statuses:?}");
    }
    let unit = run::unit_list(
        c.cx(Some(&manager)),
        UnitQuery { building_id: None, floor: None, use_kind: None, status: None, search: None, page: 1, page_size: 1 },
    )
    .await
    .expect("units")
    .items
    .remove(0);
    let customer = run::customer_list(
        c.cx(Some(&manager)),
        CustomerQuery { search: None, kind: None, language: None, vip: None, page: 1, page_size: 1 },
    )
    .await
    .expect("customers")
    .items
    .remove(0);
    let mut input = open_input(CaseKind::Repair, Priority::High, "卫生间漏水");
    input.unit_id = Some(unit.id);
    input.customer_id = Some(customer.id);
    let d = run::case_open(c.cx(Some(&manager)), input).await.expect("open");
    let mut order = dispatch_input(d.case.id, Department::Engineering);
    order.instructions = "Check the ceiling valve".into();
    let d = run::work_order_dispatch(c.cx(Some(&manager)), order).await.expect("dispatch");
    let wo = d.work_orders[0].id;
    run::work_order_charge_add(
        c.cx(Some(&manager)),
        WorkOrderChargeAdd {
            work_order_id: wo,
            kind: ChargeKind::Labour,
            description: "Labour".into(),
            quantity: "1.5".into(),
            unit_price: "80".into(),
        },
    )
    .await
    .expect("charge");
    let doc =
        run::work_order_slip(c.cx(Some(&manager)), WorkOrderSlipInput { work_order_id: wo, utc_offset_minutes: 480 })
            .await
            .expect("slip");
    assert_eq!(doc.mime, "application/pdf");
    assert_eq!(doc.file_name, format!("{}.pdf", d.work_orders[0].number));
    let pdf = steward_core::desk::attachments::base64_decode(&doc.base64).expect("base64");
    assert!(pdf.starts_with(b"%PDF"));
    if std::process::Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("pdftotext absent: the slip's text is not checked");
        return;
    }
    let path = c.dir.join("slip.pdf");
    std::fs::write(&path, &pdf).expect("write pdf");
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let property = steward_core::entities::property::Entity::find().one(&c.core.db).await.expect("property");
    let office = property.expect("demo property").name;
    for expected in
        [office.as_str(), unit.number.as_str(), customer.name.as_str(), "Check the ceiling valve", "¥120.00", "17:30"]
    {
        assert!(text.contains(expected), "{expected:?} not in {text}");
    }
}

#[tokio::test]
async fn an_unassigned_order_waits_in_its_department_until_someone_accepts_it() {
    let o = office().await;
    let case_id = open(&o, "厨房漏水").await.case.id;
    let (_, wo) = dispatch(&o, case_id).await;
    let scope = |queue| MyWorkOrdersQuery { unassigned_in_my_department: queue, page: 1, page_size: 20 };
    let ids = |p: steward_core::page::Page<steward_core::desk::work_orders::WorkOrderRow>| {
        p.items.iter().map(|w| w.id).collect::<Vec<_>>()
    };
    let queue = run::work_order_mine(o.cx(&o.engineer), scope(true)).await.expect("queue");
    assert_eq!(ids(queue), [wo], "engineering's queue");
    assert!(ids(run::work_order_mine(o.cx(&o.engineer), scope(false)).await.expect("mine")).is_empty());
    assert!(ids(run::work_order_mine(o.cx(&o.cleaner), scope(true)).await.expect("other department")).is_empty());

    let d = mv(&o, &o.engineer, case_id, wo, WorkOrderStatus::Accepted).await.expect("engineer accepts");
    let order = d.work_orders.iter().find(|w| w.id == wo).expect("order");
    assert_eq!(order.assignee_id, Some(staff_id(&o, "eng1").await), "accepting takes the order");
    assert!(ids(run::work_order_mine(o.cx(&o.engineer), scope(true)).await.expect("queue")).is_empty());
    assert_eq!(ids(run::work_order_mine(o.cx(&o.engineer), scope(false)).await.expect("mine")), [wo]);
    assert!(ids(run::work_order_mine(o.cx(&o.eng_super), scope(true)).await.expect("colleague")).is_empty());
    assert_eq!(run::desk_badges(o.cx(&o.engineer), ()).await.expect("badges").my_work_orders, 1);
    assert_counts(&o).await;
}
