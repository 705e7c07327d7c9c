//! Dates, times and money as a reader of a language expects them, for what Steward prints and
//! exports (the screens format with `Intl` in the UI). The rules are data: each catalog carries
//! its CLDR patterns and symbols under `format.*` and `currency.*`, and this is a small
//! interpreter of those patterns, so adding a language needs no code.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

/// The catalog text for a key, falling back to English; `None` when no catalog has it.
fn text(language: &str, key: &str) -> Option<String> {
    crate::_rust_i18n_try_translate(language, key).map(|t| t.into_owned())
}

fn pattern(language: &str, key: &str, default: &str) -> String {
    text(language, key).unwrap_or_else(|| default.to_owned())
}

/// The CLDR medium date: "2026年11月27日", "Nov 27, 2026", "2026/11/27", "2026. 11. 27.".
pub fn date(d: NaiveDate, language: &str) -> String {
    let p = pattern(language, "format.date", "y-MM-dd");
    apply(&p, d, None, language)
}

/// A month as a title: "2026年12月", "December 2026", "2026년 12월".
pub fn month(first: NaiveDate, language: &str) -> String {
    let p = pattern(language, "format.month", "y-MM");
    apply(&p, first, None, language)
}

/// A time of day on the office's 24-hour clock: "15:05", "9:05" (ja).
pub fn time(t: NaiveDateTime, language: &str) -> String {
    let p = pattern(language, "format.time", "HH:mm");
    apply(&p, t.date(), Some(t), language)
}

/// A date with its time: "Nov 27, 2026, 15:05", "2026年11月27日 15:05".
pub fn datetime(t: NaiveDateTime, language: &str) -> String {
    let p = pattern(language, "format.datetime", "y-MM-dd HH:mm");
    apply(&p, t.date(), Some(t), language)
}

/// One of the twelve names in a `format.months_*` list ("Jan_Feb_…").
fn month_name(language: &str, key: &str, month: u32) -> Option<String> {
    let names = text(language, key)?;
    names.split('_').nth(month as usize - 1).map(str::to_owned)
}

/// Interprets a CLDR date pattern: letters are fields (y, M/L, d, H, h, m, s, a), text in
/// single quotes and every other character is literal ('' is a quote).
fn apply(pattern: &str, d: NaiveDate, t: Option<NaiveDateTime>, language: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            if chars.get(i + 1) == Some(&'\'') {
                out.push('\'');
                i += 2;
                continue;
            }
            i += 1;
            while i < chars.len() {
                if chars[i] == '\'' {
                    if chars.get(i + 1) != Some(&'\'') {
                        break;
                    }
                    i += 1;
                }
                out.push(chars[i]);
                i += 1;
            }
            i += 1;
            continue;
        }
        if !c.is_ascii_alphabetic() {
            out.push(c);
            i += 1;
            continue;
        }
        let mut n = 1;
        while chars.get(i + n) == Some(&c) {
            n += 1;
        }
        i += n;
        let padded = |v: u32| if n >= 2 { format!("{v:02}") } else { v.to_string() };
        let hour = t.map_or(0, |t| t.hour());
        match c {
            'y' if n == 2 => out.push_str(&format!("{:02}", d.year().rem_euclid(100))),
            'y' => out.push_str(&format!("{:0width$}", d.year(), width = n)),
            'M' | 'L' if n >= 3 => {
                let key = if n == 3 { "format.months_abbr" } else { "format.months_wide" };
                let name = month_name(language, key, d.month()).unwrap_or_else(|| d.month().to_string());
                out.push_str(&name);
            }
            'M' | 'L' => out.push_str(&padded(d.month())),
            'd' => out.push_str(&padded(d.day())),
            'H' => out.push_str(&padded(hour)),
            'h' => out.push_str(&padded(if hour.is_multiple_of(12) { 12 } else { hour % 12 })),
            'm' => out.push_str(&padded(t.map_or(0, |t| t.minute()))),
            's' => out.push_str(&padded(t.map_or(0, |t| t.second()))),
            'a' => out.push_str(if hour < 12 { "AM" } else { "PM" }),
            other => out.extend(std::iter::repeat_n(other, n)),
        }
    }
    out
}

/// Digits of a whole number grouped as the pattern's integer part says ("#,##0": threes;
/// "#,##,##0": the last three, then twos).
fn grouped(whole: &str, integer_pattern: &str, group: &str) -> String {
    let sizes: Vec<usize> = integer_pattern.split(',').skip(1).map(str::len).collect();
    let (primary, secondary) = match sizes.as_slice() {
        [] => return whole.to_owned(),
        [p] => (*p, *p),
        [.., s, p] => (*p, *s),
    };
    if primary == 0 || secondary == 0 {
        return whole.to_owned();
    }
    let digits: Vec<char> = whole.chars().collect();
    let mut groups: Vec<String> = Vec::new();
    let mut end = digits.len();
    let mut size = primary;
    while end > size {
        groups.push(digits[end - size..end].iter().collect());
        end -= size;
        size = secondary;
    }
    groups.push(digits[..end].iter().collect());
    groups.reverse();
    groups.join(group)
}

/// The currency's sign in the language (`currency.<CODE>`), or the ISO code.
fn symbol(currency: &str, language: &str) -> String {
    text(language, &format!("currency.{currency}")).unwrap_or_else(|| currency.to_owned())
}

/// Money in minor units with the language's currency pattern (`format.money`, CLDR's
/// "¤#,##0.00"), decimal and group signs: "¥1,234.50", "CN¥1,234.50", "元 1,234.50",
/// "-CN¥10.00". As CLDR's currency spacing, a sign that ends in a letter ("SGD", "元") is
/// set off from the digits by a no-break space.
pub fn money(cents: i64, currency: &str, language: &str) -> String {
    let p = pattern(language, "format.money", "¤#,##0.00");
    let decimal = pattern(language, "format.decimal", ".");
    let group = pattern(language, "format.group", ",");
    let number_start = p.find(['#', '0', ',', '.']).unwrap_or(p.len());
    let number_len = p[number_start..].find(|c| !matches!(c, '#' | '0' | ',' | '.')).unwrap_or(p.len() - number_start);
    let (prefix, rest) = p.split_at(number_start);
    let (number_pattern, suffix) = rest.split_at(number_len);
    let integer_pattern = number_pattern.split('.').next().unwrap_or(number_pattern);

    let minor = cents.unsigned_abs();
    let whole = (minor / 100).to_string();
    let number = format!("{}{decimal}{:02}", grouped(&whole, integer_pattern, &group), minor % 100);

    let sign = symbol(currency, language);
    let spaced = |before: bool| {
        let edge = if before { sign.chars().last() } else { sign.chars().next() };
        if edge.is_some_and(char::is_alphanumeric) { "\u{a0}" } else { "" }
    };
    let prefix = match prefix.strip_suffix('¤') {
        Some(head) => format!("{}{sign}{}", head.replace('¤', &sign), spaced(true)),
        None => prefix.replace('¤', &sign),
    };
    let suffix = match suffix.strip_prefix('¤') {
        Some(tail) => format!("{}{sign}{}", spaced(false), tail.replace('¤', &sign)),
        None => suffix.replace('¤', &sign),
    };
    format!("{}{prefix}{number}{suffix}", if cents < 0 { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn at(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
        d(y, m, day).and_hms_opt(h, min, 0).unwrap()
    }

    // Expected texts are CLDR 48's (what ICU's Intl prints for the same patterns).
    #[test]
    fn dates_and_months_follow_cldr() {
        assert_eq!(date(d(2026, 11, 27), "zh-CN"), "2026年11月27日");
        assert_eq!(date(d(2026, 11, 27), "en"), "Nov 27, 2026");
        assert_eq!(date(d(2026, 3, 5), "en"), "Mar 5, 2026");
        assert_eq!(month(d(2026, 12, 1), "en"), "December 2026");
        assert_eq!(month(d(2026, 12, 1), "zh-CN"), "2026年12月");
        assert_eq!(time(at(2026, 11, 27, 9, 5), "en"), "09:05");
        assert_eq!(datetime(at(2026, 11, 27, 15, 5), "en"), "Nov 27, 2026, 15:05");
        assert_eq!(datetime(at(2026, 11, 27, 15, 5), "zh-CN"), "2026年11月27日 15:05");
    }

    // ja.json and ko.json came from their own branches; where they are, they speak CLDR too.
    #[test]
    fn japanese_and_korean_follow_cldr() {
        if crate::locales::is_available("ja") {
            assert_eq!(date(d(2026, 11, 27), "ja"), "2026/11/27");
            assert_eq!(date(d(2026, 3, 5), "ja"), "2026/03/05");
            assert_eq!(month(d(2026, 12, 1), "ja"), "2026年12月");
            assert_eq!(datetime(at(2026, 11, 27, 9, 5), "ja"), "2026/11/27 9:05");
            assert_eq!(money(123_450, "CNY", "ja"), "元\u{a0}1,234.50");
            assert_eq!(money(-123_456_789, "JPY", "ja"), "-￥1,234,567.89");
        }
        if crate::locales::is_available("ko") {
            assert_eq!(date(d(2026, 11, 27), "ko"), "2026. 11. 27.");
            assert_eq!(month(d(2026, 12, 1), "ko"), "2026년 12월");
            assert_eq!(datetime(at(2026, 11, 27, 9, 5), "ko"), "2026. 11. 27. 09:05");
            assert_eq!(money(123_450, "CNY", "ko"), "CN¥1,234.50");
            assert_eq!(money(-1_000, "KRW", "ko"), "-₩10.00");
        }
    }

    #[test]
    fn patterns_read_quotes_and_unknown_languages_read_english() {
        assert_eq!(apply("d 'de' MMMM 'o''clock' yy", d(2026, 1, 2), None, "en"), "2 de January o'clock 26");
        assert_eq!(date(d(2026, 11, 27), "xx"), "Nov 27, 2026");
    }

    #[test]
    fn money_follows_cldr() {
        assert_eq!(money(123_450, "CNY", "zh-CN"), "¥1,234.50");
        assert_eq!(money(123_450, "CNY", "en"), "CN¥1,234.50");
        assert_eq!(money(-1_000, "CNY", "en"), "-CN¥10.00");
        assert_eq!(money(-123_456_789, "CNY", "zh-CN"), "-¥1,234,567.89");
        assert_eq!(money(100_000_000, "USD", "en"), "$1,000,000.00");
        assert_eq!(money(100_000_000, "USD", "zh-CN"), "US$1,000,000.00");
        assert_eq!(money(5, "SGD", "en"), "SGD\u{a0}0.05");
        assert_eq!(money(0, "HKD", "zh-CN"), "HK$0.00");
        assert_eq!(money(i64::MIN, "EUR", "en"), "-€92,233,720,368,547,758.08");
    }

    #[test]
    fn grouping_sizes_come_from_the_pattern() {
        assert_eq!(grouped("1234567", "#,##,##0", ","), "12,34,567");
        assert_eq!(grouped("1234567", "#,##0", "\u{202f}"), "1\u{202f}234\u{202f}567");
        assert_eq!(grouped("123", "#,##0", ","), "123");
        assert_eq!(grouped("1234", "0", ","), "1234");
    }
}
