//! Cell values as offices write them, read into Steward's forms: full-width digits, unit
//! labels in several spellings, phones in national formats, dates, language names.

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use crate::domain::validate;

/// Full-width digits, letters and punctuation as their ASCII forms ("１２０３" → "1203").
pub fn narrow(s: &str) -> String {
    if s.is_ascii() {
        return s.trim().to_owned();
    }
    s.nfkc().collect::<String>().replace('\u{3000}', " ").trim().to_owned()
}

/// A unit label split into the building's word and the unit number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitLabel {
    /// "A" for "A-1203", "A座1203" and "A栋 1203"; "1" for "1号楼1203室"; empty for "1203".
    pub building: String,
    /// Whether the building was written as an ordinal ("1号楼", "3栋" with digits).
    pub ordinal: bool,
    pub number: String,
}

/// Reads "A-1203", "A座1203", "A 1203", "A栋1203室", "1号楼1203室", "1-1203" and "1203".
pub fn unit_label(s: &str) -> Option<UnitLabel> {
    let s = narrow(s).to_uppercase();
    let s = s.trim_end_matches(['室', '号', '房']).trim();
    if s.is_empty() {
        return None;
    }
    // The building word ends at a marker (座 栋 幢 楼 号楼 -) or where the number starts.
    let markers = ["号楼", "号座", "座", "栋", "幢", "棟", "楼", "-", "－", "—", "/", " "];
    for m in markers {
        if let Some((b, n)) = s.split_once(m) {
            let (b, n) = (b.trim(), n.trim().trim_start_matches(['-', ' ']));
            if b.is_empty() || n.is_empty() || !n.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            let n = n.trim_end_matches(['室', '号', '房']).trim();
            if !n.chars().all(|c| c.is_ascii_alphanumeric()) {
                return None;
            }
            let ordinal = b.chars().all(|c| c.is_ascii_digit()) && m != "-" && m != " " && m != "/";
            return Some(UnitLabel { building: b.to_owned(), ordinal, number: n.to_owned() });
        }
    }
    // "A1203": letters then digits.
    let split = s.find(|c: char| c.is_ascii_digit())?;
    let (b, n) = s.split_at(split);
    if !n.chars().all(|c| c.is_ascii_alphanumeric()) || !b.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    Some(UnitLabel { building: b.to_owned(), ordinal: false, number: n.to_owned() })
}

/// A unit number as compared: leading zeros do not count ("0801" is "801").
pub fn number_key(n: &str) -> String {
    let n = narrow(n).to_uppercase();
    let t = n.trim_start_matches('0');
    if t.is_empty() { n } else { t.to_owned() }
}

/// The phones of a cell ("138 1234 5678; +81 90-1234-5678"), each as validation accepts
/// it, or the first one that is not a phone.
pub fn phones(cell: &str) -> Result<Vec<String>, String> {
    let cell = narrow(cell);
    let mut out = Vec::new();
    for part in cell.split([';', '；', ',', '，', '、', '/', '|']) {
        let p = part.trim();
        if p.is_empty() {
            continue;
        }
        // Dots and the "tel:" prefix are other countries' spellings of the same number.
        let p = p.trim_start_matches("tel:").replace('.', " ");
        let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
        if validate::phone(&p) {
            out.push(p);
        } else {
            return Err(part.trim().to_owned());
        }
    }
    Ok(out)
}

/// A date as "2025-03-01", "2025/3/1", "2025.3.1", "2025年3月1日" or "20250301".
pub fn date(cell: &str) -> Option<NaiveDate> {
    let s = narrow(cell);
    let s = s.replace(['年', '月', '/', '.'], "-").replace('日', "");
    let s = s.split([' ', 'T']).next().unwrap_or("");
    if s.len() == 8 && s.chars().all(|c| c.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A preferred language as Steward's code, from a code or the language's name.
pub fn language(cell: &str) -> Option<&'static str> {
    let s = narrow(cell).to_lowercase().replace('_', "-");
    let code = match s.as_str() {
        "zh-cn" | "zh" | "zh-hans" | "cn" | "chinese" | "中文" | "汉语" | "普通话" | "简体中文" | "中国語"
        | "중국어" => "zh-CN",
        "en" | "en-us" | "en-gb" | "english" | "英语" | "英文" | "英語" | "영어" => "en",
        "ja" | "ja-jp" | "jp" | "japanese" | "日语" | "日文" | "日本語" | "일본어" => "ja",
        "ko" | "ko-kr" | "kr" | "korean" | "韩语" | "韩文" | "韓国語" | "한국어" => "ko",
        _ => return None,
    };
    Some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(b: &str, ordinal: bool, n: &str) -> Option<UnitLabel> {
        Some(UnitLabel { building: b.into(), ordinal, number: n.into() })
    }

    #[test]
    fn unit_spellings() {
        assert_eq!(unit_label("A-1203"), label("A", false, "1203"));
        assert_eq!(unit_label("A座1203"), label("A", false, "1203"));
        assert_eq!(unit_label("a座１２０３室"), label("A", false, "1203"));
        assert_eq!(unit_label("A 1203"), label("A", false, "1203"));
        assert_eq!(unit_label("A1203"), label("A", false, "1203"));
        assert_eq!(unit_label("1号楼1203室"), label("1", true, "1203"));
        assert_eq!(unit_label("2栋 0801"), label("2", true, "0801"));
        assert_eq!(unit_label("1203"), label("", false, "1203"));
        assert_eq!(number_key("0801"), "801");
    }

    #[test]
    fn phones_and_dates() {
        assert_eq!(
            phones("１３８ １２３４ ５６７８；+81 90.1234.5678"),
            Ok(vec!["138 1234 5678".to_owned(), "+81 90 1234 5678".to_owned()])
        );
        assert_eq!(phones("12ab"), Err("12ab".to_owned()));
        assert_eq!(date("2025年3月1日"), NaiveDate::from_ymd_opt(2025, 3, 1));
        assert_eq!(date("2025/03/01"), NaiveDate::from_ymd_opt(2025, 3, 1));
        assert_eq!(date("2025-02-30"), None);
        assert_eq!(language("English"), Some("en"));
        assert_eq!(language("fr"), None);
    }
}
