//! Customers, units and occupancy: search, row versions, history, protected ID numbers.
//! Runs on SQLite and on PostgreSQL.

use crate::common::ctx;
use steward_core::Error;
use steward_core::accounts::audit::AuditQuery;
use steward_core::api::run::{
    audit_list, building_list, customer_create as create, customer_get as get, customer_list as list,
    customer_reveal_id as reveal_id, customer_update as update, occupancy_add as add, occupancy_end as end, unit_list,
    unit_update,
};
use steward_core::directory::customers::{CustomerGet, CustomerInput, CustomerQuery, CustomerRevealId, CustomerUpdate};
use steward_core::directory::occupancy::{OccupancyAdd, OccupancyEnd};
use steward_core::directory::units::{UnitQuery, UnitUpdate};
use steward_core::domain::AuditEvent;
use steward_core::domain::{CustomerKind, Department, IdDocumentKind, OccupancyRole, Role, UnitStatus, UnitUse};

fn zhang() -> CustomerInput {
    CustomerInput {
        kind: CustomerKind::Person,
        name: "张三丰".into(),
        name_latin: None,
        phones: vec!["138-0013-2468".into()],
        email: Some("zsf@example.cn".into()),
        nationality: Some("cn".into()),
        preferred_language: "zh-CN".into(),
        vip: false,
        id_document_kind: Some(IdDocumentKind::ResidentId),
        id_document_number: Some("110101199001011234".into()),
        notes: String::new(),
    }
}

fn query(search: &str) -> CustomerQuery {
    CustomerQuery { search: Some(search.into()), kind: None, language: None, vip: None, page: 1, page_size: 20 }
}

#[tokio::test]
async fn customers_are_found_by_name_pinyin_phone_and_unit() {
    let c = ctx().await;
    let m = c.manager(true).await;
    let created = create(c.cx(Some(&m)), zhang()).await.expect("create");
    assert_eq!(created.nationality.as_deref(), Some("CN"));

    for q in ["zsf", "ZSF", "zhangsanfeng", "zhang san", "张三", "三丰", "丰", "2468", "0013 2468"] {
        let page = list(c.cx(Some(&m)), query(q)).await.expect("search");
        assert!(page.items.iter().any(|r| r.id == created.id), "{q:?} did not find 张三丰");
    }
    let none = list(c.cx(Some(&m)), query("zsfx")).await.expect("search");
    assert!(none.items.iter().all(|r| r.id != created.id));

    let units = unit_list(
        c.cx(Some(&m)),
        UnitQuery {
            building_id: None,
            floor: None,
            use_kind: None,
            status: None,
            search: Some("B-1203".into()),
            page: 1,
            page_size: 5,
        },
    )
    .await
    .expect("units");
    assert_eq!(units.total, 1);
    let unit = &units.items[0];
    add(
        c.cx(Some(&m)),
        OccupancyAdd {
            customer_id: created.id,
            unit_id: unit.id,
            role: OccupancyRole::Tenant,
            start_date: "2026-01-01".into(),
        },
    )
    .await
    .expect("occupancy");
    for q in ["B-1203", "b-1203"] {
        let page = list(c.cx(Some(&m)), query(q)).await.expect("search");
        assert!(page.items.iter().any(|r| r.id == created.id && r.units.contains("1203")), "{q:?}");
    }
}

#[tokio::test]
async fn latin_and_foreign_names_are_found_too() {
    let c = ctx().await;
    let m = c.manager(false).await;
    let mut input = zhang();
    input.name = "김민준".into();
    input.name_latin = Some("Kim Min-jun".into());
    input.preferred_language = "ko".into();
    input.nationality = Some("KR".into());
    input.phones = vec!["+82 10 5555 7788".into()];
    let k = create(c.cx(Some(&m)), input).await.expect("create");
    for q in ["kim", "min-jun", "민준", "7788"] {
        let page = list(c.cx(Some(&m)), query(q)).await.expect("search");
        assert!(page.items.iter().any(|r| r.id == k.id), "{q:?}");
    }
    let by_lang = list(
        c.cx(Some(&m)),
        CustomerQuery { search: None, kind: None, language: Some("ko".into()), vip: None, page: 1, page_size: 10 },
    )
    .await
    .expect("filter");
    assert_eq!(by_lang.total, 1);
}

#[tokio::test]
async fn a_stale_edit_is_a_conflict_and_changes_nothing() {
    let c = ctx().await;
    let m = c.manager(false).await;
    let desk = c.staff(&m, "liu.fang2", Role::Desk, Department::CustomerService).await;
    let created = create(c.cx(Some(&m)), zhang()).await.expect("create");
    assert_eq!(created.version, 1);

    let mut first = zhang();
    first.notes = "prefers calls after 6 pm".into();
    let saved = update(c.cx(Some(&m)), CustomerUpdate { id: created.id, version: 1, customer: first })
        .await
        .expect("first save");
    assert_eq!(saved.version, 2);

    let mut second = zhang();
    second.name = "张三".into();
    let stale = update(c.cx(Some(&desk)), CustomerUpdate { id: created.id, version: 1, customer: second }).await;
    assert!(matches!(stale, Err(Error::Conflict)), "{stale:?}");
    let api = stale.err().map(|e| e.to_api("zh-CN"));
    assert_eq!(api.as_ref().map(|e| e.code.as_str()), Some("conflict"));
    assert!(api.is_some_and(|e| e.message.contains("其他人")), "message is translated");

    let now = get(c.cx(Some(&desk)), CustomerGet { id: created.id }).await.expect("get");
    assert_eq!(now.name, "张三丰");
    assert_eq!(now.notes, "prefers calls after 6 pm");
    assert_eq!(now.version, 2);
    // History: create, then one update naming the changed field, never the whole ID number.
    assert_eq!(now.history.len(), 2);
    assert_eq!(now.history[0].staff_name, "李经理");
    assert!(now.history[0].changes.iter().any(|ch| ch.field == "notes"));
    let serialized = format!("{:?}", now.history);
    assert!(!serialized.contains("110101199001011234"), "{serialized}");
}

#[tokio::test]
async fn bad_input_gets_field_errors_and_writes_nothing() {
    let c = ctx().await;
    let m = c.manager(false).await;
    let mut bad = zhang();
    bad.name = "  ".into();
    bad.email = Some("not-an-email".into());
    bad.phones = vec!["12".into()];
    bad.preferred_language = "xx".into();
    match create(c.cx(Some(&m)), bad).await {
        Err(Error::Validation(f)) => {
            assert_eq!(f.get("name").map(String::as_str), Some("validation.required"));
            assert_eq!(f.get("email").map(String::as_str), Some("validation.email"));
            assert_eq!(f.get("phones.0").map(String::as_str), Some("validation.phone"));
            assert_eq!(f.get("preferred_language").map(String::as_str), Some("validation.language"));
        }
        other => panic!("expected validation, got {other:?}"),
    }
    let all = list(
        c.cx(Some(&m)),
        CustomerQuery { search: None, kind: None, language: None, vip: None, page: 1, page_size: 5 },
    )
    .await
    .expect("list");
    assert_eq!(all.total, 0);
}

#[tokio::test]
async fn id_numbers_are_masked_and_revealing_needs_the_role_and_is_logged() {
    let c = ctx().await;
    let m = c.manager(false).await;
    let eng = c.staff(&m, "wang.eng", Role::Department, Department::Engineering).await;
    let created = create(c.cx(Some(&m)), zhang()).await.expect("create");
    assert_eq!(created.id_document_masked.as_deref(), Some("**************1234"));

    let seen_by_eng = get(c.cx(Some(&eng)), CustomerGet { id: created.id }).await.expect("engineering may read");
    assert_eq!(seen_by_eng.phones, vec!["138****2468".to_owned()], "phones are masked for department staff");
    let refused = reveal_id(c.cx(Some(&eng)), CustomerRevealId { id: created.id }).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))));
    let refused = create(c.cx(Some(&eng)), zhang()).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))));

    // Saving the form with the number left blank keeps the stored number.
    let mut edit = zhang();
    edit.id_document_number = None;
    edit.vip = true;
    let saved = update(c.cx(Some(&m)), CustomerUpdate { id: created.id, version: created.version, customer: edit })
        .await
        .expect("save");
    assert!(saved.vip);
    assert_eq!(saved.id_document_masked.as_deref(), Some("**************1234"));

    let number = reveal_id(c.cx(Some(&m)), CustomerRevealId { id: created.id }).await.expect("reveal").number;
    assert_eq!(number, "110101199001011234");
    let log = audit_list(c.cx(Some(&m)), AuditQuery { event: Some(AuditEvent::IdRevealed), page: 1, page_size: 5 })
        .await
        .expect("audit");
    assert_eq!(log.total, 1);
    assert!(!log.items[0].detail.contains("1234"), "the audit log never holds the number");
}

#[tokio::test]
async fn occupancy_keeps_history_and_checks_dates() {
    let c = ctx().await;
    let m = c.manager(true).await;
    let cust = create(c.cx(Some(&m)), zhang()).await.expect("create");
    let unit = unit_list(
        c.cx(Some(&m)),
        UnitQuery {
            building_id: None,
            floor: Some(3),
            use_kind: None,
            status: None,
            search: None,
            page: 1,
            page_size: 1,
        },
    )
    .await
    .expect("units")
    .items
    .remove(0);
    let d = add(
        c.cx(Some(&m)),
        OccupancyAdd {
            customer_id: cust.id,
            unit_id: unit.id,
            role: OccupancyRole::Owner,
            start_date: "2025-03-01".into(),
        },
    )
    .await
    .expect("add");
    let occ = d.occupancies[0].clone();
    assert!(occ.current);
    let bad =
        end(c.cx(Some(&m)), OccupancyEnd { id: occ.id, version: occ.version, end_date: "2024-01-01".into() }).await;
    assert!(matches!(bad, Err(Error::Validation(ref f)) if f.contains_key("end_date")));
    let bad = add(
        c.cx(Some(&m)),
        OccupancyAdd {
            customer_id: cust.id,
            unit_id: unit.id,
            role: OccupancyRole::Owner,
            start_date: "2025-13-01".into(),
        },
    )
    .await;
    assert!(matches!(bad, Err(Error::Validation(_))));
    let d = end(c.cx(Some(&m)), OccupancyEnd { id: occ.id, version: occ.version, end_date: "2026-06-30".into() })
        .await
        .expect("end");
    assert!(!d.occupancies[0].current);
    assert_eq!(d.occupancies[0].end_date.as_deref(), Some("2026-06-30"));
    assert!(
        d.history.iter().any(|h| h.entity == steward_core::domain::HistoryEntity::Occupancy),
        "occupancy changes show on the customer's history"
    );
    let again =
        end(c.cx(Some(&m)), OccupancyEnd { id: occ.id, version: occ.version, end_date: "2026-07-30".into() }).await;
    assert!(matches!(again, Err(Error::Conflict)));
}

#[tokio::test]
async fn demo_property_is_a_living_office() {
    let c = ctx().await;
    let m = c.manager(true).await;
    let buildings = building_list(c.cx(Some(&m)), ()).await.expect("buildings");
    assert_eq!(buildings.len(), 2);
    let units: u32 = buildings.iter().map(|b| b.unit_count).sum();
    assert!((380..=420).contains(&units), "{units} units");
    assert_eq!(buildings[0].name, "A座", "demo names follow the setup language");

    let all = list(
        c.cx(Some(&m)),
        CustomerQuery { search: None, kind: None, language: None, vip: None, page: 1, page_size: 50 },
    )
    .await
    .expect("customers");
    // 600 registered, and the tenant the leasing desk's demo lease made.
    assert_eq!(all.total, 601);
    assert_eq!(all.items.len(), 50);
    let mut foreign = 0;
    for lang in ["en", "ja", "ko"] {
        let n = list(
            c.cx(Some(&m)),
            CustomerQuery { search: None, kind: None, language: Some(lang.into()), vip: None, page: 1, page_size: 1 },
        )
        .await
        .expect("by language")
        .total;
        assert!(n > 10, "{lang}: {n}");
        foreign += n;
    }
    assert!((60..=120).contains(&foreign), "{foreign} foreign residents of 600");

    let shops = unit_list(
        c.cx(Some(&m)),
        UnitQuery {
            building_id: Some(buildings[0].id),
            floor: None,
            use_kind: Some(UnitUse::Shop),
            status: None,
            search: None,
            page: 1,
            page_size: 50,
        },
    )
    .await
    .expect("shops");
    assert_eq!(shops.total, 4);
    assert!(shops.items.iter().all(|u| u.floor == 1 && u.use_kind == UnitUse::Shop));
    let page2 = unit_list(
        c.cx(Some(&m)),
        UnitQuery {
            building_id: None,
            floor: None,
            use_kind: None,
            status: None,
            search: None,
            page: 2,
            page_size: 10,
        },
    )
    .await
    .expect("page 2");
    assert_eq!(page2.items.len(), 10);
    assert_eq!(page2.total, units);
}

#[tokio::test]
async fn unit_updates_are_version_checked_and_exact() {
    let c = ctx().await;
    let m = c.manager(true).await;
    let desk = c.staff(&m, "desk.unit", Role::Desk, Department::CustomerService).await;
    let u = unit_list(
        c.cx(Some(&m)),
        UnitQuery {
            building_id: None,
            floor: Some(10),
            use_kind: None,
            status: None,
            search: None,
            page: 1,
            page_size: 1,
        },
    )
    .await
    .expect("units")
    .items
    .remove(0);
    let input = |version, area: &str| UnitUpdate {
        id: u.id,
        version,
        use_kind: UnitUse::Residential,
        status: UnitStatus::ForRent,
        area_m2: area.into(),
    };
    let refused = unit_update(c.cx(Some(&desk)), input(1, "90")).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "the desk does not edit units");
    let bad = unit_update(c.cx(Some(&m)), input(1, "90.123")).await;
    assert!(matches!(bad, Err(Error::Validation(ref f)) if f.contains_key("area_m2")));
    let d = unit_update(c.cx(Some(&m)), input(1, "90.05")).await.expect("update");
    assert_eq!(d.unit.area_m2, "90.05");
    assert_eq!(d.version, 2);
    let stale = unit_update(c.cx(Some(&m)), input(1, "91")).await;
    assert!(matches!(stale, Err(Error::Conflict)));
}

#[tokio::test]
async fn requests_without_a_session_are_unauthenticated() {
    let c = ctx().await;
    c.manager(false).await;
    let r = list(c.cx(None), query("x")).await;
    assert!(matches!(r, Err(Error::Unauthenticated)));
    let r = list(c.cx(Some("forged-token")), query("x")).await;
    assert!(matches!(r, Err(Error::Unauthenticated)));
}
