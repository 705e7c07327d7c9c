//! Import of an office's lists: GBK and BOM CSV, `.xlsx`, full-width digits, unit
//! spellings, phones, each per-row problem, all-or-nothing commits, re-import creating
//! nothing, cancel, and who may import. Runs on SQLite and on PostgreSQL.

use base64::Engine;
use steward_core::Error;
use steward_core::api::run::{customer_list, import_cancel, import_commit, import_preview, import_progress};
use steward_core::directory::customers::CustomerQuery;
use steward_core::domain::{Department, ImportKind, Role};
use steward_core::import::{ImportCommit, ImportFile, ImportPreview, ImportRunGet};
use steward_core::sea_orm::{ConnectionTrait, Statement};

use crate::common::{Ctx, ctx, is_postgres};

fn file(kind: ImportKind, name: &str, bytes: &[u8], mapping: Option<Vec<Option<String>>>) -> ImportFile {
    ImportFile {
        kind,
        file_name: name.into(),
        content_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
        mapping,
    }
}

fn commit_of(f: ImportFile, run: &str) -> ImportCommit {
    ImportCommit { file: f, run: run.into() }
}

async fn count(c: &Ctx, table: &str) -> i64 {
    let db = &c.core.db;
    db.query_one_raw(Statement::from_string(db.get_database_backend(), format!("SELECT COUNT(*) FROM {table}")))
        .await
        .expect("count")
        .expect("row")
        .try_get_by_index::<i64>(0)
        .expect("n")
}

/// The (row, code) pairs of a preview's problems.
fn problems(p: &ImportPreview) -> Vec<(u32, &str)> {
    p.errors.iter().map(|e| (e.row, e.code.as_str())).collect()
}

const CUSTOMERS: &str = "姓名,电话,语言,证件号码,国籍\n\
张伟,１３８ １２３４ ５６７８,中文,110101199001011234,CN\n\
John Smith,+44 20 7946 0958,English,P1234567,GB\n\
佐藤 花子,090.1234.5678,日本語,,JP\n\
Kim Minjun,(02) 312-3456,ko,,KR\n\
王芳,12ab,zh-CN,,CN\n\
Pierre Martin,+33 1 23 45 67 89,Francais,,FR\n\
张伟,13899990000,中文,110101199001011234,CN\n\
,13800000000,中文,,CN\n";

#[tokio::test]
async fn customers_from_gbk_csv_with_problems_then_again_creates_nothing() {
    let c = ctx().await;
    let m = c.manager(false).await;
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(CUSTOMERS);
    assert!(!unmappable);
    let f = || file(ImportKind::Customers, "客户.csv", &gbk, None);

    let p = import_preview(c.cx(Some(&m)), f()).await.expect("preview");
    assert_eq!(p.encoding, "GBK");
    assert_eq!(p.columns[0], "姓名");
    let mapped: Vec<Option<&str>> = p.mapping.iter().map(|m| m.as_deref()).collect();
    assert_eq!(
        mapped,
        [Some("name"), Some("phone"), Some("language"), Some("id_document_number"), Some("nationality")]
    );
    assert_eq!(p.rows, 8);
    assert_eq!(
        problems(&p),
        [
            (6, "import.error.bad_phone"),
            (7, "import.error.unsupported_language"),
            (8, "import.error.duplicate"),
            (9, "import.error.required")
        ]
    );
    assert_eq!(p.errors[0].message, "Not a phone number");
    assert_eq!(p.errors[0].column.as_deref(), Some("电话"));
    assert_eq!(p.errors[0].value, "12ab");
    assert_eq!((p.to_create, p.existing, p.bad_rows), (4, 0, 4));

    let r = import_commit(c.cx(Some(&m)), commit_of(f(), "run-1")).await.expect("commit");
    assert_eq!((r.created, r.existing, r.bad_rows), (4, 0, 4));
    // Full-width digits stored narrow, found by their phone ending like any customer.
    let page = customer_list(
        c.cx(Some(&m)),
        CustomerQuery { search: Some("5678".into()), kind: None, language: None, vip: None, page: 1, page_size: 20 },
    )
    .await
    .expect("search");
    assert!(page.items.iter().any(|r| r.name == "张伟"), "张伟 is found by her phone ending");
    assert_eq!(count(&c, "change_log WHERE entity = 'customer'").await, 4, "one history entry per customer");

    let again = import_commit(c.cx(Some(&m)), commit_of(f(), "run-2")).await.expect("again");
    assert_eq!((again.created, again.existing), (0, 4));
    assert_eq!(count(&c, "customer").await, 4);
    let progress = import_progress(c.cx(Some(&m)), ImportRunGet { run: "run-1".into() }).await.expect("progress");
    assert!(progress.finished && progress.done == 4 && progress.total == 4);
}

#[tokio::test]
async fn units_from_bom_csv_and_occupancies_in_three_spellings() {
    let c = ctx().await;
    let m = c.manager(false).await;
    let units = "\u{feff}楼栋,房号,面积,用途\nA座,1203,89.5,住宅\nA座,１２０４,90,住宅\nB座,0801,120.25,办公\nA座,1203,89.5,住宅\n";
    let p = import_preview(c.cx(Some(&m)), file(ImportKind::Units, "units.csv", units.as_bytes(), None))
        .await
        .expect("preview units");
    assert_eq!(p.encoding, "UTF-8");
    assert_eq!(p.columns[0], "楼栋", "the BOM is not part of the first header");
    assert_eq!(problems(&p), [(5, "import.error.duplicate")]);
    let r = import_commit(c.cx(Some(&m)), commit_of(file(ImportKind::Units, "units.csv", units.as_bytes(), None), "u"))
        .await
        .expect("units");
    assert_eq!((r.created, r.buildings_created), (3, 2));

    let customers = "name,phone\nAlice,13800000001\nBob,13800000002\nCarol,13800000003\nDave,13800000004\n";
    import_commit(c.cx(Some(&m)), commit_of(file(ImportKind::Customers, "c.csv", customers.as_bytes(), None), "c"))
        .await
        .expect("customers");

    // A is the first building: "1号楼" names it as well as "A-" and "A座".
    let occupancies = "name,phone,unit,role,start_date\n\
Alice,13800000001,A-1203,owner,2025-03-01\n\
Bob,13800000002,A座１２０３,tenant,2025/3/1\n\
Carol,13800000003,1号楼1203室,occupant,2025年3月1日\n\
Dave,13800000004,C-0101,owner,2025-03-01\n\
Dave,13800000004,B-801,owner,2025-02-30\n\
Erin,13800000005,B-801,owner,2025-03-01\n\
Alice,13800000001,A-1203,owner,2025-03-01\n";
    let f = || file(ImportKind::Occupancies, "o.csv", occupancies.as_bytes(), None);
    let p = import_preview(c.cx(Some(&m)), f()).await.expect("preview occupancies");
    assert_eq!(
        problems(&p),
        [
            (5, "import.error.unknown_unit"),
            (6, "import.error.invalid_date"),
            (7, "import.error.unknown_customer"),
            (8, "import.error.duplicate")
        ]
    );
    let r = import_commit(c.cx(Some(&m)), commit_of(f(), "o")).await.expect("occupancies");
    assert_eq!(r.created, 3);
    let same_unit = count(&c, "(SELECT DISTINCT unit_id FROM occupancy) u").await;
    assert_eq!(same_unit, 1, "the three spellings name one unit");
    let again = import_commit(c.cx(Some(&m)), commit_of(f(), "o2")).await.expect("again");
    assert_eq!((again.created, again.existing), (0, 3));
    let units_again =
        import_commit(c.cx(Some(&m)), commit_of(file(ImportKind::Units, "units.csv", units.as_bytes(), None), "u2"))
            .await
            .expect("units again");
    assert_eq!((units_again.created, units_again.buildings_created, units_again.existing), (0, 0, 3));
}

fn xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows: [(&str, f64, &str); 3] =
        [("李娜", 13912345678.0, "zh-CN"), ("Tom Brown", 447911123456.0, "en"), ("黄磊", 123.0, "zh-CN")];
    for (col, h) in ["客户名称", "联系方式", "Lang"].iter().enumerate() {
        sheet.write_string(0, col as u16, *h).expect("header");
    }
    for (i, (name, phone, lang)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, *name).expect("name");
        sheet.write_number(r, 1, *phone).expect("phone as a number, as Excel keeps it");
        sheet.write_string(r, 2, *lang).expect("lang");
    }
    book.save_to_buffer().expect("xlsx")
}

#[tokio::test]
async fn customers_from_xlsx_with_a_remembered_mapping() {
    let c = ctx().await;
    let m = c.manager(false).await;
    let p =
        import_preview(c.cx(Some(&m)), file(ImportKind::Customers, "list.xlsx", &xlsx(), None)).await.expect("preview");
    assert_eq!(p.encoding, "xlsx");
    assert_eq!(p.columns, ["客户名称", "联系方式", "Lang"]);
    assert_eq!(p.sample[0][1], "13912345678", "a phone kept as a number reads without decimals");
    // "联系方式" is not a known header word: the person maps it.
    let mapping = vec![Some("name".to_owned()), Some("phone".to_owned()), Some("language".to_owned())];
    let f = || file(ImportKind::Customers, "list.xlsx", &xlsx(), Some(mapping.clone()));
    let p = import_preview(c.cx(Some(&m)), f()).await.expect("mapped preview");
    assert_eq!(problems(&p), [(4, "import.error.bad_phone")]);
    let r = import_commit(c.cx(Some(&m)), commit_of(f(), "x")).await.expect("commit");
    assert_eq!(r.created, 2);
    let p = import_preview(c.cx(Some(&m)), file(ImportKind::Customers, "list.xlsx", &xlsx(), None))
        .await
        .expect("preview again");
    assert_eq!(p.mapping, mapping, "the mapping is remembered for the kind");
    assert_eq!((p.to_create, p.existing), (0, 2));
}

fn many_customers(n: usize) -> String {
    let mut s = String::from("name,phone\n");
    for i in 0..n {
        s.push_str(&format!("客户{i},139{i:08}\n"));
    }
    s
}

#[tokio::test]
async fn a_failed_or_cancelled_commit_leaves_nothing() {
    let c = ctx().await;
    let m = c.manager(false).await;
    // The history is written last: failing there shows the customers written before roll back.
    let boom = if is_postgres() {
        vec![
            "CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER boom BEFORE INSERT ON change_log FOR EACH ROW EXECUTE FUNCTION boom()",
        ]
    } else {
        vec!["CREATE TRIGGER boom BEFORE INSERT ON change_log BEGIN SELECT RAISE(ABORT, 'boom'); END"]
    };
    for sql in &boom {
        c.core.db.execute_unprepared(sql).await.expect("trigger");
    }
    let csv = many_customers(50);
    let f = || file(ImportKind::Customers, "c.csv", csv.as_bytes(), None);
    let failed = import_commit(c.cx(Some(&m)), commit_of(f(), "a")).await;
    assert!(matches!(failed, Err(Error::Database(_))), "{failed:?}");
    assert_eq!(count(&c, "customer").await, 0);
    assert_eq!(count(&c, "customer_search_term").await, 0);
    c.core.db.execute_unprepared("DROP TRIGGER boom ON change_log").await.ok();
    c.core.db.execute_unprepared("DROP TRIGGER boom").await.ok();

    // Cancelled while it runs: rolled back at the next batch.
    let csv = many_customers(4000);
    let big = file(ImportKind::Customers, "big.csv", csv.as_bytes(), None);
    let running = tokio::spawn(import_commit(c.cx(Some(&m)), commit_of(big, "big")));
    loop {
        let p = import_progress(c.cx(Some(&m)), ImportRunGet { run: "big".into() }).await;
        if p.as_ref().is_ok_and(|p| p.total > 0 || p.finished) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    let p = import_cancel(c.cx(Some(&m)), ImportRunGet { run: "big".into() }).await.expect("cancel");
    assert!(p.cancelled);
    let out = running.await.expect("joined");
    match out {
        Err(Error::Validation(f)) => assert_eq!(f.get("run").map(String::as_str), Some("import.error.cancelled")),
        other => panic!("expected a cancelled import, got {other:?}"),
    }
    assert_eq!(count(&c, "customer").await, 0);
}

#[tokio::test]
async fn only_managers_import_and_unreadable_files_are_refused() {
    let c = ctx().await;
    let m = c.manager(false).await;
    let desk = c.staff(&m, "desk1", Role::Desk, Department::CustomerService).await;
    let csv = "name\nA\n";
    let refused = import_preview(c.cx(Some(&desk)), file(ImportKind::Customers, "c.csv", csv.as_bytes(), None)).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    let refused =
        import_commit(c.cx(Some(&desk)), commit_of(file(ImportKind::Customers, "c.csv", csv.as_bytes(), None), "d"))
            .await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");

    // Bytes that are neither UTF-8 nor a clean legacy encoding: refused, never stored garbled.
    let garbage: Vec<u8> = (0..400u32).map(|i| (i * 97 % 251) as u8 | 0x80).collect();
    let out = import_preview(c.cx(Some(&m)), file(ImportKind::Customers, "c.csv", &garbage, None)).await;
    match out {
        Err(Error::Validation(f)) => assert_eq!(f.get("file").map(String::as_str), Some("import.error.encoding")),
        other => panic!("expected an encoding refusal, got {other:?}"),
    }
    let huge = vec![b'a'; 11_000_001];
    let out = import_preview(c.cx(Some(&m)), file(ImportKind::Customers, "c.csv", &huge, None)).await;
    assert!(matches!(out, Err(Error::TooLarge)), "{out:?}");
    assert_eq!(count(&c, "customer").await, 0);
}

/// The files the window's end-to-end test imports (tests/e2e/fixtures), read as it expects.
#[tokio::test]
async fn the_window_test_files_read_as_expected() {
    let c = ctx().await;
    let m = c.manager(true).await;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/e2e/fixtures");
    let read = |name: &str| std::fs::read(dir.join(name)).expect("fixture");
    let customers = read("import-customers-gbk.csv");
    let f = || file(ImportKind::Customers, "import-customers-gbk.csv", &customers, None);
    let p = import_preview(c.cx(Some(&m)), f()).await.expect("customers");
    assert_eq!(p.encoding, "GBK");
    assert_eq!(
        problems(&p),
        [(5, "import.error.bad_phone"), (6, "import.error.unsupported_language"), (7, "import.error.duplicate")]
    );
    assert_eq!(p.to_create, 3);
    import_commit(c.cx(Some(&m)), commit_of(f(), "e2e-c")).await.expect("commit customers");
    let occupancies = read("import-occupancies-gbk.csv");
    let p = import_preview(c.cx(Some(&m)), file(ImportKind::Occupancies, "o.csv", &occupancies, None))
        .await
        .expect("occupancies");
    assert_eq!(p.encoding, "GBK");
    assert_eq!(problems(&p), [(5, "import.error.unknown_unit"), (6, "import.error.invalid_date")]);
    assert_eq!(p.to_create, 3);
    let xlsx = read("import-customers.xlsx");
    let p = import_preview(c.cx(Some(&m)), file(ImportKind::Customers, "import-customers.xlsx", &xlsx, None))
        .await
        .expect("xlsx");
    assert_eq!(problems(&p), [(4, "import.error.bad_phone"), (5, "import.error.unsupported_language")]);
    assert_eq!(p.to_create, 2);
}
