//! Referrals: a listing referred to a prospect, directly or through an agency, moving
//! through the pipeline to a signed lease. Signing writes the lease, the tenant
//! customer and occupancy, the let listing and the agency's commission in one transaction.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::common::{self, history_of, names_of_customers, names_of_staff};
use super::listings;
use super::rules;
use crate::app::Cx;
use crate::db;
use crate::directory::customers::{self, ChangeEntry, CustomerInput};
use crate::directory::occupancy::{self, NewOccupancy, unit_labels};
use crate::domain::{
    ChangeAction, CustomerKind, HistoryEntity, ListingStatus, OccupancyRole, ReferralStage, UnitStatus, ViewingStatus,
    money, validate,
};
use crate::entities::{
    agency, commission, lease, listing, listing_text, occupancy as occupancy_entity, prospect, referral, referral_step,
    unit, viewing,
};
use crate::error::{Error, Problems, Result};
use crate::page::{Page, page, paging};
use crate::record::history::{self, FieldChange};
use crate::record::versioned;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReferralCreate {
    pub listing_id: i32,
    pub prospect_id: i32,
    /// Referred through this agency; null for a direct referral.
    pub agency_id: Option<i32>,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReferralMove {
    pub id: i32,
    pub version: i32,
    pub to: ReferralStage,
    /// Required for withdrawn and lost.
    pub reason: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReferralGet {
    pub id: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReferralQuery {
    pub stage: Option<ReferralStage>,
    pub agency_id: Option<i32>,
    pub listing_id: Option<i32>,
    pub prospect_id: Option<i32>,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReferralBoardQuery {
    pub agency_id: Option<i32>,
    pub listing_id: Option<i32>,
    /// Rows per column (1–100).
    pub per_stage: u32,
}

/// The lease terms of a signing and the versions of the three records it was decided on.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReferralSign {
    pub id: i32,
    pub version: i32,
    pub listing_version: i32,
    pub prospect_version: i32,
    /// YYYY-MM-DD; the tenant's occupancy starts then.
    pub starts_on: String,
    pub ends_on: String,
    /// "12000.00".
    pub monthly_rent: String,
    pub deposit: String,
    /// Day of the month rent is due, 1–31.
    pub payment_day: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CommissionPay {
    pub id: i32,
    pub version: i32,
    /// YYYY-MM-DD
    pub paid_on: String,
    /// "6000.00"
    pub amount: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CommissionQuery {
    pub agency_id: Option<i32>,
    pub unpaid_only: bool,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ReferralRow {
    pub id: i32,
    pub version: i32,
    pub listing_id: i32,
    pub listing_title: String,
    pub unit_label: String,
    pub asking_rent: String,
    pub prospect_id: i32,
    pub prospect_name: String,
    pub prospect_language: String,
    pub agency_id: Option<i32>,
    pub agency_name: Option<String>,
    pub stage: ReferralStage,
    pub lost_reason: Option<String>,
    /// The next scheduled viewing's start (RFC 3339).
    pub next_viewing: Option<String>,
    /// When the referral entered its current stage (RFC 3339): the board's "days in stage".
    pub stage_since: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ReferralStepView {
    pub from: Option<ReferralStage>,
    pub to: ReferralStage,
    pub at: String,
    pub staff_name: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct LeaseRow {
    pub id: i32,
    pub referral_id: i32,
    pub listing_id: i32,
    pub unit_id: i32,
    pub unit_label: String,
    pub customer_id: i32,
    pub tenant_name: String,
    pub owner_id: i32,
    pub owner_name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub monthly_rent: String,
    pub deposit: String,
    pub payment_day: i32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CommissionRow {
    pub id: i32,
    pub version: i32,
    pub agency_id: i32,
    pub agency_name: String,
    pub referral_id: i32,
    pub lease_id: i32,
    pub unit_label: String,
    pub tenant_name: String,
    pub amount: String,
    pub due_on: String,
    pub paid_on: Option<String>,
    pub paid: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ReferralDetail {
    pub row: ReferralRow,
    /// The versions a signing must name.
    pub listing_version: i32,
    pub prospect_version: i32,
    pub steps: Vec<ReferralStepView>,
    pub viewings: Vec<super::viewings::ViewingRow>,
    pub lease: Option<LeaseRow>,
    pub commission: Option<CommissionRow>,
    pub history: Vec<ChangeEntry>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct BoardColumn {
    pub stage: ReferralStage,
    pub count: u32,
    /// The newest referrals of the stage.
    pub rows: Vec<ReferralRow>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ReferralBoard {
    pub columns: Vec<BoardColumn>,
}

pub(crate) async fn referral_rows(
    db: &impl ConnectionTrait,
    rows: Vec<referral::Model>,
    locale: &str,
) -> Result<Vec<ReferralRow>> {
    let listings: HashMap<i32, listing::Model> = listing::Entity::find()
        .filter(listing::Column::Id.is_in(rows.iter().map(|r| r.listing_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.id, l))
        .collect();
    let labels = unit_labels(db, listings.values().map(|l| l.unit_id).collect()).await?;
    let texts = listing_text::Entity::find()
        .filter(listing_text::Column::ListingId.is_in(listings.keys().copied()))
        .order_by_asc(listing_text::Column::Id)
        .all(db)
        .await?;
    let prospects: HashMap<i32, (String, String)> = prospect::Entity::find()
        .select_only()
        .column(prospect::Column::Id)
        .column(prospect::Column::Name)
        .column(prospect::Column::PreferredLanguage)
        .filter(prospect::Column::Id.is_in(rows.iter().map(|r| r.prospect_id)))
        .into_tuple::<(i32, String, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, n, l)| (id, (n, l)))
        .collect();
    let agencies: HashMap<i32, String> = agency::Entity::find()
        .select_only()
        .column(agency::Column::Id)
        .column(agency::Column::Name)
        .filter(agency::Column::Id.is_in(rows.iter().filter_map(|r| r.agency_id)))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let next: HashMap<i32, chrono::DateTime<chrono::Utc>> = viewing::Entity::find()
        .select_only()
        .column(viewing::Column::ReferralId)
        .column_as(viewing::Column::StartsAt.min(), "s")
        .filter(viewing::Column::ReferralId.is_in(rows.iter().map(|r| r.id)))
        .filter(viewing::Column::Status.eq(ViewingStatus::Scheduled))
        .group_by(viewing::Column::ReferralId)
        .into_tuple::<(i32, chrono::DateTime<chrono::Utc>)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let since: HashMap<i32, chrono::DateTime<chrono::Utc>> = referral_step::Entity::find()
        .select_only()
        .column(referral_step::Column::ReferralId)
        .column_as(referral_step::Column::At.max(), "s")
        .filter(referral_step::Column::ReferralId.is_in(rows.iter().map(|r| r.id)))
        .group_by(referral_step::Column::ReferralId)
        .into_tuple::<(i32, chrono::DateTime<chrono::Utc>)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let l = listings.get(&r.listing_id);
            let mine: Vec<&listing_text::Model> = texts.iter().filter(|t| t.listing_id == r.listing_id).collect();
            let title = mine
                .iter()
                .find(|t| t.language == locale)
                .or(mine.first())
                .map(|t| t.title.clone())
                .unwrap_or_default();
            let (prospect_name, prospect_language) = prospects.get(&r.prospect_id).cloned().unwrap_or_default();
            ReferralRow {
                id: r.id,
                version: r.version,
                listing_id: r.listing_id,
                listing_title: title,
                unit_label: l.and_then(|l| labels.get(&l.unit_id).cloned()).unwrap_or_default(),
                asking_rent: l.map(|l| money::cents_text(l.asking_rent_cents)).unwrap_or_default(),
                prospect_id: r.prospect_id,
                prospect_name,
                prospect_language,
                agency_id: r.agency_id,
                agency_name: r.agency_id.and_then(|a| agencies.get(&a).cloned()),
                stage: r.stage,
                lost_reason: r.lost_reason,
                next_viewing: next.get(&r.id).map(|t| t.to_rfc3339()),
                stage_since: since.get(&r.id).copied().unwrap_or(r.created_at).to_rfc3339(),
                created_at: r.created_at.to_rfc3339(),
                updated_at: r.updated_at.to_rfc3339(),
            }
        })
        .collect())
}

pub(crate) async fn lease_rows(db: &impl ConnectionTrait, leases: Vec<lease::Model>) -> Result<Vec<LeaseRow>> {
    let labels = unit_labels(db, leases.iter().map(|l| l.unit_id).collect()).await?;
    let names = names_of_customers(db, leases.iter().flat_map(|l| [l.customer_id, l.owner_id]).collect()).await?;
    Ok(leases
        .into_iter()
        .map(|l| LeaseRow {
            id: l.id,
            referral_id: l.referral_id,
            listing_id: l.listing_id,
            unit_id: l.unit_id,
            unit_label: labels.get(&l.unit_id).cloned().unwrap_or_default(),
            customer_id: l.customer_id,
            tenant_name: names.get(&l.customer_id).cloned().unwrap_or_default(),
            owner_id: l.owner_id,
            owner_name: names.get(&l.owner_id).cloned().unwrap_or_default(),
            starts_on: l.starts_on.to_string(),
            ends_on: l.ends_on.to_string(),
            monthly_rent: money::cents_text(l.monthly_rent_cents),
            deposit: money::cents_text(l.deposit_cents),
            payment_day: l.payment_day,
        })
        .collect())
}

pub(crate) async fn commission_rows(
    db: &impl ConnectionTrait,
    rows: Vec<commission::Model>,
) -> Result<Vec<CommissionRow>> {
    let agencies: HashMap<i32, String> = agency::Entity::find()
        .filter(agency::Column::Id.is_in(rows.iter().map(|c| c.agency_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let leases: HashMap<i32, LeaseRow> = lease_rows(
        db,
        lease::Entity::find().filter(lease::Column::Id.is_in(rows.iter().map(|c| c.lease_id))).all(db).await?,
    )
    .await?
    .into_iter()
    .map(|l| (l.id, l))
    .collect();
    Ok(rows
        .into_iter()
        .map(|c| {
            let l = leases.get(&c.lease_id);
            CommissionRow {
                id: c.id,
                version: c.version,
                agency_id: c.agency_id,
                agency_name: agencies.get(&c.agency_id).cloned().unwrap_or_default(),
                referral_id: c.referral_id,
                lease_id: c.lease_id,
                unit_label: l.map(|l| l.unit_label.clone()).unwrap_or_default(),
                tenant_name: l.map(|l| l.tenant_name.clone()).unwrap_or_default(),
                amount: money::cents_text(c.amount_cents),
                due_on: c.due_on.to_string(),
                paid_on: c.paid_on.map(|d| d.to_string()),
                paid: c.paid_cents.map(money::cents_text),
            }
        })
        .collect())
}

async fn step(
    db: &impl ConnectionTrait,
    cx: &Cx,
    referral_id: i32,
    from: Option<ReferralStage>,
    to: ReferralStage,
    note: &str,
) -> Result<()> {
    let actor = cx.actor()?;
    referral_step::ActiveModel {
        id: NotSet,
        referral_id: Set(referral_id),
        from_stage: Set(from),
        to_stage: Set(to),
        at: Set(cx.now),
        staff_id: Set(actor.id()),
        note: Set(note.to_owned()),
    }
    .insert(db)
    .await?;
    let change = FieldChange {
        field: "stage".into(),
        old: from.map(|f| f.as_str().to_owned()),
        new: Some(to.as_str().to_owned()),
    };
    let action = if from.is_none() { ChangeAction::Create } else { ChangeAction::Update };
    history::by(db, cx.now, actor, HistoryEntity::Referral, referral_id, action, vec![change]).await
}

/// Moves a referral to `to` in the caller's transaction: the stage, the step and its history.
pub(crate) async fn write_stage(
    db: &impl ConnectionTrait,
    cx: &Cx,
    r: &referral::Model,
    to: ReferralStage,
    lost_reason: Option<String>,
    note: &str,
) -> Result<referral::Model> {
    let mut row = referral::ActiveModel { stage: Set(to), updated_at: Set(cx.now), ..Default::default() };
    if lost_reason.is_some() {
        row.lost_reason = Set(lost_reason);
    }
    let moved = versioned::update::<referral::Entity>(db, r.id, r.version, row).await?;
    step(db, cx, r.id, Some(r.stage), to, note).await?;
    Ok(moved)
}

pub async fn create(cx: Cx, input: ReferralCreate) -> Result<ReferralDetail> {
    cx.actor()?;
    let mut p = Problems::default();
    let note = common::text(&mut p, "note", &input.note, 2000, false);
    p.into_result()?;
    let txn = db::begin_write(&cx.db).await?;
    let l = listing::Entity::find_by_id(input.listing_id)
        .one(&txn)
        .await?
        .ok_or_else(|| Error::field("listing_id", "validation.not_found"))?;
    if !matches!(l.status, ListingStatus::Open | ListingStatus::Reserved) {
        return Err(Error::field("listing_id", "validation.listing_not_open"));
    }
    let pr = prospect::Entity::find_by_id(input.prospect_id)
        .one(&txn)
        .await?
        .ok_or_else(|| Error::field("prospect_id", "validation.not_found"))?;
    if !pr.active {
        return Err(Error::field("prospect_id", "validation.prospect_inactive"));
    }
    if let Some(a) = input.agency_id {
        let a = agency::Entity::find_by_id(a)
            .one(&txn)
            .await?
            .ok_or_else(|| Error::field("agency_id", "validation.not_found"))?;
        if !a.active {
            return Err(Error::field("agency_id", "validation.agency_inactive"));
        }
    }
    let open_twice = referral::Entity::find()
        .filter(referral::Column::ListingId.eq(l.id))
        .filter(referral::Column::ProspectId.eq(pr.id))
        .filter(referral::Column::Stage.is_in([
            ReferralStage::Referred,
            ReferralStage::ViewingScheduled,
            ReferralStage::Viewed,
            ReferralStage::Offer,
        ]))
        .count(&txn)
        .await?;
    if open_twice > 0 {
        return Err(Error::field("prospect_id", "validation.referral_exists"));
    }
    let r = referral::ActiveModel {
        id: NotSet,
        listing_id: Set(l.id),
        prospect_id: Set(pr.id),
        agency_id: Set(input.agency_id),
        stage: Set(ReferralStage::Referred),
        lost_reason: Set(None),
        created_by: Set(cx.actor()?.id()),
        version: Set(1),
        created_at: Set(cx.now),
        updated_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    step(&txn, &cx, r.id, None, ReferralStage::Referred, &note).await?;
    txn.commit().await?;
    detail(&cx, r.id).await
}

pub async fn move_stage(cx: Cx, input: ReferralMove) -> Result<ReferralDetail> {
    cx.actor()?;
    let mut p = Problems::default();
    let reason = validate::clean_opt(&input.reason);
    if let Some(r) = &reason {
        common::text(&mut p, "reason", r, 500, false);
    }
    let note = common::text(&mut p, "note", &input.note, 2000, false);
    p.into_result()?;
    let txn = db::begin_write(&cx.db).await?;
    let r = referral::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    if r.version != input.version {
        return Err(Error::Conflict);
    }
    rules::check_move(r.stage, input.to, reason.is_some()).map_err(|k| Error::field("stage", k))?;
    let lost = matches!(input.to, ReferralStage::Withdrawn | ReferralStage::Lost).then_some(reason).flatten();
    write_stage(&txn, &cx, &r, input.to, lost, &note).await?;
    txn.commit().await?;
    detail(&cx, r.id).await
}

struct SignTerms {
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    rent_cents: i64,
    deposit_cents: i64,
}

fn sign_terms(i: &ReferralSign) -> Result<SignTerms> {
    let mut p = Problems::default();
    let starts_on = common::date(&mut p, "starts_on", &i.starts_on);
    let ends_on = common::date(&mut p, "ends_on", &i.ends_on);
    p.check(ends_on > starts_on, "ends_on", "validation.date_order");
    let rent_cents = common::money_cents(&mut p, "monthly_rent", &i.monthly_rent);
    p.check(rent_cents > 0, "monthly_rent", "validation.money");
    let deposit_cents = common::money_cents(&mut p, "deposit", &i.deposit);
    p.check((1..=31).contains(&i.payment_day), "payment_day", "validation.payment_day");
    p.into_result()?;
    Ok(SignTerms { starts_on, ends_on, rent_cents, deposit_cents })
}

/// Whether the unit has a tenant whose occupancy overlaps [starts_on, ends_on].
async fn tenant_overlaps(db: &impl ConnectionTrait, unit_id: i32, t: &SignTerms) -> Result<bool> {
    let n = occupancy_entity::Entity::find()
        .filter(occupancy_entity::Column::UnitId.eq(unit_id))
        .filter(occupancy_entity::Column::Role.eq(OccupancyRole::Tenant))
        .filter(occupancy_entity::Column::StartDate.lte(t.ends_on))
        .filter(
            sea_orm::Condition::any()
                .add(occupancy_entity::Column::EndDate.is_null())
                .add(occupancy_entity::Column::EndDate.gt(t.starts_on)),
        )
        .count(db)
        .await?;
    Ok(n > 0)
}

/// Signs a referral at offer: the lease, the prospect as a tenant customer of the unit
/// (occupancy from the start date), the listing let, the unit occupied, the agency's
/// commission and the referral signed, all in one transaction. Any refusal writes nothing.
pub async fn sign(cx: Cx, input: ReferralSign) -> Result<ReferralDetail> {
    let actor = cx.actor()?;
    let t = sign_terms(&input)?;
    let txn = db::begin_write(&cx.db).await?;
    let r = referral::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    let l = listing::Entity::find_by_id(r.listing_id).one(&txn).await?.ok_or(Error::NotFound)?;
    let pr = prospect::Entity::find_by_id(r.prospect_id).one(&txn).await?.ok_or(Error::NotFound)?;
    if r.version != input.version || l.version != input.listing_version || pr.version != input.prospect_version {
        return Err(Error::Conflict);
    }
    if r.stage != ReferralStage::Offer {
        return Err(Error::field("stage", "validation.referral_sign_from_offer"));
    }
    if !matches!(l.status, ListingStatus::Open | ListingStatus::Reserved) {
        return Err(Error::field("listing_id", "validation.listing_not_open"));
    }
    // The prospect becomes a customer through the directory's own path (search terms, history).
    let customer_id = match pr.customer_id {
        Some(id) => id,
        None => {
            let input = CustomerInput {
                kind: CustomerKind::Person,
                name: pr.name.clone(),
                name_latin: None,
                phones: if pr.phone.is_empty() { vec![] } else { vec![pr.phone.clone()] },
                email: Some(pr.email.clone()).filter(|e| !e.is_empty()),
                nationality: pr.nationality.clone(),
                preferred_language: pr.preferred_language.clone(),
                vip: false,
                id_document_kind: None,
                id_document_number: None,
                notes: pr.company.clone(),
            };
            customers::insert(&txn, actor.id(), cx.now, &input).await?.id
        }
    };
    // Checked after the customer is written: a refusal here rolls that back too.
    if tenant_overlaps(&txn, l.unit_id, &t).await? {
        return Err(Error::field("starts_on", "validation.unit_has_tenant"));
    }
    let start = t.starts_on;
    occupancy::insert(
        &txn,
        cx.now,
        actor,
        NewOccupancy { customer_id, unit_id: l.unit_id, role: OccupancyRole::Tenant, start },
    )
    .await?;
    let u = unit::Entity::find_by_id(l.unit_id).one(&txn).await?.ok_or(Error::NotFound)?;
    if u.status != UnitStatus::Occupied {
        let row =
            unit::ActiveModel { status: Set(UnitStatus::Occupied), updated_at: Set(cx.now), ..Default::default() };
        versioned::update::<unit::Entity>(&txn, u.id, u.version, row).await?;
        let change = FieldChange {
            field: "status".into(),
            old: Some(u.status.as_str().to_owned()),
            new: Some(UnitStatus::Occupied.as_str().to_owned()),
        };
        history::by(&txn, cx.now, actor, HistoryEntity::Unit, u.id, ChangeAction::Update, vec![change]).await?;
    }
    let le = lease::ActiveModel {
        id: NotSet,
        referral_id: Set(r.id),
        listing_id: Set(l.id),
        unit_id: Set(l.unit_id),
        customer_id: Set(customer_id),
        owner_id: Set(l.owner_id),
        starts_on: Set(t.starts_on),
        ends_on: Set(t.ends_on),
        monthly_rent_cents: Set(t.rent_cents),
        deposit_cents: Set(t.deposit_cents),
        payment_day: Set(input.payment_day),
        created_by: Set(actor.id()),
        created_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    if let Some(agency_id) = r.agency_id {
        let a = agency::Entity::find_by_id(agency_id).one(&txn).await?.ok_or(Error::NotFound)?;
        let amount = rules::commission_cents(a.commission_kind, a.commission_value, t.rent_cents)
            .ok_or_else(|| Error::field("monthly_rent", "validation.money"))?;
        commission::ActiveModel {
            id: NotSet,
            agency_id: Set(a.id),
            referral_id: Set(r.id),
            lease_id: Set(le.id),
            amount_cents: Set(amount),
            due_on: Set(t.starts_on),
            paid_on: Set(None),
            paid_cents: Set(None),
            version: Set(1),
            created_at: Set(cx.now),
            updated_at: Set(cx.now),
        }
        .insert(&txn)
        .await?;
    }
    listings::write_status(&txn, &cx, &l, l.version, ListingStatus::Let).await?;
    let row =
        prospect::ActiveModel { customer_id: Set(Some(customer_id)), updated_at: Set(cx.now), ..Default::default() };
    versioned::update::<prospect::Entity>(&txn, pr.id, pr.version, row).await?;
    let change = FieldChange { field: "customer".into(), old: None, new: Some(customer_id.to_string()) };
    history::by(&txn, cx.now, actor, HistoryEntity::Prospect, pr.id, ChangeAction::Update, vec![change]).await?;
    let note = format!("{}–{} · {}", t.starts_on, t.ends_on, money::cents_text(t.rent_cents));
    write_stage(&txn, &cx, &r, ReferralStage::Signed, None, &note).await?;
    txn.commit().await?;
    tracing::info!(referral = r.id, lease = le.id, customer = customer_id, "lease signed");
    detail(&cx, r.id).await
}

pub async fn commission_pay(cx: Cx, input: CommissionPay) -> Result<CommissionRow> {
    cx.actor()?;
    let mut p = Problems::default();
    let paid_on = common::date(&mut p, "paid_on", &input.paid_on);
    let amount = common::money_cents(&mut p, "amount", &input.amount);
    p.check(amount > 0, "amount", "validation.money");
    p.into_result()?;
    let txn = db::begin_write(&cx.db).await?;
    let c = commission::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    if c.paid_on.is_some() {
        return Err(Error::field("id", "validation.commission_already_paid"));
    }
    let row = commission::ActiveModel {
        paid_on: Set(Some(paid_on)),
        paid_cents: Set(Some(amount)),
        updated_at: Set(cx.now),
        ..Default::default()
    };
    let c = versioned::update::<commission::Entity>(&txn, c.id, input.version, row).await?;
    let change = FieldChange {
        field: "commission_paid".into(),
        old: None,
        new: Some(format!("{} {}", paid_on, money::cents_text(amount))),
    };
    history::by(&txn, cx.now, cx.actor()?, HistoryEntity::Agency, c.agency_id, ChangeAction::Update, vec![change])
        .await?;
    txn.commit().await?;
    commission_rows(&cx.db, vec![c]).await?.pop().ok_or(Error::NotFound)
}

pub async fn commission_list(cx: Cx, q: CommissionQuery) -> Result<Page<CommissionRow>> {
    cx.actor()?;
    let mut select = commission::Entity::find();
    if let Some(a) = q.agency_id {
        select = select.filter(commission::Column::AgencyId.eq(a));
    }
    if q.unpaid_only {
        select = select.filter(commission::Column::PaidOn.is_null());
    }
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = paging(q.page, q.page_size);
    let rows = select
        .order_by_asc(commission::Column::DueOn)
        .order_by_asc(commission::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(&cx.db)
        .await?;
    Ok(page(commission_rows(&cx.db, rows).await?, total, q.page, q.page_size))
}

pub async fn get(cx: Cx, input: ReferralGet) -> Result<ReferralDetail> {
    cx.actor()?;
    detail(&cx, input.id).await
}

fn filtered(
    q_agency: Option<i32>,
    q_listing: Option<i32>,
    q_prospect: Option<i32>,
) -> sea_orm::Select<referral::Entity> {
    let mut select = referral::Entity::find();
    if let Some(a) = q_agency {
        select = select.filter(referral::Column::AgencyId.eq(a));
    }
    if let Some(l) = q_listing {
        select = select.filter(referral::Column::ListingId.eq(l));
    }
    if let Some(p) = q_prospect {
        select = select.filter(referral::Column::ProspectId.eq(p));
    }
    select
}

pub async fn list(cx: Cx, q: ReferralQuery) -> Result<Page<ReferralRow>> {
    cx.actor()?;
    let mut select = filtered(q.agency_id, q.listing_id, q.prospect_id);
    if let Some(s) = q.stage {
        select = select.filter(referral::Column::Stage.eq(s));
    }
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = paging(q.page, q.page_size);
    let rows = select.order_by_desc(referral::Column::Id).offset(offset).limit(limit).all(&cx.db).await?;
    Ok(page(referral_rows(&cx.db, rows, cx.locale()).await?, total, q.page, q.page_size))
}

pub async fn board(cx: Cx, q: ReferralBoardQuery) -> Result<ReferralBoard> {
    cx.actor()?;
    let per = u64::from(q.per_stage.clamp(1, 100));
    let mut columns = Vec::new();
    for stage in [
        ReferralStage::Referred,
        ReferralStage::ViewingScheduled,
        ReferralStage::Viewed,
        ReferralStage::Offer,
        ReferralStage::Signed,
        ReferralStage::Withdrawn,
        ReferralStage::Lost,
    ] {
        let select = filtered(q.agency_id, q.listing_id, None).filter(referral::Column::Stage.eq(stage));
        let count = select.clone().count(&cx.db).await?;
        let rows = select
            .order_by_desc(referral::Column::UpdatedAt)
            .order_by_desc(referral::Column::Id)
            .limit(per)
            .all(&cx.db)
            .await?;
        columns.push(BoardColumn {
            stage,
            count: u32::try_from(count).unwrap_or(u32::MAX),
            rows: referral_rows(&cx.db, rows, cx.locale()).await?,
        });
    }
    Ok(ReferralBoard { columns })
}

pub(crate) async fn detail(cx: &Cx, id: i32) -> Result<ReferralDetail> {
    let db = &cx.db;
    let r = referral::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound)?;
    let l = listing::Entity::find_by_id(r.listing_id).one(db).await?.ok_or(Error::NotFound)?;
    let pr = prospect::Entity::find_by_id(r.prospect_id).one(db).await?.ok_or(Error::NotFound)?;
    let steps = referral_step::Entity::find()
        .filter(referral_step::Column::ReferralId.eq(r.id))
        .order_by_asc(referral_step::Column::Id)
        .all(db)
        .await?;
    let staff = names_of_staff(db, steps.iter().map(|s| s.staff_id).collect()).await?;
    let viewings = viewing::Entity::find()
        .filter(viewing::Column::ReferralId.eq(r.id))
        .order_by_asc(viewing::Column::StartsAt)
        .all(db)
        .await?;
    let lease = lease::Entity::find().filter(lease::Column::ReferralId.eq(r.id)).one(db).await?;
    let commission = commission::Entity::find().filter(commission::Column::ReferralId.eq(r.id)).one(db).await?;
    Ok(ReferralDetail {
        listing_version: l.version,
        prospect_version: pr.version,
        steps: steps
            .into_iter()
            .map(|s| ReferralStepView {
                from: s.from_stage,
                to: s.to_stage,
                at: s.at.to_rfc3339(),
                staff_name: staff.get(&s.staff_id).cloned().unwrap_or_default(),
                note: s.note,
            })
            .collect(),
        viewings: super::viewings::viewing_rows(db, viewings, cx.locale(), cx.now).await?,
        lease: match lease {
            Some(l) => lease_rows(db, vec![l]).await?.pop(),
            None => None,
        },
        commission: match commission {
            Some(c) => commission_rows(db, vec![c]).await?.pop(),
            None => None,
        },
        history: history_of(db, HistoryEntity::Referral, r.id).await?,
        row: referral_rows(db, vec![r], cx.locale()).await?.pop().ok_or(Error::NotFound)?,
    })
}
