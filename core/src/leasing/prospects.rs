//! Prospects: people and companies looking to rent, with what they need.

use sea_orm::sea_query::Condition;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::common::{self, history_of};
use super::referrals::{ReferralRow, referral_rows};
use super::rules::Needs;
use crate::app::Cx;
use crate::db;
use crate::directory::customers::ChangeEntry;
use crate::domain::{ChangeAction, HistoryEntity, ListingFeature, ProspectSource, money, validate};
use crate::entities::{agency, prospect, referral};
use crate::error::{Error, Problems, Result};
use crate::page::{Page, page, paging};
use crate::record::history::{self, Snapshot};
use crate::record::versioned;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ProspectInput {
    pub name: String,
    pub company: String,
    pub phone: String,
    pub email: String,
    /// A customer language: zh-CN, en, ja, ko.
    pub preferred_language: String,
    /// ISO 3166 two letters, "JP".
    pub nationality: Option<String>,
    /// Monthly rent range; blank for no limit.
    pub budget_min: Option<String>,
    pub budget_max: Option<String>,
    pub rooms_min: Option<i32>,
    /// m², "80".
    pub area_min: Option<String>,
    /// YYYY-MM-DD
    pub move_in: Option<String>,
    pub term_months: Option<i32>,
    pub must_haves: Vec<ListingFeature>,
    pub source: ProspectSource,
    /// The agency that brought the prospect (source agency).
    pub agency_id: Option<i32>,
    pub notes: String,
    pub active: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ProspectEdit {
    pub id: i32,
    pub version: i32,
    pub prospect: ProspectInput,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ProspectGet {
    pub id: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ProspectQuery {
    /// Part of the name or company.
    pub search: Option<String>,
    pub source: Option<ProspectSource>,
    pub agency_id: Option<i32>,
    pub include_inactive: bool,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ProspectRow {
    pub id: i32,
    pub version: i32,
    pub name: String,
    pub company: String,
    pub phone: String,
    pub email: String,
    pub preferred_language: String,
    pub nationality: Option<String>,
    pub budget_min: Option<String>,
    pub budget_max: Option<String>,
    pub rooms_min: Option<i32>,
    pub area_min: Option<String>,
    pub move_in: Option<String>,
    pub term_months: Option<i32>,
    pub must_haves: Vec<ListingFeature>,
    pub source: ProspectSource,
    pub agency_id: Option<i32>,
    pub agency_name: Option<String>,
    /// The tenant customer once a lease is signed.
    pub customer_id: Option<i32>,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ProspectDetail {
    pub row: ProspectRow,
    pub notes: String,
    pub referrals: Vec<ReferralRow>,
    pub history: Vec<ChangeEntry>,
}

struct Clean {
    name: String,
    company: String,
    phone: String,
    email: String,
    nationality: Option<String>,
    budget_min: Option<i64>,
    budget_max: Option<i64>,
    area_min: Option<i32>,
    move_in: Option<chrono::NaiveDate>,
    notes: String,
}

fn clean(i: &ProspectInput) -> Result<Clean> {
    let mut p = Problems::default();
    let name = common::text(&mut p, "name", &i.name, 200, true);
    let company = common::text(&mut p, "company", &i.company, 200, false);
    let phone = common::text(&mut p, "phone", &i.phone, 40, false);
    p.check(phone.is_empty() || validate::phone(&phone), "phone", "validation.phone");
    let email = common::text(&mut p, "email", &i.email, 200, false);
    p.check(email.is_empty() || validate::email(&email), "email", "validation.email");
    p.check(validate::customer_language(&i.preferred_language), "preferred_language", "validation.language");
    let nationality = validate::clean_opt(&i.nationality).map(|n| n.to_uppercase());
    p.check(nationality.as_deref().is_none_or(validate::nationality), "nationality", "validation.nationality");
    let budget_min = common::opt_money_cents(&mut p, "budget_min", &i.budget_min);
    let budget_max = common::opt_money_cents(&mut p, "budget_max", &i.budget_max);
    if let (Some(a), Some(b)) = (budget_min, budget_max) {
        p.check(a <= b, "budget_max", "validation.budget_order");
    }
    if let Some(r) = i.rooms_min {
        common::count(&mut p, "rooms_min", r, 50);
    }
    if let Some(t) = i.term_months {
        common::count(&mut p, "term_months", t, 240);
    }
    let area_min = common::opt_area(&mut p, "area_min", &i.area_min);
    let move_in = common::opt_date(&mut p, "move_in", &i.move_in);
    let notes = common::text(&mut p, "notes", &i.notes, 4000, false);
    p.into_result()?;
    Ok(Clean { name, company, phone, email, nationality, budget_min, budget_max, area_min, move_in, notes })
}

pub(crate) fn needs_of(p: &prospect::Model) -> Needs {
    Needs {
        budget_max_cents: p.budget_max_cents,
        rooms_min: p.rooms_min,
        area_min_centi_m2: p.area_min_centi_m2,
        move_in: p.move_in,
        term_months: p.term_months,
        furnished: p.needs_furnished,
        pets: p.needs_pets,
        parking: p.needs_parking,
    }
}

fn must_haves(p: &prospect::Model) -> Vec<ListingFeature> {
    [
        (p.needs_furnished, ListingFeature::Furnished),
        (p.needs_pets, ListingFeature::Pets),
        (p.needs_parking, ListingFeature::Parking),
    ]
    .into_iter()
    .filter_map(|(on, f)| on.then_some(f))
    .collect()
}

fn snapshot(p: &prospect::Model) -> Snapshot {
    let opt_money = |c: Option<i64>| c.map(money::cents_text);
    vec![
        ("name", Some(p.name.clone())),
        ("company", Some(p.company.clone()).filter(|v| !v.is_empty())),
        ("phone", Some(p.phone.clone()).filter(|v| !v.is_empty()).map(|v| validate::mask_phone(&v))),
        ("email", Some(p.email.clone()).filter(|v| !v.is_empty())),
        ("preferred_language", Some(p.preferred_language.clone())),
        ("nationality", p.nationality.clone()),
        ("budget_min", opt_money(p.budget_min_cents)),
        ("budget_max", opt_money(p.budget_max_cents)),
        ("rooms_min", p.rooms_min.map(|r| r.to_string())),
        ("area_min", p.area_min_centi_m2.map(validate::area_text)),
        ("move_in", p.move_in.map(|d| d.to_string())),
        ("term_months", p.term_months.map(|t| t.to_string())),
        (
            "must_haves",
            Some(must_haves(p).iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", ")).filter(|v| !v.is_empty()),
        ),
        ("source", Some(p.source.as_str().to_owned())),
        ("agency", p.agency_id.map(|a| a.to_string())),
        ("active", Some(p.active.to_string())),
        ("notes", Some(p.notes.clone()).filter(|v| !v.is_empty())),
    ]
}

async fn check_agency(db: &impl ConnectionTrait, i: &ProspectInput) -> Result<()> {
    if let Some(a) = i.agency_id
        && agency::Entity::find_by_id(a).one(db).await?.is_none()
    {
        return Err(Error::field("agency_id", "validation.not_found"));
    }
    Ok(())
}

fn values(i: &ProspectInput, c: Clean, now: chrono::DateTime<chrono::Utc>) -> prospect::ActiveModel {
    let has = |f: ListingFeature| i.must_haves.contains(&f);
    prospect::ActiveModel {
        name: Set(c.name),
        company: Set(c.company),
        phone: Set(c.phone),
        email: Set(c.email),
        preferred_language: Set(i.preferred_language.clone()),
        nationality: Set(c.nationality),
        budget_min_cents: Set(c.budget_min),
        budget_max_cents: Set(c.budget_max),
        rooms_min: Set(i.rooms_min),
        area_min_centi_m2: Set(c.area_min),
        move_in: Set(c.move_in),
        term_months: Set(i.term_months),
        needs_furnished: Set(has(ListingFeature::Furnished)),
        needs_pets: Set(has(ListingFeature::Pets)),
        needs_parking: Set(has(ListingFeature::Parking)),
        source: Set(i.source),
        agency_id: Set(i.agency_id),
        notes: Set(c.notes),
        active: Set(i.active),
        updated_at: Set(now),
        ..Default::default()
    }
}

pub async fn create(cx: Cx, input: ProspectInput) -> Result<ProspectDetail> {
    let actor = cx.actor()?;
    let c = clean(&input)?;
    let txn = db::begin_write(&cx.db).await?;
    check_agency(&txn, &input).await?;
    let mut row = values(&input, c, cx.now);
    row.id = NotSet;
    row.customer_id = Set(None);
    row.version = Set(1);
    row.created_at = Set(cx.now);
    let p = row.insert(&txn).await?;
    let changes = history::diff(&Vec::new(), &snapshot(&p));
    history::by(&txn, cx.now, actor, HistoryEntity::Prospect, p.id, ChangeAction::Create, changes).await?;
    txn.commit().await?;
    detail(&cx, p.id).await
}

pub async fn edit(cx: Cx, input: ProspectEdit) -> Result<ProspectDetail> {
    let actor = cx.actor()?;
    let c = clean(&input.prospect)?;
    let txn = db::begin_write(&cx.db).await?;
    check_agency(&txn, &input.prospect).await?;
    let old = prospect::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    let p = versioned::update::<prospect::Entity>(&txn, input.id, input.version, values(&input.prospect, c, cx.now))
        .await?;
    let changes = history::diff(&snapshot(&old), &snapshot(&p));
    history::by(&txn, cx.now, actor, HistoryEntity::Prospect, p.id, ChangeAction::Update, changes).await?;
    txn.commit().await?;
    detail(&cx, p.id).await
}

pub async fn get(cx: Cx, input: ProspectGet) -> Result<ProspectDetail> {
    cx.actor()?;
    detail(&cx, input.id).await
}

pub async fn list(cx: Cx, q: ProspectQuery) -> Result<Page<ProspectRow>> {
    cx.actor()?;
    let mut select = prospect::Entity::find();
    if !q.include_inactive {
        select = select.filter(prospect::Column::Active.eq(true));
    }
    if let Some(s) = q.source {
        select = select.filter(prospect::Column::Source.eq(s));
    }
    if let Some(a) = q.agency_id {
        select = select.filter(prospect::Column::AgencyId.eq(a));
    }
    if let Some(s) = q.search.as_deref().and_then(validate::clean) {
        let pattern = format!("%{}%", s.replace(['%', '_'], ""));
        select = select.filter(
            Condition::any().add(prospect::Column::Name.like(&pattern)).add(prospect::Column::Company.like(&pattern)),
        );
    }
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = paging(q.page, q.page_size);
    let rows = select.order_by_desc(prospect::Column::Id).offset(offset).limit(limit).all(&cx.db).await?;
    Ok(page(prospect_rows(&cx.db, rows).await?, total, q.page, q.page_size))
}

pub(crate) async fn prospect_rows(db: &impl ConnectionTrait, rows: Vec<prospect::Model>) -> Result<Vec<ProspectRow>> {
    let agencies: std::collections::HashMap<i32, String> = agency::Entity::find()
        .select_only()
        .column(agency::Column::Id)
        .column(agency::Column::Name)
        .filter(agency::Column::Id.is_in(rows.iter().filter_map(|p| p.agency_id)))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|p| ProspectRow {
            must_haves: must_haves(&p),
            agency_name: p.agency_id.and_then(|a| agencies.get(&a).cloned()),
            id: p.id,
            version: p.version,
            name: p.name,
            company: p.company,
            phone: p.phone,
            email: p.email,
            preferred_language: p.preferred_language,
            nationality: p.nationality,
            budget_min: p.budget_min_cents.map(money::cents_text),
            budget_max: p.budget_max_cents.map(money::cents_text),
            rooms_min: p.rooms_min,
            area_min: p.area_min_centi_m2.map(validate::area_text),
            move_in: p.move_in.map(|d| d.to_string()),
            term_months: p.term_months,
            source: p.source,
            agency_id: p.agency_id,
            customer_id: p.customer_id,
            active: p.active,
        })
        .collect())
}

pub(crate) async fn detail(cx: &Cx, id: i32) -> Result<ProspectDetail> {
    let db = &cx.db;
    let p = prospect::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound)?;
    let notes = p.notes.clone();
    let referrals = referral::Entity::find()
        .filter(referral::Column::ProspectId.eq(p.id))
        .order_by_desc(referral::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let row = prospect_rows(db, vec![p]).await?.pop().ok_or(Error::NotFound)?;
    Ok(ProspectDetail {
        notes,
        referrals: referral_rows(db, referrals, cx.locale()).await?,
        history: history_of(db, HistoryEntity::Prospect, row.id).await?,
        row,
    })
}
