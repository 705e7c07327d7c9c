//! Convenience services on SQLite and PostgreSQL: mail received for a unit, waiting
//! (per unit and overall, filtered and paged in the database), handed over once with who
//! collected and whether they signed, the notice slip in the customer's language;
//! storage deposited and collected; lending with availability, overdue by the call's
//! time (never the clock), returns; who may write; validation; the demo's data.

use chrono::Duration;
use steward_core::api::run;
use steward_core::convenience::lending::{LendItemEdit, LendItemInput, LendItemQuery, LoanLend, LoanQuery, LoanReturn};
use steward_core::convenience::mail::{MailGet, MailHandOver, MailQuery, MailReceive};
use steward_core::convenience::notice::MailNotice;
use steward_core::convenience::storage::{StorageCollect, StorageDeposit, StorageGet, StorageQuery};
use steward_core::domain::*;
use steward_core::entities::{customer, occupancy};
use steward_core::sea_orm::{ColumnTrait, EntityTrait, Iterable, QueryFilter, QueryOrder};
use steward_core::{Cx, Error, Session};
use steward_migrations::m20261127_000008_convenience as migration;

use crate::common::{Ctx, ctx, session};

struct Office {
    c: Ctx,
    manager: String,
    desk: String,
    cleaner: String,
    /// A demo unit and one of its current customers.
    unit_id: i32,
    customer: customer::Model,
}

async fn office() -> Office {
    let c = ctx().await;
    let manager = c.manager(true).await;
    let desk = c.staff(&manager, "desk1", Role::Desk, Department::CustomerService).await;
    let cleaner = c.staff(&manager, "clean1", Role::Department, Department::Cleaning).await;
    // The first unit held by an English-speaking customer.
    let (o, cu) = occupancy::Entity::find()
        .find_also_related(customer::Entity)
        .filter(customer::Column::PreferredLanguage.eq("en"))
        .order_by_asc(occupancy::Column::Id)
        .one(&c.core.db)
        .await
        .expect("occupancies")
        .expect("an English-speaking resident in the demo");
    Office { c, manager, desk, cleaner, unit_id: o.unit_id, customer: cu.expect("customer") }
}

impl Office {
    fn cx(&self, token: &str) -> Cx {
        self.c.cx(Some(token))
    }

    fn at(&self, token: &str, later: Duration) -> Cx {
        self.c.core.cx(session(Some(token)), self.c.now + later)
    }
}

fn fields<T: std::fmt::Debug>(r: Result<T, Error>) -> Vec<(String, String)> {
    match r {
        Err(Error::Validation(f)) => f.into_iter().collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn pair(field: &str, key: &str) -> (String, String) {
    (field.to_owned(), key.to_owned())
}

fn parcel(unit_id: i32, customer_id: Option<i32>, addressee: &str) -> MailReceive {
    MailReceive {
        kind: MailKind::Parcel,
        unit_id: Some(unit_id),
        customer_id,
        addressee: addressee.into(),
        carrier: "顺丰速运".into(),
        tracking_no: "SF-E2E-ZH-1234567890".into(),
        shelf: "A-2".into(),
        notes: String::new(),
    }
}

fn mail_query(status: Option<MailStatus>, unit_id: Option<i32>) -> MailQuery {
    MailQuery { status, unit_id, kind: None, page: 1, page_size: 50 }
}

fn loans(overdue_only: bool, status: Option<LoanStatus>) -> LoanQuery {
    LoanQuery { status, overdue_only, item_id: None, unit_id: None, page: 1, page_size: 50 }
}

fn lend_input(item_id: i32, unit_id: Option<i32>, due_at: chrono::DateTime<chrono::Utc>) -> LoanLend {
    LoanLend {
        item_id,
        quantity: 1,
        unit_id,
        customer_id: None,
        borrower: "Ms Brown".into(),
        phone: String::new(),
        due_at: due_at.to_rfc3339(),
        notes: String::new(),
    }
}

#[tokio::test]
async fn the_vocabularies_agree_with_the_schema_and_the_catalog() {
    let strs = |v: Vec<&'static str>| v;
    assert_eq!(strs(MailKind::iter().map(MailKind::as_str).collect()), migration::MAIL_KINDS);
    assert_eq!(strs(MailStatus::iter().map(MailStatus::as_str).collect()), migration::MAIL_STATUSES);
    assert_eq!(strs(StorageStatus::iter().map(StorageStatus::as_str).collect()), migration::STORAGE_STATUSES);
    assert_eq!(strs(LendKind::iter().map(LendKind::as_str).collect()), migration::LEND_KINDS);
    assert_eq!(strs(LoanStatus::iter().map(LoanStatus::as_str).collect()), migration::LOAN_STATUSES);
    for file in ["en", "zh-CN"] {
        let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../locales/{file}.json"));
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("catalog")).expect("json");
        for (entity, fields) in [
            ("mail_item", &["kind", "addressee", "status", "collected_by", "signed"][..]),
            ("storage_item", &["description", "deposited_by", "location", "status", "collected_by"][..]),
            ("lend_item", &["kind", "name", "total", "active"][..]),
            ("loan", &["item_id", "quantity", "borrower", "due_at", "status", "returned_at"][..]),
        ] {
            for f in fields {
                assert!(json["history"][entity][f].is_string(), "{file}: history.{entity}.{f}");
            }
        }
        assert!(json["print"]["notice"]["title"].is_string(), "{file}: print.notice.title");
    }
}

#[tokio::test]
async fn mail_is_received_waits_and_is_handed_over_once() {
    let o = office().await;
    let demo_waiting =
        run::mail_list(o.cx(&o.desk), mail_query(Some(MailStatus::Waiting), None)).await.expect("list").total;
    let cu = &o.customer;
    let p = run::mail_receive(o.cx(&o.desk), parcel(o.unit_id, Some(cu.id), &cu.name)).await.expect("receive");
    assert_eq!(p.status, MailStatus::Waiting);
    assert_eq!(p.version, 1);
    assert_eq!(p.received_by_name, "desk1");
    assert_eq!(p.customer_name.as_deref(), Some(cu.name.as_str()));
    assert!(!p.unit_label.is_empty());
    let mut letter = parcel(o.unit_id, None, "");
    letter.kind = MailKind::Letter;
    run::mail_receive(o.cx(&o.manager), letter).await.expect("letter");

    // Waiting overall and for the unit; the unit's list holds only its own.
    let all = run::mail_list(o.cx(&o.desk), mail_query(Some(MailStatus::Waiting), None)).await.expect("all");
    assert_eq!(all.total, demo_waiting + 2);
    let unit = run::mail_list(o.cx(&o.desk), mail_query(Some(MailStatus::Waiting), Some(o.unit_id))).await.expect("u");
    assert!(unit.items.iter().all(|m| m.unit_id == o.unit_id));
    assert!(unit.items.iter().any(|m| m.id == p.id));
    let parcels = run::mail_list(
        o.cx(&o.desk),
        MailQuery { kind: Some(MailKind::Parcel), ..mail_query(Some(MailStatus::Waiting), Some(o.unit_id)) },
    )
    .await
    .expect("parcels");
    assert!(parcels.items.iter().all(|m| m.kind == MailKind::Parcel));
    // Paged in the database.
    let first = run::mail_list(o.cx(&o.desk), MailQuery { page_size: 1, ..mail_query(None, None) }).await.expect("p1");
    assert_eq!(first.items.len(), 1);
    assert_eq!(first.total, demo_waiting + 2 + 1, "the demo handed one over");

    // Handed over an hour later: who collected, when, signed, by whom.
    let later = Duration::hours(1);
    let h = run::mail_hand_over(
        o.at(&o.desk, later),
        MailHandOver { id: p.id, version: p.version, collected_by: " Jane Brown ".into(), signed: true },
    )
    .await
    .expect("hand over");
    assert_eq!(h.status, MailStatus::HandedOver);
    assert_eq!(h.collected_by.as_deref(), Some("Jane Brown"));
    assert!(h.signed);
    assert_eq!(h.handed_over_by_name.as_deref(), Some("desk1"));
    assert_eq!(h.handed_over_at.as_deref(), Some((o.c.now + later).to_rfc3339().as_str()));
    assert_eq!(h.version, 2);

    // A second hand-over is refused, with the old or the new version.
    for version in [p.version, h.version] {
        let again = run::mail_hand_over(
            o.at(&o.manager, later),
            MailHandOver { id: p.id, version, collected_by: "Someone".into(), signed: true },
        )
        .await;
        assert_eq!(fields(again), vec![pair("id", "validation.already_handed_over")]);
    }
    let unit = run::mail_list(o.cx(&o.desk), mail_query(Some(MailStatus::Waiting), Some(o.unit_id))).await.expect("u");
    assert!(!unit.items.iter().any(|m| m.id == p.id), "no longer waiting");

    // The history names both steps.
    let d = run::mail_get(o.cx(&o.desk), MailGet { id: p.id }).await.expect("get");
    assert_eq!(d.history.len(), 2);
    assert_eq!(d.history[0].entity, HistoryEntity::MailItem);
    let changed: Vec<&str> = d.history[0].changes.iter().map(|c| c.field.as_str()).collect();
    for f in ["status", "collected_by", "signed"] {
        assert!(changed.contains(&f), "{f} in {changed:?}");
    }

    // A stale version of a waiting item is a conflict, not a second hand-over.
    let w = run::mail_receive(o.cx(&o.desk), parcel(o.unit_id, None, "X")).await.expect("receive");
    run::mail_hand_over(o.cx(&o.desk), MailHandOver { id: w.id, version: 7, collected_by: "X".into(), signed: false })
        .await
        .map(|_| ())
        .expect_err("stale");
}

#[tokio::test]
async fn mail_input_is_validated_with_translated_keys() {
    let o = office().await;
    let mut bad = parcel(o.unit_id, Some(999_999), &"x".repeat(201));
    bad.unit_id = None;
    let f = fields(run::mail_receive(o.cx(&o.desk), bad).await);
    assert!(f.contains(&pair("unit_id", "validation.required")), "{f:?}");
    assert!(f.contains(&pair("addressee", "validation.too_long")), "{f:?}");
    assert!(f.contains(&pair("customer_id", "validation.not_found")), "{f:?}");
    let f = fields(run::mail_receive(o.cx(&o.desk), parcel(999_999, None, "")).await);
    assert_eq!(f, vec![pair("unit_id", "validation.not_found")]);
    let p = run::mail_receive(o.cx(&o.desk), parcel(o.unit_id, None, "")).await.expect("receive");
    let f = fields(
        run::mail_hand_over(
            o.cx(&o.desk),
            MailHandOver { id: p.id, version: 1, collected_by: "  ".into(), signed: true },
        )
        .await,
    );
    assert_eq!(f, vec![pair("collected_by", "validation.required")]);
    // The message comes translated through the one door.
    let e = steward_core::api::dispatch(
        &o.c.core,
        "mail_hand_over",
        Session { locale: "zh-CN".into(), ..session(Some(&o.desk)) },
        serde_json::json!({ "id": p.id, "version": 1, "collected_by": "", "signed": true }),
        o.c.now,
    )
    .await
    .expect_err("refused");
    assert_eq!(e.fields.as_ref().and_then(|f| f.get("collected_by")).map(String::as_str), Some("validation.required"));
    assert!(e.message.is_empty() || !e.message.contains("validation."), "{}", e.message);
}

#[tokio::test]
async fn the_notice_slip_is_in_the_customers_language() {
    let o = office().await;
    let cu = &o.customer;
    // Nothing waiting for a unit: said so.
    let empty = occupancy::Entity::find()
        .filter(occupancy::Column::UnitId.ne(o.unit_id))
        .order_by_desc(occupancy::Column::Id)
        .one(&o.c.core.db)
        .await
        .expect("q")
        .expect("another unit");
    let f =
        fields(run::mail_notice(o.cx(&o.desk), MailNotice { unit_id: empty.unit_id, utc_offset_minutes: 480 }).await);
    assert_eq!(f, vec![pair("unit_id", "validation.nothing_waiting")]);

    run::mail_receive(o.cx(&o.desk), parcel(o.unit_id, Some(cu.id), &cu.name)).await.expect("receive");
    // The desk works in Chinese; the customer reads English.
    let zh_desk = o.c.core.cx(Session { locale: "zh-CN".into(), ..session(Some(&o.desk)) }, o.c.now);
    let doc =
        run::mail_notice(zh_desk, MailNotice { unit_id: o.unit_id, utc_offset_minutes: 480 }).await.expect("notice");
    assert_eq!(doc.mime, "application/pdf");
    assert!(doc.file_name.starts_with(&format!("mail-notice-{}-", o.unit_id)), "{}", doc.file_name);
    let pdf = steward_core::desk::attachments::base64_decode(&doc.base64).expect("base64");
    assert!(pdf.starts_with(b"%PDF"));
    let Some(text) = pdf_text(&o.c, &pdf, "notice-en.pdf") else { return };
    let name: String = cu.name.split_whitespace().collect();
    for expected in
        ["Mail waiting for you", "Parcel", "SF-E2E-ZH-1234567890", "顺丰速运", "A-2", "17:30", name.as_str()]
    {
        assert!(text.contains(expected), "notice lacks {expected:?}: {text}");
    }
    assert!(!text.contains("邮件包裹领取通知"), "not in the desk's language");

    // A Chinese-speaking customer's unit gets the notice in Chinese, whatever the desk reads.
    let (zo, zc) = occupancy::Entity::find()
        .find_also_related(customer::Entity)
        .filter(customer::Column::PreferredLanguage.eq("zh-CN"))
        .filter(occupancy::Column::UnitId.ne(o.unit_id))
        .order_by_asc(occupancy::Column::Id)
        .one(&o.c.core.db)
        .await
        .expect("q")
        .expect("a Chinese-speaking resident");
    let zc = zc.expect("customer");
    let mut letter = parcel(zo.unit_id, Some(zc.id), &zc.name);
    letter.kind = MailKind::Letter;
    run::mail_receive(o.cx(&o.desk), letter).await.expect("letter");
    let doc = run::mail_notice(o.cx(&o.desk), MailNotice { unit_id: zo.unit_id, utc_offset_minutes: 480 })
        .await
        .expect("notice");
    let pdf = steward_core::desk::attachments::base64_decode(&doc.base64).expect("base64");
    let Some(text) = pdf_text(&o.c, &pdf, "notice-zh.pdf") else { return };
    let name: String = zc.name.split_whitespace().collect();
    for expected in ["邮件包裹领取通知", "信件", "待领件数", name.as_str()] {
        assert!(text.contains(expected), "notice lacks {expected:?}: {text}");
    }
}

/// The PDF's text through pdftotext, whitespace removed; None (and a note) without it.
fn pdf_text(c: &Ctx, pdf: &[u8], name: &str) -> Option<String> {
    if std::process::Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("pdftotext absent: the notice's text is not checked");
        return None;
    }
    let path = c.dir.join(name);
    std::fs::write(&path, pdf).expect("write pdf");
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext");
    Some(
        String::from_utf8_lossy(&out.stdout)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .replace("Mailwaitingforyou", "Mail waiting for you"),
    )
}

#[tokio::test]
async fn stored_items_are_deposited_and_collected_once() {
    let o = office().await;
    let before = run::storage_list(
        o.cx(&o.desk),
        StorageQuery { status: Some(StorageStatus::Stored), unit_id: None, page: 1, page_size: 50 },
    )
    .await
    .expect("list")
    .total;
    let s = run::storage_deposit(
        o.cx(&o.desk),
        StorageDeposit {
            description: "钥匙一串".into(),
            unit_id: Some(o.unit_id),
            customer_id: Some(o.customer.id),
            deposited_by: "装修公司王师傅".into(),
            deposited_for: String::new(),
            location: "抽屉 3".into(),
            notes: String::new(),
        },
    )
    .await
    .expect("deposit");
    assert_eq!(s.status, StorageStatus::Stored);
    assert_eq!(s.customer_name.as_deref(), Some(o.customer.name.as_str()));
    let stored = run::storage_list(
        o.cx(&o.desk),
        StorageQuery { status: Some(StorageStatus::Stored), unit_id: Some(o.unit_id), page: 1, page_size: 50 },
    )
    .await
    .expect("list");
    assert_eq!(stored.items.iter().map(|r| r.id).collect::<Vec<_>>(), vec![s.id]);
    let c = run::storage_collect(
        o.at(&o.desk, Duration::hours(2)),
        StorageCollect { id: s.id, version: s.version, collected_by: "Jane Brown".into() },
    )
    .await
    .expect("collect");
    assert_eq!(c.status, StorageStatus::Collected);
    assert_eq!(c.collected_by.as_deref(), Some("Jane Brown"));
    assert_eq!(c.collected_at.as_deref(), Some((o.c.now + Duration::hours(2)).to_rfc3339().as_str()));
    let again =
        run::storage_collect(o.cx(&o.desk), StorageCollect { id: s.id, version: c.version, collected_by: "X".into() })
            .await;
    assert_eq!(fields(again), vec![pair("id", "validation.already_collected")]);
    let after = run::storage_list(
        o.cx(&o.desk),
        StorageQuery { status: Some(StorageStatus::Stored), unit_id: None, page: 1, page_size: 50 },
    )
    .await
    .expect("list")
    .total;
    assert_eq!(after, before);
    let d = run::storage_get(o.cx(&o.desk), StorageGet { id: s.id }).await.expect("get");
    assert_eq!(d.history.len(), 2);

    // What, by whom and for whom are required.
    let f = fields(
        run::storage_deposit(
            o.cx(&o.desk),
            StorageDeposit {
                description: " ".into(),
                unit_id: None,
                customer_id: None,
                deposited_by: String::new(),
                deposited_for: String::new(),
                location: String::new(),
                notes: String::new(),
            },
        )
        .await,
    );
    for field in ["description", "deposited_by", "deposited_for"] {
        assert!(f.contains(&pair(field, "validation.required")), "{field}: {f:?}");
    }
}

#[tokio::test]
async fn lending_counts_availability_sees_overdue_by_the_calls_time_and_takes_returns() {
    let o = office().await;
    let item = run::lend_item_create(
        o.cx(&o.desk),
        LendItemInput { kind: LendKind::Umbrella, name: "长柄伞".into(), total: 2 },
    )
    .await
    .expect("item");
    assert_eq!((item.total, item.out, item.available, item.overdue), (2, 0, 2, 0));
    let now = o.c.now;
    let a =
        run::loan_lend(o.cx(&o.desk), lend_input(item.id, Some(o.unit_id), now + Duration::hours(2))).await.expect("a");
    assert_eq!(a.status, LoanStatus::Out);
    assert!(!a.overdue);
    assert_eq!(a.item_name, "长柄伞");
    let b = run::loan_lend(o.cx(&o.desk), lend_input(item.id, None, now + Duration::days(2))).await.expect("b");
    // None left: the third is refused.
    let third = run::loan_lend(o.cx(&o.desk), lend_input(item.id, None, now + Duration::days(2))).await;
    assert_eq!(fields(third), vec![pair("quantity", "validation.not_enough_available")]);
    let inventory = |cx| async {
        run::lend_item_list(cx, LendItemQuery { include_inactive: true, page: 1, page_size: 50 })
            .await
            .expect("items")
            .items
            .into_iter()
            .find(|i| i.id == item.id)
            .expect("our item")
    };
    let i = inventory(o.cx(&o.desk)).await;
    assert_eq!((i.out, i.available, i.overdue), (2, 0, 0));

    // Three hours on, the first is overdue; nothing was stored for that, the time of the call decides.
    let later = Duration::hours(3);
    let i = inventory(o.at(&o.desk, later)).await;
    assert_eq!((i.out, i.available, i.overdue), (2, 0, 1));
    let overdue_ids = |p: steward_core::page::Page<steward_core::convenience::lending::LoanRow>| {
        p.items.into_iter().filter(|l| l.item_id == item.id).map(|l| (l.id, l.overdue)).collect::<Vec<_>>()
    };
    let now_list = run::loan_list(o.cx(&o.desk), loans(true, None)).await.expect("overdue now");
    assert_eq!(overdue_ids(now_list), vec![]);
    let late = run::loan_list(o.at(&o.desk, later), loans(true, None)).await.expect("overdue later");
    assert_eq!(overdue_ids(late), vec![(a.id, true)]);
    let open = run::loan_list(o.at(&o.desk, later), loans(false, Some(LoanStatus::Out))).await.expect("open");
    assert_eq!(overdue_ids(open), vec![(a.id, true), (b.id, false)], "soonest due first");

    // Returned (late): no longer out, no longer overdue, available again; once only.
    let r = run::loan_return(o.at(&o.desk, later), LoanReturn { id: a.id, version: a.version }).await.expect("return");
    assert_eq!(r.status, LoanStatus::Returned);
    assert!(!r.overdue);
    assert_eq!(r.returned_at.as_deref(), Some((now + later).to_rfc3339().as_str()));
    assert_eq!(r.returned_to_name.as_deref(), Some("desk1"));
    let again = run::loan_return(o.at(&o.desk, later), LoanReturn { id: a.id, version: r.version }).await;
    assert_eq!(fields(again), vec![pair("id", "validation.already_returned")]);
    let i = inventory(o.at(&o.desk, later)).await;
    assert_eq!((i.out, i.available, i.overdue), (1, 1, 0));
    let late = run::loan_list(o.at(&o.desk, later), loans(true, None)).await.expect("overdue later");
    assert_eq!(overdue_ids(late), vec![]);

    // The inventory cannot shrink below what is out; it can grow.
    let f = fields(
        run::lend_item_edit(
            o.cx(&o.desk),
            LendItemEdit {
                id: item.id,
                version: i.version,
                item: LendItemInput { kind: LendKind::Umbrella, name: "长柄伞".into(), total: 0 },
                active: true,
            },
        )
        .await,
    );
    assert_eq!(f, vec![pair("item.total", "validation.total_below_out")]);
    let grown = run::lend_item_edit(
        o.cx(&o.desk),
        LendItemEdit {
            id: item.id,
            version: i.version,
            item: LendItemInput { kind: LendKind::Umbrella, name: "Umbrella".into(), total: 5 },
            active: true,
        },
    )
    .await
    .expect("grow");
    assert_eq!((grown.total, grown.available, grown.name.as_str()), (5, 4, "Umbrella"));
    let stale = run::lend_item_edit(
        o.cx(&o.desk),
        LendItemEdit {
            id: item.id,
            version: i.version,
            item: LendItemInput { kind: LendKind::Umbrella, name: "x".into(), total: 5 },
            active: true,
        },
    )
    .await;
    assert!(matches!(stale, Err(Error::Conflict)), "{stale:?}");
}

#[tokio::test]
async fn loans_are_validated() {
    let o = office().await;
    let item =
        run::lend_item_create(o.cx(&o.desk), LendItemInput { kind: LendKind::Cart, name: "Cart".into(), total: 1 })
            .await
            .expect("item");
    let mut bad = lend_input(item.id, None, o.c.now - Duration::hours(1));
    bad.borrower = String::new();
    bad.quantity = 0;
    let f = fields(run::loan_lend(o.cx(&o.desk), bad).await);
    for p in [
        pair("due_at", "validation.due_in_past"),
        pair("borrower", "validation.required"),
        pair("quantity", "validation.quantity"),
    ] {
        assert!(f.contains(&p), "{p:?} in {f:?}");
    }
    let mut bad = lend_input(999_999, None, o.c.now + Duration::hours(1));
    bad.due_at = "tomorrow".into();
    let f = fields(run::loan_lend(o.cx(&o.desk), bad).await);
    assert!(f.contains(&pair("due_at", "validation.datetime")), "{f:?}");
    assert!(f.contains(&pair("item_id", "validation.not_found")), "{f:?}");
    let f = fields(
        run::lend_item_create(o.cx(&o.desk), LendItemInput { kind: LendKind::Other, name: String::new(), total: -1 })
            .await,
    );
    assert!(f.contains(&pair("item.name", "validation.required")), "{f:?}");
    assert!(f.contains(&pair("item.total", "validation.quantity")), "{f:?}");
    // An item no longer lent is refused.
    let off = run::lend_item_edit(
        o.cx(&o.manager),
        LendItemEdit {
            id: item.id,
            version: item.version,
            item: LendItemInput { kind: LendKind::Cart, name: "Cart".into(), total: 1 },
            active: false,
        },
    )
    .await
    .expect("deactivate");
    assert!(!off.active);
    let f = fields(run::loan_lend(o.cx(&o.desk), lend_input(item.id, None, o.c.now + Duration::hours(1))).await);
    assert_eq!(f, vec![pair("item_id", "validation.item_inactive")]);
}

#[tokio::test]
async fn department_staff_read_but_do_not_write() {
    let o = office().await;
    let cx = || o.cx(&o.cleaner);
    run::mail_list(cx(), mail_query(Some(MailStatus::Waiting), None))
        .await
        .expect("department staff read the mail list");
    run::lend_item_list(cx(), LendItemQuery { include_inactive: false, page: 1, page_size: 20 }).await.expect("items");
    let forbidden = |r: Result<(), Error>| assert!(matches!(r, Err(Error::Forbidden(_))), "{r:?}");
    forbidden(run::mail_receive(cx(), parcel(o.unit_id, None, "")).await.map(|_| ()));
    forbidden(
        run::mail_hand_over(cx(), MailHandOver { id: 1, version: 1, collected_by: "x".into(), signed: true })
            .await
            .map(|_| ()),
    );
    forbidden(
        run::storage_collect(cx(), StorageCollect { id: 1, version: 1, collected_by: "x".into() }).await.map(|_| ()),
    );
    forbidden(
        run::lend_item_create(cx(), LendItemInput { kind: LendKind::Umbrella, name: "x".into(), total: 1 })
            .await
            .map(|_| ()),
    );
    forbidden(run::loan_lend(cx(), lend_input(1, None, o.c.now + Duration::hours(1))).await.map(|_| ()));
    forbidden(run::loan_return(cx(), LoanReturn { id: 1, version: 1 }).await.map(|_| ()));
    // The desk and the manager may.
    for who in [&o.desk, &o.manager] {
        run::mail_receive(o.cx(who), parcel(o.unit_id, None, "")).await.expect("desk and manager receive");
    }
    for role in [Role::Manager, Role::Desk] {
        assert!(permission::allows(role, Permission::ConvenienceWrite), "{role:?}");
    }
    for role in [Role::Department, Role::Leasing] {
        assert!(!permission::allows(role, Permission::ConvenienceWrite), "{role:?}");
        assert!(permission::allows(role, Permission::ConvenienceRead), "{role:?}");
    }
}

#[tokio::test]
async fn the_demo_has_waiting_mail_and_things_to_lend() {
    let o = office().await;
    let waiting = run::mail_list(o.cx(&o.desk), mail_query(Some(MailStatus::Waiting), None)).await.expect("waiting");
    assert!(waiting.total >= 4, "{}", waiting.total);
    let items = run::lend_item_list(o.cx(&o.desk), LendItemQuery { include_inactive: false, page: 1, page_size: 20 })
        .await
        .expect("items");
    let kinds: Vec<LendKind> = items.items.iter().map(|i| i.kind).collect();
    for k in [LendKind::Umbrella, LendKind::Cart, LendKind::PetBag] {
        assert!(kinds.contains(&k), "{k:?}");
    }
    let umbrella = items.items.iter().find(|i| i.kind == LendKind::Umbrella).expect("umbrella");
    assert_eq!((umbrella.out, umbrella.overdue), (2, 1));
    let overdue = run::loan_list(o.cx(&o.desk), loans(true, None)).await.expect("overdue");
    assert_eq!(overdue.total, 1);
    let stored = run::storage_list(
        o.cx(&o.desk),
        StorageQuery { status: Some(StorageStatus::Stored), unit_id: None, page: 1, page_size: 5 },
    )
    .await
    .expect("stored");
    assert_eq!(stored.total, 1);
}

#[tokio::test]
async fn two_desks_lending_the_last_one_take_turns() {
    let o = office().await;
    let item =
        run::lend_item_create(o.cx(&o.desk), LendItemInput { kind: LendKind::Cart, name: "Cart".into(), total: 1 })
            .await
            .expect("item");
    let due = o.c.now + Duration::hours(2);
    let (a, b) = tokio::join!(
        run::loan_lend(o.cx(&o.desk), lend_input(item.id, None, due)),
        run::loan_lend(o.cx(&o.manager), lend_input(item.id, None, due)),
    );
    let ok = [&a, &b].iter().filter(|r| r.is_ok()).count();
    assert_eq!(ok, 1, "exactly one loan of the last cart: {a:?} {b:?}");
    let refused = if a.is_err() { a } else { b };
    assert_eq!(fields(refused), vec![pair("quantity", "validation.not_enough_available")]);
    let i = run::lend_item_list(o.cx(&o.desk), LendItemQuery { include_inactive: false, page: 1, page_size: 50 })
        .await
        .expect("items")
        .items
        .into_iter()
        .find(|i| i.id == item.id)
        .expect("cart");
    assert_eq!((i.out, i.available), (1, 0));
}
