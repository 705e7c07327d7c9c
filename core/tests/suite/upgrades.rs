//! Upgrades from every released schema: a database is made at each earlier schema version
//! (the first K migrations, as an office running that release has it), filled with an
//! office's records in raw SQL of that version's shape, then opened by today's core, which
//! migrates it. The records must read back whole, take edits and sit beside new ones.
//!
//! A release is a migration count on main (`git log --oneline -- migrations/src`); a new
//! migration adds its predecessor's count to `RELEASED`.

use steward_core::accounts::auth::LoginInput;
use steward_core::api::run;
use steward_core::desk::cases::{CaseEdit, CaseGet, CaseOpen};
use steward_core::directory::customers::{CustomerGet, CustomerInput, CustomerQuery, CustomerUpdate};
use steward_core::directory::search;
use steward_core::directory::units::UnitGet;
use steward_core::domain::{CaseKind, CaseStatus, Channel, CustomerKind, Priority, WorkOrderStatus};
use steward_core::sea_orm::{ConnectionTrait, DbBackend};
use steward_core::{Environment, Steward, db};
use steward_migrations::Migrator;
use steward_migrations::sea_orm_migration::MigratorTrait;

use crate::common::{self, PASSWORD};

/// The schema versions that shipped, as migration counts (1 = the foundation).
const RELEASED: &[u32] = &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
const AT: &str = "'2026-01-05T09:00:00+00:00'";

/// The foundation's records: a manager, a building with a unit, an owner living there.
fn foundation(hash: &str) -> Vec<String> {
    let hash = hash.replace('\'', "''");
    vec![
        format!(
            "INSERT INTO staff (id, username, display_name, role, department, languages, locale, active, password_hash, \
             version, created_at, updated_at) VALUES (1, 'manager', '李经理', 'manager', 'management', 'zh-CN,en', 'zh-CN', \
             true, '{hash}', 1, {AT}, {AT})"
        ),
        format!(
            "INSERT INTO property (id, name, address, version, created_at, updated_at) VALUES (1, '莲花苑', '莲花路1号', 1, {AT}, {AT})"
        ),
        format!(
            "INSERT INTO building (id, property_id, code, name, floors, version, created_at, updated_at) \
             VALUES (1, 1, 'A', 'A座', 20, 1, {AT}, {AT})"
        ),
        format!(
            "INSERT INTO unit (id, building_id, number, floor, area_centi_m2, use_kind, status, version, created_at, \
             updated_at) VALUES (1, 1, '1203', 12, 8850, 'residential', 'occupied', 1, {AT}, {AT})"
        ),
        format!(
            "INSERT INTO customer (id, kind, name, name_latin, sort_key, phones, email, nationality, preferred_language, \
             vip, id_document_kind, id_document_number, notes, version, created_at, updated_at) VALUES (1, 'person', \
             '王小明', 'Wang Xiaoming', 'wangxiaoming', '[\"13800001111\"]', NULL, 'CN', 'zh-CN', false, NULL, NULL, \
             '业主 owner', 1, {AT}, {AT})"
        ),
        // Its search terms as release 1 wrote them (release 3 derives the prefix rows).
        "INSERT INTO customer_search_term (customer_id, kind, term) VALUES (1, 'text', '王小明'), \
         (1, 'text', 'wangxiaoming'), (1, 'text', 'wxm'), (1, 'phone', '11110000831')"
            .to_owned(),
        format!(
            "INSERT INTO occupancy (id, customer_id, unit_id, role, start_date, end_date, version, created_at, updated_at) \
             VALUES (1, 1, 1, 'owner', '2020-01-01', NULL, 1, {AT}, {AT})"
        ),
        format!(
            "INSERT INTO change_log (at, staff_id, entity, entity_id, action, changes) \
             VALUES ({AT}, 1, 'customer', 1, 'create', '[]')"
        ),
    ]
}

/// The service desk's records (from release 2): a leak reported and dispatched to
/// engineering, with its timeline, maintained counts, search entry and (from release 5)
/// department index row.
fn desk(backend: DbBackend, released: u32) -> Vec<String> {
    let mut sql = vec![
        format!(
            "INSERT INTO service_case (id, kind, channel, priority, status, title, description, customer_id, unit_id, \
             language, received_by, owner_id, received_at, response_due_at, completion_due_at, due_at, responded_at, \
             search_text, version, created_at, updated_at) VALUES (1, 'repair', 'hotline', 'normal', 'in_progress', \
             '厨房漏水', '水管漏水 kitchen leak', 1, 1, 'zh-CN', 1, 1, {AT}, {AT}, {AT}, {AT}, {AT}, \
             '厨房漏水 水管漏水 kitchen leak', 2, {AT}, {AT})"
        ),
        format!(
            "INSERT INTO work_order (id, case_id, seq, department, instructions, priority, status, due_at, dispatched_at, \
             created_by, version, created_at, updated_at) VALUES (1, 1, 1, 'engineering', '检查水管', 'normal', \
             'dispatched', {AT}, {AT}, 1, 1, {AT}, {AT})"
        ),
        format!(
            "INSERT INTO case_event (case_id, work_order_id, at, staff_id, kind, note, data) VALUES \
             (1, NULL, {AT}, 1, 'received', '', '{{}}'), (1, 1, {AT}, 1, 'dispatched', '', '{{}}')"
        ),
        "INSERT INTO desk_count (scope, key, n) VALUES ('case_status', 'in_progress', 1), \
         ('owner_status', '1:in_progress', 1), ('work_order_status', 'dispatched', 1), \
         ('department_status', 'engineering:dispatched', 1)"
            .to_owned(),
    ];
    if released >= 5 {
        // The department lists' index, kept by the core from release 5 on.
        sql.push(format!(
            "INSERT INTO case_department (case_id, department, case_status, received_at) \
             VALUES (1, 'engineering', 'in_progress', {AT})"
        ));
    }
    if backend == DbBackend::Sqlite {
        sql.push("INSERT INTO case_fts (rowid, text) VALUES (1, '厨房漏水 水管漏水 kitchen leak')".to_owned());
    }
    sql
}

async fn upgrade_from(released: u32) {
    let dir = std::env::temp_dir().join(format!("steward-upgrade-{released}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let target = common::target(&dir).await;
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-28T09:00:00+00:00").expect("time").to_utc();

    // The office as release `released` left it.
    let old = db::connect(&target).await.expect("connect");
    Migrator::up(&old, Some(released)).await.expect("old schema");
    let hash = steward_core::accounts::password::hash(PASSWORD).expect("hash");
    let mut fixture = foundation(&hash);
    if released >= 3 {
        // What release 3's write path stored beside the terms (release 3 derives these itself).
        let terms: Vec<(&'static str, String)> =
            ["王小明", "wangxiaoming", "wxm"].iter().map(|t| (search::TEXT, (*t).to_owned())).collect();
        for p in search::customer_prefixes(&terms) {
            fixture.push(format!(
                "INSERT INTO customer_search_prefix (customer_id, prefix, sort_key) VALUES (1, '{p}', 'wangxiaoming')"
            ));
        }
    }
    if released >= 2 {
        fixture.extend(desk(old.get_database_backend(), released));
    }
    for sql in &fixture {
        old.execute_unprepared(sql).await.unwrap_or_else(|e| panic!("release {released}: {e}\n{sql}"));
    }
    if old.get_database_backend() == DbBackend::Postgres {
        // Explicit ids leave the sequences behind; the app's own inserts never do.
        for table in ["staff", "property", "building", "unit", "customer", "occupancy", "service_case", "work_order"] {
            if released >= 2 || !["service_case", "work_order"].contains(&table) {
                old.execute_unprepared(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                ))
                .await
                .expect("sequence");
            }
        }
    }
    old.close().await.expect("close");

    // Today's core opens it: the rest of the migrations run.
    let conn = db::open(&target, now).await.unwrap_or_else(|e| panic!("release {released} upgrades: {e}"));
    assert!(Migrator::get_pending_migrations(&conn).await.expect("pending").is_empty());
    let env = Environment {
        target,
        settings_file: dir.join("settings.json"),
        database_from_environment: false,
        demo_requested: false,
        os_locale: "zh-CN".into(),
        version: "test".into(),
    };
    let core = Steward::new(conn, env);
    let cx = |token: Option<&str>| core.cx(common::session(token), now);

    let token = run::login(cx(None), LoginInput { username: "manager".into(), password: PASSWORD.into() })
        .await
        .unwrap_or_else(|e| panic!("release {released}: the manager signs in: {e:?}"))
        .token;
    let t = Some(token.as_str());
    let customer = run::customer_get(cx(t), CustomerGet { id: 1 }).await.expect("customer");
    assert_eq!((customer.name.as_str(), customer.phones.clone()), ("王小明", vec!["13800001111".to_owned()]));
    assert_eq!(customer.occupancies.len(), 1, "release {released}");
    let unit = run::unit_get(cx(t), UnitGet { id: 1 }).await.expect("unit");
    assert_eq!(unit.unit.number, "1203");

    // The old record takes an edit with its version, and a new case joins it.
    let mut input = CustomerInput {
        kind: CustomerKind::Person,
        name: customer.name.clone(),
        name_latin: customer.name_latin.clone(),
        phones: customer.phones.clone(),
        email: None,
        nationality: customer.nationality.clone(),
        preferred_language: customer.preferred_language.clone(),
        vip: true,
        id_document_kind: None,
        id_document_number: None,
        notes: customer.notes.clone(),
    };
    input.vip = true;
    // Renamed: the old record's search rows go, the new name's come.
    let found = |q: &'static str| {
        let query =
            CustomerQuery { search: Some(q.into()), kind: None, language: None, vip: None, page: 1, page_size: 50 };
        let cx = cx(t);
        async move {
            run::customer_list(cx, query).await.expect("search").items.into_iter().map(|c| c.id).collect::<Vec<_>>()
        }
    };
    assert_eq!(found("wxm").await, [1], "release {released}: the old record is found by its initials");
    input.name = "王晓东".into();
    let saved = run::customer_update(cx(t), CustomerUpdate { id: 1, version: customer.version, customer: input })
        .await
        .unwrap_or_else(|e| panic!("release {released}: edit the old customer: {e:?}"));
    assert!(saved.vip);
    assert!(found("wxm").await.is_empty(), "release {released}: the old name's rows are gone");
    assert_eq!(found("wxd").await, [1], "release {released}");
    assert_eq!(found("xiaomi").await, [1], "release {released}: the Latin name is unchanged");

    if released >= 2 {
        let d = run::case_get(cx(t), CaseGet { id: 1 }).await.expect("old case");
        assert_eq!((d.case.title.as_str(), d.case.status), ("厨房漏水", CaseStatus::InProgress));
        assert_eq!(d.work_orders.len(), 1);
        assert_eq!(d.work_orders[0].status, WorkOrderStatus::Dispatched);
        assert!(d.timeline.len() >= 2, "release {released}: {:?}", d.timeline);
        common::assert_counts(&core.db).await;
        let c = d.case;
        let edit = CaseEdit {
            id: 1,
            version: c.version,
            kind: c.kind,
            channel: c.channel,
            priority: Priority::Urgent,
            title: c.title,
            description: c.description,
            customer_id: c.customer_id,
            unit_id: c.unit_id,
            caller_name: c.caller_name,
            caller_phone: c.caller_phone,
            language: Some(c.language),
            consultation_topic: c.consultation_topic,
        };
        run::case_edit(cx(t), edit).await.unwrap_or_else(|e| panic!("release {released}: edit the old case: {e:?}"));
    }
    let open = CaseOpen {
        kind: CaseKind::Inquiry,
        channel: Channel::WalkIn,
        priority: Priority::Normal,
        title: "升级后 after the upgrade".into(),
        description: String::new(),
        customer_id: Some(1),
        unit_id: Some(1),
        caller_name: None,
        caller_phone: None,
        language: None,
        consultation_topic: None,
    };
    let new = run::case_open(cx(t), open).await.unwrap_or_else(|e| panic!("release {released}: a new case: {e:?}"));
    assert_eq!(new.case.customer_id, Some(1));
    common::assert_counts(&core.db).await;
}

#[tokio::test]
async fn every_released_schema_upgrades_with_its_data() {
    let total = Migrator::migrations().len() as u32;
    assert_eq!(RELEASED.last().copied(), Some(total - 1), "a new migration: add the previous count to RELEASED");
    // PostgreSQL makes a database per release (seconds each): CI takes a spread of them,
    // STEWARD_UPGRADE_ALL=1 every one.
    let every = !common::is_postgres() || std::env::var("STEWARD_UPGRADE_ALL").is_ok_and(|v| v == "1");
    for &released in RELEASED {
        if every || [1, 2, 5, 10].contains(&released) || released == total - 1 {
            upgrade_from(released).await;
        }
    }
}
