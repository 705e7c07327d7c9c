//! One table written as CSV (streamed into the buffer row by row) or as an `.xlsx` sheet
//! (numbers, money and dates as real values with number formats).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Timelike, Utc};
use chrono_tz::Tz;
use rust_i18n::t;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::ExportFormat;
use crate::error::{Error, Result};

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Whole(i64),
    /// A decimal shown with 2 places (square metres).
    Decimal(f64),
    /// Minor units (cents): a number with 2 decimals, never a float computed on.
    Money(i64),
    Date(NaiveDate),
    /// Shown in the office's time zone.
    Time(DateTime<Utc>),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        Self::Text(s.into())
    }

    pub fn maybe(s: Option<String>) -> Self {
        s.map_or(Self::Empty, Self::Text)
    }

    /// An RFC 3339 time as the rows carry it; kept as text when it is not one.
    pub fn time(s: &str) -> Self {
        match DateTime::parse_from_rfc3339(s) {
            Ok(t) => Self::Time(t.with_timezone(&Utc)),
            Err(_) if s.is_empty() => Self::Empty,
            Err(_) => Self::Text(s.to_owned()),
        }
    }
}

/// A column: its header's catalog key and its width in Excel characters.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub key: &'static str,
    pub width: f64,
}

impl Column {
    pub const fn new(key: &'static str, width: f64) -> Self {
        Self { key, width }
    }
}

enum Target {
    Csv(Vec<u8>),
    Xlsx { sheet: Box<Worksheet>, formats: Box<Formats> },
}

struct Formats {
    bold: Format,
    money: Format,
    decimal: Format,
    date: Format,
    time: Format,
}

pub struct Writer {
    target: Target,
    zone: Tz,
    locale: String,
    row: u32,
}

fn xlsx_error(e: XlsxError) -> Error {
    Error::Internal(format!("spreadsheet: {e}"))
}

/// Days since Excel's epoch (1899-12-30), the day's fraction after the point.
fn excel_serial(t: NaiveDateTime) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    let days = (t.date() - epoch).num_days() as f64;
    days + f64::from(t.time().num_seconds_from_midnight()) / 86_400.0
}

/// Spreadsheet programs run a cell starting with these as a formula; a leading
/// apostrophe keeps an exported name or title text (CSV only: xlsx cells are typed).
fn defused(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}").into() } else { s.into() }
}

fn push_csv_field(out: &mut Vec<u8>, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        out.push(b'"');
        out.extend_from_slice(s.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(s.as_bytes());
    }
}

impl Writer {
    pub fn new(format: ExportFormat, zone: Tz, locale: &str) -> Self {
        let target = match format {
            // The byte-order mark tells Excel the file is UTF-8.
            ExportFormat::Csv => Target::Csv(b"\xEF\xBB\xBF".to_vec()),
            ExportFormat::Xlsx => Target::Xlsx {
                sheet: Box::new(Worksheet::new()),
                formats: Box::new(Formats {
                    bold: Format::new().set_bold(),
                    money: Format::new().set_num_format("#,##0.00"),
                    decimal: Format::new().set_num_format("0.00"),
                    date: Format::new().set_num_format("yyyy-mm-dd"),
                    time: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
                }),
            },
        };
        Self { target, zone, locale: locale.to_owned(), row: 0 }
    }

    /// The header row, translated for the caller.
    pub fn header(&mut self, columns: &[Column]) -> Result<()> {
        let heads: Vec<String> = columns.iter().map(|c| t!(c.key, locale = &self.locale).into_owned()).collect();
        match &mut self.target {
            Target::Csv(out) => {
                for (i, h) in heads.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    push_csv_field(out, &defused(h));
                }
                out.extend_from_slice(b"\r\n");
            }
            Target::Xlsx { sheet, formats } => {
                for (i, (h, c)) in heads.iter().zip(columns).enumerate() {
                    let col = i as u16;
                    sheet.write_string_with_format(0, col, h, &formats.bold).map_err(xlsx_error)?;
                    sheet.set_column_width(col, c.width).map_err(xlsx_error)?;
                }
                sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
            }
        }
        self.row = 1;
        Ok(())
    }

    pub fn row(&mut self, cells: &[Cell]) -> Result<()> {
        let zone = self.zone;
        let local = |t: &DateTime<Utc>| t.with_timezone(&zone).naive_local();
        match &mut self.target {
            Target::Csv(out) => {
                for (i, cell) in cells.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    match cell {
                        Cell::Empty => {}
                        Cell::Text(s) => push_csv_field(out, &defused(s)),
                        Cell::Whole(n) => out.extend_from_slice(n.to_string().as_bytes()),
                        Cell::Decimal(x) => out.extend_from_slice(format!("{x:.2}").as_bytes()),
                        Cell::Money(c) => {
                            let sign = if *c < 0 { "-" } else { "" };
                            let c = c.unsigned_abs();
                            out.extend_from_slice(format!("{sign}{}.{:02}", c / 100, c % 100).as_bytes());
                        }
                        Cell::Date(d) => out.extend_from_slice(d.format("%Y-%m-%d").to_string().as_bytes()),
                        Cell::Time(t) => {
                            out.extend_from_slice(local(t).format("%Y-%m-%d %H:%M").to_string().as_bytes())
                        }
                    }
                }
                out.extend_from_slice(b"\r\n");
            }
            Target::Xlsx { sheet, formats } => {
                let r = self.row;
                for (i, cell) in cells.iter().enumerate() {
                    let c = i as u16;
                    match cell {
                        Cell::Empty => Ok(&mut **sheet),
                        Cell::Text(s) => sheet.write_string(r, c, s),
                        Cell::Whole(n) => sheet.write_number(r, c, *n as f64),
                        Cell::Decimal(x) => sheet.write_number_with_format(r, c, *x, &formats.decimal),
                        Cell::Money(cents) => {
                            sheet.write_number_with_format(r, c, *cents as f64 / 100.0, &formats.money)
                        }
                        Cell::Date(d) => sheet.write_number_with_format(
                            r,
                            c,
                            excel_serial(d.and_time(chrono::NaiveTime::MIN)),
                            &formats.date,
                        ),
                        Cell::Time(t) => sheet.write_number_with_format(r, c, excel_serial(local(t)), &formats.time),
                    }
                    .map_err(xlsx_error)?;
                }
            }
        }
        self.row += 1;
        Ok(())
    }

    /// The file's bytes; `title` names the sheet.
    pub fn finish(self, title: &str) -> Result<Vec<u8>> {
        match self.target {
            Target::Csv(out) => Ok(out),
            Target::Xlsx { mut sheet, .. } => {
                // Sheet names: at most 31 characters, none of []:*?/\.
                let name: String = title.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect::<String>();
                if !name.trim().is_empty() {
                    sheet.set_name(name.trim()).map_err(xlsx_error)?;
                }
                let mut book = Workbook::new();
                book.push_worksheet(*sheet);
                book.save_to_buffer().map_err(xlsx_error)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_commas_quotes_and_newlines() {
        let mut out = Vec::new();
        push_csv_field(&mut out, "a,b \"c\"\nd");
        assert_eq!(String::from_utf8_lossy(&out), "\"a,b \"\"c\"\"\nd\"");
    }

    #[test]
    fn excel_serial_counts_from_1899_12_30() {
        let t = NaiveDate::from_ymd_opt(2024, 1, 1).and_then(|d| d.and_hms_opt(12, 0, 0)).unwrap_or_default();
        assert!((excel_serial(t) - 45292.5).abs() < 1e-9);
    }
}
