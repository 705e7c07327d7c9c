//! An imported file as a table of text cells: CSV in UTF-8 (with or without BOM), UTF-16
//! or a legacy encoding (GBK from Chinese Excel), or the first sheet of an `.xlsx`.

use std::io::Cursor;

use calamine::{Data, Reader};

use crate::error::{Error, Result};

/// Raw file bytes accepted per import: base64 of this fits the office server's 16 MB body.
pub const MAX_FILE_BYTES: usize = 11_000_000;

/// The header row and the data rows, every cell trimmed text.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub columns: Vec<String>,
    /// In file order; blank rows stay so that row numbers are the file's (header = row 1).
    pub rows: Vec<Vec<String>>,
    /// What the bytes were read as: "utf-8", "GBK", "xlsx"…
    pub encoding: String,
}

fn refuse(key: &str) -> Error {
    Error::field("file", key)
}

/// Reads `bytes` named `file_name` (the extension chooses CSV or Excel).
pub fn read(file_name: &str, bytes: &[u8]) -> Result<Table> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::TooLarge);
    }
    let lower = file_name.to_lowercase();
    let zip = bytes.starts_with(b"PK\x03\x04");
    let table = if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") || zip {
        read_xlsx(bytes)?
    } else if lower.ends_with(".xls") {
        return Err(refuse("import.error.xls_unsupported"));
    } else {
        let (text, encoding) = decode(bytes)?;
        let mut rows = parse_csv(&text);
        let columns = if rows.is_empty() { Vec::new() } else { rows.remove(0) };
        Table { columns, rows, encoding }
    };
    if table.columns.iter().all(|c| c.is_empty()) {
        return Err(refuse("import.error.empty"));
    }
    Ok(table)
}

/// Text of a CSV file: a BOM decides; valid UTF-8 is UTF-8; otherwise the detector's
/// guess, used only when it decodes without a single replacement (never mojibake).
pub fn decode(bytes: &[u8]) -> Result<(String, String)> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(refuse("import.error.encoding"));
        }
        return Ok((text.into_owned(), encoding.name().to_owned()));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), "UTF-8".to_owned()));
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(Some(b"cn"), false);
    // GBK files may hold characters only GB18030 has; it is GBK's superset.
    let encoding = if encoding == encoding_rs::GBK { encoding_rs::GB18030 } else { encoding };
    let legacy = [encoding_rs::GB18030, encoding_rs::BIG5, encoding_rs::SHIFT_JIS, encoding_rs::EUC_KR];
    if !legacy.contains(&encoding) {
        return Err(refuse("import.error.encoding"));
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(refuse("import.error.encoding"));
    }
    let name = if encoding == encoding_rs::GB18030 { "GBK" } else { encoding.name() };
    Ok((text.into_owned(), name.to_owned()))
}

/// The separator of the header line: comma, tab or semicolon, whichever it has most of.
fn separator(text: &str) -> char {
    let first = text.lines().next().unwrap_or("");
    [',', '\t', ';'].into_iter().max_by_key(|s| first.matches(*s).count()).filter(|s| first.contains(*s)).unwrap_or(',')
}

/// RFC 4180 CSV: quoted cells may hold separators, doubled quotes and line breaks.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let sep = separator(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(cell.trim().to_owned());
                cell.clear();
                rows.push(std::mem::take(&mut row));
            }
            c if c == sep => {
                row.push(cell.trim().to_owned());
                cell.clear();
            }
            _ => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell.trim().to_owned());
        rows.push(row);
    }
    rows
}

fn read_xlsx(bytes: &[u8]) -> Result<Table> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|_| refuse("import.error.unreadable"))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| refuse("import.error.empty"))?
        .map_err(|_| refuse("import.error.unreadable"))?;
    let mut rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(cell_text).collect()).collect();
    let columns = if rows.is_empty() { Vec::new() } else { rows.remove(0) };
    Ok(Table { columns, rows, encoding: "xlsx".to_owned() })
}

/// A cell as the person sees it: whole numbers without ".0" (phones typed as numbers),
/// dates as YYYY-MM-DD.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt.as_datetime().map(|d| d.date().to_string()).unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_line_breaks() {
        let rows = parse_csv("a,b\r\n\"x, y\",\"say \"\"hi\"\"\nthere\"\n1,2");
        assert_eq!(rows, vec![vec!["a", "b"], vec!["x, y", "say \"hi\"\nthere"], vec!["1", "2"]]);
    }

    #[test]
    fn gbk_is_detected_and_bom_stripped() {
        let (gbk, _, _) = encoding_rs::GBK.encode("姓名,电话\n张伟,13812345678\n王芳,13900001111\n");
        let (text, enc) = decode(&gbk).unwrap_or_default();
        assert_eq!(enc, "GBK");
        assert!(text.starts_with("姓名,电话"));
        let (text, enc) = decode("\u{feff}姓名".as_bytes()).unwrap_or_default();
        assert_eq!((text.as_str(), enc.as_str()), ("姓名", "UTF-8"));
    }
}
