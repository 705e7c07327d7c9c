//! Search text and numbers. Both databases index the same normalized text: lower case,
//! words of letters and digits separated by one space, and every CJK character a word
//! of its own, so a phrase query finds any run of characters (1, 2 or 5 of them).

/// Han, kana, hangul and CJK compatibility: written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// The tokens of `s`: runs of letters and digits, each CJK character alone.
pub fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in s.chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The text stored for the index: "厨房漏水 leak-3" → "厨 房 漏 水 leak 3".
pub fn index_text(s: &str) -> String {
    tokens(s).join(" ")
}

/// A query's tokens, or none for a blank query. At most 32, so a pasted page stays cheap.
pub fn query_tokens(q: &str) -> Vec<String> {
    let mut t = tokens(q);
    t.truncate(32);
    t
}

/// Whether the last token may be a word still being typed (matched as a prefix).
pub fn last_is_prefix(tokens: &[String]) -> bool {
    tokens.last().is_some_and(|t| !t.chars().any(is_cjk))
}

/// An FTS5 phrase: `"厨 房"` or `"kitchen lea"*`. Tokens hold only letters and digits.
pub fn fts5_phrase(tokens: &[String]) -> String {
    let star = if last_is_prefix(tokens) { "*" } else { "" };
    format!("\"{}\"{star}", tokens.join(" "))
}

/// A PostgreSQL tsquery text: `厨 <-> 房`, `kitchen <-> lea:*`.
pub fn tsquery(tokens: &[String]) -> String {
    let mut parts: Vec<String> = tokens.iter().map(|t| format!("'{t}'")).collect();
    if last_is_prefix(tokens)
        && let Some(last) = parts.last_mut()
    {
        last.push_str(":*");
    }
    parts.join(" <-> ")
}

/// Case numbers: C000123. Work orders: C000123-2 (its place in the case).
pub fn case_number(id: i32) -> String {
    format!("C{id:06}")
}

pub fn work_order_number(case_id: i32, seq: i32) -> String {
    format!("{}-{seq}", case_number(case_id))
}

/// "C000123", "c123" or "C000123-2" → case id 123.
pub fn parse_case_number(s: &str) -> Option<i32> {
    let s = s.trim();
    let rest = s.strip_prefix('C').or_else(|| s.strip_prefix('c'))?;
    let digits = rest.split_once('-').map_or(rest, |(c, _)| c);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|id| *id > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_characters_are_words() {
        assert_eq!(index_text("厨房漏水，请尽快"), "厨 房 漏 水 请 尽 快");
        assert_eq!(index_text("Kitchen LEAK at B-1203"), "kitchen leak at b 1203");
        assert_eq!(index_text("A座1203室 water"), "a 座 1203 室 water");
        assert_eq!(index_text("エレベーター 고장"), "エ レ ベ ー タ ー 고 장");
        assert_eq!(index_text("Café"), "café");
        assert_eq!(index_text("  "), "");
    }

    #[test]
    fn queries() {
        let q = query_tokens("漏水");
        assert_eq!(fts5_phrase(&q), "\"漏 水\"");
        assert_eq!(tsquery(&q), "'漏' <-> '水'");
        let q = query_tokens("kitchen lea");
        assert_eq!(fts5_phrase(&q), "\"kitchen lea\"*");
        assert_eq!(tsquery(&q), "'kitchen' <-> 'lea':*");
        assert!(query_tokens(" ,. ").is_empty());
        // Quotes and operators never reach the query syntax.
        assert_eq!(fts5_phrase(&query_tokens("a\" OR \"b")), "\"a or b\"*");
        assert_eq!(tsquery(&query_tokens("x' | !y")), "'x' <-> 'y':*");
    }

    #[test]
    fn numbers() {
        assert_eq!(case_number(123), "C000123");
        assert_eq!(work_order_number(123, 2), "C000123-2");
        assert_eq!(parse_case_number("C000123"), Some(123));
        assert_eq!(parse_case_number("c123-2"), Some(123));
        assert_eq!(parse_case_number("C"), None);
        assert_eq!(parse_case_number("leak"), None);
        assert_eq!(parse_case_number("C0"), None);
    }
}
