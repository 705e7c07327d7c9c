//! A statement on paper (PDF, through the printing path of work-order slips) in the
//! customer's language, and a month's statements and payments for the accountant (.xlsx).

use chrono::NaiveDate;
use rust_i18n::t;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;
use ts_rs::TS;

use super::format;
use super::statements::{StatementDetail, detail, parse_month};
use crate::app::Cx;
use crate::desk::attachments::base64_encode;
use crate::desk::slip::Document as FileDocument;
use crate::entities::{customer, payment, property, statement, statement_line};
use crate::error::{Error, Result};
use crate::print::{self, Align, Block, Column, Document, Field, Fields, Paper, Paragraph, Table, TextSize};

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StatementPdf {
    pub id: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StatementExport {
    /// "2026-12".
    pub month: String,
}

fn date_of(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The statement as a printable document, every word in `d`'s language.
pub fn statement_document(d: &StatementDetail, office: &str) -> Document {
    let lang = d.row.language.as_str();
    let l = |key: &str| t!(format!("print.statement.{key}"), locale = lang).into_owned();
    let money = |c: i64| format::money(c, &d.row.currency, lang);
    let day = |s: &str| date_of(s).map_or_else(|| s.to_owned(), |x| format::date(x, lang));
    let issued = chrono::DateTime::parse_from_rfc3339(&d.row.issued_at)
        .map(|t| format::date(t.date_naive(), lang))
        .unwrap_or_default();
    let month_first = date_of(&format!("{}-01", d.row.month));
    let mut blocks = Vec::new();
    if !office.is_empty() {
        blocks.push(Block::Paragraph(Paragraph {
            text: office.to_owned(),
            size: TextSize::Large,
            bold: false,
            align: Align::Center,
        }));
    }
    blocks.push(Block::Title(l("title")));
    blocks.push(Block::Fields(Fields {
        columns: 2,
        items: vec![
            Field::new(l("number"), &d.row.number),
            Field::new(l("month"), month_first.map_or_else(|| d.row.month.clone(), |m| format::month(m, lang))),
            Field::new(l("customer"), &d.row.customer_name),
            Field::new(l("unit"), d.unit_label.clone().unwrap_or_default()),
            Field::new(l("issued"), issued),
            Field::new(l("currency"), &d.row.currency),
        ],
    }));
    let unit_text = |u: &str| {
        if u.is_empty() {
            String::new()
        } else {
            t!(format!("print.statement.unit_short.{u}"), locale = lang).into_owned()
        }
    };
    blocks.push(Block::Table(Table {
        caption: Some(l("lines")),
        columns: vec![
            Column::new(l("date"), 2.7, Align::Left),
            Column::new(l("description"), 4.6, Align::Left),
            Column::new(l("quantity"), 2.0, Align::Right),
            Column::new(l("unit_price"), 2.2, Align::Right),
            Column::new(l("tax_rate"), 1.0, Align::Right),
            Column::new(l("amount"), 2.4, Align::Right),
        ],
        rows: d
            .lines
            .iter()
            .map(|x| {
                let unit = unit_text(&x.unit);
                vec![
                    day(&x.date),
                    x.description.clone(),
                    if unit.is_empty() { x.quantity.clone() } else { format!("{} {unit}", x.quantity) },
                    money(x.unit_price_cents),
                    x.tax_rate.as_ref().map(|r| format!("{r}%")).unwrap_or_default(),
                    money(x.net_cents),
                ]
            })
            .collect(),
        min_rows: 0,
        total: None,
    }));
    let mut totals = vec![
        Field::new(l("subtotal"), money(d.subtotal_cents)),
        Field::new(l("tax"), money(d.tax_cents)),
        Field::new(l("total"), money(d.row.total_cents)),
        Field::new(l("paid"), money(d.row.paid_cents)),
    ];
    totals.push(Field::wide(l("balance"), money(d.row.balance_cents)));
    blocks.push(Block::Fields(Fields { columns: 2, items: totals }));
    if !d.payments.is_empty() {
        blocks.push(Block::Table(Table {
            caption: Some(l("payments")),
            columns: vec![
                Column::new(l("date"), 2.2, Align::Left),
                Column::new(l("method"), 3.0, Align::Left),
                Column::new(l("reference"), 4.0, Align::Left),
                Column::new(l("amount"), 2.2, Align::Right),
            ],
            rows: d
                .payments
                .iter()
                .map(|p| {
                    vec![
                        day(&p.paid_on),
                        t!(format!("enum.payment_method.{}", p.method.as_str()), locale = lang).into_owned(),
                        p.reference.clone(),
                        money(p.amount_cents),
                    ]
                })
                .collect(),
            min_rows: 0,
            total: None,
        }));
    }
    blocks.push(Block::Space(8.0));
    blocks.push(Block::Paragraph(Paragraph {
        text: l("footer"),
        size: TextSize::Small,
        bold: false,
        align: Align::Left,
    }));
    let heading = format!("{} {}", l("title"), d.row.number);
    Document {
        paper: Paper::A4,
        language: lang.to_owned(),
        title: heading.clone(),
        running_header: Some(heading),
        page_numbers: Some(l("page")),
        blocks,
    }
}

pub async fn pdf(cx: Cx, input: StatementPdf) -> Result<FileDocument> {
    cx.actor()?;
    let d = detail(&cx.db, input.id).await?;
    let office = property::Entity::find().one(&cx.db).await?.map(|p| p.name).unwrap_or_default();
    let bytes = print::render(&statement_document(&d, &office)).map_err(|e| match e {
        print::PrintError::MissingGlyph { .. } => Error::field("id", "validation.missing_font"),
        other => Error::Internal(other.to_string()),
    })?;
    Ok(FileDocument {
        file_name: format!("{}.pdf", d.row.number),
        mime: "application/pdf".into(),
        base64: base64_encode(&bytes),
    })
}

/// Cents as the number a spreadsheet shows: Excel keeps numbers as doubles, and two
/// decimals of any amount Steward holds are exact there.
fn amount(cents: i64) -> f64 {
    cents as f64 / 100.0
}

fn xlsx_error(e: XlsxError) -> Error {
    Error::Internal(format!("spreadsheet: {e}"))
}

/// The month's statements, their lines and the payments recorded in the month, in the
/// caller's language, for the accountant.
pub async fn export(cx: Cx, input: StatementExport) -> Result<FileDocument> {
    cx.actor()?;
    let (first, end) = parse_month("month", &input.month)?;
    let locale = cx.locale().to_owned();
    let l = |key: &str| t!(format!("print.statement.{key}"), locale = &locale).into_owned();
    let statements = statement::Entity::find()
        .filter(statement::Column::Month.eq(input.month.trim()))
        .order_by_asc(statement::Column::Id)
        .all(&cx.db)
        .await?;
    let ids: Vec<i32> = statements.iter().map(|s| s.id).collect();
    let customers: std::collections::HashMap<i32, String> = customer::Entity::find()
        .filter(customer::Column::Id.is_in(statements.iter().map(|s| s.customer_id)))
        .all(&cx.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let lines = statement_line::Entity::find()
        .filter(statement_line::Column::StatementId.is_in(ids))
        .order_by_asc(statement_line::Column::StatementId)
        .order_by_asc(statement_line::Column::Position)
        .all(&cx.db)
        .await?;
    let payments = payment::Entity::find()
        .filter(payment::Column::PaidOn.gte(first))
        .filter(payment::Column::PaidOn.lte(end))
        .order_by_asc(payment::Column::PaidOn)
        .order_by_asc(payment::Column::Id)
        .all(&cx.db)
        .await?;
    let numbers: std::collections::HashMap<i32, String> = statement::Entity::find()
        .filter(statement::Column::Id.is_in(payments.iter().map(|p| p.statement_id)))
        .all(&cx.db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.number))
        .collect();

    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let cash = Format::new().set_num_format("#,##0.00");
    let sheet = book.add_worksheet();
    sheet.set_name(l("sheet_statements")).map_err(xlsx_error)?;
    let heads = ["number", "customer", "month", "currency", "subtotal", "tax", "total", "paid", "balance", "issued"];
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, l(h), &bold).map_err(xlsx_error)?;
    }
    for (r, s) in statements.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, &s.number).map_err(xlsx_error)?;
        sheet.write_string(r, 1, customers.get(&s.customer_id).cloned().unwrap_or_default()).map_err(xlsx_error)?;
        sheet.write_string(r, 2, &s.month).map_err(xlsx_error)?;
        sheet.write_string(r, 3, &s.currency).map_err(xlsx_error)?;
        for (c, v) in [s.subtotal_cents, s.tax_cents, s.total_cents, s.paid_cents, s.total_cents - s.paid_cents]
            .into_iter()
            .enumerate()
        {
            sheet.write_number_with_format(r, 4 + c as u16, amount(v), &cash).map_err(xlsx_error)?;
        }
        sheet.write_string(r, 9, s.issued_at.date_naive().to_string()).map_err(xlsx_error)?;
    }
    sheet.set_column_width(1, 24).map_err(xlsx_error)?;

    let sheet = book.add_worksheet();
    sheet.set_name(l("sheet_lines")).map_err(xlsx_error)?;
    let heads = ["number", "date", "description", "quantity", "unit_price", "tax_rate", "amount", "tax", "total"];
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, l(h), &bold).map_err(xlsx_error)?;
    }
    let by_id: std::collections::HashMap<i32, &statement::Model> = statements.iter().map(|s| (s.id, s)).collect();
    for (r, x) in lines.iter().enumerate() {
        let r = r as u32 + 1;
        sheet
            .write_string(r, 0, by_id.get(&x.statement_id).map(|s| s.number.clone()).unwrap_or_default())
            .map_err(xlsx_error)?;
        sheet.write_string(r, 1, x.on_date.to_string()).map_err(xlsx_error)?;
        sheet.write_string(r, 2, &x.description).map_err(xlsx_error)?;
        sheet.write_number(r, 3, x.quantity_milli as f64 / 1000.0).map_err(xlsx_error)?;
        sheet.write_number_with_format(r, 4, amount(x.unit_price_cents), &cash).map_err(xlsx_error)?;
        if let Some(bp) = x.tax_rate_bp {
            sheet.write_number(r, 5, f64::from(bp) / 100.0).map_err(xlsx_error)?;
        }
        for (c, v) in [x.net_cents, x.tax_cents, x.gross_cents].into_iter().enumerate() {
            sheet.write_number_with_format(r, 6 + c as u16, amount(v), &cash).map_err(xlsx_error)?;
        }
    }
    sheet.set_column_width(2, 36).map_err(xlsx_error)?;

    let sheet = book.add_worksheet();
    sheet.set_name(l("sheet_payments")).map_err(xlsx_error)?;
    let heads = ["number", "date", "method", "reference", "amount"];
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, l(h), &bold).map_err(xlsx_error)?;
    }
    for (r, p) in payments.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, numbers.get(&p.statement_id).cloned().unwrap_or_default()).map_err(xlsx_error)?;
        sheet.write_string(r, 1, p.paid_on.to_string()).map_err(xlsx_error)?;
        let method = t!(format!("enum.payment_method.{}", p.method.as_str()), locale = &locale).into_owned();
        sheet.write_string(r, 2, method).map_err(xlsx_error)?;
        sheet.write_string(r, 3, &p.reference).map_err(xlsx_error)?;
        sheet.write_number_with_format(r, 4, amount(p.amount_cents), &cash).map_err(xlsx_error)?;
    }
    let bytes = book.save_to_buffer().map_err(xlsx_error)?;
    Ok(FileDocument {
        file_name: format!("statements-{}.xlsx", input.month.trim()),
        mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".into(),
        base64: base64_encode(&bytes),
    })
}
