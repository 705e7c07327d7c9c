//! Monthly settlement (按月结算): one statement per customer and month holding every
//! completed package visit and every repair charge not yet billed up to the month's end,
//! and the correction notes raised since the last one. Issued statements are never
//! edited: their lines copy the description (in the customer's language), quantity,
//! price, tax rate and amounts. A run goes through the customers in batches (the screen
//! shows its progress) and can be repeated: a customer who has the month's statement is
//! passed over, and each source is marked with the statement that billed it.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, CaseStatement, Expr, ExprTrait, Order, Query, SelectStatement, UnionType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, JoinType, NotSet, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{recurrence, schedule, settings};
use crate::app::Cx;
use crate::db;
use crate::desk::common;
use crate::domain::{LineKind, NoteKind, PaymentMethod, ServiceUnit, VisitStatus, WorkOrderStatus, money, validate};
use crate::entities::{
    catalog_price, catalog_service, catalog_service_text, customer, occupancy, package, package_item, package_visit,
    payment, service_case, staff, statement, statement_line, statement_note, work_order, work_order_charge,
};
use crate::error::{Error, Problems, Result};
use crate::page::{Page, page, paging};
use crate::record::versioned;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StatementRun {
    /// "2026-12".
    pub month: String,
    /// Customers after this id; null to start.
    pub after: Option<i32>,
    /// Customers per call (default 200, at most 1,000).
    pub batch: Option<u32>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct StatementRunProgress {
    /// Customers looked at in this call.
    pub processed: u32,
    /// Statements issued in this call.
    pub issued: u32,
    /// Customers still to look at after this call.
    pub remaining: u32,
    /// Where the next call starts; null when done.
    pub next_after: Option<i32>,
    pub done: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StatementQuery {
    pub month: Option<String>,
    pub customer_id: Option<i32>,
    /// Only statements with something still owed.
    pub unpaid_only: bool,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StatementGet {
    pub id: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StatementMarkSent {
    pub id: i32,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PaymentAdd {
    pub statement_id: i32,
    pub version: i32,
    /// "150", "150.5".
    pub amount: String,
    /// YYYY-MM-DD.
    pub paid_on: String,
    pub method: PaymentMethod,
    pub reference: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct NoteAdd {
    pub statement_id: i32,
    pub version: i32,
    pub kind: NoteKind,
    /// Before tax, "20".
    pub amount: String,
    /// Percent ("6"); blank for none.
    pub tax_rate: Option<String>,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CustomerAccountGet {
    pub customer_id: i32,
}

/// Where a statement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StatementStatus {
    Issued,
    Sent,
    PartPaid,
    Paid,
    /// The customer is owed (credits exceed charges).
    Credit,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct StatementRow {
    pub id: i32,
    pub version: i32,
    pub number: String,
    pub customer_id: i32,
    pub customer_name: String,
    pub month: String,
    pub language: String,
    pub currency: String,
    #[ts(type = "number")]
    pub total_cents: i64,
    #[ts(type = "number")]
    pub paid_cents: i64,
    #[ts(type = "number")]
    pub balance_cents: i64,
    pub status: StatementStatus,
    pub issued_at: String,
    pub sent_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct StatementLineView {
    pub kind: LineKind,
    /// YYYY-MM-DD.
    pub date: String,
    pub description: String,
    /// A `ServiceUnit` value, or "" for charges and notes.
    pub unit: String,
    /// "1", "1.5".
    pub quantity: String,
    #[ts(type = "number")]
    pub unit_price_cents: i64,
    /// Percent as text; null when untaxed.
    pub tax_rate: Option<String>,
    #[ts(type = "number")]
    pub net_cents: i64,
    #[ts(type = "number")]
    pub tax_cents: i64,
    #[ts(type = "number")]
    pub gross_cents: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PaymentView {
    pub id: i32,
    #[ts(type = "number")]
    pub amount_cents: i64,
    pub paid_on: String,
    pub method: PaymentMethod,
    pub reference: String,
    pub staff_name: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct NoteView {
    pub id: i32,
    pub kind: NoteKind,
    #[ts(type = "number")]
    pub amount_cents: i64,
    pub tax_rate: Option<String>,
    pub reason: String,
    /// The later statement that carries it; null until the next run.
    pub billed_number: Option<String>,
    pub created_at: String,
    pub staff_name: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct StatementDetail {
    #[serde(flatten)]
    pub row: StatementRow,
    pub unit_label: Option<String>,
    #[ts(type = "number")]
    pub subtotal_cents: i64,
    #[ts(type = "number")]
    pub tax_cents: i64,
    pub lines: Vec<StatementLineView>,
    pub payments: Vec<PaymentView>,
    /// Corrections raised against this statement.
    pub notes: Vec<NoteView>,
    pub issued_by: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AgedBuckets {
    #[ts(type = "number")]
    pub current_cents: i64,
    #[ts(type = "number")]
    pub days_31_60_cents: i64,
    #[ts(type = "number")]
    pub days_61_90_cents: i64,
    #[ts(type = "number")]
    pub over_90_cents: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CustomerAccount {
    pub customer_id: i32,
    pub currency: String,
    /// Issued minus paid over all statements; negative when the office owes.
    #[ts(type = "number")]
    pub balance_cents: i64,
    /// What is owed by the age of its statement (days since issue).
    pub aged: AgedBuckets,
    /// Statements with something owed, oldest first.
    pub open: Vec<StatementRow>,
    /// The latest statements, newest first (up to 12).
    pub recent: Vec<StatementRow>,
}

/// "2026-12" → its first and last day.
pub(crate) fn parse_month(field: &str, s: &str) -> Result<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::parse_from_str(&format!("{}-01", s.trim()), "%Y-%m-%d")
        .map_err(|_| Error::field(field, "validation.month"))?;
    Ok(recurrence::month_bounds(first))
}

fn status_of(s: &statement::Model) -> StatementStatus {
    if s.total_cents < 0 && s.paid_cents == 0 {
        StatementStatus::Credit
    } else if s.paid_cents >= s.total_cents {
        StatementStatus::Paid
    } else if s.paid_cents > 0 {
        StatementStatus::PartPaid
    } else if s.sent_at.is_some() {
        StatementStatus::Sent
    } else {
        StatementStatus::Issued
    }
}

fn row_of(s: &statement::Model, customer_name: String) -> StatementRow {
    StatementRow {
        id: s.id,
        version: s.version,
        number: s.number.clone(),
        customer_id: s.customer_id,
        customer_name,
        month: s.month.clone(),
        language: s.language.clone(),
        currency: s.currency.clone(),
        total_cents: s.total_cents,
        paid_cents: s.paid_cents,
        balance_cents: s.total_cents - s.paid_cents,
        status: status_of(s),
        issued_at: s.issued_at.to_rfc3339(),
        sent_at: s.sent_at.map(|t| t.to_rfc3339()),
    }
}

const DONE: [WorkOrderStatus; 2] = [WorkOrderStatus::Done, WorkOrderStatus::Verified];

/// Customers after `after` with something to bill up to `end`, in id order.
fn candidates(after: i32, end: NaiveDate, end_at: DateTime<Utc>) -> [SelectStatement; 3] {
    let done: Vec<&str> = DONE.iter().map(|s| s.as_str()).collect();
    let visits = Query::select()
        .distinct()
        .column((package::Entity, package::Column::CustomerId))
        .from(package_visit::Entity)
        .inner_join(
            package::Entity,
            Expr::col((package::Entity, package::Column::Id))
                .equals((package_visit::Entity, package_visit::Column::PackageId)),
        )
        .inner_join(
            work_order::Entity,
            Expr::col((work_order::Entity, work_order::Column::Id))
                .equals((package_visit::Entity, package_visit::Column::WorkOrderId)),
        )
        .and_where(Expr::col((package_visit::Entity, package_visit::Column::StatementId)).is_null())
        .and_where(Expr::col((package_visit::Entity, package_visit::Column::Status)).eq(VisitStatus::Planned.as_str()))
        .and_where(Expr::col((package_visit::Entity, package_visit::Column::VisitDate)).lte(end))
        .and_where(Expr::col((work_order::Entity, work_order::Column::Status)).is_in(done.clone()))
        .and_where(Expr::col((package::Entity, package::Column::CustomerId)).gt(after))
        .order_by((package::Entity, package::Column::CustomerId), Order::Asc)
        .to_owned();
    let charges = Query::select()
        .distinct()
        .column((service_case::Entity, service_case::Column::CustomerId))
        .from(work_order_charge::Entity)
        .inner_join(
            work_order::Entity,
            Expr::col((work_order::Entity, work_order::Column::Id))
                .equals((work_order_charge::Entity, work_order_charge::Column::WorkOrderId)),
        )
        .inner_join(
            service_case::Entity,
            Expr::col((service_case::Entity, service_case::Column::Id))
                .equals((work_order::Entity, work_order::Column::CaseId)),
        )
        .and_where(Expr::col((work_order_charge::Entity, work_order_charge::Column::StatementId)).is_null())
        .and_where(Expr::col((work_order::Entity, work_order::Column::Status)).is_in(done))
        .and_where(Expr::col((work_order::Entity, work_order::Column::DoneAt)).lte(end_at))
        .and_where(Expr::col((service_case::Entity, service_case::Column::CustomerId)).gt(after))
        .order_by((service_case::Entity, service_case::Column::CustomerId), Order::Asc)
        .to_owned();
    let notes = Query::select()
        .distinct()
        .column(statement_note::Column::CustomerId)
        .from(statement_note::Entity)
        .and_where(Expr::col(statement_note::Column::BilledStatementId).is_null())
        .and_where(Expr::col(statement_note::Column::CustomerId).gt(after))
        .order_by(statement_note::Column::CustomerId, Order::Asc)
        .to_owned();
    [visits, charges, notes]
}

async fn candidate_ids(
    db: &impl ConnectionTrait,
    after: i32,
    end: NaiveDate,
    end_at: DateTime<Utc>,
    limit: Option<u64>,
) -> Result<BTreeSet<i32>> {
    let mut ids = BTreeSet::new();
    for mut q in candidates(after, end, end_at) {
        if let Some(n) = limit {
            q.limit(n);
        }
        for r in db.query_all(&q).await? {
            ids.insert(r.try_get_by_index::<i32>(0)?);
        }
    }
    if let Some(n) = limit {
        while ids.len() as u64 > n {
            ids.pop_last();
        }
    }
    Ok(ids)
}

/// How many customers after `after` have something to bill up to `end`: one count over
/// the union of the sources (the screen's progress), not their ids.
async fn candidate_count(db: &impl ConnectionTrait, after: i32, end: NaiveDate, end_at: DateTime<Utc>) -> Result<u64> {
    let [mut visits, mut charges, mut notes] = candidates(after, end, end_at);
    for q in [&mut visits, &mut charges, &mut notes] {
        q.clear_order_by();
    }
    visits.union(UnionType::Distinct, charges).union(UnionType::Distinct, notes);
    let count = Query::select().expr(Expr::cust("COUNT(*)")).from_subquery(visits, Alias::new("c")).to_owned();
    let n = match db.query_one(&count).await? {
        Some(r) => r.try_get_by_index::<i64>(0)?,
        None => 0,
    };
    Ok(u64::try_from(n).unwrap_or(0))
}

/// A line as the statement will hold it, before it has an id.
struct Draft {
    source_key: String,
    kind: LineKind,
    on_date: NaiveDate,
    description: String,
    unit: String,
    quantity_milli: i64,
    unit_price_cents: i64,
    tax_rate_bp: Option<i32>,
    line: money::Line,
}

fn money_err() -> Error {
    Error::Internal("an amount is out of range".into())
}

/// The service's name in `language`, else Chinese, else English, else any.
fn name_in(texts: &[(String, String)], language: &str) -> String {
    let rank = |l: &str| {
        if l == language {
            0
        } else if l == "zh-CN" {
            1
        } else if l == "en" {
            2
        } else {
            3
        }
    };
    texts.iter().min_by_key(|(l, _)| rank(l)).map(|(_, n)| n.clone()).unwrap_or_default()
}

/// What one run knows of its month and office.
struct Period {
    staff_id: i32,
    now: DateTime<Utc>,
    first: NaiveDate,
    end: NaiveDate,
    /// The month's last instant in the office's time zone.
    end_at: DateTime<Utc>,
    zone: chrono_tz::Tz,
    currency: String,
}

/// A customer's statement as its batch will write it.
struct Issue {
    customer_id: i32,
    language: String,
    unit_id: Option<i32>,
    drafts: Vec<Draft>,
    totals: money::Line,
    visit_ids: Vec<i32>,
    charge_ids: Vec<i32>,
    note_ids: Vec<i32>,
}

/// Rows whose ids are in `ids`, read a thousand ids at a time (bounded bind parameters).
async fn by_ids<E: EntityTrait>(
    db: &impl ConnectionTrait,
    column: E::Column,
    ids: &BTreeSet<i32>,
) -> Result<Vec<E::Model>> {
    let ids: Vec<i32> = ids.iter().copied().collect();
    let mut rows = Vec::new();
    for chunk in ids.chunks(1000) {
        rows.extend(E::find().filter(column.is_in(chunk.iter().copied())).all(db).await?);
    }
    Ok(rows)
}

/// Sets `column` of each statement's source rows to its id: one UPDATE for up to a thousand rows.
async fn mark<E: EntityTrait>(
    db: &impl ConnectionTrait,
    column: E::Column,
    id: E::Column,
    marks: &[(i32, &[i32])],
) -> Result<()> {
    let marks: Vec<&(i32, &[i32])> = marks.iter().filter(|(_, rows)| !rows.is_empty()).collect();
    let mut i = 0;
    while i < marks.len() {
        let (mut j, mut rows) = (i, 0);
        while j < marks.len() && (j == i || rows + marks[j].1.len() <= 1000) {
            rows += marks[j].1.len();
            j += 1;
        }
        let part = &marks[i..j];
        let mut case: Option<CaseStatement> = None;
        for (statement_id, rows) in part {
            let when = id.is_in(rows.iter().copied());
            let then = Expr::value(*statement_id);
            case = Some(match case {
                None => Expr::case(when, then),
                Some(c) => c.case(when, then),
            });
        }
        if let Some(case) = case {
            E::update_many()
                .col_expr(column, case.into())
                .filter(id.is_in(part.iter().flat_map(|(_, rows)| rows.iter().copied())))
                .exec(db)
                .await?;
        }
        i = j;
    }
    Ok(())
}

/// Issues the month's statements of a batch of customers: each one that has none yet and
/// owes or is owed anything gets one. Everything the batch needs is read with a few
/// queries for all its customers (not per customer), and written in bulk.
async fn issue_batch(db: &impl ConnectionTrait, r: &Period, ids: &BTreeSet<i32>) -> Result<u32> {
    let Period { staff_id, now, first, end, end_at, zone, ref currency } = *r;
    let month = recurrence::month_of(first);
    let ids: Vec<i32> = ids.iter().copied().collect();
    let billed: BTreeSet<i32> = statement::Entity::find()
        .select_only()
        .column(statement::Column::CustomerId)
        .filter(statement::Column::CustomerId.is_in(ids.clone()))
        .filter(statement::Column::Month.eq(&month))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let customers = customer::Entity::find()
        .filter(customer::Column::Id.is_in(ids.into_iter().filter(|id| !billed.contains(id))))
        .order_by_asc(customer::Column::Id)
        .all(db)
        .await?;
    if customers.is_empty() {
        return Ok(0);
    }
    let ids: Vec<i32> = customers.iter().map(|c| c.id).collect();

    // Package visits done up to the month's end, with their package (for the customer).
    let visits = package_visit::Entity::find()
        .join(
            JoinType::InnerJoin,
            package_visit::Entity::belongs_to(package::Entity)
                .from(package_visit::Column::PackageId)
                .to(package::Column::Id)
                .into(),
        )
        .join(
            JoinType::InnerJoin,
            package_visit::Entity::belongs_to(work_order::Entity)
                .from(package_visit::Column::WorkOrderId)
                .to(work_order::Column::Id)
                .into(),
        )
        .filter(package_visit::Column::StatementId.is_null())
        .filter(package_visit::Column::Status.eq(VisitStatus::Planned))
        .filter(package_visit::Column::VisitDate.lte(end))
        .filter(package::Column::CustomerId.is_in(ids.clone()))
        .filter(work_order::Column::Status.is_in(DONE))
        .order_by_asc(package_visit::Column::VisitDate)
        .order_by_asc(package_visit::Column::Id)
        .select_also(package::Entity)
        .all(db)
        .await?;
    let item_ids: BTreeSet<i32> = visits.iter().map(|(v, _)| v.package_item_id).collect();
    let items: HashMap<i32, package_item::Model> =
        by_ids::<package_item::Entity>(db, package_item::Column::Id, &item_ids)
            .await?
            .into_iter()
            .map(|i| (i.id, i))
            .collect();
    let service_ids: BTreeSet<i32> = items.values().map(|i| i.service_id).collect();
    let services: HashMap<i32, catalog_service::Model> =
        by_ids::<catalog_service::Entity>(db, catalog_service::Column::Id, &service_ids)
            .await?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
    let mut texts: HashMap<i32, Vec<(String, String)>> = HashMap::new();
    for t in by_ids::<catalog_service_text::Entity>(db, catalog_service_text::Column::ServiceId, &service_ids).await? {
        texts.entry(t.service_id).or_default().push((t.language, t.name));
    }
    // Each service's prices, oldest first: a visit's price is the last one in effect on its day.
    let mut prices: HashMap<i32, Vec<catalog_price::Model>> = HashMap::new();
    for p in by_ids::<catalog_price::Entity>(db, catalog_price::Column::ServiceId, &service_ids).await? {
        prices.entry(p.service_id).or_default().push(p);
    }
    for list in prices.values_mut() {
        list.sort_by_key(|p| p.effective_from);
    }
    let price_at = |service_id: i32, date: NaiveDate| {
        prices
            .get(&service_id)
            .and_then(|l| l.iter().rev().find(|p| p.effective_from <= date))
            .map_or(0, |p| p.amount_cents)
    };

    // Repair charges of orders done up to the month's end, in the customers' cases.
    let charges = work_order_charge::Entity::find()
        .join(
            JoinType::InnerJoin,
            work_order_charge::Entity::belongs_to(work_order::Entity)
                .from(work_order_charge::Column::WorkOrderId)
                .to(work_order::Column::Id)
                .into(),
        )
        .join(
            JoinType::InnerJoin,
            work_order::Entity::belongs_to(service_case::Entity)
                .from(work_order::Column::CaseId)
                .to(service_case::Column::Id)
                .into(),
        )
        .filter(work_order_charge::Column::StatementId.is_null())
        .filter(work_order::Column::Status.is_in(DONE))
        .filter(work_order::Column::DoneAt.lte(end_at))
        .filter(service_case::Column::CustomerId.is_in(ids.clone()))
        .order_by_asc(work_order_charge::Column::Id)
        .select_also(work_order::Entity)
        .all(db)
        .await?;
    let case_ids: BTreeSet<i32> = charges.iter().filter_map(|(_, w)| w.as_ref().map(|w| w.case_id)).collect();
    let case_customer: HashMap<i32, i32> = by_ids::<service_case::Entity>(db, service_case::Column::Id, &case_ids)
        .await?
        .into_iter()
        .filter_map(|c| c.customer_id.map(|cu| (c.id, cu)))
        .collect();

    // Corrections raised since the customers' last statements.
    let notes = statement_note::Entity::find()
        .filter(statement_note::Column::CustomerId.is_in(ids.clone()))
        .filter(statement_note::Column::BilledStatementId.is_null())
        .order_by_asc(statement_note::Column::Id)
        .all(db)
        .await?;
    let against: BTreeSet<i32> = notes.iter().map(|n| n.statement_id).collect();
    let numbers: HashMap<i32, String> = by_ids::<statement::Entity>(db, statement::Column::Id, &against)
        .await?
        .into_iter()
        .map(|s| (s.id, s.number))
        .collect();
    // The unit each customer holds now (the first current occupancy).
    let mut units: HashMap<i32, i32> = HashMap::new();
    for o in occupancy::Entity::find()
        .filter(occupancy::Column::CustomerId.is_in(ids.clone()))
        .filter(occupancy::Column::EndDate.is_null())
        .order_by_asc(occupancy::Column::Id)
        .all(db)
        .await?
    {
        units.entry(o.customer_id).or_insert(o.unit_id);
    }

    let mut visits_of: HashMap<i32, Vec<package_visit::Model>> = HashMap::new();
    for (v, p) in visits {
        if let Some(p) = p {
            visits_of.entry(p.customer_id).or_default().push(v);
        }
    }
    let mut charges_of: HashMap<i32, Vec<(work_order_charge::Model, Option<work_order::Model>)>> = HashMap::new();
    for (ch, w) in charges {
        if let Some(&c) = w.as_ref().and_then(|w| case_customer.get(&w.case_id)) {
            charges_of.entry(c).or_default().push((ch, w));
        }
    }
    let mut notes_of: HashMap<i32, Vec<statement_note::Model>> = HashMap::new();
    for n in notes {
        notes_of.entry(n.customer_id).or_default().push(n);
    }

    let mut issues = Vec::new();
    for c in customers {
        let customer_id = c.id;
        let language = c.preferred_language;
        let mut drafts: Vec<Draft> = Vec::new();
        let mut visit_ids = Vec::new();
        let mut month_fees: BTreeSet<(i32, String)> = BTreeSet::new();
        for v in visits_of.remove(&customer_id).unwrap_or_default() {
            let Some(item) = items.get(&v.package_item_id) else { continue };
            let Some(s) = services.get(&item.service_id) else { continue };
            let name = name_in(texts.get(&s.id).map(Vec::as_slice).unwrap_or(&[]), &language);
            let price_cents = price_at(s.id, v.visit_date);
            visit_ids.push(v.id);
            if s.unit == ServiceUnit::PerMonth {
                // A month's fee once per item and month; the visits it covers are listed at no charge.
                let m = recurrence::month_of(v.visit_date);
                if month_fees.insert((item.id, m.clone())) {
                    let line = money::line(1000, price_cents, s.tax_rate_bp).ok_or_else(money_err)?;
                    drafts.push(Draft {
                        source_key: format!("month:{}:{m}", item.id),
                        kind: LineKind::MonthFee,
                        on_date: recurrence::month_bounds(v.visit_date).0,
                        description: name.clone(),
                        unit: s.unit.as_str().to_owned(),
                        quantity_milli: 1000,
                        unit_price_cents: price_cents,
                        tax_rate_bp: s.tax_rate_bp,
                        line,
                    });
                }
                drafts.push(Draft {
                    source_key: format!("visit:{}", v.id),
                    kind: LineKind::Visit,
                    on_date: v.visit_date,
                    description: name,
                    unit: String::new(),
                    quantity_milli: 1000,
                    unit_price_cents: 0,
                    tax_rate_bp: None,
                    line: money::Line::default(),
                });
                continue;
            }
            let q = i64::from(v.quantity_milli);
            let line = money::line(q, price_cents, s.tax_rate_bp).ok_or_else(money_err)?;
            drafts.push(Draft {
                source_key: format!("visit:{}", v.id),
                kind: LineKind::Visit,
                on_date: v.visit_date,
                description: name,
                unit: s.unit.as_str().to_owned(),
                quantity_milli: q,
                unit_price_cents: price_cents,
                tax_rate_bp: s.tax_rate_bp,
                line,
            });
        }

        let mut charge_ids = Vec::new();
        for (ch, w) in charges_of.remove(&customer_id).unwrap_or_default() {
            let on = w.as_ref().and_then(|w| w.done_at).unwrap_or(ch.created_at).with_timezone(&zone).date_naive();
            let number =
                w.as_ref().map(|w| crate::desk::rules::text::work_order_number(w.case_id, w.seq)).unwrap_or_default();
            charge_ids.push(ch.id);
            drafts.push(Draft {
                source_key: format!("charge:{}", ch.id),
                kind: LineKind::Charge,
                on_date: on,
                description: format!("{} ({number})", ch.description),
                unit: String::new(),
                quantity_milli: ch.quantity_milli,
                unit_price_cents: ch.unit_price_cents,
                tax_rate_bp: None,
                line: money::Line { net_cents: ch.amount_cents, tax_cents: 0, gross_cents: ch.amount_cents },
            });
        }

        let mut note_ids = Vec::new();
        for n in notes_of.remove(&customer_id).unwrap_or_default() {
            let l = money::line(1000, n.amount_cents, n.tax_rate_bp).ok_or_else(money_err)?;
            let (kind, line) = match n.kind {
                NoteKind::Credit => (
                    LineKind::Credit,
                    money::Line { net_cents: -l.net_cents, tax_cents: -l.tax_cents, gross_cents: -l.gross_cents },
                ),
                NoteKind::Debit => (LineKind::Debit, l),
            };
            let against = numbers.get(&n.statement_id).cloned().unwrap_or_default();
            let label = rust_i18n::t!(
                format!("menus.statement.note_line.{}", n.kind.as_str()),
                locale = &language,
                number = against
            );
            note_ids.push(n.id);
            drafts.push(Draft {
                source_key: format!("note:{}", n.id),
                kind,
                on_date: n.created_at.with_timezone(&zone).date_naive(),
                description: format!("{label}: {}", n.reason),
                unit: String::new(),
                quantity_milli: 1000,
                unit_price_cents: if n.kind == NoteKind::Credit { -n.amount_cents } else { n.amount_cents },
                tax_rate_bp: n.tax_rate_bp,
                line,
            });
        }
        if drafts.is_empty() {
            continue;
        }
        drafts.sort_by(|a, b| (a.on_date, a.kind.as_str()).cmp(&(b.on_date, b.kind.as_str())));
        let totals = money::totals(drafts.iter().map(|d| &d.line)).ok_or_else(money_err)?;
        let unit_id = units.get(&customer_id).copied();
        issues.push(Issue { customer_id, language, unit_id, drafts, totals, visit_ids, charge_ids, note_ids });
    }
    if issues.is_empty() {
        return Ok(0);
    }

    for chunk in issues.chunks(500) {
        let rows = chunk.iter().map(|i| statement::ActiveModel {
            id: NotSet,
            // Replaced by the numbered form once the id is known.
            number: Set(format!("pending-{}-{month}", i.customer_id)),
            customer_id: Set(i.customer_id),
            unit_id: Set(i.unit_id),
            month: Set(month.clone()),
            language: Set(i.language.clone()),
            currency: Set(currency.clone()),
            subtotal_cents: Set(i.totals.net_cents),
            tax_cents: Set(i.totals.tax_cents),
            total_cents: Set(i.totals.gross_cents),
            paid_cents: Set(0),
            issued_at: Set(now),
            issued_by: Set(staff_id),
            sent_at: Set(None),
            version: Set(1),
            updated_at: Set(now),
        });
        statement::Entity::insert_many(rows).exec_without_returning(db).await?;
    }
    // The new statements' ids, read back by (customer, month), which is unique.
    let statement_of: HashMap<i32, i32> = statement::Entity::find()
        .select_only()
        .column(statement::Column::CustomerId)
        .column(statement::Column::Id)
        .filter(statement::Column::Month.eq(&month))
        .filter(statement::Column::CustomerId.is_in(issues.iter().map(|i| i.customer_id)))
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let issued: Vec<(i32, &Issue)> = issues
        .iter()
        .map(|i| {
            statement_of.get(&i.customer_id).map(|&s| (s, i)).ok_or(Error::Internal("statement not written".into()))
        })
        .collect::<Result<_>>()?;
    for chunk in issued.chunks(500) {
        let mut case: Option<CaseStatement> = None;
        for (s, _) in chunk {
            let when = statement::Column::Id.eq(*s);
            let number = Expr::value(format!("ST{}-{:06}", month.replace('-', ""), s));
            case = Some(match case {
                None => Expr::case(when, number),
                Some(c) => c.case(when, number),
            });
        }
        if let Some(case) = case {
            statement::Entity::update_many()
                .col_expr(statement::Column::Number, case.into())
                .filter(statement::Column::Id.is_in(chunk.iter().map(|(s, _)| *s)))
                .exec(db)
                .await?;
        }
    }
    let rows: Vec<statement_line::ActiveModel> = issued
        .iter()
        .flat_map(|(s, i)| {
            i.drafts.iter().enumerate().map(move |(n, d)| statement_line::ActiveModel {
                id: NotSet,
                statement_id: Set(*s),
                position: Set(i32::try_from(n).unwrap_or(i32::MAX)),
                source_key: Set(d.source_key.clone()),
                kind: Set(d.kind),
                on_date: Set(d.on_date),
                description: Set(d.description.chars().take(400).collect()),
                unit: Set(d.unit.clone()),
                quantity_milli: Set(d.quantity_milli),
                unit_price_cents: Set(d.unit_price_cents),
                tax_rate_bp: Set(d.tax_rate_bp),
                net_cents: Set(d.line.net_cents),
                tax_cents: Set(d.line.tax_cents),
                gross_cents: Set(d.line.gross_cents),
            })
        })
        .collect();
    for chunk in rows.chunks(500) {
        statement_line::Entity::insert_many(chunk.to_vec()).exec_without_returning(db).await?;
    }
    let marks = |f: fn(&Issue) -> &[i32]| issued.iter().map(|(s, i)| (*s, f(i))).collect::<Vec<_>>();
    mark::<package_visit::Entity>(
        db,
        package_visit::Column::StatementId,
        package_visit::Column::Id,
        &marks(|i| &i.visit_ids),
    )
    .await?;
    mark::<work_order_charge::Entity>(
        db,
        work_order_charge::Column::StatementId,
        work_order_charge::Column::Id,
        &marks(|i| &i.charge_ids),
    )
    .await?;
    mark::<statement_note::Entity>(
        db,
        statement_note::Column::BilledStatementId,
        statement_note::Column::Id,
        &marks(|i| &i.note_ids),
    )
    .await?;
    Ok(u32::try_from(issued.len()).unwrap_or(u32::MAX))
}

/// One batch of the month's statement run (the screen calls it until `done`).
pub async fn run(cx: Cx, input: StatementRun) -> Result<StatementRunProgress> {
    let actor = cx.actor()?.id();
    let (first, end) = parse_month("month", &input.month)?;
    let h = schedule::horizon(&cx.db, cx.now).await?;
    if first > h.today {
        return Err(Error::field("month", "validation.month_future"));
    }
    let zone = h.zone;
    // The month ends at midnight office time: a repair done on its last evening is in it.
    let end_at = recurrence::due_at(end, Some("23:59"), zone) + chrono::Duration::seconds(59);
    let batch = u64::from(input.batch.unwrap_or(200).clamp(1, 1000));
    let after = input.after.unwrap_or(0);
    let currency = settings::currency(&cx.db).await?;
    let ids = candidate_ids(&cx.db, after, end, end_at, Some(batch)).await?;
    let period = Period { staff_id: actor, now: cx.now, first, end, end_at, zone, currency };
    let mut issued = 0;
    if !ids.is_empty() {
        let txn = db::begin_write(&cx.db).await?;
        issued = Box::pin(issue_batch(&txn, &period, &ids)).await?;
        txn.commit().await?;
    }
    let last = ids.last().copied();
    let remaining = match last {
        Some(l) => u32::try_from(candidate_count(&cx.db, l, end, end_at).await?).unwrap_or(u32::MAX),
        None => 0,
    };
    if issued > 0 {
        tracing::info!(month = %input.month, issued, staff = actor, "statements issued");
    }
    Ok(StatementRunProgress {
        processed: u32::try_from(ids.len()).unwrap_or(u32::MAX),
        issued,
        remaining,
        next_after: last.filter(|_| remaining > 0),
        done: remaining == 0,
    })
}

async fn names(db: &impl ConnectionTrait, ids: impl IntoIterator<Item = i32>) -> Result<HashMap<i32, String>> {
    Ok(customer::Entity::find()
        .filter(customer::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect())
}

pub async fn list(cx: Cx, q: StatementQuery) -> Result<Page<StatementRow>> {
    cx.actor()?;
    let mut select = statement::Entity::find();
    if let Some(m) = q.month.as_deref().filter(|m| !m.trim().is_empty()) {
        parse_month("month", m)?;
        select = select.filter(statement::Column::Month.eq(m.trim()));
    }
    if let Some(c) = q.customer_id {
        select = select.filter(statement::Column::CustomerId.eq(c));
    }
    if q.unpaid_only {
        select = select.filter(Expr::col(statement::Column::PaidCents).lt(Expr::col(statement::Column::TotalCents)));
    }
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = paging(q.page, q.page_size);
    let rows = select.order_by_desc(statement::Column::Id).offset(offset).limit(limit).all(&cx.db).await?;
    let mut n = names(&cx.db, rows.iter().map(|s| s.customer_id)).await?;
    let items = rows.iter().map(|s| row_of(s, n.remove(&s.customer_id).unwrap_or_default())).collect();
    Ok(page(items, total, q.page, q.page_size))
}

pub(crate) async fn detail(db: &impl ConnectionTrait, id: i32) -> Result<StatementDetail> {
    let s = statement::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound)?;
    let name = names(db, [s.customer_id]).await?.remove(&s.customer_id).unwrap_or_default();
    let lines = statement_line::Entity::find()
        .filter(statement_line::Column::StatementId.eq(id))
        .order_by_asc(statement_line::Column::Position)
        .all(db)
        .await?;
    let payments = payment::Entity::find()
        .filter(payment::Column::StatementId.eq(id))
        .order_by_asc(payment::Column::Id)
        .all(db)
        .await?;
    let notes = statement_note::Entity::find()
        .filter(statement_note::Column::StatementId.eq(id))
        .order_by_asc(statement_note::Column::Id)
        .all(db)
        .await?;
    let staff_ids: Vec<i32> =
        payments.iter().map(|p| p.created_by).chain(notes.iter().map(|n| n.created_by)).chain([s.issued_by]).collect();
    let staff_names: HashMap<i32, String> = staff::Entity::find()
        .filter(staff::Column::Id.is_in(staff_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.display_name))
        .collect();
    let billed: HashMap<i32, String> = statement::Entity::find()
        .filter(statement::Column::Id.is_in(notes.iter().filter_map(|n| n.billed_statement_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.number))
        .collect();
    Ok(StatementDetail {
        row: row_of(&s, name),
        unit_label: common::unit_label(db, s.unit_id).await?,
        subtotal_cents: s.subtotal_cents,
        tax_cents: s.tax_cents,
        lines: lines
            .into_iter()
            .map(|l| StatementLineView {
                kind: l.kind,
                date: l.on_date.to_string(),
                description: l.description,
                unit: l.unit,
                quantity: money::quantity_text(l.quantity_milli),
                unit_price_cents: l.unit_price_cents,
                tax_rate: l.tax_rate_bp.map(money::rate_text),
                net_cents: l.net_cents,
                tax_cents: l.tax_cents,
                gross_cents: l.gross_cents,
            })
            .collect(),
        payments: payments
            .into_iter()
            .map(|p| PaymentView {
                id: p.id,
                amount_cents: p.amount_cents,
                paid_on: p.paid_on.to_string(),
                method: p.method,
                reference: p.reference,
                staff_name: staff_names.get(&p.created_by).cloned().unwrap_or_default(),
            })
            .collect(),
        notes: notes
            .into_iter()
            .map(|n| NoteView {
                id: n.id,
                kind: n.kind,
                amount_cents: n.amount_cents,
                tax_rate: n.tax_rate_bp.map(money::rate_text),
                reason: n.reason,
                billed_number: n.billed_statement_id.and_then(|b| billed.get(&b).cloned()),
                created_at: n.created_at.to_rfc3339(),
                staff_name: staff_names.get(&n.created_by).cloned().unwrap_or_default(),
            })
            .collect(),
        issued_by: staff_names.get(&s.issued_by).cloned().unwrap_or_default(),
    })
}

pub async fn get(cx: Cx, input: StatementGet) -> Result<StatementDetail> {
    cx.actor()?;
    detail(&cx.db, input.id).await
}

pub async fn mark_sent(cx: Cx, input: StatementMarkSent) -> Result<StatementDetail> {
    cx.actor()?;
    let txn = db::begin_write(&cx.db).await?;
    let row = statement::ActiveModel { sent_at: Set(Some(cx.now)), updated_at: Set(cx.now), ..Default::default() };
    versioned::update::<statement::Entity>(&txn, input.id, input.version, row).await?;
    txn.commit().await?;
    detail(&cx.db, input.id).await
}

/// A payment, whole or in part; more than is owed is refused.
pub async fn pay(cx: Cx, input: PaymentAdd) -> Result<StatementDetail> {
    let actor = cx.actor()?;
    let mut p = Problems::default();
    let amount = money::parse_price(&input.amount).filter(|a| *a > 0);
    p.check(amount.is_some(), "amount", "validation.money");
    let paid_on = validate::date(&input.paid_on);
    p.check(paid_on.is_some(), "paid_on", "validation.date");
    let reference = match validate::text(&input.reference, 200, false) {
        Ok(r) => r.unwrap_or_default(),
        Err(k) => {
            p.add("reference", k);
            String::new()
        }
    };
    p.into_result()?;
    let (Some(amount), Some(paid_on)) = (amount, paid_on) else {
        return Err(Error::field("amount", "validation.money"));
    };
    let txn = db::begin_write(&cx.db).await?;
    let s = statement::Entity::find_by_id(input.statement_id).one(&txn).await?.ok_or(Error::NotFound)?;
    if amount > s.total_cents - s.paid_cents {
        return Err(Error::field("amount", "validation.payment_over"));
    }
    let row = statement::ActiveModel {
        paid_cents: Set(s.paid_cents + amount),
        updated_at: Set(cx.now),
        ..Default::default()
    };
    versioned::update::<statement::Entity>(&txn, s.id, input.version, row).await?;
    payment::ActiveModel {
        id: NotSet,
        statement_id: Set(s.id),
        customer_id: Set(s.customer_id),
        amount_cents: Set(amount),
        paid_on: Set(paid_on),
        method: Set(input.method),
        reference: Set(reference),
        created_by: Set(actor.id()),
        created_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    tracing::info!(statement = s.id, staff = actor.id(), "payment recorded");
    detail(&cx.db, s.id).await
}

/// A credit or debit note against an issued statement, carried onto the next one.
pub async fn note(cx: Cx, input: NoteAdd) -> Result<StatementDetail> {
    let actor = cx.actor()?;
    let mut p = Problems::default();
    let amount = money::parse_price(&input.amount).filter(|a| *a > 0);
    p.check(amount.is_some(), "amount", "validation.money");
    let rate = match validate::clean_opt(&input.tax_rate) {
        None => None,
        Some(r) => {
            let bp = money::parse_rate(&r);
            p.check(bp.is_some(), "tax_rate", "validation.tax_rate");
            bp
        }
    };
    let reason = match validate::text(&input.reason, 400, true) {
        Ok(r) => r.unwrap_or_default(),
        Err(k) => {
            p.add("reason", k);
            String::new()
        }
    };
    p.into_result()?;
    let Some(amount) = amount else { return Err(Error::field("amount", "validation.money")) };
    let txn = db::begin_write(&cx.db).await?;
    let s = statement::Entity::find_by_id(input.statement_id).one(&txn).await?.ok_or(Error::NotFound)?;
    // The statement's row takes the corrections of one statement in turn.
    let row = statement::ActiveModel { updated_at: Set(cx.now), ..Default::default() };
    versioned::update::<statement::Entity>(&txn, s.id, input.version, row).await?;
    statement_note::ActiveModel {
        id: NotSet,
        customer_id: Set(s.customer_id),
        statement_id: Set(s.id),
        kind: Set(input.kind),
        reason: Set(reason),
        amount_cents: Set(amount),
        tax_rate_bp: Set(rate),
        billed_statement_id: Set(None),
        created_by: Set(actor.id()),
        created_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    detail(&cx.db, s.id).await
}

/// The customer's balance and what is owed by age.
pub async fn account(cx: Cx, input: CustomerAccountGet) -> Result<CustomerAccount> {
    cx.actor()?;
    customer::Entity::find_by_id(input.customer_id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    let all = statement::Entity::find()
        .filter(statement::Column::CustomerId.eq(input.customer_id))
        .order_by_desc(statement::Column::Id)
        .all(&cx.db)
        .await?;
    let name = names(&cx.db, [input.customer_id]).await?.remove(&input.customer_id).unwrap_or_default();
    let mut aged = AgedBuckets { current_cents: 0, days_31_60_cents: 0, days_61_90_cents: 0, over_90_cents: 0 };
    let mut balance = 0;
    for s in &all {
        let owed = s.total_cents - s.paid_cents;
        balance += owed;
        if owed <= 0 {
            continue;
        }
        let days = (cx.now - s.issued_at).num_days();
        let bucket = match days {
            ..=30 => &mut aged.current_cents,
            31..=60 => &mut aged.days_31_60_cents,
            61..=90 => &mut aged.days_61_90_cents,
            _ => &mut aged.over_90_cents,
        };
        *bucket += owed;
    }
    let currency = all.first().map(|s| s.currency.clone()).unwrap_or(settings::currency(&cx.db).await?);
    Ok(CustomerAccount {
        customer_id: input.customer_id,
        currency,
        balance_cents: balance,
        aged,
        open: all.iter().rev().filter(|s| s.total_cents > s.paid_cents).map(|s| row_of(s, name.clone())).collect(),
        recent: all.iter().take(12).map(|s| row_of(s, name.clone())).collect(),
    })
}
