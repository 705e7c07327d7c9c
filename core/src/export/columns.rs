//! Each list's columns: the header's catalog key and each row's cells, vocabulary values
//! translated for the caller. The rows are the list operation's own, page after page.

use rust_i18n::t;

use super::sheet::{Cell, Column, Writer};
use super::{CHUNK, ListExport};
use crate::app::Cx;
use crate::desk::cases::CaseRow;
use crate::desk::work_orders::WorkOrderRow;
use crate::directory::customers::CustomerRow;
use crate::directory::units::UnitRow;
use crate::error::Result;
use crate::menus::statements::{StatementRow, StatementStatus};
use crate::{desk, directory, menus};

/// Calls the list operation for page 1, 2, … until a page comes back short of the size it
/// says it used, writing each page's rows as they arrive.
macro_rules! every_page {
    ($cx:expr, $out:expr, $query:expr, $op:path, $cells:expr) => {{
        let mut q = $query;
        q.page_size = CHUNK;
        q.page = 1;
        loop {
            let page = crate::page::with_largest_page(CHUNK, $op($cx.again(), q.clone())).await?;
            for row in &page.items {
                $out.row(&$cells(row))?;
            }
            if page.items.len() < page.page_size.max(1) as usize {
                break;
            }
            q.page += 1;
        }
    }};
}

pub async fn write(cx: &Cx, input: ListExport, out: &mut Writer) -> Result<()> {
    let locale = cx.locale().to_owned();
    let l = |key: String| t!(key, locale = &locale).into_owned();
    let word = |vocabulary: &str, value: &str| Cell::Text(l(format!("enum.{vocabulary}.{value}")));
    let yes_no = |b: bool| Cell::Text(l(if b { "common.yes" } else { "common.no" }.to_owned()));
    match input {
        ListExport::Customers { query, .. } => {
            out.header(&[
                Column::new("customer.field.name", 20.0),
                Column::new("customer.field.name_latin", 20.0),
                Column::new("customer.field.kind", 12.0),
                Column::new("customers.phone", 14.0),
                Column::new("customer.field.preferred_language", 16.0),
                Column::new("customer.field.nationality", 12.0),
                Column::new("customer.field.vip", 6.0),
                Column::new("customers.units", 24.0),
            ])?;
            let language = |code: &str| {
                let key = format!("language.{code}");
                let name = l(key.clone());
                Cell::Text(if name == key { code.to_owned() } else { name })
            };
            every_page!(cx, out, query, directory::customers::list, |r: &CustomerRow| vec![
                Cell::text(&r.name),
                Cell::maybe(r.name_latin.clone()),
                word("customer_kind", r.kind.as_str()),
                Cell::maybe(r.phone_masked.clone()),
                language(&r.preferred_language),
                Cell::maybe(r.nationality.clone()),
                yes_no(r.vip),
                Cell::text(&r.units),
            ]);
        }
        ListExport::Units { query, .. } => {
            out.header(&[
                Column::new("units.building", 14.0),
                Column::new("units.number", 10.0),
                Column::new("units.floor", 8.0),
                Column::new("units.area_m2", 10.0),
                Column::new("units.use", 12.0),
                Column::new("units.status", 12.0),
                Column::new("units.occupants", 28.0),
            ])?;
            every_page!(cx, out, query, directory::units::list, |r: &UnitRow| vec![
                Cell::text(&r.building_name),
                Cell::text(&r.number),
                Cell::Whole(i64::from(r.floor)),
                r.area_m2.parse::<f64>().map_or_else(|_| Cell::text(&r.area_m2), Cell::Decimal),
                word("unit_use", r.use_kind.as_str()),
                word("unit_status", r.status.as_str()),
                Cell::text(&r.occupants),
            ]);
        }
        ListExport::Cases { query, .. } => {
            out.header(&[
                Column::new("desk.field.number", 10.0),
                Column::new("desk.field.title", 30.0),
                Column::new("desk.field.kind", 12.0),
                Column::new("desk.field.status", 12.0),
                Column::new("desk.field.priority", 10.0),
                Column::new("desk.field.channel", 10.0),
                Column::new("desk.field.customer", 16.0),
                Column::new("desk.field.unit", 12.0),
                Column::new("desk.field.owner", 14.0),
                Column::new("desk.field.received", 17.0),
                Column::new("desk.field.due", 17.0),
                Column::new("export.column.overdue", 8.0),
                Column::new("desk.field.escalation", 8.0),
                Column::new("desk.satisfaction.label", 8.0),
            ])?;
            every_page!(cx, out, query, desk::cases::list, |r: &CaseRow| vec![
                Cell::text(&r.number),
                Cell::text(&r.title),
                word("case_kind", r.kind.as_str()),
                word("case_status", r.status.as_str()),
                word("priority", r.priority.as_str()),
                word("channel", r.channel.as_str()),
                Cell::maybe(r.customer_name.clone()),
                Cell::maybe(r.unit_label.clone()),
                Cell::text(&r.owner_name),
                Cell::time(&r.received_at),
                r.due_at.as_deref().map_or(Cell::Empty, Cell::time),
                yes_no(r.overdue),
                Cell::Whole(i64::from(r.escalation_level)),
                r.satisfaction.map_or(Cell::Empty, |s| Cell::Whole(i64::from(s))),
            ]);
        }
        ListExport::WorkOrders { query, .. } => {
            out.header(&[
                Column::new("desk.field.number", 10.0),
                Column::new("desk.field.case_title", 30.0),
                Column::new("desk.field.department", 14.0),
                Column::new("desk.field.supplier", 16.0),
                Column::new("desk.field.assignee", 14.0),
                Column::new("desk.field.priority", 10.0),
                Column::new("desk.field.status", 12.0),
                Column::new("desk.field.instructions", 30.0),
                Column::new("desk.field.due", 17.0),
                Column::new("export.column.overdue", 8.0),
                Column::new("desk.field.escalation", 8.0),
            ])?;
            every_page!(cx, out, query, desk::work_orders::list, |r: &WorkOrderRow| vec![
                Cell::text(&r.number),
                Cell::text(&r.case_title),
                r.department.map_or(Cell::Empty, |d| word("department", d.as_str())),
                Cell::maybe(r.supplier_name.clone()),
                Cell::maybe(r.assignee_name.clone()),
                word("priority", r.priority.as_str()),
                word("work_order_status", r.status.as_str()),
                Cell::text(&r.instructions),
                Cell::time(&r.due_at),
                yes_no(r.overdue),
                Cell::Whole(i64::from(r.escalation_level)),
            ]);
        }
        ListExport::Statements { query, .. } => {
            out.header(&[
                Column::new("menus.statement.number", 14.0),
                Column::new("menus.statement.customer", 20.0),
                Column::new("menus.statement.month", 9.0),
                Column::new("print.statement.currency", 8.0),
                Column::new("menus.statement.total", 12.0),
                Column::new("menus.statement.paid", 12.0),
                Column::new("menus.statement.balance", 12.0),
                Column::new("menus.statement.status_label", 12.0),
                Column::new("menus.statement.issued_at", 17.0),
                Column::new("export.column.sent_at", 17.0),
            ])?;
            let status = |s: StatementStatus| {
                let v = match s {
                    StatementStatus::Issued => "issued",
                    StatementStatus::Sent => "sent",
                    StatementStatus::PartPaid => "part_paid",
                    StatementStatus::Paid => "paid",
                    StatementStatus::Credit => "credit",
                };
                Cell::Text(l(format!("menus.statement.status.{v}")))
            };
            every_page!(cx, out, query, menus::statements::list, |r: &StatementRow| vec![
                Cell::text(&r.number),
                Cell::text(&r.customer_name),
                Cell::text(&r.month),
                Cell::text(&r.currency),
                Cell::Money(r.total_cents),
                Cell::Money(r.paid_cents),
                Cell::Money(r.balance_cents),
                status(r.status),
                Cell::time(&r.issued_at),
                r.sent_at.as_deref().map_or(Cell::Empty, Cell::time),
            ]);
        }
    }
    Ok(())
}
