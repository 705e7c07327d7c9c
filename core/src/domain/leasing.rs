//! Leasing referrals' vocabularies. The migration keeps its own copy of the stored lists
//! for its CHECK constraints; `tests/suite/leasing.rs` compares the two.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::enums::Vocabulary;

vocabulary!(
    /// A listing is prepared (draft), offered (open), held for one prospect (reserved),
    /// let through a signed lease, or taken off the market (withdrawn).
    ListingStatus = "listing_status" {
        Draft = "draft",
        Open = "open",
        Reserved = "reserved",
        Let = "let",
        Withdrawn = "withdrawn",
    }
);
vocabulary!(
    /// How an agency's commission is reckoned: a percentage of one month's rent, or a fixed sum.
    CommissionKind = "commission_kind" { PercentOfRent = "percent_of_rent", Fixed = "fixed" }
);
vocabulary!(
    /// How a prospect came to the office.
    ProspectSource = "prospect_source" { WalkIn = "walk_in", Agency = "agency", Resident = "resident", Online = "online" }
);
vocabulary!(
    /// The referral pipeline; signed, withdrawn and lost are final.
    ReferralStage = "referral_stage" {
        Referred = "referred",
        ViewingScheduled = "viewing_scheduled",
        Viewed = "viewed",
        Offer = "offer",
        Signed = "signed",
        Withdrawn = "withdrawn",
        Lost = "lost",
    }
);
vocabulary!(
    /// A viewing appointment.
    ViewingStatus = "viewing_status" { Scheduled = "scheduled", Done = "done", Cancelled = "cancelled" }
);
vocabulary!(
    /// What a listing offers and a prospect may insist on.
    ListingFeature = "listing_feature" { Furnished = "furnished", Pets = "pets", Parking = "parking" }
);
vocabulary!(
    /// Why a listing does not fit a prospect (the match's reasons, `match_reason.<code>` in the catalog).
    MatchReason = "match_reason" {
        OverBudget = "over_budget",
        TooFewRooms = "too_few_rooms",
        TooSmall = "too_small",
        AvailableLate = "available_late",
        MissingFurnished = "missing_furnished",
        MissingPets = "missing_pets",
        MissingParking = "missing_parking",
        TermTooShort = "term_too_short",
    }
);
vocabulary!(
    /// What a leasing reminder is about.
    LeasingReminderKind = "leasing_reminder_kind" {
        LeaseEnding90 = "lease_ending_90",
        LeaseEnding60 = "lease_ending_60",
        LeaseEnding30 = "lease_ending_30",
        CommissionDue = "commission_due",
    }
);

/// The features a listing offers, in the vocabulary's order.
pub fn listing_features(furnished: bool, pets: bool, parking: bool) -> Vec<ListingFeature> {
    [(furnished, ListingFeature::Furnished), (pets, ListingFeature::Pets), (parking, ListingFeature::Parking)]
        .into_iter()
        .filter_map(|(on, f)| on.then_some(f))
        .collect()
}
