//! Partner agencies (中介机构): contacts, commission terms and how they perform.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, NotSet, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::common::{self, history_of};
use crate::app::Cx;
use crate::db;
use crate::directory::customers::ChangeEntry;
use crate::domain::{ChangeAction, CommissionKind, HistoryEntity, ReferralStage, ViewingStatus, money, validate};
use crate::entities::{agency, commission, referral, viewing};
use crate::error::{Error, Problems, Result};
use crate::page::{Page, page, paging};
use crate::record::history::{self, Snapshot};
use crate::record::versioned;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AgencyInput {
    pub name: String,
    /// Contact people, one a line.
    pub contacts: String,
    pub phone: String,
    pub email: String,
    pub commission_kind: CommissionKind,
    /// Percent of one month's rent ("50", "37.5") or a fixed sum ("3000.00").
    pub commission_value: String,
    pub active: bool,
    pub notes: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AgencyEdit {
    pub id: i32,
    pub version: i32,
    pub agency: AgencyInput,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AgencyGet {
    pub id: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AgencyQuery {
    /// Part of the name.
    pub search: Option<String>,
    pub include_inactive: bool,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AgencyRow {
    pub id: i32,
    pub version: i32,
    pub name: String,
    pub contacts: String,
    pub phone: String,
    pub email: String,
    pub commission_kind: CommissionKind,
    /// "50" (percent) or "3000.00" (fixed), as typed back into the form.
    pub commission_value: String,
    pub active: bool,
}

/// How an agency has done: counts of its referrals and money owed and paid.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AgencyPerformance {
    pub referrals: u32,
    /// Referrals still in the pipeline.
    pub open_referrals: u32,
    pub viewings: u32,
    pub signed: u32,
    /// Commission not yet paid, "6000.00".
    pub commission_due: String,
    pub commission_paid: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AgencyDetail {
    pub row: AgencyRow,
    pub notes: String,
    pub performance: AgencyPerformance,
    pub history: Vec<ChangeEntry>,
}

struct Clean {
    name: String,
    contacts: String,
    phone: String,
    email: String,
    value: i64,
    notes: String,
}

fn clean(i: &AgencyInput) -> Result<Clean> {
    let mut p = Problems::default();
    let name = common::text(&mut p, "name", &i.name, 200, true);
    let contacts = common::text(&mut p, "contacts", &i.contacts, 2000, false);
    let phone = common::text(&mut p, "phone", &i.phone, 40, false);
    p.check(phone.is_empty() || validate::phone(&phone), "phone", "validation.phone");
    let email = common::text(&mut p, "email", &i.email, 200, false);
    p.check(email.is_empty() || validate::email(&email), "email", "validation.email");
    let value = match i.commission_kind {
        CommissionKind::PercentOfRent => money::parse_rate(&i.commission_value).map(i64::from),
        CommissionKind::Fixed => money::parse_price(&i.commission_value),
    };
    p.check(value.is_some(), "commission_value", "validation.commission_value");
    let notes = common::text(&mut p, "notes", &i.notes, 4000, false);
    p.into_result()?;
    Ok(Clean { name, contacts, phone, email, value: value.unwrap_or_default(), notes })
}

pub fn commission_text(kind: CommissionKind, value: i64) -> String {
    match kind {
        CommissionKind::PercentOfRent => money::rate_text(i32::try_from(value).unwrap_or(i32::MAX)),
        CommissionKind::Fixed => money::cents_text(value),
    }
}

fn snapshot(a: &agency::Model) -> Snapshot {
    vec![
        ("name", Some(a.name.clone())),
        ("contacts", Some(a.contacts.clone()).filter(|v| !v.is_empty())),
        ("phone", Some(a.phone.clone()).filter(|v| !v.is_empty())),
        ("email", Some(a.email.clone()).filter(|v| !v.is_empty())),
        (
            "commission",
            Some(format!("{} {}", a.commission_kind.as_str(), commission_text(a.commission_kind, a.commission_value))),
        ),
        ("active", Some(a.active.to_string())),
        ("notes", Some(a.notes.clone()).filter(|v| !v.is_empty())),
    ]
}

fn row_of(a: &agency::Model) -> AgencyRow {
    AgencyRow {
        id: a.id,
        version: a.version,
        name: a.name.clone(),
        contacts: a.contacts.clone(),
        phone: a.phone.clone(),
        email: a.email.clone(),
        commission_kind: a.commission_kind,
        commission_value: commission_text(a.commission_kind, a.commission_value),
        active: a.active,
    }
}

pub async fn create(cx: Cx, input: AgencyInput) -> Result<AgencyDetail> {
    let actor = cx.actor()?;
    let c = clean(&input)?;
    let txn = db::begin_write(&cx.db).await?;
    let a = agency::ActiveModel {
        id: NotSet,
        name: Set(c.name),
        contacts: Set(c.contacts),
        phone: Set(c.phone),
        email: Set(c.email),
        commission_kind: Set(input.commission_kind),
        commission_value: Set(c.value),
        active: Set(input.active),
        notes: Set(c.notes),
        version: Set(1),
        created_at: Set(cx.now),
        updated_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    let changes = history::diff(&Vec::new(), &snapshot(&a));
    history::by(&txn, cx.now, actor, HistoryEntity::Agency, a.id, ChangeAction::Create, changes).await?;
    txn.commit().await?;
    detail(&cx, a.id).await
}

pub async fn edit(cx: Cx, input: AgencyEdit) -> Result<AgencyDetail> {
    let actor = cx.actor()?;
    let c = clean(&input.agency)?;
    let txn = db::begin_write(&cx.db).await?;
    let old = agency::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    let row = agency::ActiveModel {
        name: Set(c.name),
        contacts: Set(c.contacts),
        phone: Set(c.phone),
        email: Set(c.email),
        commission_kind: Set(input.agency.commission_kind),
        commission_value: Set(c.value),
        active: Set(input.agency.active),
        notes: Set(c.notes),
        updated_at: Set(cx.now),
        ..Default::default()
    };
    let a = versioned::update::<agency::Entity>(&txn, input.id, input.version, row).await?;
    let changes = history::diff(&snapshot(&old), &snapshot(&a));
    history::by(&txn, cx.now, actor, HistoryEntity::Agency, a.id, ChangeAction::Update, changes).await?;
    txn.commit().await?;
    detail(&cx, a.id).await
}

pub async fn get(cx: Cx, input: AgencyGet) -> Result<AgencyDetail> {
    cx.actor()?;
    detail(&cx, input.id).await
}

pub async fn list(cx: Cx, q: AgencyQuery) -> Result<Page<AgencyRow>> {
    cx.actor()?;
    let mut select = agency::Entity::find();
    if !q.include_inactive {
        select = select.filter(agency::Column::Active.eq(true));
    }
    if let Some(s) = q.search.as_deref().and_then(validate::clean) {
        select = select.filter(agency::Column::Name.like(format!("%{}%", s.replace(['%', '_'], ""))));
    }
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = paging(q.page, q.page_size);
    let rows = select
        .order_by_asc(agency::Column::Name)
        .order_by_asc(agency::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(&cx.db)
        .await?;
    Ok(page(rows.iter().map(row_of).collect(), total, q.page, q.page_size))
}

async fn performance(db: &impl sea_orm::ConnectionTrait, id: i32) -> Result<AgencyPerformance> {
    let stages: Vec<ReferralStage> = referral::Entity::find()
        .select_only()
        .column(referral::Column::Stage)
        .filter(referral::Column::AgencyId.eq(id))
        .into_tuple()
        .all(db)
        .await?;
    let viewings = viewing::Entity::find()
        .filter(viewing::Column::Status.ne(ViewingStatus::Cancelled))
        .filter(
            viewing::Column::ReferralId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(referral::Column::Id)
                    .from(referral::Entity)
                    .and_where(referral::Column::AgencyId.eq(id))
                    .to_owned(),
            ),
        )
        .count(db)
        .await?;
    let money: Vec<(i64, Option<i64>)> = commission::Entity::find()
        .select_only()
        .column(commission::Column::AmountCents)
        .column(commission::Column::PaidCents)
        .filter(commission::Column::AgencyId.eq(id))
        .into_tuple()
        .all(db)
        .await?;
    let paid: i64 = money.iter().filter_map(|(_, p)| *p).sum();
    let due: i64 = money.iter().map(|(a, p)| (a - p.unwrap_or(0)).max(0)).sum();
    let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
    Ok(AgencyPerformance {
        referrals: n(stages.len()),
        open_referrals: n(stages.iter().filter(|s| super::rules::is_open(**s)).count()),
        viewings: u32::try_from(viewings).unwrap_or(u32::MAX),
        signed: n(stages.iter().filter(|s| **s == ReferralStage::Signed).count()),
        commission_due: money::cents_text(due),
        commission_paid: money::cents_text(paid),
    })
}

pub(crate) async fn detail(cx: &Cx, id: i32) -> Result<AgencyDetail> {
    let a = agency::Entity::find_by_id(id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    Ok(AgencyDetail {
        row: row_of(&a),
        notes: a.notes.clone(),
        performance: performance(&cx.db, a.id).await?,
        history: history_of(&cx.db, HistoryEntity::Agency, a.id).await?,
    })
}
