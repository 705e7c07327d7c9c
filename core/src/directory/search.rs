//! Search terms derived when a customer is written, so every search is a prefix range
//! scan on an index: name substrings in any script, Latin words, full pinyin and pinyin
//! initials of Chinese names, and phone numbers reversed (to find the last digits).

use pinyin::ToPinyinMulti;

pub const TEXT: &str = "text";
pub const PHONE: &str = "phone";
const MAX_TERM: usize = 200;
/// Queries up to this many characters (without spaces or digits) are answered from the
/// prefix rows, in list order; longer ones have few hits and use the term ranges.
pub const PREFIX_MAX: usize = 6;

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Scripts written without spaces between words: every character starts a searchable suffix.
fn is_unspaced(c: char) -> bool {
    is_han(c) || matches!(c as u32, 0x3040..=0x30FF | 0xAC00..=0xD7AF)
}

/// Lower case with runs of white space folded to one space.
pub fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Suffixes of `s` starting at every CJK character and at every word start.
fn suffixes(s: &str, out: &mut Vec<String>) {
    let s = normalize(s);
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        let starts_word = prev.is_none_or(|p| p == ' ' || is_unspaced(p)) && c != ' ';
        if is_unspaced(c) || starts_word {
            out.push(s[i..].chars().take(MAX_TERM).collect());
        }
        prev = Some(c);
    }
}

/// Pinyin syllables of a name; each Han character gives its readings (the first
/// character, usually the surname, keeps all of them: 曾 is zeng or ceng).
fn syllables(name: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut first = true;
    for (c, multi) in name.chars().zip(name.to_pinyin_multi()) {
        match multi {
            Some(m) => {
                let mut readings: Vec<String> = Vec::new();
                let count = if first { m.count() } else { 1 };
                for i in 0..count {
                    if let Some(p) = m.get_opt(i) {
                        let plain = p.plain().to_owned();
                        if !readings.contains(&plain) {
                            readings.push(plain);
                        }
                    }
                }
                first = false;
                if !readings.is_empty() {
                    out.push(readings);
                }
            }
            None if c.is_alphanumeric() => out.push(vec![c.to_lowercase().to_string()]),
            None => {}
        }
    }
    out
}

fn pinyin_terms(name: &str, out: &mut Vec<String>) {
    let syl = syllables(name);
    if syl.is_empty() || !name.chars().any(is_han) {
        return;
    }
    let first_readings = syl[0].clone();
    for first in first_readings {
        let mut parts: Vec<&str> = vec![first.as_str()];
        parts.extend(syl[1..].iter().map(|r| r[0].as_str()));
        for start in 0..parts.len() {
            let full: String = parts[start..].concat();
            let initials: String = parts[start..].iter().filter_map(|p| p.chars().next()).collect();
            out.push(full.chars().take(MAX_TERM).collect());
            out.push(initials);
        }
    }
}

/// Every (kind, term) row for one customer.
pub fn customer_terms(name: &str, name_latin: Option<&str>, phones: &[String]) -> Vec<(&'static str, String)> {
    let mut text = Vec::new();
    suffixes(name, &mut text);
    pinyin_terms(name, &mut text);
    if let Some(latin) = name_latin {
        suffixes(latin, &mut text);
    }
    text.retain(|t| !t.trim().is_empty());
    text.sort();
    text.dedup();
    let mut out: Vec<(&'static str, String)> = text.into_iter().map(|t| (TEXT, t)).collect();
    let mut reversed: Vec<String> = phones
        .iter()
        .map(|p| crate::domain::validate::digits(p).chars().rev().collect::<String>())
        .filter(|d| !d.is_empty())
        .collect();
    reversed.sort();
    reversed.dedup();
    out.extend(reversed.into_iter().map(|d| (PHONE, d)));
    out
}

/// The spellings of a typed query to look up: the query itself and, for pinyin typed the
/// way Chinese keyboards do, `v` (or `u:`) read as `ü` — `lv`, `lvxiaoming`, `nv` find
/// 吕, 吕晓明, 女 (the stored pinyin spells ü). Initials need nothing: 吕 is `l` either way.
pub fn spellings(query: &str) -> Vec<String> {
    let mut out = vec![query.to_owned()];
    if query.contains('v') || query.contains("u:") {
        let u = query.replace("u:", "ü").replace('v', "ü");
        if u != query {
            out.push(u);
        }
    }
    out
}

/// The short prefixes of a customer's text terms (up to [`PREFIX_MAX`] characters, none
/// with a space), with `v` spellings beside `ü` ones. The migration that added them
/// derives the same rows in SQL.
pub fn customer_prefixes(terms: &[(&'static str, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for (_, term) in terms.iter().filter(|(kind, _)| *kind == TEXT) {
        let mut prefix = String::new();
        for c in term.chars().take(PREFIX_MAX) {
            if c == ' ' {
                break;
            }
            prefix.push(c);
            out.push(prefix.clone());
            if prefix.contains('ü') {
                out.push(prefix.replace('ü', "v"));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Whether a normalized query is answered from the prefix rows.
pub fn uses_prefix(query: &str) -> bool {
    !query.is_empty() && query.chars().count() <= PREFIX_MAX && !query.chars().any(|c| c == ' ' || c.is_ascii_digit())
}

/// The exclusive upper bound of a prefix range: "zs" → "zt".
pub fn prefix_end(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        let mut next = last as u32 + 1;
        if (0xD800..=0xDFFF).contains(&next) {
            next = 0xE000;
        }
        if let Some(c) = char::from_u32(next) {
            chars.push(c);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(name: &str, latin: Option<&str>) -> Vec<String> {
        customer_terms(name, latin, &[]).into_iter().map(|(_, t)| t).collect()
    }

    #[test]
    fn chinese_name_gives_substrings_pinyin_and_initials() {
        let t = texts("张三", None);
        for want in ["张三", "三", "zhangsan", "san", "zs", "s"] {
            assert!(t.contains(&want.to_owned()), "{want} missing from {t:?}");
        }
    }

    #[test]
    fn surname_keeps_every_reading() {
        let t = texts("曾小明", None);
        assert!(t.contains(&"zengxiaoming".to_owned()), "{t:?}");
        assert!(t.contains(&"cengxiaoming".to_owned()), "{t:?}");
        assert!(t.contains(&"zxm".to_owned()));
    }

    #[test]
    fn latin_words_and_phones() {
        let t = customer_terms("Emily Clarke", Some("Emily Clarke"), &["+44 7700 900123".into()]);
        assert!(t.contains(&(TEXT, "clarke".into())));
        assert!(t.contains(&(TEXT, "emily clarke".into())));
        assert!(t.contains(&(PHONE, "321009007744".into())));
    }

    #[test]
    fn v_and_u_colon_read_as_u_umlaut() {
        assert_eq!(spellings("lv"), ["lv", "lü"]);
        assert_eq!(spellings("lu:xm"), ["lu:xm", "lüxm"]);
        assert_eq!(spellings("zs"), ["zs"]);
        let t = texts("吕晓明", None);
        for want in ["lüxiaoming", "lxm", "吕晓明"] {
            assert!(t.contains(&want.to_owned()), "{want} missing from {t:?}");
        }
        assert!(t.iter().any(|t| t.starts_with(&spellings("lvxiaoming")[1])), "{t:?}");
    }

    #[test]
    fn short_prefixes_in_both_spellings() {
        let p = customer_prefixes(&customer_terms("吕晓明", None, &["13800005678".into()]));
        for want in ["吕", "吕晓明", "l", "lü", "lv", "lüxiao", "lvxiao", "lxm", "xiaomi", "m"] {
            assert!(p.contains(&want.to_owned()), "{want} missing from {p:?}");
        }
        assert!(!p.iter().any(|p| p.chars().count() > PREFIX_MAX || p.contains("8765")), "{p:?}");
        let p = customer_prefixes(&customer_terms("Emily Clarke", Some("Emily Clarke"), &[]));
        assert!(p.contains(&"emily".to_owned()) && p.contains(&"clarke".to_owned()), "{p:?}");
        assert!(!p.iter().any(|p| p.contains(' ')), "{p:?}");
        assert!(uses_prefix("zs") && uses_prefix("张") && !uses_prefix("5678") && !uses_prefix("zhangwei"));
    }

    #[test]
    fn prefix_bounds() {
        assert_eq!(prefix_end("zs").as_deref(), Some("zt"));
        assert_eq!(prefix_end("张").as_deref(), Some("弡"));
    }
}
