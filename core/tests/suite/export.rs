//! Export of lists to CSV and `.xlsx`: the rows the list shows with its filters (every
//! page), headers and vocabulary in the caller's language, CSV quoting and its BOM,
//! `.xlsx` read back with real numbers, and the list's own read permission. Runs on SQLite
//! and on PostgreSQL.

use std::io::Cursor;

use base64::Engine;
use calamine::{Data, Reader};
use serde_json::{Value, json};
use steward_core::api::run::{
    case_list, customer_create, import_commit, list_export, statement_list, unit_list, work_order_list,
};
use steward_core::desk::cases::CaseQuery;
use steward_core::desk::work_orders::WorkOrderQuery;
use steward_core::directory::customers::{CustomerInput, CustomerQuery};
use steward_core::directory::units::UnitQuery;
use steward_core::domain::{CaseStatus, CustomerKind, Department, ImportKind, Role};
use steward_core::entities::statement;
use steward_core::export::{ExportFormat, ListExport};
use steward_core::import::file::parse_csv;
use steward_core::import::{ImportCommit, ImportFile};
use steward_core::menus::statements::StatementQuery;
use steward_core::sea_orm::{ActiveModelTrait, Set};
use steward_core::{Error, ErrorCode, Session, api};

use crate::common::{Ctx, ctx, session};

/// A catalog entry as the locale files have it.
fn catalog(locale: &str, key: &str) -> String {
    let path = format!("{}/../locales/{locale}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).expect("catalog");
    let mut v: Value = serde_json::from_str(&text).expect("catalog json");
    for part in key.split('.') {
        v = v[part].take();
    }
    v.as_str().unwrap_or_else(|| panic!("{locale} has no {key}")).to_owned()
}

fn bytes_of(doc: &steward_core::desk::slip::Document) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD.decode(&doc.base64).expect("base64")
}

/// The CSV's rows, after checking its byte-order mark.
fn csv_rows(doc: &steward_core::desk::slip::Document) -> Vec<Vec<String>> {
    let bytes = bytes_of(doc);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    parse_csv(std::str::from_utf8(&bytes[3..]).expect("utf-8"))
}

fn xlsx_rows(doc: &steward_core::desk::slip::Document) -> Vec<Vec<Data>> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes_of(doc))).expect("xlsx opens");
    let name = book.sheet_names().first().cloned().expect("a sheet");
    let range = book.worksheet_range(&name).expect("sheet");
    range.rows().map(<[Data]>::to_vec).collect()
}

fn customers(language: Option<&str>) -> CustomerQuery {
    CustomerQuery { search: None, kind: None, language: language.map(Into::into), vip: None, page: 3, page_size: 7 }
}

/// 4,100 customers, every other one English-speaking, in one import (more than an export's chunk).
async fn many_customers(c: &Ctx, m: &str) {
    let mut csv = String::from("name,phone,language\n");
    for i in 0..4100 {
        let language = if i % 2 == 0 { "zh-CN" } else { "en" };
        csv.push_str(&format!("客户{i:04},1380000{i:04},{language}\n"));
    }
    let file = ImportFile {
        kind: ImportKind::Customers,
        file_name: "c.csv".into(),
        content_base64: base64::engine::general_purpose::STANDARD.encode(csv),
        mapping: Some(vec![Some("name".into()), Some("phone".into()), Some("language".into())]),
    };
    let r = import_commit(c.cx(Some(m)), ImportCommit { file, run: "many".into() }).await.expect("import");
    assert_eq!(r.created, 4100);
}

#[tokio::test]
async fn csv_has_every_filtered_row_with_translated_headers_and_quoting() {
    let c = ctx().await;
    let m = c.manager(false).await;
    many_customers(&c, &m).await;
    let tricky = CustomerInput {
        kind: CustomerKind::Company,
        name: "Smith, \"Jr\" & Sons".into(),
        name_latin: None,
        phones: vec!["13912345678".into()],
        email: None,
        nationality: Some("GB".into()),
        preferred_language: "en".into(),
        vip: true,
        id_document_kind: None,
        id_document_number: None,
        notes: String::new(),
    };
    customer_create(c.cx(Some(&m)), tricky).await.expect("customer");

    // English: 2,051 rows over two of the export's chunks; the page asked for is ignored.
    let doc =
        list_export(c.cx(Some(&m)), ListExport::Customers { query: customers(Some("en")), format: ExportFormat::Csv })
            .await
            .expect("export");
    assert_eq!(doc.file_name, "customers-2026-11-27.csv");
    assert_eq!(doc.mime, "text/csv");
    let rows = csv_rows(&doc);
    assert_eq!(rows[0][0], catalog("en", "customer.field.name"));
    assert_eq!(rows[0][3], catalog("en", "customers.phone"));
    assert_eq!(rows.len(), 1 + 2051, "the header and every English-speaking customer");
    assert!(rows[1..].iter().all(|r| r[4] == catalog("en", "language.en")));
    let smith = rows.iter().find(|r| r[0].starts_with("Smith")).expect("quoted name read back whole");
    assert_eq!(smith[0], "Smith, \"Jr\" & Sons");
    assert_eq!(smith[2], catalog("en", "enum.customer_kind.company"));
    assert_eq!(smith[3], "139****5678", "phones masked as in the list");
    assert_eq!(smith[6], catalog("en", "common.yes"));
    let text = String::from_utf8(bytes_of(&doc)).expect("utf-8");
    assert!(text.contains("\"Smith, \"\"Jr\"\" & Sons\""), "commas and quotes quoted");
    assert!(!text.contains("13912345678"), "never an unmasked phone");

    // The same list as a Chinese-speaking clerk sees it.
    let zh = Session { locale: "zh-CN".into(), ..session(Some(&m)) };
    let doc = list_export(
        c.core.cx(zh, c.now),
        ListExport::Customers { query: customers(Some("zh-CN")), format: ExportFormat::Csv },
    )
    .await
    .expect("export zh");
    let rows = csv_rows(&doc);
    assert_eq!(rows[0][0], catalog("zh-CN", "customer.field.name"));
    assert_eq!(rows[0][1], catalog("zh-CN", "customer.field.name_latin"));
    assert_eq!(rows.len(), 1 + 2050);
    assert_eq!(rows[1][0], "客户0000");
    assert_eq!(rows[1][2], catalog("zh-CN", "enum.customer_kind.person"));
    assert_eq!(rows[1][4], catalog("zh-CN", "language.zh-CN"));

    // No filter: all of them.
    let all = list_export(c.cx(Some(&m)), ListExport::Customers { query: customers(None), format: ExportFormat::Csv })
        .await
        .expect("all");
    assert_eq!(csv_rows(&all).len(), 1 + 4101);
}

#[tokio::test]
async fn xlsx_reads_back_with_real_numbers_and_the_list_filters() {
    let c = ctx().await;
    let m = c.manager(true).await;

    // Units: floors and areas are numbers.
    let q = UnitQuery {
        building_id: None,
        floor: None,
        use_kind: None,
        status: None,
        search: None,
        page: 1,
        page_size: 200,
    };
    let listed = unit_list(c.cx(Some(&m)), q.clone()).await.expect("units");
    let doc =
        list_export(c.cx(Some(&m)), ListExport::Units { query: q, format: ExportFormat::Xlsx }).await.expect("xlsx");
    assert!(doc.file_name.ends_with(".xlsx"));
    let rows = xlsx_rows(&doc);
    assert_eq!(rows.len(), 1 + listed.total as usize);
    assert_eq!(rows[0][0], Data::String(catalog("en", "units.building")));
    let first = &listed.items[0];
    assert_eq!(rows[1][1], Data::String(first.number.clone()));
    assert_eq!(rows[1][2], Data::Float(f64::from(first.floor)));
    let area: f64 = first.area_m2.parse().expect("area");
    assert_eq!(rows[1][3], Data::Float(area));
    assert_eq!(rows[1][4], Data::String(catalog("en", &format!("enum.unit_use.{}", first.use_kind.as_str()))));

    // Cases with a status filter: the same rows as the list, times as dates.
    let q = CaseQuery {
        search: None,
        kind: None,
        status: Some(CaseStatus::New),
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
        page_size: 200,
    };
    let listed = case_list(c.cx(Some(&m)), q.clone()).await.expect("cases");
    assert!(listed.total > 0);
    let doc =
        list_export(c.cx(Some(&m)), ListExport::Cases { query: q, format: ExportFormat::Xlsx }).await.expect("cases");
    let rows = xlsx_rows(&doc);
    assert_eq!(rows.len(), 1 + listed.total as usize);
    let numbers: Vec<Data> = listed.items.iter().map(|r| Data::String(r.number.clone())).collect();
    assert_eq!(rows[1..].iter().map(|r| r[0].clone()).collect::<Vec<_>>(), numbers);
    let new = Data::String(catalog("en", "enum.case_status.new"));
    assert!(rows[1..].iter().all(|r| r[3] == new));
    assert!(matches!(rows[1][9], Data::DateTime(_) | Data::Float(_)), "received is a date: {:?}", rows[1][9]);

    // Work orders still open, as CSV: the list's rows in its order.
    let q = WorkOrderQuery {
        status: None,
        active: Some(true),
        department: None,
        assignee_id: None,
        unassigned: false,
        supplier_id: None,
        overdue: None,
        page: 1,
        page_size: 200,
    };
    let listed = work_order_list(c.cx(Some(&m)), q.clone()).await.expect("orders");
    assert!(listed.total > 0);
    let doc = list_export(c.cx(Some(&m)), ListExport::WorkOrders { query: q, format: ExportFormat::Csv })
        .await
        .expect("orders");
    let rows = csv_rows(&doc);
    assert_eq!(rows[0][0], catalog("en", "desk.field.number"));
    let numbers: Vec<&str> = listed.items.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(rows[1..].iter().map(|r| r[0].as_str()).collect::<Vec<_>>(), numbers);
    let first = &listed.items[0];
    assert_eq!(rows[1][6], catalog("en", &format!("enum.work_order_status.{}", first.status.as_str())));

    // Statements (written as the run would): money as numbers with 2 decimals.
    let me = steward_core::api::run::me(c.cx(Some(&m)), ()).await.expect("me");
    let some = steward_core::api::run::customer_list(c.cx(Some(&m)), customers(None)).await.expect("customers");
    for (i, customer) in some.items.iter().take(3).enumerate() {
        let total = 12_345 + i as i64 * 1_001;
        statement::ActiveModel {
            number: Set(format!("S2026110{i}")),
            customer_id: Set(customer.id),
            unit_id: Set(None),
            month: Set("2026-11".into()),
            language: Set("en".into()),
            currency: Set("CNY".into()),
            subtotal_cents: Set(total),
            tax_cents: Set(0),
            total_cents: Set(total),
            paid_cents: Set(if i == 0 { total } else { 5 }),
            issued_at: Set(c.now),
            issued_by: Set(me.id),
            sent_at: Set(None),
            version: Set(1),
            updated_at: Set(c.now),
            ..Default::default()
        }
        .insert(&c.core.db)
        .await
        .expect("statement");
    }
    let q = StatementQuery {
        month: Some("2026-11".into()),
        customer_id: None,
        unpaid_only: false,
        page: 1,
        page_size: 200,
    };
    let listed = statement_list(c.cx(Some(&m)), q.clone()).await.expect("statements");
    assert_eq!(listed.total, 3);
    let doc = list_export(c.cx(Some(&m)), ListExport::Statements { query: q, format: ExportFormat::Xlsx })
        .await
        .expect("statements");
    let rows = xlsx_rows(&doc);
    assert_eq!(rows.len(), 1 + listed.total as usize);
    for (row, s) in rows[1..].iter().zip(&listed.items) {
        assert_eq!(row[0], Data::String(s.number.clone()));
        assert_eq!(row[4], Data::Float(s.total_cents as f64 / 100.0));
        assert_eq!(row[6], Data::Float(s.balance_cents as f64 / 100.0));
    }
}

#[tokio::test]
async fn only_staff_who_may_read_the_list_export_it() {
    let c = ctx().await;
    let m = c.manager(false).await;
    let cleaner = c.staff(&m, "cleaner", Role::Department, Department::Cleaning).await;
    let q = StatementQuery { month: None, customer_id: None, unpaid_only: false, page: 1, page_size: 20 };
    let refused =
        list_export(c.cx(Some(&cleaner)), ListExport::Statements { query: q, format: ExportFormat::Csv }).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    // Customers are theirs to read, so to export.
    list_export(c.cx(Some(&cleaner)), ListExport::Customers { query: customers(None), format: ExportFormat::Xlsx })
        .await
        .expect("customers");
    let none =
        list_export(c.cx(None), ListExport::Customers { query: customers(None), format: ExportFormat::Csv }).await;
    assert!(matches!(none, Err(Error::Unauthenticated)), "{none:?}");
}

#[tokio::test]
async fn an_unknown_list_or_a_malformed_query_is_a_translated_validation_error() {
    let c = ctx().await;
    let m = c.manager(false).await;
    for input in [
        json!({ "list": "staff", "query": {}, "format": "csv" }),
        json!({ "list": "customers", "query": { "page": "one" }, "format": "csv" }),
        json!({ "list": "customers", "query": { "page": 1, "page_size": 20 }, "format": "pdf" }),
        json!({ "query": {}, "format": "csv" }),
    ] {
        let e =
            api::dispatch(&c.core, "list_export", session(Some(&m)), input.clone(), c.now).await.expect_err("refused");
        assert_eq!(e.code, ErrorCode::Validation, "{input}");
        assert!(!e.message.is_empty() && !e.message.starts_with("validation."), "{input}: {}", e.message);
    }
}
