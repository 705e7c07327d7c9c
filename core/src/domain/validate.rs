//! Field rules shared by the operations. Each returns the catalog key of the problem.

use chrono::NaiveDate;

use super::CUSTOMER_LANGUAGES;

pub const REQUIRED: &str = "validation.required";
pub const TOO_LONG: &str = "validation.too_long";

/// Trims; `None` for blank.
pub fn clean(s: &str) -> Option<String> {
    let t = s.trim();
    if t.is_empty() { None } else { Some(t.to_owned()) }
}

pub fn clean_opt(s: &Option<String>) -> Option<String> {
    s.as_deref().and_then(clean)
}

pub fn text(value: &str, max_chars: usize, required: bool) -> Result<Option<String>, &'static str> {
    match clean(value) {
        None if required => Err(REQUIRED),
        None => Ok(None),
        Some(v) if v.chars().count() > max_chars => Err(TOO_LONG),
        Some(v) if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t') => Err("validation.invalid"),
        Some(v) => Ok(Some(v)),
    }
}

pub fn email(value: &str) -> bool {
    let mut parts = value.splitn(2, '@');
    let (Some(local), Some(domain)) = (parts.next(), parts.next()) else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.chars().any(char::is_whitespace)
        && value.len() <= 200
}

/// Digits with optional `+`, spaces, dashes and parentheses; 5 to 20 digits.
pub fn phone(value: &str) -> bool {
    let digits = value.chars().filter(char::is_ascii_digit).count();
    (5..=20).contains(&digits)
        && value.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c))
        && value.find('+').is_none_or(|i| i == 0)
}

pub fn digits(value: &str) -> String {
    value.chars().filter(char::is_ascii_digit).collect()
}

pub fn nationality(value: &str) -> bool {
    value.len() == 2 && value.chars().all(|c| c.is_ascii_uppercase())
}

pub fn customer_language(value: &str) -> bool {
    CUSTOMER_LANGUAGES.contains(&value)
}

pub fn date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

/// "85.5" → 8550 hundredths of a square metre. Exact; at most two decimals.
pub fn area_centi(value: &str) -> Option<i32> {
    let v = value.trim();
    let (whole, frac) = match v.split_once('.') {
        Some((w, f)) => (w, f),
        None => (v, ""),
    };
    if whole.is_empty() || whole.len() > 6 || frac.len() > 2 {
        return None;
    }
    if !whole.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: i32 = whole.parse().ok()?;
    let frac: i32 = if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().ok()? };
    whole.checked_mul(100)?.checked_add(frac)
}

pub fn area_text(centi: i32) -> String {
    format!("{}.{:02}", centi / 100, centi % 100)
}

/// Keeps only the first and last few characters: "110101********1234".
pub fn mask(value: &str, keep_start: usize, keep_end: usize) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= keep_start + keep_end {
        return "*".repeat(chars.len().max(4));
    }
    let hidden = chars.len() - keep_start - keep_end;
    let mut out: String = chars[..keep_start].iter().collect();
    out.push_str(&"*".repeat(hidden));
    out.extend(&chars[chars.len() - keep_end..]);
    out
}

pub fn mask_phone(value: &str) -> String {
    let d = digits(value);
    if d.len() >= 7 { mask(&d, 3, 4) } else { mask(&d, 0, 2) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_is_exact() {
        assert_eq!(area_centi("85.5"), Some(8550));
        assert_eq!(area_centi("85.05"), Some(8505));
        assert_eq!(area_centi("120"), Some(12000));
        assert_eq!(area_centi("1.234"), None);
        assert_eq!(area_centi("-3"), None);
        assert_eq!(area_centi("abc"), None);
        assert_eq!(area_text(8505), "85.05");
    }

    #[test]
    fn masks_keep_only_ends() {
        assert_eq!(mask_phone("138-1234-5678"), "138****5678");
        assert_eq!(mask("110101199001011234", 4, 4), "1101**********1234");
        assert_eq!(mask("12", 4, 4), "****");
        assert_eq!(mask("E12345678", 0, 4), "*****5678");
    }

    #[test]
    fn phones_and_emails() {
        assert!(phone("+86 138 1234 5678"));
        assert!(!phone("12"));
        assert!(!phone("138x1234"));
        assert!(email("a.b@example.cn"));
        assert!(!email("a@b"));
        assert!(!email("a b@example.com"));
    }
}
