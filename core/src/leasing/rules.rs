//! Pure leasing rules, without a database: the referral pipeline, matching a prospect's
//! needs to a listing, an agency's commission and the lease-end reminder buckets.

use chrono::NaiveDate;

use crate::domain::{CommissionKind, LeasingReminderKind, ListingStatus, MatchReason, ReferralStage};

/// A listing's status change by hand: `Err` holds the catalog key of the reason it is
/// refused. "let" is reached only by signing a lease, and a let listing stays let (the
/// unit is listed again with a new listing).
pub fn check_listing_status(from: ListingStatus, to: ListingStatus) -> Result<(), &'static str> {
    match (from, to) {
        (f, t) if f == t => Err("validation.listing_same_status"),
        (_, ListingStatus::Let) => Err("validation.listing_let_by_signing"),
        (ListingStatus::Let, _) => Err("validation.listing_let_final"),
        (ListingStatus::Draft, ListingStatus::Reserved) => Err("validation.listing_not_open"),
        _ => Ok(()),
    }
}

/// Whether a referral may still move (signed, withdrawn and lost are final).
pub fn is_open(stage: ReferralStage) -> bool {
    matches!(
        stage,
        ReferralStage::Referred | ReferralStage::ViewingScheduled | ReferralStage::Viewed | ReferralStage::Offer
    )
}

fn rank(stage: ReferralStage) -> u8 {
    match stage {
        ReferralStage::Referred => 0,
        ReferralStage::ViewingScheduled => 1,
        ReferralStage::Viewed => 2,
        ReferralStage::Offer => 3,
        ReferralStage::Signed => 4,
        ReferralStage::Withdrawn | ReferralStage::Lost => 5,
    }
}

/// A board move `from → to`: `Err` holds the catalog key of the reason it is refused.
/// The pipeline goes one step forward at a time; withdrawn and lost end any open stage
/// with a reason; signed is reached only by signing (which records the lease).
pub fn check_move(from: ReferralStage, to: ReferralStage, has_reason: bool) -> Result<(), &'static str> {
    if !is_open(from) {
        return Err("validation.referral_closed");
    }
    if from == to {
        return Err("validation.referral_same_stage");
    }
    match to {
        ReferralStage::Signed => Err("validation.referral_sign_with_lease"),
        ReferralStage::Withdrawn | ReferralStage::Lost if !has_reason => Err("validation.referral_reason_required"),
        ReferralStage::Withdrawn | ReferralStage::Lost => Ok(()),
        _ if rank(to) < rank(from) => Err("validation.referral_stage_back"),
        _ if rank(to) > rank(from) + 1 => Err("validation.referral_stage_skip"),
        _ => Ok(()),
    }
}

/// What a listing offers, as matching reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offered {
    pub rent_cents: i64,
    pub rooms: i32,
    pub area_centi_m2: i32,
    pub available_from: NaiveDate,
    pub min_term_months: i32,
    pub furnished: bool,
    pub pets: bool,
    pub parking: bool,
}

/// What a prospect needs; `None` is "no limit".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Needs {
    pub budget_max_cents: Option<i64>,
    pub rooms_min: Option<i32>,
    pub area_min_centi_m2: Option<i32>,
    pub move_in: Option<NaiveDate>,
    pub term_months: Option<i32>,
    pub furnished: bool,
    pub pets: bool,
    pub parking: bool,
}

/// One reason a listing does not fit, with the size of the gap in its own unit:
/// cents (over budget), rooms, hundredths of m², days, months; 0 for features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mismatch {
    pub reason: MatchReason,
    pub gap: i64,
}

/// How well an offer fits needs: a score from 0 to 100 and the mismatches, worst first.
/// Each mismatch costs points; being over budget costs more the further over it is.
pub fn fit(offer: &Offered, needs: &Needs) -> (i32, Vec<Mismatch>) {
    let mut out: Vec<(i32, Mismatch)> = Vec::new();
    if let Some(max) = needs.budget_max_cents
        && offer.rent_cents > max
    {
        let over = offer.rent_cents - max;
        // 25 points, plus one per 2 % over the budget, up to 50.
        let pct = if max > 0 { i64::min(over.saturating_mul(50) / max, 25) } else { 25 };
        out.push((25 + pct as i32, Mismatch { reason: MatchReason::OverBudget, gap: over }));
    }
    if let Some(min) = needs.rooms_min
        && offer.rooms < min
    {
        out.push((20, Mismatch { reason: MatchReason::TooFewRooms, gap: i64::from(min - offer.rooms) }));
    }
    if let Some(min) = needs.area_min_centi_m2
        && offer.area_centi_m2 < min
    {
        out.push((15, Mismatch { reason: MatchReason::TooSmall, gap: i64::from(min - offer.area_centi_m2) }));
    }
    if let Some(move_in) = needs.move_in
        && offer.available_from > move_in
    {
        let days = (offer.available_from - move_in).num_days();
        out.push((
            10 + i32::try_from(days / 7).unwrap_or(10).min(10),
            Mismatch { reason: MatchReason::AvailableLate, gap: days },
        ));
    }
    for (needed, has, reason) in [
        (needs.furnished, offer.furnished, MatchReason::MissingFurnished),
        (needs.pets, offer.pets, MatchReason::MissingPets),
        (needs.parking, offer.parking, MatchReason::MissingParking),
    ] {
        if needed && !has {
            out.push((15, Mismatch { reason, gap: 0 }));
        }
    }
    if let Some(term) = needs.term_months
        && term < offer.min_term_months
    {
        out.push((10, Mismatch { reason: MatchReason::TermTooShort, gap: i64::from(offer.min_term_months - term) }));
    }
    out.sort_by_key(|a| std::cmp::Reverse(a.0));
    let cost: i32 = out.iter().map(|(c, _)| *c).sum();
    ((100 - cost).max(0), out.into_iter().map(|(_, m)| m).collect())
}

/// An agency's commission for one lease: a percentage (basis points) of one month's rent,
/// rounded half-up to the cent, or the fixed sum. `None` when it does not fit in cents.
pub fn commission_cents(kind: CommissionKind, value: i64, monthly_rent_cents: i64) -> Option<i64> {
    match kind {
        CommissionKind::Fixed => Some(value),
        CommissionKind::PercentOfRent => {
            let exact = i128::from(monthly_rent_cents) * i128::from(value);
            i64::try_from((exact + 5_000) / 10_000).ok()
        }
    }
}

/// Which reminder a lease ending on `ends_on` belongs to on `today`: within 30, 60 or
/// 90 days (ending today counts as 30); none before or after.
pub fn lease_bucket(ends_on: NaiveDate, today: NaiveDate) -> Option<LeasingReminderKind> {
    match (ends_on - today).num_days() {
        0..=30 => Some(LeasingReminderKind::LeaseEnding30),
        31..=60 => Some(LeasingReminderKind::LeaseEnding60),
        61..=90 => Some(LeasingReminderKind::LeaseEnding90),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReferralStage::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn the_pipeline_goes_one_step_forward() {
        assert_eq!(check_move(Referred, ViewingScheduled, false), Ok(()));
        assert_eq!(check_move(ViewingScheduled, Viewed, false), Ok(()));
        assert_eq!(check_move(Viewed, Offer, false), Ok(()));
        assert_eq!(check_move(Referred, Offer, false), Err("validation.referral_stage_skip"));
        assert_eq!(check_move(Offer, Viewed, false), Err("validation.referral_stage_back"));
        assert_eq!(check_move(Offer, Signed, false), Err("validation.referral_sign_with_lease"));
        assert_eq!(check_move(Viewed, Viewed, false), Err("validation.referral_same_stage"));
    }

    #[test]
    fn listing_status_changes() {
        use ListingStatus as L;
        assert_eq!(check_listing_status(L::Draft, L::Open), Ok(()));
        assert_eq!(check_listing_status(L::Open, L::Reserved), Ok(()));
        assert_eq!(check_listing_status(L::Withdrawn, L::Open), Ok(()));
        assert_eq!(check_listing_status(L::Draft, L::Reserved), Err("validation.listing_not_open"));
        assert_eq!(check_listing_status(L::Open, L::Let), Err("validation.listing_let_by_signing"));
        assert_eq!(check_listing_status(L::Let, L::Open), Err("validation.listing_let_final"));
        assert_eq!(check_listing_status(L::Open, L::Open), Err("validation.listing_same_status"));
    }

    #[test]
    fn withdrawn_and_lost_need_a_reason_and_end_the_referral() {
        for from in [Referred, ViewingScheduled, Viewed, Offer] {
            assert_eq!(check_move(from, Lost, true), Ok(()));
            assert_eq!(check_move(from, Withdrawn, false), Err("validation.referral_reason_required"));
        }
        for from in [Signed, Withdrawn, Lost] {
            assert_eq!(check_move(from, Referred, true), Err("validation.referral_closed"));
        }
    }

    fn offer() -> Offered {
        Offered {
            rent_cents: 1_200_000,
            rooms: 2,
            area_centi_m2: 8_500,
            available_from: day("2026-12-15"),
            min_term_months: 12,
            furnished: true,
            pets: false,
            parking: false,
        }
    }

    #[test]
    fn a_perfect_fit_scores_100_without_reasons() {
        let needs = Needs { budget_max_cents: Some(1_500_000), rooms_min: Some(2), ..Needs::default() };
        assert_eq!(fit(&offer(), &needs), (100, vec![]));
    }

    #[test]
    fn mismatches_are_reasoned_and_cost_points() {
        let needs = Needs {
            budget_max_cents: Some(1_000_000),
            rooms_min: Some(3),
            area_min_centi_m2: Some(9_000),
            move_in: Some(day("2026-12-01")),
            term_months: Some(6),
            furnished: true,
            pets: true,
            parking: false,
        };
        let (score, reasons) = fit(&offer(), &needs);
        let codes: Vec<_> = reasons.iter().map(|m| (m.reason, m.gap)).collect();
        assert!(codes.contains(&(MatchReason::OverBudget, 200_000)));
        assert!(codes.contains(&(MatchReason::TooFewRooms, 1)));
        assert!(codes.contains(&(MatchReason::TooSmall, 500)));
        assert!(codes.contains(&(MatchReason::AvailableLate, 14)));
        assert!(codes.contains(&(MatchReason::MissingPets, 0)));
        assert!(codes.contains(&(MatchReason::TermTooShort, 6)));
        assert!(!codes.iter().any(|(r, _)| *r == MatchReason::MissingFurnished));
        assert_eq!(reasons[0].reason, MatchReason::OverBudget, "the worst first");
        assert_eq!(score, 0);
    }

    #[test]
    fn further_over_budget_ranks_lower() {
        let needs = Needs { budget_max_cents: Some(1_000_000), ..Needs::default() };
        let a = fit(&Offered { rent_cents: 1_050_000, ..offer() }, &needs).0;
        let b = fit(&Offered { rent_cents: 1_300_000, ..offer() }, &needs).0;
        assert!(a > b && b > 0, "{a} > {b}");
    }

    #[test]
    fn commission_is_half_up_to_the_cent() {
        // 50 % of 12,345.67 = 6,172.835 → 6,172.84
        assert_eq!(commission_cents(CommissionKind::PercentOfRent, 5_000, 1_234_567), Some(617_284));
        // 33.33 % of 100.01 = 33.333333 → 33.33
        assert_eq!(commission_cents(CommissionKind::PercentOfRent, 3_333, 10_001), Some(3_333));
        assert_eq!(commission_cents(CommissionKind::PercentOfRent, 10_000, 800_000), Some(800_000));
        assert_eq!(commission_cents(CommissionKind::Fixed, 300_000, 1_234_567), Some(300_000));
    }

    #[test]
    fn lease_ends_fall_in_30_60_90_day_buckets() {
        let today = day("2026-11-27");
        assert_eq!(lease_bucket(day("2026-11-27"), today), Some(LeasingReminderKind::LeaseEnding30));
        assert_eq!(lease_bucket(day("2026-12-27"), today), Some(LeasingReminderKind::LeaseEnding30));
        assert_eq!(lease_bucket(day("2026-12-28"), today), Some(LeasingReminderKind::LeaseEnding60));
        assert_eq!(lease_bucket(day("2027-01-26"), today), Some(LeasingReminderKind::LeaseEnding60));
        assert_eq!(lease_bucket(day("2027-01-27"), today), Some(LeasingReminderKind::LeaseEnding90));
        assert_eq!(lease_bucket(day("2027-02-25"), today), Some(LeasingReminderKind::LeaseEnding90));
        assert_eq!(lease_bucket(day("2027-02-26"), today), None);
        assert_eq!(lease_bucket(day("2026-11-26"), today), None);
    }
}
