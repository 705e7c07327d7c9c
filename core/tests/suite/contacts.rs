//! Communication records, confirmations and name order on SQLite and PostgreSQL: a
//! customer's timeline logged, paged newest first and filtered in the database; who may
//! log; `record_many` inside a caller's transaction; confirmations in the customer's
//! language (with the fallback flagged), printed, and given onto the timeline; lists of
//! mixed Chinese and Latin names in the order a person expects; pinyin search.

use chrono::{Duration, Utc};
use steward_core::accounts::staff::StaffQuery;
use steward_core::api::run;
use steward_core::convenience::mail::MailReceive;
use steward_core::desk::cases::CaseOpen;
use steward_core::desk::work_orders::WorkOrderDispatch;
use steward_core::directory::contacts::confirmations::{ConfirmationGet, ConfirmationGiven};
use steward_core::directory::contacts::{ContactInput, ContactQuery, NewContact, record_many};
use steward_core::directory::customers::{CustomerInput, CustomerQuery};
use steward_core::directory::names;
use steward_core::domain::*;
use steward_core::entities::{customer, occupancy, setting, statement};
use steward_core::sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, Iterable, QueryFilter, QueryOrder, Set, Statement,
};
use steward_core::{Error, locales};
use steward_migrations::m20261128_000013_contacts as migration;

use crate::common::{Ctx, ctx};

fn person(name: &str, latin: Option<&str>, language: &str) -> CustomerInput {
    CustomerInput {
        kind: CustomerKind::Person,
        name: name.into(),
        name_latin: latin.map(str::to_owned),
        phones: vec![],
        email: None,
        nationality: None,
        preferred_language: language.into(),
        vip: false,
        id_document_kind: None,
        id_document_number: None,
        notes: String::new(),
    }
}

fn call(customer_id: i32, summary: &str, at: Option<chrono::DateTime<Utc>>) -> ContactInput {
    ContactInput {
        customer_id,
        unit_id: None,
        kind: ContactKind::Call,
        direction: ContactDirection::In,
        summary: summary.into(),
        language: "en".into(),
        at: at.map(|t| t.to_rfc3339()),
        case_id: None,
    }
}

fn timeline(customer_id: i32, kind: Option<ContactKind>, page: u32, page_size: u32) -> ContactQuery {
    ContactQuery { customer_id, kind, page, page_size }
}

fn fields<T: std::fmt::Debug>(r: Result<T, Error>) -> Vec<(String, String)> {
    match r {
        Err(Error::Validation(f)) => f.into_iter().collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn the_vocabularies_agree_with_the_schema() {
    let strs = |v: Vec<&'static str>| v;
    assert_eq!(strs(ContactKind::iter().map(ContactKind::as_str).collect()), migration::CONTACT_KINDS);
    assert_eq!(strs(ContactDirection::iter().map(ContactDirection::as_str).collect()), migration::CONTACT_DIRECTIONS);
    assert_eq!(strs(ContactChannel::iter().map(ContactChannel::as_str).collect()), migration::CONTACT_CHANNELS);
}

#[tokio::test]
async fn the_timeline_logs_pages_filters_and_checks_who() {
    let c = ctx().await;
    let m = c.manager(false).await;
    let desk = c.staff(&m, "desk1", Role::Desk, Department::CustomerService).await;
    let fixer = c.staff(&m, "fix1", Role::Department, Department::Engineering).await;
    let leasing = c.staff(&m, "lease1", Role::Leasing, Department::Leasing).await;
    let emily = run::customer_create(c.cx(Some(&desk)), person("Emily Clarke", None, "en")).await.expect("customer");

    for (i, token) in [&desk, &fixer, &m].into_iter().enumerate() {
        let at = c.now - Duration::hours(10 - i as i64);
        let row = run::contact_record(c.cx(Some(token)), call(emily.id, &format!("call {i}"), Some(at)))
            .await
            .expect("logged");
        assert_eq!(row.at, at.to_rfc3339());
    }
    let mut visit = call(emily.id, "came to the desk about the lift", None);
    visit.kind = ContactKind::Visit;
    let visit = run::contact_record(c.cx(Some(&desk)), visit).await.expect("visit logged");
    assert_eq!(visit.staff_name, "desk1");
    assert_eq!(visit.at, c.now.to_rfc3339());

    // Another area's notices arrive inside its own transaction.
    let txn = steward_core::db::begin_write(&c.core.db).await.expect("txn");
    let staff_id = staff_id(&c, "desk1").await;
    let mut notice = NewContact::new(
        emily.id,
        ContactKind::Notice,
        ContactDirection::Out,
        "en",
        "Water off on Tuesday",
        staff_id,
        c.now - Duration::days(1),
    );
    notice.notice_id = Some(77);
    notice.channel = Some(ContactChannel::Printed);
    record_many(&txn, vec![notice]).await.expect("recorded");
    txn.commit().await.expect("commit");

    let p1 = run::contact_list(c.cx(Some(&fixer)), timeline(emily.id, None, 1, 2)).await.expect("page 1");
    assert_eq!(p1.total, 5);
    assert_eq!(
        p1.items.iter().map(|r| r.summary.as_str()).collect::<Vec<_>>(),
        ["came to the desk about the lift", "call 2"]
    );
    let p3 = run::contact_list(c.cx(Some(&fixer)), timeline(emily.id, None, 3, 2)).await.expect("page 3");
    assert_eq!(p3.items.len(), 1);
    assert_eq!(p3.items[0].notice_id, Some(77));
    assert_eq!(p3.items[0].channel, Some(ContactChannel::Printed));
    let calls =
        run::contact_list(c.cx(Some(&m)), timeline(emily.id, Some(ContactKind::Call), 1, 50)).await.expect("calls");
    assert_eq!(calls.total, 3);
    assert!(calls.items.iter().all(|r| r.kind == ContactKind::Call));
    assert_eq!(calls.items[2].staff_name, "desk1");

    // Validation.
    let mut bad = call(emily.id, "  ", Some(c.now + Duration::hours(2)));
    bad.language = "xx".into();
    bad.kind = ContactKind::Confirmation;
    let mut f = fields(run::contact_record(c.cx(Some(&desk)), bad).await);
    f.sort();
    assert_eq!(
        f,
        [
            ("at".into(), "validation.contact_in_future".into()),
            ("kind".into(), "validation.contact_kind_recorded_elsewhere".into()),
            ("language".into(), "validation.language".into()),
            ("summary".into(), "validation.required".into()),
        ]
    );
    let missing = run::contact_record(c.cx(Some(&desk)), call(emily.id + 999, "hello", None)).await;
    assert!(matches!(missing, Err(Error::NotFound)), "{missing:?}");
    // Leasing staff read the timeline but do not log on it.
    let refused = run::contact_record(c.cx(Some(&leasing)), call(emily.id, "hello", None)).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    assert_eq!(run::contact_list(c.cx(Some(&leasing)), timeline(emily.id, None, 1, 10)).await.expect("read").total, 5);
}

async fn staff_id(c: &Ctx, username: &str) -> i32 {
    use steward_core::entities::staff;
    staff::Entity::find()
        .filter(staff::Column::Username.eq(username))
        .one(&c.core.db)
        .await
        .expect("staff")
        .expect("exists")
        .id
}

fn get(subject: ConfirmationSubject, id: i32) -> ConfirmationGet {
    ConfirmationGet { subject, id, utc_offset_minutes: 480 }
}

#[tokio::test]
async fn confirmations_speak_the_customers_language_and_land_on_the_timeline() {
    let c = ctx().await;
    let m = c.manager(true).await;
    let desk = c.staff(&m, "desk1", Role::Desk, Department::CustomerService).await;
    let cleaner = c.staff(&m, "clean1", Role::Department, Department::Cleaning).await;
    let unit_id =
        occupancy::Entity::find().order_by_asc(occupancy::Column::Id).one(&c.core.db).await.unwrap().unwrap().unit_id;
    let wang = run::customer_create(c.cx(Some(&desk)), person("王磊", None, "zh-CN")).await.expect("zh customer");
    let emily = run::customer_create(c.cx(Some(&desk)), person("Emily Clarke", None, "en")).await.expect("en customer");
    let taro =
        run::customer_create(c.cx(Some(&desk)), person("山田太郎", Some("Yamada Taro"), "ja")).await.expect("ja");

    let open = |customer_id: Option<i32>, title: &str| CaseOpen {
        kind: CaseKind::Repair,
        channel: Channel::Hotline,
        priority: Priority::Normal,
        title: title.into(),
        description: "kitchen tap drips".into(),
        customer_id,
        unit_id: Some(unit_id),
        caller_name: customer_id.is_none().then(|| "Walk-in caller".to_owned()),
        caller_phone: None,
        language: None,
        consultation_topic: None,
    };
    let zh_case = run::case_open(c.cx(Some(&desk)), open(Some(wang.id), "厨房水龙头漏水")).await.expect("case").case;
    let en_case =
        run::case_open(c.cx(Some(&desk)), open(Some(emily.id), "Kitchen tap drips")).await.expect("case").case;
    let ja_case = run::case_open(c.cx(Some(&desk)), open(Some(taro.id), "蛇口の水漏れ")).await.expect("case").case;

    let zh = run::confirmation_get(c.cx(Some(&desk)), get(ConfirmationSubject::Case, zh_case.id)).await.expect("zh");
    assert_eq!((zh.language.as_str(), zh.fell_back, zh.customer_name.as_str()), ("zh-CN", false, "王磊"));
    assert!(
        zh.text.contains(&zh_case.number) && zh.text.contains("王磊您好") && zh.text.contains("厨房水龙头漏水"),
        "{}",
        zh.text
    );
    assert!(zh.text.contains("年") && zh.text.chars().count() <= 160, "{}", zh.text);
    let en = run::confirmation_get(c.cx(Some(&desk)), get(ConfirmationSubject::Case, en_case.id)).await.expect("en");
    assert_eq!((en.language.as_str(), en.fell_back), ("en", false));
    assert!(en.text.contains("Dear Emily Clarke") && en.text.contains(&en_case.number), "{}", en.text);
    // Japanese once its catalog exists; until then English, and the screen says so.
    let ja = run::confirmation_get(c.cx(Some(&desk)), get(ConfirmationSubject::Case, ja_case.id)).await.expect("ja");
    assert_eq!(ja.requested_language, "ja");
    if locales::is_available("ja") {
        assert_eq!((ja.language.as_str(), ja.fell_back), ("ja", false));
    } else {
        assert_eq!((ja.language.as_str(), ja.fell_back), ("en", true));
        assert!(ja.text.contains("Dear 山田太郎"), "names keep their script: {}", ja.text);
    }

    // A work order: who comes, where, by when (on the office clock, UTC+8).
    let due = c.now + Duration::days(1);
    let detail = run::work_order_dispatch(
        c.cx(Some(&desk)),
        WorkOrderDispatch {
            case_id: en_case.id,
            department: Some(Department::Engineering),
            supplier_id: None,
            assignee_id: None,
            instructions: "replace washer".into(),
            priority: None,
            due_at: Some(due.to_rfc3339()),
            draft: false,
        },
    )
    .await
    .expect("dispatched");
    let order = detail.work_orders.last().expect("order");
    let wo = run::confirmation_get(c.cx(Some(&desk)), get(ConfirmationSubject::WorkOrder, order.id)).await.expect("wo");
    assert!(wo.text.contains(&order.number) && wo.text.contains("Engineering"), "{}", wo.text);
    let local = due.with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap()).format("%H:%M").to_string();
    assert!(wo.text.contains(&local), "{local} in {}", wo.text);

    // A statement: the amount still due, in the customer's money format.
    let st = statement::ActiveModel {
        number: Set("S2026110001".into()),
        customer_id: Set(wang.id),
        unit_id: Set(Some(unit_id)),
        month: Set("2026-11".into()),
        language: Set("zh-CN".into()),
        currency: Set("CNY".into()),
        subtotal_cents: Set(120_000),
        tax_cents: Set(0),
        total_cents: Set(120_000),
        paid_cents: Set(20_050),
        issued_at: Set(c.now),
        issued_by: Set(staff_id(&c, "desk1").await),
        sent_at: Set(None),
        version: Set(1),
        updated_at: Set(c.now),
        ..Default::default()
    }
    .insert(&c.core.db)
    .await
    .expect("statement");
    let s = run::confirmation_get(c.cx(Some(&desk)), get(ConfirmationSubject::Statement, st.id)).await.expect("st");
    assert!(
        s.text.contains("¥999.50") && s.text.contains("2026年11月") && s.text.contains("S2026110001"),
        "{}",
        s.text
    );
    // Department staff do not see statements.
    let refused = run::confirmation_get(c.cx(Some(&cleaner)), get(ConfirmationSubject::Statement, st.id)).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");

    // A parcel: where to collect it.
    let mail = run::mail_receive(
        c.cx(Some(&desk)),
        MailReceive {
            kind: MailKind::Parcel,
            unit_id: Some(unit_id),
            customer_id: Some(emily.id),
            addressee: "Emily Clarke".into(),
            carrier: "SF".into(),
            tracking_no: "SF1".into(),
            shelf: "B-3".into(),
            notes: String::new(),
        },
    )
    .await
    .expect("mail");
    let p = run::confirmation_get(c.cx(Some(&desk)), get(ConfirmationSubject::MailItem, mail.id)).await.expect("mail");
    assert!(p.text.contains("parcel") && p.text.contains("B-3"), "{}", p.text);

    let pdf =
        run::confirmation_print(c.cx(Some(&desk)), get(ConfirmationSubject::Case, zh_case.id)).await.expect("pdf");
    assert!(pdf.base64.starts_with("JVBER") && pdf.file_name.ends_with(".pdf"), "{}", pdf.file_name);

    // Given: a confirmation contact with the text, on the customer's timeline.
    let given = run::confirmation_given(
        c.cx(Some(&desk)),
        ConfirmationGiven {
            subject: ConfirmationSubject::WorkOrder,
            id: order.id,
            channel: ContactChannel::Sms,
            utc_offset_minutes: 480,
        },
    )
    .await
    .expect("given");
    assert_eq!(given.kind, ContactKind::Confirmation);
    assert_eq!(given.work_order_number.as_deref(), Some(order.number.as_str()));
    assert_eq!(given.case_number.as_deref(), Some(en_case.number.as_str()));
    let t = run::contact_list(c.cx(Some(&desk)), timeline(emily.id, Some(ContactKind::Confirmation), 1, 10))
        .await
        .expect("t");
    assert_eq!(t.total, 1);
    assert_eq!((t.items[0].summary.as_str(), t.items[0].channel), (wo.text.as_str(), Some(ContactChannel::Sms)));

    // A caller not on file has no timeline to land on.
    let anon = run::case_open(c.cx(Some(&desk)), open(None, "Lobby light out")).await.expect("case").case;
    let text = run::confirmation_get(c.cx(Some(&desk)), get(ConfirmationSubject::Case, anon.id)).await.expect("anon");
    assert!(text.customer_id.is_none() && text.text.contains("Walk-in caller"), "{}", text.text);
    let f = fields(
        run::confirmation_given(
            c.cx(Some(&desk)),
            ConfirmationGiven {
                subject: ConfirmationSubject::Case,
                id: anon.id,
                channel: ContactChannel::Printed,
                utc_offset_minutes: 0,
            },
        )
        .await,
    );
    assert_eq!(f, [("id".to_owned(), "validation.confirmation_no_customer".to_owned())]);
    let refused = run::confirmation_given(
        c.cx(Some(&c.staff(&m, "lease1", Role::Leasing, Department::Leasing).await)),
        ConfirmationGiven {
            subject: ConfirmationSubject::Case,
            id: zh_case.id,
            channel: ContactChannel::Sms,
            utc_offset_minutes: 0,
        },
    )
    .await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
}

#[tokio::test]
async fn mixed_names_sort_as_a_person_expects_and_search_in_both() {
    let c = ctx().await;
    let m = c.manager(false).await;
    for (name, latin) in [
        ("Yamada Taro", None),
        ("王磊", Some("Wang Lei")),
        ("Walter Brown", None),
        ("やまだ はなこ", None),
        ("김민수", None),
        ("李娜", None),
        ("Émile Zola", None),
        ("林", None),
        ("王芳", None),
    ] {
        run::customer_create(c.cx(Some(&m)), person(name, latin, "en")).await.expect("customer");
    }
    let q = |search: Option<&str>| CustomerQuery {
        search: search.map(str::to_owned),
        kind: None,
        language: None,
        vip: None,
        page: 1,
        page_size: 50,
    };
    let all = run::customer_list(c.cx(Some(&m)), q(None)).await.expect("list");
    assert_eq!(
        all.items.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["Émile Zola", "李娜", "林", "Walter Brown", "王芳", "王磊", "Yamada Taro", "やまだ はなこ", "김민수"]
    );
    for (query, want) in [
        ("wang", vec!["王芳", "王磊"]),
        ("wl", vec!["王磊"]),
        ("wanglei", vec!["王磊"]),
        ("王", vec!["王芳", "王磊"]),
        ("walter", vec!["Walter Brown"]),
        ("Émile", vec!["Émile Zola"]),
        ("やまだ", vec!["やまだ はなこ"]),
    ] {
        let hits = run::customer_list(c.cx(Some(&m)), q(Some(query))).await.expect("search");
        assert_eq!(hits.items.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), want, "{query}");
    }

    // Staff lists order by name the same way within a department.
    for name in ["Walter", "王磊", "Yamada"] {
        let username = format!("u{}", names::sort_key(name).replace(' ', ""));
        run::staff_create(
            c.cx(Some(&m)),
            steward_core::accounts::staff::StaffInput {
                username,
                display_name: name.into(),
                role: Role::Desk,
                department: Department::CustomerService,
                languages: vec![steward_core::accounts::staff::LanguageSkill {
                    language: "en".into(),
                    level: steward_core::domain::LanguageLevel::Fluent,
                }],
                password: None,
                supervisor: false,
                escalation_tier: None,
            },
        )
        .await
        .expect("staff");
    }
    let staff = run::staff_list(
        c.cx(Some(&m)),
        StaffQuery {
            search: None,
            department: Some(Department::CustomerService),
            include_inactive: false,
            page: 1,
            page_size: 50,
        },
    )
    .await
    .expect("staff");
    assert_eq!(staff.items.iter().map(|s| s.display_name.as_str()).collect::<Vec<_>>(), ["Walter", "王磊", "Yamada"]);
}

#[tokio::test]
async fn stored_keys_follow_the_rule_after_startup() {
    let c = ctx().await;
    let m = c.manager(false).await;
    let wang = run::customer_create(c.cx(Some(&m)), person("王磊", None, "zh-CN")).await.expect("customer");
    // Keys written by an older rule (no syllable spaces) and a rule version behind.
    let db = &c.core.db;
    let backend = db.get_database_backend();
    for sql in [
        "UPDATE customer SET sort_key = 'wanglei'",
        "UPDATE customer_search_prefix SET sort_key = 'wanglei'",
        "UPDATE staff SET sort_key = ''",
        "UPDATE setting SET value = '1' WHERE key = 'directory.sort_key_rule'",
    ] {
        db.execute_raw(Statement::from_string(backend, sql)).await.expect("old keys");
    }
    names::refresh_sort_keys(db).await.expect("refresh");
    let row = customer::Entity::find_by_id(wang.id).one(db).await.unwrap().unwrap();
    assert_eq!(row.sort_key, "wang lei");
    let prefixes = db
        .query_all_raw(Statement::from_string(backend, "SELECT DISTINCT sort_key FROM customer_search_prefix"))
        .await
        .expect("prefixes");
    assert_eq!(prefixes.len(), 1);
    assert_eq!(prefixes[0].try_get_by_index::<String>(0).unwrap(), "wang lei");
    let manager = steward_core::entities::staff::Entity::find().one(db).await.unwrap().unwrap();
    assert_eq!(manager.sort_key, "li jing li");
    let rule = setting::Entity::find_by_id("directory.sort_key_rule".to_owned()).one(db).await.unwrap().unwrap();
    assert_eq!(rule.value, names::RULE);
}
