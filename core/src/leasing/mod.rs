//! Leasing referrals (issue 7, PRODUCT.md §3): owners' listings, partner agencies,
//! prospects, the referral pipeline, matching, viewings, signing, commissions, reminders.

pub mod agencies;
pub(crate) mod common;
pub mod listings;
pub mod matching;
pub mod prospects;
pub mod referrals;
pub mod reminders;
pub mod rules;
pub mod sheet;
pub mod viewings;
