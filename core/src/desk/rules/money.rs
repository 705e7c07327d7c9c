//! Exact money: quantities in thousandths, prices and amounts in cents, half-up.

/// The largest quantity (thousandths) and price (cents) a charge may carry, so every
/// sum over a year of statements stays far inside i64.
pub const MAX_QUANTITY_MILLI: i64 = 1_000_000_000;
pub const MAX_PRICE_CENTS: i64 = 10_000_000_000;

/// quantity × unit price, rounded half-up to the cent.
pub fn amount_cents(quantity_milli: i64, unit_price_cents: i64) -> Option<i64> {
    if !(1..=MAX_QUANTITY_MILLI).contains(&quantity_milli) || !(0..=MAX_PRICE_CENTS).contains(&unit_price_cents) {
        return None;
    }
    let milli_cents = i128::from(quantity_milli) * i128::from(unit_price_cents);
    i64::try_from((milli_cents + 500) / 1000).ok()
}

/// "1.5" → 1500; at most three decimals, positive.
pub fn parse_quantity(s: &str) -> Option<i64> {
    parse_fixed(s, 3).filter(|q| (1..=MAX_QUANTITY_MILLI).contains(q))
}

/// "12.3" → 1230; at most two decimals, not negative.
pub fn parse_price(s: &str) -> Option<i64> {
    parse_fixed(s, 2).filter(|p| (0..=MAX_PRICE_CENTS).contains(p))
}

fn parse_fixed(s: &str, decimals: usize) -> Option<i64> {
    let s = s.trim();
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() || whole.len() > 12 || frac.len() > decimals {
        return None;
    }
    if !whole.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<decimals$}").parse().ok()? };
    whole.checked_mul(10_i64.pow(decimals as u32))?.checked_add(frac)
}

/// 1230 → "12.30".
pub fn cents_text(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    format!("{sign}{}.{:02}", c / 100, c % 100)
}

/// 1500 → "1.5"; 2000 → "2".
pub fn quantity_text(milli: i64) -> String {
    let whole = milli / 1000;
    let frac = (milli % 1000).abs();
    if frac == 0 { whole.to_string() } else { format!("{whole}.{}", format!("{frac:03}").trim_end_matches('0')) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_round_half_up() {
        assert_eq!(amount_cents(1500, 8000), Some(12000)); // 1.5 h × 80.00
        assert_eq!(amount_cents(333, 100), Some(33)); // 0.333 × 1.00 = 0.333
        assert_eq!(amount_cents(335, 10), Some(3)); // 0.335 × 0.10 = 0.0335 → 0.03
        assert_eq!(amount_cents(5, 100), Some(1)); // 0.005 × 1.00 = 0.005 → 0.01
        assert_eq!(amount_cents(4, 100), Some(0));
        assert_eq!(amount_cents(1000, 0), Some(0));
        assert_eq!(amount_cents(MAX_QUANTITY_MILLI, MAX_PRICE_CENTS), Some(10_000_000_000_000_000));
        assert_eq!(amount_cents(0, 100), None);
        assert_eq!(amount_cents(1000, -1), None);
    }

    #[test]
    fn parsing_and_text_are_exact() {
        assert_eq!(parse_quantity("1.5"), Some(1500));
        assert_eq!(parse_quantity("0.001"), Some(1));
        assert_eq!(parse_quantity("2"), Some(2000));
        assert_eq!(parse_quantity("0"), None);
        assert_eq!(parse_quantity("1.2345"), None);
        assert_eq!(parse_quantity("-1"), None);
        assert_eq!(parse_price("12.3"), Some(1230));
        assert_eq!(parse_price("0.1"), Some(10));
        assert_eq!(parse_price("0"), Some(0));
        assert_eq!(parse_price("1.005"), None);
        assert_eq!(parse_price("1e3"), None);
        assert_eq!(cents_text(1230), "12.30");
        assert_eq!(cents_text(5), "0.05");
        assert_eq!(quantity_text(1500), "1.5");
        assert_eq!(quantity_text(2000), "2");
        assert_eq!(quantity_text(1), "0.001");
    }
}
