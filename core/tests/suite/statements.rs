//! Monthly statements on SQLite and PostgreSQL: done package visits (at the price of
//! their day), per-month fees and repair charges billed once in the customer's language,
//! totals checked against an independent decimal computation; repeated runs issue
//! nothing twice; part payments, balance and aged amounts; credit notes carried onto the
//! next statement; who may do what; the PDF and the spreadsheet.

use chrono::{DateTime, TimeZone, Utc};
use rust_decimal::Decimal;
use rust_decimal::prelude::*;
use steward_core::accounts::auth::LoginInput;
use steward_core::api::run;
use steward_core::desk::work_orders::{WorkOrderChargeAdd, WorkOrderTransition};
use steward_core::domain::*;
use steward_core::entities::{package_visit, work_order};
use steward_core::menus::catalog::{CatalogCreate, CatalogInput, CatalogPriceSet, NewPrice, ServiceText};
use steward_core::menus::packages::{PackageCreate, PackageInput, PackageItemInput, VisitSkip};
use steward_core::menus::statement_print::{StatementExport, StatementPdf};
use steward_core::menus::statements::{
    CustomerAccountGet, NoteAdd, PaymentAdd, StatementDetail, StatementGet, StatementQuery, StatementRun,
    StatementStatus,
};
use steward_core::sea_orm::{ColumnTrait, EntityTrait, Iterable, QueryFilter, QueryOrder};
use steward_core::{Cx, Error};
use steward_migrations::m20261127_000009_statements as migration;

use crate::common::{Ctx, PASSWORD, ctx, session};

struct Office {
    c: Ctx,
    manager: String,
    desk: String,
    cleaner: String,
    customer: i32,
    package: i32,
}

fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).single().expect("time")
}

async fn service(
    c: &Ctx,
    manager: &str,
    names: (&str, &str),
    department: Department,
    unit: ServiceUnit,
    price: &str,
) -> i32 {
    let texts = vec![
        ServiceText { language: "zh-CN".into(), name: names.0.into(), description: String::new() },
        ServiceText { language: "en".into(), name: names.1.into(), description: String::new() },
    ];
    let service = CatalogInput { texts, department, unit, tax_rate: Some("6".into()) };
    let price = Some(NewPrice { amount: price.into(), effective_from: "2026-01-01".into() });
    run::catalog_create(c.cx(Some(manager)), CatalogCreate { service, price }).await.expect("service").id
}

/// An English-speaking tenant with weekly two-hour cleaning on Tuesdays (60 an hour, 65
/// from 15 December) and monthly plant care (120 a month) every other Thursday.
async fn office() -> Office {
    let c = ctx().await;
    let manager = c.manager(false).await;
    let desk = c.staff(&manager, "desk1", Role::Desk, Department::CustomerService).await;
    let cleaner = c.staff(&manager, "clean1", Role::Department, Department::Cleaning).await;
    let cleaning =
        service(&c, &manager, ("入室保洁", "In-home cleaning"), Department::Cleaning, ServiceUnit::PerHour, "60").await;
    let d = run::catalog_get(c.cx(Some(&manager)), steward_core::menus::catalog::CatalogGet { id: cleaning })
        .await
        .expect("service");
    let later = NewPrice { amount: "65".into(), effective_from: "2026-12-15".into() };
    run::catalog_price_set(c.cx(Some(&manager)), CatalogPriceSet { id: cleaning, version: d.version, price: later })
        .await
        .expect("later price");
    let plants = service(
        &c,
        &manager,
        ("室内绿植养护", "Indoor plant care"),
        Department::Landscaping,
        ServiceUnit::PerMonth,
        "120",
    )
    .await;
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
    let item = |service_id: i32, rule: &str, starts_on: &str, quantity: Option<&str>| PackageItemInput {
        id: None,
        service_id,
        rule: rule.into(),
        starts_on: starts_on.into(),
        ends_on: None,
        window_start: None,
        window_end: None,
        quantity: quantity.map(str::to_owned),
        notes: String::new(),
    };
    let package = run::package_create(
        c.cx(Some(&desk)),
        PackageCreate {
            package: PackageInput {
                customer_id: customer,
                unit_id: None,
                starts_on: "2026-12-01".into(),
                ends_on: None,
                window_start: None,
                window_end: None,
                notes: String::new(),
                items: vec![
                    item(cleaning, "FREQ=WEEKLY;BYDAY=TU", "2026-12-01", Some("2")),
                    item(plants, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "2026-12-03", None),
                ],
            },
        },
    )
    .await
    .expect("package")
    .id;
    Office { c, manager, desk, cleaner, customer, package }
}

impl Office {
    fn cx(&self, token: &str) -> Cx {
        self.c.cx(Some(token))
    }

    /// `username` signed in at `now` (sessions lapse over the weeks a test jumps).
    async fn at(&self, username: &str, now: DateTime<Utc>) -> Cx {
        let login = LoginInput { username: username.into(), password: PASSWORD.into() };
        let token = run::login(self.c.core.cx(session(None), now), login).await.expect("sign in").token;
        self.c.core.cx(session(Some(&token)), now)
    }

    async fn order_of(&self, date: &str) -> (package_visit::Model, work_order::Model) {
        let db = &self.c.core.db;
        let v = package_visit::Entity::find()
            .filter(package_visit::Column::PackageId.eq(self.package))
            .filter(
                package_visit::Column::VisitDate.eq(chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date")),
            )
            .order_by_asc(package_visit::Column::Id)
            .one(db)
            .await
            .expect("visit")
            .expect("a visit that day");
        let w = work_order::Entity::find_by_id(v.work_order_id.expect("order"))
            .one(db)
            .await
            .expect("read")
            .expect("order");
        (v, w)
    }

    /// The visit of `date` done by the department and verified by the desk.
    async fn complete(&self, date: &str) {
        use WorkOrderStatus::*;
        let steps = [New, Dispatched, Accepted, InProgress, Done, Verified];
        loop {
            let (_, w) = self.order_of(date).await;
            let Some(at) = steps.iter().position(|s| *s == w.status) else { panic!("order is {:?}", w.status) };
            let Some(&to) = steps.get(at + 1) else { return };
            let result = (to == Done).then(|| "Done".to_owned());
            run::work_order_transition(
                self.cx(&self.manager),
                WorkOrderTransition { id: w.id, version: w.version, to, result, reason: None },
            )
            .await
            .expect("transition");
        }
    }

    async fn run_month(&self, month: &str, now: DateTime<Utc>, batch: Option<u32>) -> (u32, u32) {
        let cx = || async { self.at("desk1", now).await };
        let (mut issued, mut calls, mut after) = (0, 0, None);
        loop {
            let p = run::statement_run(cx().await, StatementRun { month: month.into(), after, batch })
                .await
                .expect("statement run");
            issued += p.issued;
            calls += 1;
            if p.done {
                return (issued, calls);
            }
            after = p.next_after;
        }
    }

    async fn statement(&self, month: &str) -> StatementDetail {
        let page = run::statement_list(
            self.cx(&self.desk),
            StatementQuery {
                month: Some(month.into()),
                customer_id: Some(self.customer),
                unpaid_only: false,
                page: 1,
                page_size: 10,
            },
        )
        .await
        .expect("list");
        assert_eq!(page.total, 1, "one statement for the month");
        run::statement_get(self.cx(&self.desk), StatementGet { id: page.items[0].id }).await.expect("statement")
    }
}

/// net = price × quantity and tax = net × rate, each rounded half-up (away from zero) to
/// 0.01 per line, in decimal arithmetic: the README's rule, computed independently.
fn expected(lines: &[(&str, &str, Option<&str>)]) -> (i64, i64) {
    let cents = |d: Decimal| (d * Decimal::from(100)).to_i64().expect("cents");
    let (mut net, mut tax) = (Decimal::ZERO, Decimal::ZERO);
    for (price, quantity, rate) in lines {
        let n = (Decimal::from_str(price).unwrap() * Decimal::from_str(quantity).unwrap())
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        let t = rate.map_or(Decimal::ZERO, |r| {
            (n * Decimal::from_str(r).unwrap() / Decimal::from(100))
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        });
        net += n;
        tax += t;
    }
    (cents(net), cents(tax))
}

#[tokio::test]
async fn the_vocabularies_agree_with_the_schema() {
    let kinds: Vec<&str> = LineKind::iter().map(LineKind::as_str).collect();
    assert_eq!(kinds, migration::LINE_KINDS);
    let notes: Vec<&str> = NoteKind::iter().map(NoteKind::as_str).collect();
    assert_eq!(notes, migration::NOTE_KINDS);
    let methods: Vec<&str> = PaymentMethod::iter().map(PaymentMethod::as_str).collect();
    assert_eq!(methods, migration::PAYMENT_METHODS);
}

#[tokio::test]
async fn the_months_statement_bills_what_was_done_once_in_the_customers_language() {
    let o = office().await;
    for day in ["2026-12-01", "2026-12-08", "2026-12-15", "2026-12-03", "2026-12-17"] {
        o.complete(day).await;
    }
    // The 22nd is skipped, the 29th never done: neither is billed.
    let (v22, _) = o.order_of("2026-12-22").await;
    run::package_visit_skip(o.cx(&o.desk), VisitSkip { id: v22.id, version: v22.version, reason: "Away".into() })
        .await
        .expect("skip");
    // Materials used on the 8th, charged on that order.
    let (_, w8) = o.order_of("2026-12-08").await;
    run::work_order_charge_add(
        o.cx(&o.manager),
        WorkOrderChargeAdd {
            work_order_id: w8.id,
            kind: ChargeKind::Material,
            description: "Oven cleaner".into(),
            quantity: "1".into(),
            unit_price: "38.5".into(),
        },
    )
    .await
    .expect("charge");

    // A month not yet begun is refused.
    let early = run::statement_run(
        o.at("desk1", at(2026, 12, 20, 2)).await,
        StatementRun { month: "2027-01".into(), after: None, batch: None },
    )
    .await;
    assert!(
        matches!(&early, Err(Error::Validation(f)) if f.get("month").map(String::as_str) == Some("validation.month_future")),
        "{early:?}"
    );

    let (issued, _) = o.run_month("2026-12", at(2027, 1, 2, 2), None).await;
    assert_eq!(issued, 1);
    let s = o.statement("2026-12").await;
    assert_eq!(s.row.language, "en");
    assert!(s.row.number.starts_with("ST202612-"), "{}", s.row.number);
    let described: Vec<(&str, &str, &str)> =
        s.lines.iter().map(|l| (l.date.as_str(), l.description.as_str(), l.quantity.as_str())).collect();
    assert_eq!(
        described,
        [
            // The charge is dated when its order was done: the test's today, 27 November.
            (
                "2026-11-27",
                &*format!("Oven cleaner ({})", steward_core::desk::rules::text::work_order_number(w8.case_id, w8.seq)),
                "1"
            ),
            ("2026-12-01", "Indoor plant care", "1"),
            ("2026-12-01", "In-home cleaning", "2"),
            ("2026-12-03", "Indoor plant care", "1"),
            ("2026-12-08", "In-home cleaning", "2"),
            ("2026-12-15", "In-home cleaning", "2"),
            ("2026-12-17", "Indoor plant care", "1"),
        ]
    );
    let kinds: Vec<LineKind> = s.lines.iter().map(|l| l.kind).collect();
    assert_eq!(
        kinds,
        [
            LineKind::Charge,
            LineKind::MonthFee,
            LineKind::Visit,
            LineKind::Visit,
            LineKind::Visit,
            LineKind::Visit,
            LineKind::Visit
        ]
    );
    // 15 December is at the new price; plant care visits are covered by the month's fee.
    let (net, tax) = expected(&[
        ("120", "1", Some("6")),
        ("60", "2", Some("6")),
        ("60", "2", Some("6")),
        ("38.5", "1", None),
        ("65", "2", Some("6")),
    ]);
    assert_eq!((s.subtotal_cents, s.tax_cents, s.row.total_cents), (net, tax, net + tax));
    assert_eq!(s.lines.iter().map(|l| l.net_cents).sum::<i64>(), net);
    assert_eq!(s.row.status, StatementStatus::Issued);

    // Again, in batches of one: nothing is issued twice.
    let (again, calls) = o.run_month("2026-12", at(2027, 1, 3, 2), Some(1)).await;
    assert_eq!(again, 0);
    assert!(calls >= 1);
    // The visit of the 29th, done late, goes on January's statement.
    o.complete("2026-12-29").await;
    let (jan, _) = o.run_month("2027-01", at(2027, 2, 1, 2), None).await;
    assert_eq!(jan, 1);
    let j = o.statement("2027-01").await;
    assert!(j.lines.iter().any(|l| l.date == "2026-12-29"), "{:?}", j.lines);
    assert!(!j.lines.iter().any(|l| l.date == "2026-12-22"), "a skipped visit is never billed");
}

#[tokio::test]
async fn payments_in_part_balances_aged_amounts_and_credit_notes() {
    let o = office().await;
    o.complete("2026-12-01").await;
    o.run_month("2026-12", at(2027, 1, 2, 2), None).await;
    let s = o.statement("2026-12").await;
    let (net, tax) = expected(&[("60", "2", Some("6"))]);
    assert_eq!(s.row.total_cents, net + tax); // 127.20
    let desk = o.at("desk1", at(2027, 1, 5, 2)).await;
    let part = run::statement_payment_add(
        desk,
        PaymentAdd {
            statement_id: s.row.id,
            version: s.row.version,
            amount: "100".into(),
            paid_on: "2027-01-05".into(),
            method: PaymentMethod::WechatPay,
            reference: "WX-778".into(),
        },
    )
    .await
    .expect("part payment");
    assert_eq!(
        (part.row.paid_cents, part.row.balance_cents, part.row.status),
        (10_000, 2_720, StatementStatus::PartPaid)
    );
    let over = run::statement_payment_add(
        o.at("desk1", at(2027, 1, 6, 2)).await,
        PaymentAdd {
            statement_id: s.row.id,
            version: part.row.version,
            amount: "27.21".into(),
            paid_on: "2027-01-06".into(),
            method: PaymentMethod::Cash,
            reference: String::new(),
        },
    )
    .await;
    assert!(
        matches!(&over, Err(Error::Validation(f)) if f.get("amount").map(String::as_str) == Some("validation.payment_over"))
    );
    let stale = run::statement_payment_add(
        o.at("desk1", at(2027, 1, 6, 2)).await,
        PaymentAdd {
            statement_id: s.row.id,
            version: s.row.version,
            amount: "1".into(),
            paid_on: "2027-01-06".into(),
            method: PaymentMethod::Cash,
            reference: String::new(),
        },
    )
    .await;
    assert!(matches!(stale, Err(Error::Conflict)), "{stale:?}");

    // 50 days after issue, what is owed is in the 31–60 days column.
    let account =
        run::customer_account(o.at("desk1", at(2027, 2, 21, 2)).await, CustomerAccountGet { customer_id: o.customer })
            .await
            .expect("account");
    assert_eq!(account.balance_cents, 2_720);
    assert_eq!((account.aged.current_cents, account.aged.days_31_60_cents), (0, 2_720));
    assert_eq!(account.open.len(), 1);

    // A credit note (the desk may not raise one; the manager may) lands on the next statement.
    let note = |version| NoteAdd {
        statement_id: s.row.id,
        version,
        kind: NoteKind::Credit,
        amount: "20".into(),
        tax_rate: Some("6".into()),
        reason: "Cleaner arrived late".into(),
    };
    let refused = run::statement_note_add(o.at("desk1", at(2027, 1, 6, 2)).await, note(part.row.version)).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    let noted = run::statement_note_add(o.at("manager", at(2027, 1, 6, 2)).await, note(part.row.version))
        .await
        .expect("credit note");
    assert_eq!(noted.row.total_cents, s.row.total_cents, "an issued statement never changes");
    assert_eq!(noted.notes.len(), 1);
    // January has no visits done: its statement carries the credit alone, owed to the customer.
    o.run_month("2027-01", at(2027, 2, 1, 2), None).await;
    let j = o.statement("2027-01").await;
    let credit = j.lines.iter().find(|l| l.kind == LineKind::Credit).expect("credit line");
    assert_eq!((credit.net_cents, credit.tax_cents, credit.gross_cents), (-2_000, -120, -2_120));
    assert!(credit.description.contains(&s.row.number) && credit.description.contains("Cleaner arrived late"));
    let (net, tax) = expected(&[("-20", "1", Some("6"))]);
    assert_eq!((j.row.total_cents, j.row.status), (net + tax, StatementStatus::Credit));
    let after = run::statement_get(o.cx(&o.desk), StatementGet { id: s.row.id }).await.expect("statement");
    assert_eq!(after.notes[0].billed_number.as_deref(), Some(j.row.number.as_str()));
}

#[tokio::test]
async fn department_staff_may_not_issue_or_read_statements() {
    let o = office().await;
    let refused =
        run::statement_run(o.cx(&o.cleaner), StatementRun { month: "2026-11".into(), after: None, batch: None }).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    let refused = run::statement_list(
        o.cx(&o.cleaner),
        StatementQuery { month: None, customer_id: None, unpaid_only: false, page: 1, page_size: 10 },
    )
    .await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    let bad =
        run::statement_run(o.cx(&o.desk), StatementRun { month: "2026-13".into(), after: None, batch: None }).await;
    assert!(
        matches!(&bad, Err(Error::Validation(f)) if f.get("month").map(String::as_str) == Some("validation.month"))
    );
}

#[tokio::test]
async fn the_statement_prints_and_the_month_exports() {
    let o = office().await;
    o.complete("2026-12-01").await;
    o.run_month("2026-12", at(2027, 1, 2, 2), None).await;
    let s = o.statement("2026-12").await;
    let pdf = run::statement_pdf(o.cx(&o.desk), StatementPdf { id: s.row.id }).await.expect("pdf");
    assert_eq!(pdf.mime, "application/pdf");
    assert!(pdf.file_name.starts_with("ST202612-"));
    assert!(pdf.base64.starts_with("JVBERi0"), "a PDF starts with %PDF-");
    let xlsx = run::statement_export(o.cx(&o.desk), StatementExport { month: "2026-12".into() }).await.expect("xlsx");
    assert!(xlsx.base64.starts_with("UEsDB"), "an .xlsx is a zip");
    assert_eq!(xlsx.file_name, "statements-2026-12.xlsx");
}
