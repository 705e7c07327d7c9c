//! The service catalog: what the office sells, named in every customer language, done
//! by one department, priced per unit with an optional tax rate. Prices change with an
//! effective date; the price on a date is the latest one effective on or before it.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::settings;
use crate::accounts::Actor;
use crate::app::Cx;
use crate::db;
use crate::directory::customers::ChangeEntry;
use crate::domain::{CUSTOMER_LANGUAGES, ChangeAction, Department, HistoryEntity, ServiceUnit, money, validate};
use crate::entities::{catalog_price, catalog_service, catalog_service_text, change_log, staff};
use crate::error::{Error, Problems, Result};
use crate::page::{Page, page, paging};
use crate::record::history::{self, FieldChange};
use crate::record::versioned;

/// A service's name and description in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ServiceText {
    /// One of the customer languages (zh-CN, en, ja, ko).
    pub language: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Price {
    /// YYYY-MM-DD.
    pub effective_from: String,
    /// "65.00".
    pub amount: String,
    #[ts(type = "number")]
    pub amount_cents: i64,
    pub currency: String,
}

fn price_view(p: &catalog_price::Model) -> Price {
    Price {
        effective_from: p.effective_from.to_string(),
        amount: money::cents_text(p.amount_cents),
        amount_cents: p.amount_cents,
        currency: p.currency.clone(),
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CatalogRow {
    pub id: i32,
    pub version: i32,
    /// In the caller's language, else the first the service has (zh-CN, en, ja, ko).
    pub name: String,
    pub department: Department,
    pub unit: ServiceUnit,
    /// Percent as text ("6", "5.5"); null when the service is not taxed.
    pub tax_rate: Option<String>,
    pub active: bool,
    /// The price today; null before the first price takes effect.
    pub price: Option<Price>,
    /// Customer languages the service has no name in yet.
    pub missing_languages: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CatalogDetail {
    pub id: i32,
    pub version: i32,
    pub name: String,
    pub department: Department,
    pub unit: ServiceUnit,
    pub tax_rate: Option<String>,
    pub active: bool,
    /// In the order of the customer languages.
    pub texts: Vec<ServiceText>,
    pub missing_languages: Vec<String>,
    pub price: Option<Price>,
    /// Prices already set for later dates, soonest first.
    pub upcoming: Vec<Price>,
    /// Every price, newest date first.
    pub prices: Vec<Price>,
    pub history: Vec<ChangeEntry>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CatalogQuery {
    /// Part of a name in any language.
    pub search: Option<String>,
    pub department: Option<Department>,
    pub unit: Option<ServiceUnit>,
    pub include_inactive: bool,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CatalogGet {
    pub id: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CatalogInput {
    /// A language whose name and description are both blank is left out.
    pub texts: Vec<ServiceText>,
    pub department: Department,
    pub unit: ServiceUnit,
    /// Percent as typed ("6", "5.5"); null or blank for no tax.
    pub tax_rate: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewPrice {
    /// "65", "65.5" or "65.50", in the catalog's currency.
    pub amount: String,
    /// YYYY-MM-DD.
    pub effective_from: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CatalogCreate {
    pub service: CatalogInput,
    pub price: Option<NewPrice>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CatalogEdit {
    pub id: i32,
    pub version: i32,
    pub service: CatalogInput,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CatalogSetActive {
    pub id: i32,
    pub version: i32,
    pub active: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CatalogPriceSet {
    pub id: i32,
    pub version: i32,
    pub price: NewPrice,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CatalogPriceOn {
    pub id: i32,
    /// YYYY-MM-DD.
    pub date: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PriceOn {
    pub id: i32,
    pub date: String,
    /// Null before the service's first price.
    pub price: Option<Price>,
}

struct Clean {
    texts: Vec<ServiceText>,
    tax_rate_bp: Option<i32>,
}

fn clean(i: &CatalogInput) -> Result<Clean> {
    let mut p = Problems::default();
    let mut texts: Vec<ServiceText> = Vec::new();
    for (n, t) in i.texts.iter().enumerate() {
        let language = t.language.trim();
        let name = validate::text(&t.name, 200, false);
        let description = validate::text(&t.description, 2000, false);
        if matches!((&name, &description), (Ok(None), Ok(None))) {
            continue;
        }
        if !validate::customer_language(language) {
            p.add(&format!("texts.{n}.language"), "validation.language");
        } else if texts.iter().any(|x| x.language == language) {
            p.add(&format!("texts.{n}.language"), "validation.language_twice");
        }
        match name {
            Ok(Some(_)) => {}
            Ok(None) => p.add(&format!("texts.{n}.name"), validate::REQUIRED),
            Err(k) => p.add(&format!("texts.{n}.name"), k),
        }
        if let Err(k) = description {
            p.add(&format!("texts.{n}.description"), k);
        }
        texts.push(ServiceText {
            language: language.to_owned(),
            name: validate::clean(&t.name).unwrap_or_default(),
            description: validate::clean(&t.description).unwrap_or_default(),
        });
    }
    p.check(!texts.is_empty(), "texts", validate::REQUIRED);
    // Visits become work orders, so the department must be one that takes them.
    p.check(i.department.is_operational(), "department", "validation.department_not_operational");
    let tax_rate_bp = match validate::clean_opt(&i.tax_rate) {
        None => None,
        Some(r) => {
            let bp = money::parse_rate(&r);
            p.check(bp.is_some(), "tax_rate", "validation.tax_rate");
            bp
        }
    };
    p.into_result()?;
    texts.sort_by_key(|t| language_rank(&t.language));
    Ok(Clean { texts, tax_rate_bp })
}

fn language_rank(l: &str) -> usize {
    CUSTOMER_LANGUAGES.iter().position(|c| *c == l).unwrap_or(usize::MAX)
}

/// (cents, date) of a new price, or the fields' problems under `field`.
fn clean_price(field: &str, p: &NewPrice) -> Result<(i64, NaiveDate)> {
    let mut problems = Problems::default();
    let amount = money::parse_price(&p.amount);
    let from = validate::date(&p.effective_from);
    problems.check(amount.is_some(), &format!("{field}.amount"), "validation.money");
    problems.check(from.is_some(), &format!("{field}.effective_from"), "validation.date");
    problems.into_result()?;
    match (amount, from) {
        (Some(a), Some(d)) => Ok((a, d)),
        _ => Err(Error::field(field, "validation.invalid")),
    }
}

fn missing(texts: &[ServiceText]) -> Vec<String> {
    CUSTOMER_LANGUAGES.iter().filter(|l| !texts.iter().any(|t| t.language == **l)).map(|l| (*l).to_owned()).collect()
}

/// The name in `locale`, else in the first customer language the service has one in.
fn name_in(texts: &[ServiceText], locale: &str) -> String {
    texts
        .iter()
        .find(|t| t.language == locale)
        .or_else(|| texts.iter().min_by_key(|t| language_rank(&t.language)))
        .map(|t| t.name.clone())
        .unwrap_or_default()
}

fn text_view(t: catalog_service_text::Model) -> ServiceText {
    ServiceText { language: t.language, name: t.name, description: t.description }
}

async fn texts_of(db: &impl ConnectionTrait, ids: Vec<i32>) -> Result<HashMap<i32, Vec<ServiceText>>> {
    let mut by: HashMap<i32, Vec<ServiceText>> = HashMap::new();
    for t in
        catalog_service_text::Entity::find().filter(catalog_service_text::Column::ServiceId.is_in(ids)).all(db).await?
    {
        by.entry(t.service_id).or_default().push(text_view(t));
    }
    for texts in by.values_mut() {
        texts.sort_by_key(|t| language_rank(&t.language));
    }
    Ok(by)
}

/// The price of service `id` on `date`: the latest effective on or before it.
pub async fn price_at(db: &impl ConnectionTrait, id: i32, date: NaiveDate) -> Result<Option<catalog_price::Model>> {
    Ok(catalog_price::Entity::find()
        .filter(catalog_price::Column::ServiceId.eq(id))
        .filter(catalog_price::Column::EffectiveFrom.lte(date))
        .order_by_desc(catalog_price::Column::EffectiveFrom)
        .one(db)
        .await?)
}

pub async fn list(cx: Cx, q: CatalogQuery) -> Result<Page<CatalogRow>> {
    cx.actor()?;
    let mut select = catalog_service::Entity::find();
    if !q.include_inactive {
        select = select.filter(catalog_service::Column::Active.eq(true));
    }
    if let Some(d) = q.department {
        select = select.filter(catalog_service::Column::Department.eq(d));
    }
    if let Some(u) = q.unit {
        select = select.filter(catalog_service::Column::Unit.eq(u));
    }
    if let Some(s) = q.search.as_deref().and_then(validate::clean) {
        let pattern = format!("%{}%", s.to_lowercase().replace(['%', '_'], ""));
        select = select.filter(
            catalog_service::Column::Id.in_subquery(
                Query::select()
                    .column(catalog_service_text::Column::ServiceId)
                    .from(catalog_service_text::Entity)
                    .and_where(catalog_service_text::Column::NameKey.like(&pattern))
                    .to_owned(),
            ),
        );
    }
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = paging(q.page, q.page_size);
    let services = select
        .order_by_desc(catalog_service::Column::Active)
        .order_by_asc(catalog_service::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(&cx.db)
        .await?;
    let ids: Vec<i32> = services.iter().map(|s| s.id).collect();
    let mut texts = texts_of(&cx.db, ids.clone()).await?;
    // Every price up to today for the page, newest first: the first seen per service is today's.
    let mut today: HashMap<i32, Price> = HashMap::new();
    for p in catalog_price::Entity::find()
        .filter(catalog_price::Column::ServiceId.is_in(ids))
        .filter(catalog_price::Column::EffectiveFrom.lte(cx.now.date_naive()))
        .order_by_desc(catalog_price::Column::EffectiveFrom)
        .all(&cx.db)
        .await?
    {
        today.entry(p.service_id).or_insert_with(|| price_view(&p));
    }
    let rows = services
        .into_iter()
        .map(|s| {
            let t = texts.remove(&s.id).unwrap_or_default();
            CatalogRow {
                id: s.id,
                version: s.version,
                name: name_in(&t, cx.locale()),
                department: s.department,
                unit: s.unit,
                tax_rate: s.tax_rate_bp.map(money::rate_text),
                active: s.active,
                price: today.remove(&s.id),
                missing_languages: missing(&t),
            }
        })
        .collect();
    Ok(page(rows, total, q.page, q.page_size))
}

async fn detail(cx: &Cx, id: i32) -> Result<CatalogDetail> {
    let s = catalog_service::Entity::find_by_id(id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    let texts = texts_of(&cx.db, vec![id]).await?.remove(&id).unwrap_or_default();
    let prices = catalog_price::Entity::find()
        .filter(catalog_price::Column::ServiceId.eq(id))
        .order_by_desc(catalog_price::Column::EffectiveFrom)
        .all(&cx.db)
        .await?;
    let today = cx.now.date_naive();
    let price = prices.iter().find(|p| p.effective_from <= today).map(price_view);
    let upcoming = prices.iter().rev().filter(|p| p.effective_from > today).map(price_view).collect();
    Ok(CatalogDetail {
        id: s.id,
        version: s.version,
        name: name_in(&texts, cx.locale()),
        department: s.department,
        unit: s.unit,
        tax_rate: s.tax_rate_bp.map(money::rate_text),
        active: s.active,
        missing_languages: missing(&texts),
        texts,
        price,
        upcoming,
        prices: prices.iter().map(price_view).collect(),
        history: history_of(&cx.db, id).await?,
        created_at: s.created_at.to_rfc3339(),
        updated_at: s.updated_at.to_rfc3339(),
    })
}

/// The service's change history, newest first.
async fn history_of(db: &impl ConnectionTrait, id: i32) -> Result<Vec<ChangeEntry>> {
    let entries = change_log::Entity::find()
        .filter(change_log::Column::Entity.eq(HistoryEntity::CatalogService.as_str()))
        .filter(change_log::Column::EntityId.eq(id))
        .order_by_desc(change_log::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let staff_ids: Vec<i32> = entries.iter().filter_map(|e| e.staff_id).collect();
    let names: HashMap<i32, String> = staff::Entity::find()
        .filter(staff::Column::Id.is_in(staff_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.display_name))
        .collect();
    Ok(entries
        .into_iter()
        .map(|e| ChangeEntry {
            staff_name: e.staff_id.and_then(|s| names.get(&s).cloned()).unwrap_or_default(),
            changes: serde_json::from_str(&e.changes).unwrap_or_default(),
            id: e.id,
            at: e.at.to_rfc3339(),
            action: e.action,
            entity: HistoryEntity::CatalogService,
        })
        .collect())
}

pub async fn get(cx: Cx, input: CatalogGet) -> Result<CatalogDetail> {
    cx.actor()?;
    detail(&cx, input.id).await
}

/// The service's fields as text for the history; texts as `name.<language>`.
fn snapshot(s: &catalog_service::Model, texts: &[ServiceText]) -> Vec<(String, Option<String>)> {
    let mut out = vec![
        ("department".to_owned(), Some(s.department.as_str().to_owned())),
        ("unit".to_owned(), Some(s.unit.as_str().to_owned())),
        ("tax_rate".to_owned(), s.tax_rate_bp.map(money::rate_text)),
        ("active".to_owned(), Some(s.active.to_string())),
    ];
    for t in texts {
        out.push((format!("name.{}", t.language), Some(t.name.clone())));
        out.push((format!("description.{}", t.language), Some(t.description.clone())));
    }
    out
}

fn diff(old: &[(String, Option<String>)], new: &[(String, Option<String>)]) -> Vec<FieldChange> {
    let value =
        |list: &[(String, Option<String>)], f: &str| list.iter().find(|(k, _)| k == f).and_then(|(_, v)| v.clone());
    let mut fields: Vec<&String> = new.iter().map(|(k, _)| k).collect();
    fields.extend(old.iter().map(|(k, _)| k).filter(|k| !new.iter().any(|(n, _)| n == *k)));
    fields
        .into_iter()
        .map(|f| FieldChange { field: f.clone(), old: value(old, f), new: value(new, f) })
        .filter(|c| c.old != c.new)
        .collect()
}

async fn insert_texts(db: &impl ConnectionTrait, id: i32, texts: &[ServiceText]) -> Result<()> {
    let rows = texts.iter().map(|t| catalog_service_text::ActiveModel {
        id: NotSet,
        service_id: Set(id),
        language: Set(t.language.clone()),
        name: Set(t.name.clone()),
        description: Set(t.description.clone()),
        name_key: Set(t.name.to_lowercase()),
    });
    catalog_service_text::Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(())
}

/// Adds a price unless the service already has one from that date.
async fn insert_price(
    db: &impl ConnectionTrait,
    cx: &Cx,
    actor: &Actor,
    id: i32,
    field: &str,
    (cents, from): (i64, NaiveDate),
) -> Result<catalog_price::Model> {
    let taken = catalog_price::Entity::find()
        .filter(catalog_price::Column::ServiceId.eq(id))
        .filter(catalog_price::Column::EffectiveFrom.eq(from))
        .count(db)
        .await?;
    if taken > 0 {
        return Err(Error::field(&format!("{field}.effective_from"), "validation.price_date_taken"));
    }
    Ok(catalog_price::ActiveModel {
        id: NotSet,
        service_id: Set(id),
        effective_from: Set(from),
        amount_cents: Set(cents),
        currency: Set(settings::currency(db).await?),
        created_by: Set(actor.id()),
        created_at: Set(cx.now),
    }
    .insert(db)
    .await?)
}

fn price_change(p: &catalog_price::Model) -> FieldChange {
    FieldChange {
        field: "price".to_owned(),
        old: None,
        new: Some(format!("{} {} ({})", money::cents_text(p.amount_cents), p.currency, p.effective_from)),
    }
}

pub async fn create(cx: Cx, input: CatalogCreate) -> Result<CatalogDetail> {
    let actor = cx.actor()?;
    let v = clean(&input.service);
    let price = input.price.as_ref().map(|p| clean_price("price", p)).transpose();
    // Report the service's and the price's problems together.
    let (v, price) = match (v, price) {
        (Ok(v), Ok(p)) => (v, p),
        (Err(Error::Validation(mut a)), Err(Error::Validation(b))) => {
            a.extend(b);
            return Err(Error::Validation(a));
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let txn = db::begin_write(&cx.db).await?;
    let s = catalog_service::ActiveModel {
        id: NotSet,
        department: Set(input.service.department),
        unit: Set(input.service.unit),
        tax_rate_bp: Set(v.tax_rate_bp),
        active: Set(true),
        version: Set(1),
        created_at: Set(cx.now),
        updated_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    insert_texts(&txn, s.id, &v.texts).await?;
    let mut changes = diff(&[], &snapshot(&s, &v.texts));
    if let Some(p) = price {
        let p = insert_price(&txn, &cx, actor, s.id, "price", p).await?;
        changes.push(price_change(&p));
    }
    history::by(&txn, cx.now, actor, HistoryEntity::CatalogService, s.id, ChangeAction::Create, changes).await?;
    txn.commit().await?;
    detail(&cx, s.id).await
}

pub async fn edit(cx: Cx, input: CatalogEdit) -> Result<CatalogDetail> {
    let actor = cx.actor()?;
    let v = clean(&input.service)?;
    let txn = db::begin_write(&cx.db).await?;
    // Read before the versioned save: if the save succeeds, this is the state it replaced.
    let old = catalog_service::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    let old_texts = texts_of(&txn, vec![input.id]).await?.remove(&input.id).unwrap_or_default();
    let changes = catalog_service::ActiveModel {
        department: Set(input.service.department),
        unit: Set(input.service.unit),
        tax_rate_bp: Set(v.tax_rate_bp),
        updated_at: Set(cx.now),
        ..Default::default()
    };
    let new = versioned::update::<catalog_service::Entity>(&txn, input.id, input.version, changes).await?;
    catalog_service_text::Entity::delete_many()
        .filter(catalog_service_text::Column::ServiceId.eq(input.id))
        .exec(&txn)
        .await?;
    insert_texts(&txn, input.id, &v.texts).await?;
    let changes = diff(&snapshot(&old, &old_texts), &snapshot(&new, &v.texts));
    history::by(&txn, cx.now, actor, HistoryEntity::CatalogService, new.id, ChangeAction::Update, changes).await?;
    txn.commit().await?;
    detail(&cx, new.id).await
}

/// Deactivated services stay in the catalog (and on old statements) but are offered no more.
pub async fn set_active(cx: Cx, input: CatalogSetActive) -> Result<CatalogDetail> {
    let actor = cx.actor()?;
    let txn = db::begin_write(&cx.db).await?;
    let old = catalog_service::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    let changes =
        catalog_service::ActiveModel { active: Set(input.active), updated_at: Set(cx.now), ..Default::default() };
    let new = versioned::update::<catalog_service::Entity>(&txn, input.id, input.version, changes).await?;
    let change = FieldChange {
        field: "active".to_owned(),
        old: Some(old.active.to_string()),
        new: Some(new.active.to_string()),
    };
    let changes = if change.old == change.new { Vec::new() } else { vec![change] };
    history::by(&txn, cx.now, actor, HistoryEntity::CatalogService, new.id, ChangeAction::Update, changes).await?;
    txn.commit().await?;
    detail(&cx, new.id).await
}

/// A new price from a date on. A later date leaves today's price alone; one price per date.
pub async fn set_price(cx: Cx, input: CatalogPriceSet) -> Result<CatalogDetail> {
    let actor = cx.actor()?;
    let price = clean_price("price", &input.price)?;
    let txn = db::begin_write(&cx.db).await?;
    // Bumping the version takes the service's row: two price changes of one service take turns.
    let touched = catalog_service::ActiveModel { updated_at: Set(cx.now), ..Default::default() };
    versioned::update::<catalog_service::Entity>(&txn, input.id, input.version, touched).await?;
    let p = insert_price(&txn, &cx, actor, input.id, "price", price).await?;
    history::by(
        &txn,
        cx.now,
        actor,
        HistoryEntity::CatalogService,
        input.id,
        ChangeAction::Update,
        vec![price_change(&p)],
    )
    .await?;
    txn.commit().await?;
    detail(&cx, input.id).await
}

pub async fn price_on(cx: Cx, input: CatalogPriceOn) -> Result<PriceOn> {
    cx.actor()?;
    let date = validate::date(&input.date).ok_or_else(|| Error::field("date", "validation.date"))?;
    if catalog_service::Entity::find_by_id(input.id).count(&cx.db).await? == 0 {
        return Err(Error::NotFound);
    }
    let price = price_at(&cx.db, input.id, date).await?;
    Ok(PriceOn { id: input.id, date: date.to_string(), price: price.as_ref().map(price_view) })
}
