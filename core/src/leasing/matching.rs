//! Matching: for a prospect, the open listings ranked by fit; for a listing, the active
//! prospects ranked by fit. Each row says why it does not fit, as codes and in words.

use std::collections::HashMap;

use rust_i18n::t;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::listings::{ListingRow, listing_rows};
use super::prospects::{ProspectRow, needs_of, prospect_rows};
use super::rules::{self, Mismatch, Offered};
use crate::app::Cx;
use crate::domain::{ListingStatus, MatchReason, money, validate};
use crate::entities::{listing, prospect, unit};
use crate::error::{Error, Result};

/// Candidates read for one match: the office has a few hundred open listings at most.
const CANDIDATES: u64 = 2000;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct MatchForProspect {
    pub prospect_id: i32,
    /// Rows returned (1–200).
    pub limit: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct MatchForListing {
    pub listing_id: i32,
    pub limit: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct MatchReasonView {
    pub code: MatchReason,
    /// In the caller's language: "Over budget by 2000.00".
    pub text: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ListingMatch {
    pub listing: ListingRow,
    /// 0–100; 100 fits every need.
    pub score: i32,
    pub reasons: Vec<MatchReasonView>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ProspectMatch {
    pub prospect: ProspectRow,
    pub score: i32,
    pub reasons: Vec<MatchReasonView>,
}

fn reason_text(m: &Mismatch, locale: &str) -> String {
    let key = format!("leasing.match.{}", m.reason.as_str());
    match m.reason {
        MatchReason::OverBudget => t!(key, locale = locale, amount = money::cents_text(m.gap)).into_owned(),
        MatchReason::TooSmall => {
            t!(key, locale = locale, area = validate::area_text(i32::try_from(m.gap).unwrap_or(i32::MAX))).into_owned()
        }
        MatchReason::AvailableLate => t!(key, locale = locale, days = m.gap).into_owned(),
        MatchReason::TooFewRooms => t!(key, locale = locale, rooms = m.gap).into_owned(),
        MatchReason::TermTooShort => t!(key, locale = locale, months = m.gap).into_owned(),
        _ => t!(key, locale = locale).into_owned(),
    }
}

fn views(reasons: &[Mismatch], locale: &str) -> Vec<MatchReasonView> {
    reasons.iter().map(|m| MatchReasonView { code: m.reason, text: reason_text(m, locale) }).collect()
}

async fn areas(db: &impl ConnectionTrait, unit_ids: Vec<i32>) -> Result<HashMap<i32, i32>> {
    Ok(unit::Entity::find()
        .select_only()
        .column(unit::Column::Id)
        .column(unit::Column::AreaCentiM2)
        .filter(unit::Column::Id.is_in(unit_ids))
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

fn offer_of(l: &listing::Model, area: i32) -> Offered {
    Offered {
        rent_cents: l.asking_rent_cents,
        rooms: l.rooms,
        area_centi_m2: area,
        available_from: l.available_from,
        min_term_months: l.min_term_months,
        furnished: l.furnished,
        pets: l.pets,
        parking: l.parking,
    }
}

pub async fn for_prospect(cx: Cx, input: MatchForProspect) -> Result<Vec<ListingMatch>> {
    cx.actor()?;
    let db = &cx.db;
    let p = prospect::Entity::find_by_id(input.prospect_id).one(db).await?.ok_or(Error::NotFound)?;
    let needs = needs_of(&p);
    let listings = listing::Entity::find()
        .filter(listing::Column::Status.eq(ListingStatus::Open))
        .order_by_asc(listing::Column::Id)
        .limit(CANDIDATES)
        .all(db)
        .await?;
    let area = areas(db, listings.iter().map(|l| l.unit_id).collect()).await?;
    let mut scored: Vec<(i32, Vec<Mismatch>, listing::Model)> = listings
        .into_iter()
        .map(|l| {
            let (score, reasons) = rules::fit(&offer_of(&l, area.get(&l.unit_id).copied().unwrap_or(0)), &needs);
            (score, reasons, l)
        })
        .collect();
    // Best fit first; among equals the cheaper, then the older listing.
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0).then(a.2.asking_rent_cents.cmp(&b.2.asking_rent_cents)).then(a.2.id.cmp(&b.2.id))
    });
    scored.truncate(input.limit.clamp(1, 200) as usize);
    let rows = listing_rows(db, scored.iter().map(|(_, _, l)| l.clone()).collect(), cx.locale()).await?;
    Ok(scored
        .into_iter()
        .zip(rows)
        .map(|((score, reasons, _), listing)| ListingMatch { listing, score, reasons: views(&reasons, cx.locale()) })
        .collect())
}

pub async fn for_listing(cx: Cx, input: MatchForListing) -> Result<Vec<ProspectMatch>> {
    cx.actor()?;
    let db = &cx.db;
    let l = listing::Entity::find_by_id(input.listing_id).one(db).await?.ok_or(Error::NotFound)?;
    let area = areas(db, vec![l.unit_id]).await?.get(&l.unit_id).copied().unwrap_or(0);
    let offer = offer_of(&l, area);
    // Prospects still looking: active and not yet a tenant through a signed lease.
    let prospects = prospect::Entity::find()
        .filter(prospect::Column::Active.eq(true))
        .filter(prospect::Column::CustomerId.is_null())
        .order_by_asc(prospect::Column::Id)
        .limit(CANDIDATES)
        .all(db)
        .await?;
    let mut scored: Vec<(i32, Vec<Mismatch>, prospect::Model)> = prospects
        .into_iter()
        .map(|p| {
            let (score, reasons) = rules::fit(&offer, &needs_of(&p));
            (score, reasons, p)
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.id.cmp(&b.2.id)));
    scored.truncate(input.limit.clamp(1, 200) as usize);
    let rows = prospect_rows(db, scored.iter().map(|(_, _, p)| p.clone()).collect()).await?;
    Ok(scored
        .into_iter()
        .zip(rows)
        .map(|((score, reasons, _), prospect)| ProspectMatch { prospect, score, reasons: views(&reasons, cx.locale()) })
        .collect())
}
