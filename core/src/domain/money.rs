//! Exact money: quantities in thousandths, prices and amounts in cents, tax rates in
//! hundredths of a percent (basis points), integers only. The rule (README, "Money"):
//! a line's net = unit price × quantity, rounded half-up to 0.01; its tax = net × rate,
//! rounded half-up to 0.01 on that line; totals are the sums of the rounded lines.
//! Half-up means half away from zero, so a credit line rounds like its debit.

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

/// The largest tax rate: 100 % (10,000 basis points).
pub const MAX_RATE_BP: i32 = 10_000;

/// `amount × rate`, rounded half-up (away from zero) to the cent.
pub fn tax_cents(amount_cents: i64, rate_bp: i32) -> Option<i64> {
    if !(0..=MAX_RATE_BP).contains(&rate_bp) {
        return None;
    }
    let exact = i128::from(amount_cents) * i128::from(rate_bp);
    let rounded = (exact.abs() + 5_000) / 10_000;
    i64::try_from(if exact < 0 { -rounded } else { rounded }).ok()
}

/// One priced line, each part already rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Line {
    pub net_cents: i64,
    pub tax_cents: i64,
    pub gross_cents: i64,
}

/// quantity × unit price, then tax on that line when the service has a rate.
pub fn line(quantity_milli: i64, unit_price_cents: i64, rate_bp: Option<i32>) -> Option<Line> {
    let net_cents = amount_cents(quantity_milli, unit_price_cents)?;
    let tax_cents = match rate_bp {
        Some(r) => tax_cents(net_cents, r)?,
        None => 0,
    };
    Some(Line { net_cents, tax_cents, gross_cents: net_cents.checked_add(tax_cents)? })
}

/// The sums of rounded lines: nothing is rounded again.
pub fn totals<'a>(lines: impl IntoIterator<Item = &'a Line>) -> Option<Line> {
    lines.into_iter().try_fold(Line::default(), |t, l| {
        Some(Line {
            net_cents: t.net_cents.checked_add(l.net_cents)?,
            tax_cents: t.tax_cents.checked_add(l.tax_cents)?,
            gross_cents: t.gross_cents.checked_add(l.gross_cents)?,
        })
    })
}

/// A percentage as typed, "6" or "5.5" → 600 or 550 basis points; 0 to 100.
pub fn parse_rate(s: &str) -> Option<i32> {
    parse_fixed(s, 2).and_then(|r| i32::try_from(r).ok()).filter(|r| (0..=MAX_RATE_BP).contains(r))
}

/// 600 → "6"; 550 → "5.5"; 1 → "0.01".
pub fn rate_text(bp: i32) -> String {
    let whole = bp / 100;
    let frac = (bp % 100).abs();
    if frac == 0 { whole.to_string() } else { format!("{whole}.{}", format!("{frac:02}").trim_end_matches('0')) }
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
        assert_eq!(parse_rate("6"), Some(600));
        assert_eq!(parse_rate("5.5"), Some(550));
        assert_eq!(parse_rate("0.01"), Some(1));
        assert_eq!(parse_rate("100"), Some(10_000));
        assert_eq!(parse_rate("100.01"), None);
        assert_eq!(parse_rate("6.125"), None);
        assert_eq!(parse_rate("-6"), None);
        assert_eq!(rate_text(600), "6");
        assert_eq!(rate_text(550), "5.5");
        assert_eq!(rate_text(1), "0.01");
    }

    #[test]
    fn tax_rounds_half_up_per_line() {
        assert_eq!(tax_cents(1000, 600), Some(60)); // 10.00 × 6 % = 0.60
        assert_eq!(tax_cents(25, 1000), Some(3)); // 0.25 × 10 % = 0.025 → 0.03
        assert_eq!(tax_cents(24, 1000), Some(2)); // 0.024 → 0.02
        assert_eq!(tax_cents(-25, 1000), Some(-3)); // a credit rounds like its debit
        assert_eq!(tax_cents(1000, 10_001), None);
        assert_eq!(tax_cents(1000, -1), None);
        // Three lines of 0.25 at 10 %: 0.03 each, 0.09 in all (not 0.075 → 0.08 on the sum).
        let l = line(1000, 25, Some(1000)).expect("line");
        assert_eq!(l, Line { net_cents: 25, tax_cents: 3, gross_cents: 28 });
        let t = totals(&[l, l, l]).expect("totals");
        assert_eq!(t, Line { net_cents: 75, tax_cents: 9, gross_cents: 84 });
        assert_eq!(line(1500, 6000, None), Some(Line { net_cents: 9000, tax_cents: 0, gross_cents: 9000 }));
    }

    /// The same lines through `rust_decimal` (decimal arithmetic, its own rounding): every
    /// line and every total must agree to the cent.
    #[test]
    fn lines_and_totals_agree_with_decimal_arithmetic() {
        use rust_decimal::{Decimal, RoundingStrategy};
        let round = |d: Decimal| d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        let cents = |d: Decimal| (d * Decimal::from(100)).normalize().to_string().parse::<i64>().expect("cents");
        let mut seed: u64 = 20_261_127;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..200 {
            let mut ours = Vec::new();
            let (mut net, mut tax) = (Decimal::ZERO, Decimal::ZERO);
            for _ in 0..1 + next(12) {
                let q = 1 + next(20_000) as i64; // up to 20 units, in thousandths
                let p = next(1_000_000) as i64; // up to 10,000.00
                let r = [None, Some(0), Some(300), Some(550), Some(600), Some(900), Some(1300)][next(7) as usize];
                let l = line(q, p, r).expect("line");
                let d_net = round(Decimal::new(q, 3) * Decimal::new(p, 2));
                let d_tax = r.map_or(Decimal::ZERO, |r| round(d_net * Decimal::new(i64::from(r), 4)));
                assert_eq!((l.net_cents, l.tax_cents), (cents(d_net), cents(d_tax)), "{q} × {p} at {r:?}");
                net += d_net;
                tax += d_tax;
                ours.push(l);
            }
            let t = totals(&ours).expect("totals");
            assert_eq!((t.net_cents, t.tax_cents, t.gross_cents), (cents(net), cents(tax), cents(net + tax)));
        }
    }
}
