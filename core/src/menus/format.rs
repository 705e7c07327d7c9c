//! Dates and money as a customer reads them in their language, for what Steward prints
//! and exports (the screens format with `Intl` in the UI). Pure and tested.

use chrono::{Datelike, NaiveDate};

use crate::domain::money::cents_text;

/// "2026年12月1日", "Dec 1, 2026", "2026. 12. 1.".
pub fn date(d: NaiveDate, language: &str) -> String {
    match language {
        "zh-CN" | "ja" => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        "ko" => format!("{}. {}. {}.", d.year(), d.month(), d.day()),
        _ => d.format("%b %-d, %Y").to_string(),
    }
}

/// "2026年12月", "December 2026", "2026년 12월".
pub fn month(first: NaiveDate, language: &str) -> String {
    match language {
        "zh-CN" | "ja" => format!("{}年{}月", first.year(), first.month()),
        "ko" => format!("{}년 {}월", first.year(), first.month()),
        _ => first.format("%B %Y").to_string(),
    }
}

/// Groups of three digits: "1,234,567.50" (the separators these four languages share).
fn grouped(cents: i64) -> String {
    let plain = cents_text(cents.abs());
    let (whole, fraction) = plain.split_once('.').unwrap_or((&plain, "00"));
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{}{out}.{fraction}", if cents < 0 { "-" } else { "" })
}

/// The currency's sign as CLDR gives it in the language, or the ISO code.
fn symbol(currency: &str, language: &str) -> String {
    match (currency, language) {
        ("CNY", "zh-CN") => "¥".into(),
        ("CNY", "ja") => "元".into(),
        ("CNY", _) => "CN¥".into(),
        ("JPY", "ja") => "￥".into(),
        ("JPY", _) => "JP¥".into(),
        ("KRW", _) => "₩".into(),
        ("USD", "en") => "$".into(),
        ("USD", _) => "US$".into(),
        ("HKD", _) => "HK$".into(),
        ("EUR", _) => "€".into(),
        (code, _) => format!("{code} "),
    }
}

/// "¥1,234.50", "CN¥1,234.50", "1,234.50元", "-CN¥10.00".
pub fn money(cents: i64, currency: &str, language: &str) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let amount = grouped(cents.abs());
    let s = symbol(currency, language);
    if s == "元" { format!("{sign}{amount}{s}") } else { format!("{sign}{s}{amount}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_and_months_per_language() {
        assert_eq!(date(d(2026, 11, 27), "zh-CN"), "2026年11月27日");
        assert_eq!(date(d(2026, 11, 27), "en"), "Nov 27, 2026");
        assert_eq!(date(d(2026, 11, 27), "ja"), "2026年11月27日");
        assert_eq!(date(d(2026, 11, 27), "ko"), "2026. 11. 27.");
        assert_eq!(month(d(2026, 12, 1), "en"), "December 2026");
        assert_eq!(month(d(2026, 12, 1), "zh-CN"), "2026年12月");
        assert_eq!(month(d(2026, 12, 1), "ko"), "2026년 12월");
    }

    #[test]
    fn money_per_language() {
        assert_eq!(money(123_450, "CNY", "zh-CN"), "¥1,234.50");
        assert_eq!(money(123_450, "CNY", "en"), "CN¥1,234.50");
        assert_eq!(money(123_450, "CNY", "ja"), "1,234.50元");
        assert_eq!(money(-1_000, "CNY", "en"), "-CN¥10.00");
        assert_eq!(money(100_000_000, "USD", "en"), "$1,000,000.00");
        assert_eq!(money(5, "SGD", "en"), "SGD 0.05");
        assert_eq!(money(0, "HKD", "zh-CN"), "HK$0.00");
    }
}
