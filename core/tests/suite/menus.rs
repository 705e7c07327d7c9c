//! The service catalog on SQLite and PostgreSQL: services named per language, the list
//! filtered and paged in the database, versioned edits with history, deactivation,
//! prices over time (a later price leaves today's alone; one price per date), the
//! currency setting, who may read and who may write, and the demo catalog.

use serde_json::json;
use steward_core::api::{dispatch, run};
use steward_core::domain::*;
use steward_core::menus::catalog::{
    CatalogCreate, CatalogDetail, CatalogEdit, CatalogGet, CatalogInput, CatalogPriceOn, CatalogPriceSet, CatalogQuery,
    CatalogSetActive, NewPrice, ServiceText,
};
use steward_core::menus::settings::CatalogSettings;
use steward_core::sea_orm::Iterable;
use steward_core::{Cx, Error, ErrorCode, Session};
use steward_migrations::m20261127_000006_service_menus as migration;

use crate::common::{Ctx, ctx, session};

struct Office {
    c: Ctx,
    manager: String,
    desk: String,
    cleaner: String,
}

async fn office() -> Office {
    let c = ctx().await;
    let manager = c.manager(false).await;
    let desk = c.staff(&manager, "desk1", Role::Desk, Department::CustomerService).await;
    let cleaner = c.staff(&manager, "clean1", Role::Department, Department::Cleaning).await;
    Office { c, manager, desk, cleaner }
}

impl Office {
    fn cx(&self, token: &str) -> Cx {
        self.c.cx(Some(token))
    }
}

fn text(language: &str, name: &str) -> ServiceText {
    ServiceText { language: language.into(), name: name.into(), description: format!("{name}.") }
}

fn input(texts: Vec<ServiceText>, unit: ServiceUnit, tax_rate: Option<&str>) -> CatalogInput {
    CatalogInput { texts, department: Department::Cleaning, unit, tax_rate: tax_rate.map(str::to_owned) }
}

fn price(amount: &str, from: &str) -> NewPrice {
    NewPrice { amount: amount.into(), effective_from: from.into() }
}

async fn cleaning(o: &Office) -> CatalogDetail {
    let service =
        input(vec![text("zh-CN", "入室保洁"), text("en", "In-home cleaning")], ServiceUnit::PerHour, Some("6"));
    run::catalog_create(o.cx(&o.manager), CatalogCreate { service, price: Some(price("60", "2026-09-01")) })
        .await
        .expect("create cleaning")
}

fn query() -> CatalogQuery {
    CatalogQuery { search: None, department: None, unit: None, include_inactive: false, page: 1, page_size: 50 }
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

#[tokio::test]
async fn the_unit_vocabulary_agrees_with_the_schema_and_the_catalog() {
    let units: Vec<&str> = ServiceUnit::iter().map(ServiceUnit::as_str).collect();
    assert_eq!(units, migration::SERVICE_UNITS);
    for file in ["en", "zh-CN"] {
        let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../locales/{file}.json"));
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("catalog")).expect("json");
        for u in &units {
            assert!(json["enum"]["service_unit"][u].is_string(), "{file}: enum.service_unit.{u}");
        }
        for field in ["department", "unit", "tax_rate", "active", "price"] {
            assert!(json["history"]["catalog_service"][field].is_string(), "{file}: history.catalog_service.{field}");
        }
        for l in CUSTOMER_LANGUAGES {
            assert!(json["history"]["catalog_service"]["name"][l].is_string(), "{file}: name.{l}");
            assert!(json["history"]["catalog_service"]["description"][l].is_string(), "{file}: description.{l}");
        }
    }
}

#[tokio::test]
async fn a_service_is_created_named_per_language_and_read_back() {
    let o = office().await;
    let d = cleaning(&o).await;
    assert_eq!(d.version, 1);
    assert_eq!(d.name, "In-home cleaning", "the caller reads English");
    assert_eq!(d.texts.iter().map(|t| t.language.as_str()).collect::<Vec<_>>(), ["zh-CN", "en"]);
    assert_eq!(d.missing_languages, ["ja", "ko"]);
    assert_eq!(d.tax_rate.as_deref(), Some("6"));
    assert!(d.active);
    let p = d.price.as_ref().expect("priced today");
    assert_eq!((p.amount.as_str(), p.amount_cents, p.currency.as_str()), ("60.00", 6000, "CNY"));
    assert_eq!(p.effective_from, "2026-09-01");
    assert!(d.upcoming.is_empty());
    assert_eq!(d.history.len(), 1);
    assert_eq!(d.history[0].action, ChangeAction::Create);
    let fields: Vec<&str> = d.history[0].changes.iter().map(|c| c.field.as_str()).collect();
    for f in ["department", "unit", "tax_rate", "name.zh-CN", "name.en", "description.en", "price"] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }

    // A Chinese-speaking caller sees the Chinese name; a Korean one the first there is.
    let as_reader = |locale: &str| o.c.core.cx(Session { locale: locale.into(), ..session(Some(&o.desk)) }, o.c.now);
    let zh = as_reader("zh-CN");
    assert_eq!(run::catalog_get(zh, CatalogGet { id: d.id }).await.expect("get").name, "入室保洁");
    let ko = as_reader("ko");
    assert_eq!(run::catalog_get(ko, CatalogGet { id: d.id }).await.expect("get").name, "入室保洁");

    // A language with nothing typed is left out, not refused; a service without a price has none.
    let mut texts = vec![text("en", "Car washing")];
    texts.push(ServiceText { language: "ja".into(), name: " ".into(), description: String::new() });
    let service = CatalogInput { department: Department::Cleaning, ..input(texts, ServiceUnit::PerVisit, None) };
    let car = run::catalog_create(o.cx(&o.manager), CatalogCreate { service, price: None }).await.expect("car");
    assert_eq!(car.missing_languages, ["zh-CN", "ja", "ko"]);
    assert_eq!(car.name, "Car washing");
    assert!(car.price.is_none() && car.tax_rate.is_none());
    assert!(matches!(run::catalog_get(o.cx(&o.desk), CatalogGet { id: 9999 }).await, Err(Error::NotFound)));
}

#[tokio::test]
async fn invalid_services_and_prices_name_every_field() {
    let o = office().await;
    let bad = CatalogInput {
        texts: vec![
            text("zh-CN", "保洁"),
            text("zh-CN", "又是保洁"),
            text("fr", "Nettoyage"),
            ServiceText { language: "en".into(), name: String::new(), description: "Only a description".into() },
            text("ko", &"가".repeat(201)),
        ],
        department: Department::CustomerService,
        unit: ServiceUnit::PerHour,
        tax_rate: Some("6.125".into()),
    };
    let r = run::catalog_create(
        o.cx(&o.manager),
        CatalogCreate { service: bad, price: Some(price("12.345", "2026-02-30")) },
    )
    .await;
    assert_eq!(
        fields(r),
        [
            pair("department", "validation.department_not_operational"),
            pair("price.amount", "validation.money"),
            pair("price.effective_from", "validation.date"),
            pair("tax_rate", "validation.tax_rate"),
            pair("texts.1.language", "validation.language_twice"),
            pair("texts.2.language", "validation.language"),
            pair("texts.3.name", "validation.required"),
            pair("texts.4.name", "validation.too_long"),
        ]
    );
    let empty = input(vec![], ServiceUnit::PerHour, None);
    assert_eq!(
        fields(run::catalog_create(o.cx(&o.manager), CatalogCreate { service: empty, price: None }).await),
        [pair("texts", "validation.required")]
    );
    for rate in ["-1", "100.01", "six"] {
        let service = input(vec![text("en", "X")], ServiceUnit::PerHour, Some(rate));
        let r = run::catalog_create(o.cx(&o.manager), CatalogCreate { service, price: None }).await;
        assert_eq!(fields(r), [pair("tax_rate", "validation.tax_rate")], "{rate}");
    }
    for amount in ["-5", "1,5", "", "1e3"] {
        let service = input(vec![text("en", "X")], ServiceUnit::PerHour, None);
        let r =
            run::catalog_create(o.cx(&o.manager), CatalogCreate { service, price: Some(price(amount, "2026-01-01")) })
                .await;
        assert_eq!(fields(r), [pair("price.amount", "validation.money")], "{amount:?}");
    }

    // Through the one door: code `validation`, the message and the fields for the form.
    let input = json!({
        "service": { "texts": [], "department": "cleaning", "unit": "per_hour", "tax_rate": "200" },
        "price": null
    });
    let e =
        dispatch(&o.c.core, "catalog_create", session(Some(&o.manager)), input, o.c.now).await.expect_err("refused");
    assert_eq!(e.code, ErrorCode::Validation);
    let f = e.fields.expect("fields");
    assert_eq!(f.get("tax_rate").map(String::as_str), Some("validation.tax_rate"));
    assert_eq!(f.get("texts").map(String::as_str), Some("validation.required"));
    let bad_unit = json!({ "service": { "texts": [], "department": "cleaning", "unit": "per_year", "tax_rate": null }, "price": null });
    let e = dispatch(&o.c.core, "catalog_create", session(Some(&o.manager)), bad_unit, o.c.now).await.expect_err("bad");
    assert_eq!(e.fields.expect("fields").get("service.unit").map(String::as_str), Some("validation.malformed"));
}

#[tokio::test]
async fn edits_are_versioned_and_recorded() {
    let o = office().await;
    let d = cleaning(&o).await;
    let edit = |version: i32, texts: Vec<ServiceText>, tax: Option<&str>| CatalogEdit {
        id: d.id,
        version,
        service: CatalogInput { department: Department::Cleaning, ..input(texts, ServiceUnit::PerVisit, tax) },
    };
    let texts = vec![text("zh-CN", "入室保洁"), text("en", "Home cleaning"), text("ja", "ハウスクリーニング")];
    let e = run::catalog_edit(o.cx(&o.manager), edit(1, texts.clone(), Some("5.5"))).await.expect("edit");
    assert_eq!(e.version, 2);
    assert_eq!(e.name, "Home cleaning");
    assert_eq!(e.unit, ServiceUnit::PerVisit);
    assert_eq!(e.tax_rate.as_deref(), Some("5.5"));
    assert_eq!(e.missing_languages, ["ko"]);
    assert_eq!(e.history.len(), 2);
    let changes = &e.history[0].changes;
    let change = |f: &str| changes.iter().find(|c| c.field == f).map(|c| (c.old.clone(), c.new.clone()));
    assert_eq!(change("unit"), Some((Some("per_hour".into()), Some("per_visit".into()))));
    assert_eq!(change("tax_rate"), Some((Some("6".into()), Some("5.5".into()))));
    assert_eq!(change("name.en"), Some((Some("In-home cleaning".into()), Some("Home cleaning".into()))));
    assert_eq!(change("name.ja"), Some((None, Some("ハウスクリーニング".into()))));
    assert_eq!(change("name.zh-CN"), None, "unchanged fields are not listed");

    // Someone else's save in between: conflict, nothing written.
    let stale = run::catalog_edit(o.cx(&o.manager), edit(1, vec![text("en", "Stale")], None)).await;
    assert!(matches!(stale, Err(Error::Conflict)), "{stale:?}");
    // Dropping a language removes its text; no tax any more.
    let e = run::catalog_edit(o.cx(&o.manager), edit(2, vec![text("en", "Home cleaning")], None)).await.expect("edit");
    assert_eq!(e.texts.len(), 1);
    assert!(e.tax_rate.is_none());
    let changes = &e.history[0].changes;
    assert!(changes.iter().any(|c| c.field == "name.zh-CN" && c.new.is_none()), "{changes:?}");
    // Saving the same again writes no history entry.
    let again =
        run::catalog_edit(o.cx(&o.manager), edit(3, vec![text("en", "Home cleaning")], None)).await.expect("same");
    assert_eq!(again.history.len(), e.history.len());
    let gone = CatalogEdit { id: 9999, ..edit(1, vec![text("en", "X")], None) };
    assert!(matches!(run::catalog_edit(o.cx(&o.manager), gone).await, Err(Error::NotFound)));
}

#[tokio::test]
async fn prices_change_on_their_dates() {
    let o = office().await;
    let d = cleaning(&o).await;
    let on = |date: &str| CatalogPriceOn { id: d.id, date: date.into() };
    // A price from next month leaves today's alone.
    let set = CatalogPriceSet { id: d.id, version: d.version, price: price("65.5", "2026-12-01") };
    let d2 = run::catalog_price_set(o.cx(&o.manager), set).await.expect("next month's price");
    assert_eq!(d2.version, d.version + 1);
    assert_eq!(d2.price.as_ref().map(|p| p.amount.as_str()), Some("60.00"));
    assert_eq!(d2.upcoming.iter().map(|p| p.amount.as_str()).collect::<Vec<_>>(), ["65.50"]);
    assert_eq!(d2.prices.iter().map(|p| p.effective_from.as_str()).collect::<Vec<_>>(), ["2026-12-01", "2026-09-01"]);
    assert!(
        d2.history[0].changes.iter().any(|c| c.field == "price" && c.new.as_deref() == Some("65.50 CNY (2026-12-01)"))
    );

    for (date, expected) in [
        ("2026-08-31", None),
        ("2026-09-01", Some(6000)),
        ("2026-11-30", Some(6000)),
        ("2026-12-01", Some(6550)),
        ("2030-01-01", Some(6550)),
    ] {
        let p = run::catalog_price_on(o.cx(&o.desk), on(date)).await.expect("price on");
        assert_eq!(p.price.map(|p| p.amount_cents), expected, "{date}");
    }
    let r = run::catalog_price_on(o.cx(&o.desk), on("2026-13-01")).await;
    assert_eq!(fields(r), [pair("date", "validation.date")]);
    let missing = run::catalog_price_on(o.cx(&o.desk), CatalogPriceOn { id: 9999, date: "2026-01-01".into() }).await;
    assert!(matches!(missing, Err(Error::NotFound)));

    // One price per date; a stale version is a conflict; a past date corrects history.
    let twice = CatalogPriceSet { id: d.id, version: d2.version, price: price("70", "2026-12-01") };
    assert_eq!(
        fields(run::catalog_price_set(o.cx(&o.manager), twice).await),
        [pair("price.effective_from", "validation.price_date_taken")]
    );
    let stale = CatalogPriceSet { id: d.id, version: d.version, price: price("70", "2027-01-01") };
    assert!(matches!(run::catalog_price_set(o.cx(&o.manager), stale).await, Err(Error::Conflict)));
    let after_refusals = run::catalog_get(o.cx(&o.manager), CatalogGet { id: d.id }).await.expect("get");
    assert_eq!(after_refusals.version, d2.version, "refusals wrote nothing");
    assert_eq!(after_refusals.prices.len(), 2);
    let past = CatalogPriceSet { id: d.id, version: d2.version, price: price("58", "2026-11-01") };
    let d3 = run::catalog_price_set(o.cx(&o.manager), past).await.expect("a price from earlier this month");
    assert_eq!(d3.price.as_ref().map(|p| p.amount_cents), Some(5800));
    let p = run::catalog_price_on(o.cx(&o.desk), on("2026-10-31")).await.expect("price on");
    assert_eq!(p.price.map(|p| p.amount_cents), Some(6000), "earlier dates keep the older price");
}

#[tokio::test]
async fn the_currency_is_a_setting_and_each_price_keeps_its_own() {
    let o = office().await;
    let settings = run::catalog_settings_get(o.cx(&o.desk), ()).await.expect("settings");
    assert_eq!(settings.currency, "CNY");
    assert_eq!((settings.time_zone.as_str(), settings.schedule_days), ("Asia/Shanghai", 14));
    let d = cleaning(&o).await;
    let bad = CatalogSettings { currency: "yuan".into(), time_zone: "Mars/Olympus".into(), schedule_days: 0 };
    assert_eq!(
        fields(run::catalog_settings_save(o.cx(&o.manager), bad).await),
        [
            pair("currency", "validation.currency"),
            pair("schedule_days", "validation.schedule_days"),
            pair("time_zone", "validation.time_zone")
        ]
    );
    let good = CatalogSettings { currency: " hkd ".into(), time_zone: "Asia/Hong_Kong".into(), schedule_days: 21 };
    let saved = run::catalog_settings_save(o.cx(&o.manager), good).await.expect("save");
    assert_eq!(saved.currency, "HKD");
    assert_eq!((saved.time_zone.as_str(), saved.schedule_days), ("Asia/Hong_Kong", 21));
    let set = CatalogPriceSet { id: d.id, version: d.version, price: price("70", "2027-01-01") };
    let d = run::catalog_price_set(o.cx(&o.manager), set).await.expect("price");
    let currencies: Vec<&str> = d.prices.iter().map(|p| p.currency.as_str()).collect();
    assert_eq!(currencies, ["HKD", "CNY"]);
}

#[tokio::test]
async fn the_list_filters_searches_and_pages_in_the_database() {
    let o = office().await;
    let specs: [(&str, &str, Department, ServiceUnit); 5] = [
        ("入室保洁", "In-home cleaning", Department::Cleaning, ServiceUnit::PerHour),
        ("室内植物代养代换", "Indoor plant care", Department::Landscaping, ServiceUnit::PerMonth),
        ("洗衣取送", "Laundry pick-up", Department::Cleaning, ServiceUnit::PerItem),
        ("洗车", "Car washing", Department::Cleaning, ServiceUnit::PerVisit),
        ("快递送货上门", "Parcel delivery to the door", Department::Security, ServiceUnit::PerItem),
    ];
    let mut ids = Vec::new();
    for (zh, en, department, unit) in specs {
        let service = CatalogInput { department, ..input(vec![text("zh-CN", zh), text("en", en)], unit, None) };
        let d =
            run::catalog_create(o.cx(&o.manager), CatalogCreate { service, price: Some(price("10", "2026-01-01")) })
                .await
                .expect("create");
        ids.push((d.id, d.version));
    }
    let names = |p: &steward_core::page::Page<steward_core::menus::catalog::CatalogRow>| {
        p.items.iter().map(|r| r.name.clone()).collect::<Vec<_>>()
    };
    let all = run::catalog_list(o.cx(&o.desk), query()).await.expect("list");
    assert_eq!(all.total, 5);
    assert!(all.items.iter().all(|r| r.price.as_ref().is_some_and(|p| p.amount_cents == 1000)));
    assert!(all.items.iter().all(|r| r.missing_languages == ["ja", "ko"]));

    let cleaning = CatalogQuery { department: Some(Department::Cleaning), ..query() };
    assert_eq!(run::catalog_list(o.cx(&o.desk), cleaning).await.expect("list").total, 3);
    let per_item = CatalogQuery { unit: Some(ServiceUnit::PerItem), ..query() };
    assert_eq!(
        names(&run::catalog_list(o.cx(&o.desk), per_item).await.expect("list")),
        ["Laundry pick-up", "Parcel delivery to the door"]
    );
    for (search, expected) in
        [("洗", vec!["Laundry pick-up", "Car washing"]), ("WASH", vec!["Car washing"]), ("100%", vec![])]
    {
        let q = CatalogQuery { search: Some(search.into()), ..query() };
        assert_eq!(names(&run::catalog_list(o.cx(&o.desk), q).await.expect("list")), expected, "{search}");
    }
    let page2 = CatalogQuery { page: 2, page_size: 2, ..query() };
    let p = run::catalog_list(o.cx(&o.desk), page2).await.expect("page 2");
    assert_eq!((p.total, p.items.len()), (5, 2));
    assert_eq!(names(&p), ["Laundry pick-up", "Car washing"]);

    // A deactivated service leaves the list unless asked for, and comes back.
    let (id, version) = ids[3];
    let off = run::catalog_set_active(o.cx(&o.manager), CatalogSetActive { id, version, active: false })
        .await
        .expect("deactivate");
    assert!(!off.active);
    assert!(off.history[0].changes.iter().any(|c| c.field == "active" && c.new.as_deref() == Some("false")));
    assert_eq!(run::catalog_list(o.cx(&o.desk), query()).await.expect("list").total, 4);
    let with = CatalogQuery { include_inactive: true, ..query() };
    let listed = run::catalog_list(o.cx(&o.desk), with).await.expect("list");
    assert_eq!(listed.total, 5);
    assert_eq!(listed.items.last().map(|r| (r.id, r.active)), Some((id, false)), "inactive last");
    let stale = CatalogSetActive { id, version, active: true };
    assert!(matches!(run::catalog_set_active(o.cx(&o.manager), stale).await, Err(Error::Conflict)));
    let on = CatalogSetActive { id, version: off.version, active: true };
    assert!(run::catalog_set_active(o.cx(&o.manager), on).await.expect("reactivate").active);
}

#[tokio::test]
async fn the_desk_reads_the_catalog_and_only_managers_change_it() {
    let o = office().await;
    let d = cleaning(&o).await;
    let service = || input(vec![text("en", "X")], ServiceUnit::PerHour, None);
    assert!(run::catalog_list(o.cx(&o.desk), query()).await.is_ok());
    assert!(run::catalog_get(o.cx(&o.desk), CatalogGet { id: d.id }).await.is_ok());
    let refused = [
        run::catalog_create(o.cx(&o.desk), CatalogCreate { service: service(), price: None }).await.err(),
        run::catalog_edit(o.cx(&o.desk), CatalogEdit { id: d.id, version: d.version, service: service() }).await.err(),
        run::catalog_set_active(o.cx(&o.desk), CatalogSetActive { id: d.id, version: d.version, active: false })
            .await
            .err(),
        run::catalog_price_set(
            o.cx(&o.desk),
            CatalogPriceSet { id: d.id, version: d.version, price: price("1", "2027-01-01") },
        )
        .await
        .err(),
        run::catalog_settings_save(
            o.cx(&o.desk),
            CatalogSettings { currency: "USD".into(), time_zone: "Asia/Shanghai".into(), schedule_days: 14 },
        )
        .await
        .err(),
        run::catalog_list(o.cx(&o.cleaner), query()).await.err(),
        run::catalog_price_on(o.cx(&o.cleaner), CatalogPriceOn { id: d.id, date: "2026-11-27".into() }).await.err(),
    ];
    for (i, r) in refused.into_iter().enumerate() {
        assert!(matches!(r, Some(Error::Forbidden(_))), "{i}: {r:?}");
    }
    let unchanged = run::catalog_get(o.cx(&o.manager), CatalogGet { id: d.id }).await.expect("get");
    assert_eq!(unchanged.version, d.version);
}

#[tokio::test]
async fn the_demo_office_sells_five_services() {
    let c = ctx().await;
    let manager = c.manager(true).await;
    let list = run::catalog_list(c.cx(Some(&manager)), query()).await.expect("list");
    assert_eq!(
        list.items.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        [
            "In-home cleaning",
            "Indoor plant care and replacement",
            "Laundry pick-up",
            "Car washing",
            "Parcel delivery to the door"
        ]
    );
    assert!(list.items.iter().all(|r| r.missing_languages == ["ja", "ko"] && r.price.is_some()));
    let d = run::catalog_get(c.cx(Some(&manager)), CatalogGet { id: list.items[0].id }).await.expect("get");
    assert_eq!(d.texts[0].name, "入室保洁");
    assert_eq!(d.price.as_ref().map(|p| p.amount.as_str()), Some("60.00"));
    assert_eq!(
        d.upcoming.iter().map(|p| (p.amount.as_str(), p.effective_from.as_str())).collect::<Vec<_>>(),
        [("65.00", "2026-12-01")]
    );
}
