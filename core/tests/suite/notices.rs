//! Notices on SQLite and PostgreSQL: the fan-out picks each recipient's language with the
//! fall-back flagged, audiences resolve to buildings, floor ranges, listed units and all
//! units, placeholders are filled per page and language, drafts only are edited (row
//! versions), issuing is idempotent and refused when it must be, who may do what,
//! deliveries recorded by whom and when, the PDF's pages read back per language, and the
//! demo's notice.

use chrono::Duration;
use steward_core::api::run;
use steward_core::domain::*;
use steward_core::entities::{building, customer, notice_delivery, occupancy, property, unit};
use steward_core::notices::deliveries::{NoticeDeliveryQuery, NoticeDeliveryRow, NoticeMarkDelivered};
use steward_core::notices::notice::{
    NoticeDetail, NoticeEdit, NoticeGet, NoticeInput, NoticeQuery, NoticeSetStatus, NoticeTextInput,
};
use steward_core::notices::print::NoticePrint;
use steward_core::sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, NotSet, QueryFilter, Set};
use steward_core::{Cx, Error};
use steward_migrations::m20261128_000011_notices as migration;

use crate::common::{Ctx, ctx};

struct Office {
    c: Ctx,
    manager: String,
    desk: String,
    engineer: String,
    tower_a: i32,
    tower_b: i32,
    /// Units by label ("A 0101").
    units: std::collections::HashMap<String, i32>,
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

/// Two towers: A with floors 1–3, two units a floor; B with one unit on floors 1–2.
/// Recipients: A 0101 a Korean tenant (and a Chinese owner), A 0102 a Chinese owner,
/// A 0201 a Japanese occupant (and a Chinese owner), A 0202 a Chinese owner (an English
/// tenant who has left), A 0301 nobody, A 0302 a Korean owner, B 0101 an English tenant.
async fn office() -> Office {
    let c = ctx().await;
    let manager = c.manager(false).await;
    let desk = c.staff(&manager, "desk1", Role::Desk, Department::CustomerService).await;
    let engineer = c.staff(&manager, "eng1", Role::Department, Department::Engineering).await;
    let db = &c.core.db.clone();
    let now = c.now;
    let p = property::ActiveModel {
        id: NotSet,
        name: Set("莲花花园".into()),
        address: Set(String::new()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .unwrap();
    let mut units = std::collections::HashMap::new();
    let mut towers = Vec::new();
    for (code, floors, per_floor) in [("A", 3, 2), ("B", 2, 1)] {
        let b = building::ActiveModel {
            id: NotSet,
            property_id: Set(p.id),
            code: Set(code.into()),
            name: Set(code.into()),
            floors: Set(floors),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await
        .unwrap();
        towers.push(b.id);
        for floor in 1..=floors {
            for n in 1..=per_floor {
                let number = format!("{floor:02}{n:02}");
                let u = unit::ActiveModel {
                    id: NotSet,
                    building_id: Set(b.id),
                    number: Set(number.clone()),
                    floor: Set(floor),
                    area_centi_m2: Set(9000),
                    use_kind: Set(UnitUse::Residential),
                    status: Set(UnitStatus::Occupied),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
                .insert(db)
                .await
                .unwrap();
                units.insert(format!("{code} {number}"), u.id);
            }
        }
    }
    let o = Office { c, manager, desk, engineer, tower_a: towers[0], tower_b: towers[1], units };
    let today = o.c.now.date_naive();
    for (name, latin, language, unit, role, ended) in [
        ("김민준", Some("Kim Min-jun"), "ko", "A 0101", OccupancyRole::Tenant, false),
        ("王建国", None, "zh-CN", "A 0101", OccupancyRole::Owner, false),
        ("李秀英", None, "zh-CN", "A 0102", OccupancyRole::Owner, false),
        ("田中花子", Some("Tanaka Hanako"), "ja", "A 0201", OccupancyRole::Occupant, false),
        ("赵丽", None, "zh-CN", "A 0201", OccupancyRole::Owner, false),
        ("John Smith", Some("John Smith"), "en", "A 0202", OccupancyRole::Tenant, true),
        ("陈伟", None, "zh-CN", "A 0202", OccupancyRole::Owner, false),
        ("박서연", Some("Park Seo-yeon"), "ko", "A 0302", OccupancyRole::Owner, false),
        ("Emma Brown", Some("Emma Brown"), "en", "B 0101", OccupancyRole::Tenant, false),
    ] {
        let cust = customer::ActiveModel {
            id: NotSet,
            kind: Set(CustomerKind::Person),
            name: Set(name.into()),
            name_latin: Set(latin.map(str::to_owned)),
            sort_key: Set(name.into()),
            phones: Set("[]".into()),
            email: Set(None),
            nationality: Set(None),
            preferred_language: Set(language.into()),
            vip: Set(false),
            id_document_kind: Set(None),
            id_document_number: Set(None),
            notes: Set(String::new()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await
        .unwrap();
        occupancy::ActiveModel {
            id: NotSet,
            customer_id: Set(cust.id),
            unit_id: Set(o.units[unit]),
            role: Set(role),
            start_date: Set(today - Duration::days(400)),
            end_date: Set(ended.then(|| today - Duration::days(10))),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await
        .unwrap();
    }
    o
}

fn text(language: &str, title: &str, body: &str) -> NoticeTextInput {
    NoticeTextInput { language: language.into(), title: title.into(), body: body.into() }
}

impl Office {
    fn cx(&self, token: &str) -> Cx {
        self.c.cx(Some(token))
    }

    fn unit(&self, label: &str) -> i32 {
        self.units[label]
    }

    /// A water cut in Chinese and Korean for tower A on 3 December 2026.
    fn water_cut(&self) -> NoticeInput {
        NoticeInput {
            kind: NoticeKind::WaterCut,
            default_language: "zh-CN".into(),
            event_date: Some("2026-12-03".into()),
            event_end: None,
            audience: NoticeAudience::Building,
            building_id: Some(self.tower_a),
            floor_from: None,
            floor_to: None,
            unit_ids: vec![],
            texts: vec![
                text("zh-CN", "停水通知", "尊敬的{name}：{unit}将于{date}停水，请提前储水。"),
                text("ko", "단수 안내", "{name}님, {unit}은(는) {date}에 단수됩니다. 미리 물을 받아 두십시오."),
            ],
        }
    }

    async fn create(&self, input: NoticeInput) -> NoticeDetail {
        run::notice_create(self.cx(&self.manager), input).await.expect("notice written")
    }

    async fn issue(&self, d: &NoticeDetail) -> NoticeDetail {
        run::notice_issue(self.cx(&self.manager), NoticeSetStatus { id: d.row.id, version: d.row.version })
            .await
            .expect("notice issued")
    }

    async fn deliveries(&self, id: i32) -> Vec<NoticeDeliveryRow> {
        run::notice_delivery_list(
            self.cx(&self.desk),
            NoticeDeliveryQuery { notice_id: id, delivered: None, building_id: None, page: 1, page_size: 100 },
        )
        .await
        .expect("deliveries")
        .items
    }
}

#[tokio::test]
async fn the_notice_vocabularies_agree_with_the_schema() {
    assert_eq!(NoticeKind::ALL, migration::NOTICE_KINDS);
    assert_eq!(NoticeStatus::ALL, migration::NOTICE_STATUSES);
    assert_eq!(NoticeAudience::ALL, migration::NOTICE_AUDIENCES);
}

#[tokio::test]
async fn issuing_gives_each_unit_its_recipients_language_with_the_fall_back_flagged() {
    let o = office().await;
    let d = o.create(o.water_cut()).await;
    assert_eq!(d.row.status, NoticeStatus::Draft);
    assert_eq!(d.row.languages, vec!["zh-CN", "ko"]);
    assert!(d.missing.contains(&"en".to_owned()) && d.missing.contains(&"ja".to_owned()), "{:?}", d.missing);
    assert!(!d.missing.contains(&"ko".to_owned()));
    let issued = o.issue(&d).await;
    assert_eq!(issued.row.status, NoticeStatus::Issued);
    assert_eq!((issued.row.deliveries, issued.row.delivered, issued.fell_back), (6, 0, 1));
    let rows = o.deliveries(d.row.id).await;
    type Fanned<'a> = (&'a str, Option<&'a str>, Option<OccupancyRole>, &'a str, bool);
    let got: Vec<Fanned> = rows
        .iter()
        .map(|r| {
            (r.unit_label.as_str(), r.customer_name.as_deref(), r.recipient_role, r.language.as_str(), r.fell_back)
        })
        .collect();
    use OccupancyRole::*;
    assert_eq!(
        got,
        vec![
            ("A 0101", Some("김민준"), Some(Tenant), "ko", false),
            ("A 0102", Some("李秀英"), Some(Owner), "zh-CN", false),
            ("A 0201", Some("田中花子"), Some(Occupant), "zh-CN", true),
            ("A 0202", Some("陈伟"), Some(Owner), "zh-CN", false),
            ("A 0301", None, None, "zh-CN", false),
            ("A 0302", Some("박서연"), Some(Owner), "ko", false),
        ]
    );
    // The list is as issued: a tenant moving out afterwards changes nothing.
    occupancy::Entity::update_many()
        .col_expr(occupancy::Column::EndDate, steward_core::sea_orm::sea_query::Expr::value(o.c.now.date_naive()))
        .filter(occupancy::Column::UnitId.eq(o.unit("A 0101")))
        .exec(&o.c.core.db)
        .await
        .unwrap();
    assert_eq!(o.deliveries(d.row.id).await[0].customer_name.as_deref(), Some("김민준"));
}

#[tokio::test]
async fn audiences_resolve_to_buildings_floor_ranges_listed_units_and_all() {
    let o = office().await;
    let count = |audience, building_id, floors: Option<(i32, i32)>, unit_ids: Vec<i32>| {
        let mut i = o.water_cut();
        i.audience = audience;
        i.building_id = building_id;
        i.floor_from = floors.map(|f| f.0);
        i.floor_to = floors.map(|f| f.1);
        i.unit_ids = unit_ids;
        issued_units(&o, i)
    };
    assert_eq!(count(NoticeAudience::All, None, None, vec![]).await.len(), 8);
    assert_eq!(count(NoticeAudience::Building, Some(o.tower_b), None, vec![]).await, vec!["B 0101", "B 0201"]);
    assert_eq!(
        count(NoticeAudience::Floors, Some(o.tower_a), Some((2, 3)), vec![]).await,
        vec!["A 0201", "A 0202", "A 0301", "A 0302"]
    );
    let listed = vec![o.unit("B 0101"), o.unit("A 0102"), o.unit("B 0101")];
    let d = o
        .create({
            let mut i = o.water_cut();
            i.audience = NoticeAudience::Units;
            i.unit_ids = listed.clone();
            i
        })
        .await;
    assert_eq!(d.row.unit_count, 2);
    assert_eq!(d.units.iter().map(|u| u.unit_label.as_str()).collect::<Vec<_>>(), vec!["A 0102", "B 0101"]);
    assert_eq!(count(NoticeAudience::Units, None, None, listed).await, vec!["A 0102", "B 0101"]);
    // Ill-formed audiences are refused at save.
    let mut bad = o.water_cut();
    bad.audience = NoticeAudience::Floors;
    bad.floor_from = Some(3);
    bad.floor_to = Some(2);
    assert_eq!(
        fields(run::notice_create(o.cx(&o.manager), bad).await),
        vec![pair("floor_to", "validation.floor_range")]
    );
    let mut bad = o.water_cut();
    bad.building_id = Some(99_999);
    assert_eq!(
        fields(run::notice_create(o.cx(&o.manager), bad).await),
        vec![pair("building_id", "validation.not_found")]
    );
    let mut bad = o.water_cut();
    bad.audience = NoticeAudience::Units;
    bad.unit_ids = vec![99_999];
    assert_eq!(fields(run::notice_create(o.cx(&o.manager), bad).await), vec![pair("unit_ids", "validation.not_found")]);
    // Floors with no units: nothing to issue to.
    let mut empty = o.water_cut();
    empty.audience = NoticeAudience::Floors;
    empty.floor_from = Some(10);
    empty.floor_to = Some(12);
    let d = o.create(empty).await;
    let r = run::notice_issue(o.cx(&o.manager), NoticeSetStatus { id: d.row.id, version: d.row.version }).await;
    assert_eq!(fields(r), vec![pair("audience", "validation.notice_no_units")]);
}

async fn issued_units(o: &Office, i: NoticeInput) -> Vec<String> {
    let d = o.create(i).await;
    let issued = o.issue(&d).await;
    o.deliveries(issued.row.id).await.into_iter().map(|r| r.unit_label).collect()
}

#[tokio::test]
async fn texts_are_checked_at_save() {
    let o = office().await;
    let mut i = o.water_cut();
    i.texts[1].body = "{name}님, {room} 단수".into();
    assert_eq!(
        fields(run::notice_create(o.cx(&o.manager), i).await),
        vec![pair("texts.1.body", "validation.notice_placeholder")]
    );
    let mut i = o.water_cut();
    i.event_date = None;
    let got = fields(run::notice_create(o.cx(&o.manager), i).await);
    assert!(got.contains(&pair("texts.0.body", "validation.notice_placeholder_date")), "{got:?}");
    let mut i = o.water_cut();
    i.default_language = "en".into();
    assert_eq!(
        fields(run::notice_create(o.cx(&o.manager), i).await),
        vec![pair("default_language", "validation.notice_default_text")]
    );
    let mut i = o.water_cut();
    i.texts.push(text("xx", "t", "b"));
    assert_eq!(
        fields(run::notice_create(o.cx(&o.manager), i).await),
        vec![pair("texts.2.language", "validation.language")]
    );
    let mut i = o.water_cut();
    i.texts[1].language = "zh-CN".into();
    let got = fields(run::notice_create(o.cx(&o.manager), i).await);
    assert!(got.contains(&pair("texts.0.language", "validation.language_twice")), "{got:?}");
}

#[tokio::test]
async fn only_drafts_are_edited_and_issuing_is_idempotent() {
    let o = office().await;
    let d = o.create(o.water_cut()).await;
    let mut input = o.water_cut();
    input.texts[0].title = "停水通知（更正）".into();
    let edited =
        run::notice_edit(o.cx(&o.manager), NoticeEdit { id: d.row.id, version: d.row.version, notice: input.clone() })
            .await
            .expect("draft edited");
    assert_eq!(edited.row.version, d.row.version + 1);
    assert!(!edited.history.is_empty());
    // An edit from the old version is a conflict.
    let stale =
        run::notice_edit(o.cx(&o.manager), NoticeEdit { id: d.row.id, version: d.row.version, notice: input.clone() })
            .await;
    assert!(matches!(stale, Err(Error::Conflict)), "{stale:?}");
    let stale_issue =
        run::notice_issue(o.cx(&o.manager), NoticeSetStatus { id: d.row.id, version: d.row.version }).await;
    assert!(matches!(stale_issue, Err(Error::Conflict)), "{stale_issue:?}");
    let issued = o.issue(&edited).await;
    // Issuing again (a double click) changes nothing.
    let again = o.issue(&edited).await;
    assert_eq!((again.row.version, again.row.deliveries), (issued.row.version, 6));
    assert_eq!(
        notice_delivery::Entity::find()
            .filter(notice_delivery::Column::NoticeId.eq(d.row.id))
            .all(&o.c.core.db)
            .await
            .unwrap()
            .len(),
        6
    );
    // An issued notice's text is fixed.
    let r = run::notice_edit(o.cx(&o.manager), NoticeEdit { id: d.row.id, version: issued.row.version, notice: input })
        .await;
    assert_eq!(fields(r), vec![pair("status", "validation.notice_not_draft")]);
    let withdrawn =
        run::notice_withdraw(o.cx(&o.manager), NoticeSetStatus { id: d.row.id, version: issued.row.version })
            .await
            .expect("withdrawn");
    assert_eq!(withdrawn.row.status, NoticeStatus::Withdrawn);
    assert_eq!(withdrawn.row.deliveries, 6, "the delivery list stays as a record");
    let r = run::notice_issue(o.cx(&o.manager), NoticeSetStatus { id: d.row.id, version: withdrawn.row.version }).await;
    assert_eq!(fields(r), vec![pair("status", "validation.notice_not_draft")]);
    let listed = run::notice_list(
        o.cx(&o.desk),
        NoticeQuery { status: Some(NoticeStatus::Withdrawn), kind: None, page: 1, page_size: 10 },
    )
    .await
    .unwrap();
    assert_eq!(listed.items.iter().map(|r| r.id).collect::<Vec<_>>(), vec![d.row.id]);
}

#[tokio::test]
async fn the_desk_reads_and_delivers_but_does_not_write() {
    let o = office().await;
    let forbidden = |r: Result<(), Error>| matches!(r, Err(Error::Forbidden(_)));
    assert!(forbidden(run::notice_create(o.cx(&o.desk), o.water_cut()).await.map(|_| ())));
    assert!(forbidden(
        run::notice_list(o.cx(&o.engineer), NoticeQuery { status: None, kind: None, page: 1, page_size: 10 })
            .await
            .map(|_| ())
    ));
    let d = o.create(o.water_cut()).await;
    assert!(forbidden(
        run::notice_issue(o.cx(&o.desk), NoticeSetStatus { id: d.row.id, version: d.row.version }).await.map(|_| ())
    ));
    assert!(forbidden(
        run::notice_edit(o.cx(&o.desk), NoticeEdit { id: d.row.id, version: d.row.version, notice: o.water_cut() })
            .await
            .map(|_| ())
    ));
    assert!(run::notice_get(o.cx(&o.desk), NoticeGet { id: d.row.id }).await.is_ok());
    // Deliveries are recorded only once issued.
    let mark =
        |ids: Vec<i32>, delivered: bool| NoticeMarkDelivered { notice_id: d.row.id, delivery_ids: ids, delivered };
    assert_eq!(
        fields(run::notice_mark_delivered(o.cx(&o.desk), mark(vec![1], true)).await),
        vec![pair("notice_id", "validation.notice_not_issued")]
    );
    o.issue(&d).await;
    let rows = o.deliveries(d.row.id).await;
    let two: Vec<i32> = rows.iter().take(2).map(|r| r.id).collect();
    assert!(forbidden(run::notice_mark_delivered(o.cx(&o.engineer), mark(two.clone(), true)).await.map(|_| ())));
    let at = o.c.now + Duration::hours(3);
    let desk_at = o.c.core.cx(crate::common::session(Some(&o.desk)), at);
    assert_eq!(run::notice_mark_delivered(desk_at, mark(two.clone(), true)).await.unwrap().changed, 2);
    // Marking again keeps the first who and when.
    assert_eq!(run::notice_mark_delivered(o.cx(&o.manager), mark(two.clone(), true)).await.unwrap().changed, 0);
    let rows = o.deliveries(d.row.id).await;
    assert_eq!(rows[0].delivered_by_name.as_deref(), Some("desk1"));
    assert_eq!(rows[0].delivered_at.as_deref(), Some(at.to_rfc3339().as_str()));
    assert!(rows[2].delivered_at.is_none());
    // The delivered customer's timeline says so, once.
    let customer_id = rows[0].customer_id.expect("a recipient");
    let timeline = run::contact_list(
        o.cx(&o.desk),
        steward_core::directory::contacts::ContactQuery {
            customer_id,
            kind: Some(steward_core::domain::ContactKind::Notice),
            page: 1,
            page_size: 10,
        },
    )
    .await
    .unwrap();
    assert_eq!(timeline.total, 1, "{:?}", timeline.items);
    assert_eq!(timeline.items[0].staff_name, "desk1");
    assert_eq!(timeline.items[0].at, at.to_rfc3339());
    assert!(!timeline.items[0].summary.is_empty());
    let only = |delivered| NoticeDeliveryQuery {
        notice_id: d.row.id,
        delivered: Some(delivered),
        building_id: None,
        page: 1,
        page_size: 10,
    };
    assert_eq!(run::notice_delivery_list(o.cx(&o.desk), only(true)).await.unwrap().total, 2);
    assert_eq!(run::notice_delivery_list(o.cx(&o.desk), only(false)).await.unwrap().total, 4);
    let in_b = NoticeDeliveryQuery {
        notice_id: d.row.id,
        delivered: None,
        building_id: Some(o.tower_b),
        page: 1,
        page_size: 10,
    };
    assert_eq!(run::notice_delivery_list(o.cx(&o.desk), in_b).await.unwrap().total, 0);
    // A mistake is undone.
    assert_eq!(run::notice_mark_delivered(o.cx(&o.desk), mark(vec![two[1]], false)).await.unwrap().changed, 1);
    assert_eq!(run::notice_get(o.cx(&o.desk), NoticeGet { id: d.row.id }).await.unwrap().row.delivered, 1);
}

fn pdf_pages(o: &Office, name: &str, base64: &str) -> Option<Vec<String>> {
    if std::process::Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("SKIPPED: pdftotext (Debian package poppler-utils) is not installed");
        return None;
    }
    let bytes = steward_core::desk::attachments::base64_decode(base64).expect("base64");
    let path = o.c.dir.join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).expect("write");
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    Some(text.split('\u{c}').filter(|p| !p.trim().is_empty()).map(str::to_owned).collect())
}

#[tokio::test]
async fn the_pdf_has_one_page_per_unit_in_its_language_with_placeholders_filled() {
    let o = office().await;
    let d = o.create(o.water_cut()).await;
    let draft = run::notice_pdf(o.cx(&o.desk), NoticePrint { id: d.row.id, delivery_ids: vec![] }).await;
    assert_eq!(fields(draft), vec![pair("id", "validation.notice_not_issued")]);
    o.issue(&d).await;
    let doc = run::notice_pdf(o.cx(&o.desk), NoticePrint { id: d.row.id, delivery_ids: vec![] }).await.expect("pdf");
    assert_eq!(doc.mime, "application/pdf");
    assert!(doc.base64.starts_with("JVBERi0"), "a PDF");
    let Some(pages) = pdf_pages(&o, "notice-all", &doc.base64) else { return };
    assert_eq!(pages.len(), 6, "{pages:#?}");
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    // A 0101: the Korean tenant's page is Korean, their name and the date as Koreans write it.
    let kim = squash(&pages[0]);
    assert!(kim.contains("단수안내") && kim.contains("김민준님,A0101은(는)2026.12.3.에단수됩니다"), "{kim}");
    assert!(!kim.contains("停水"), "{kim}");
    // A 0102: the Chinese owner's page is Chinese.
    let li = squash(&pages[1]);
    assert!(li.contains("停水通知") && li.contains("尊敬的李秀英：A0102将于2026年12月3日停水"), "{li}");
    assert!(!li.contains("단수"), "{li}");
    assert!(li.contains("莲花花园"), "the office's name heads the page: {li}");
    // A 0201: the Japanese occupant falls back to Chinese; A 0301 (nobody) is addressed generically.
    assert!(squash(&pages[2]).contains("尊敬的田中花子"), "{}", pages[2]);
    assert!(squash(&pages[5]).contains("박서연님,A0302"), "{}", pages[5]);
    // A reprint of one unit.
    let rows = o.deliveries(d.row.id).await;
    let one =
        run::notice_pdf(o.cx(&o.desk), NoticePrint { id: d.row.id, delivery_ids: vec![rows[5].id] }).await.unwrap();
    let pages = pdf_pages(&o, "notice-one", &one.base64).unwrap();
    assert_eq!(pages.len(), 1);
    assert!(squash(&pages[0]).contains("단수안내"));
}

#[tokio::test]
async fn the_demo_has_an_issued_water_cut_with_some_deliveries() {
    let c = ctx().await;
    let manager = c.manager(true).await;
    let list = run::notice_list(
        c.cx(Some(&manager)),
        NoticeQuery { status: Some(NoticeStatus::Issued), kind: None, page: 1, page_size: 10 },
    )
    .await
    .unwrap();
    let n = list.items.iter().find(|n| n.kind == NoticeKind::WaterCut).expect("a demo water cut");
    assert!(n.languages.contains(&"zh-CN".to_owned()) && n.languages.contains(&"en".to_owned()), "{:?}", n.languages);
    assert!(n.deliveries > 50 && n.delivered > 0 && n.delivered < n.deliveries, "{n:?}");
}
