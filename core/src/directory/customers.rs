//! Customers: people and companies, their contacts, language and protected ID numbers.

use std::collections::HashMap;

use sea_orm::sea_query::ExprTrait;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, Iterable, JoinType, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::occupancy::{OccupancyRow, occupancy_rows};
use super::search;
use super::units::unit_search_condition;
use crate::accounts::Actor;
use crate::app::Cx;
use crate::db;
use crate::domain::{AuditEvent, ChangeAction, CustomerKind, HistoryEntity, IdDocumentKind, Permission, validate};
use crate::entities::{building, change_log, customer, customer_search_term, occupancy, staff, unit};
use crate::error::{Error, Problems, Result};
use crate::page::{Page, page, paging};
use crate::record::audit;
use crate::record::history::{self, Change, FieldChange, Snapshot};
use crate::record::versioned;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CustomerQuery {
    pub search: Option<String>,
    pub kind: Option<CustomerKind>,
    pub language: Option<String>,
    pub vip: Option<bool>,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CustomerRow {
    pub id: i32,
    pub kind: CustomerKind,
    pub name: String,
    pub name_latin: Option<String>,
    /// The first phone, masked: "138****5678".
    pub phone_masked: Option<String>,
    pub preferred_language: String,
    pub nationality: Option<String>,
    pub vip: bool,
    /// Current units, "A座 1203、B座 0801".
    pub units: String,
}

fn phones_of(c: &customer::Model) -> Vec<String> {
    // A damaged value reads as no phones rather than failing the whole list.
    serde_json::from_str(&c.phones).unwrap_or_default()
}

/// At most this many search hits are counted; beyond it `total` is a lower bound.
const COUNT_CAP: u64 = 1000;

/// The ids of customers matching free text through the term ranges and unit numbers: name
/// parts in any script, pinyin (`v` read as `ü`), phone endings, unit numbers. At most
/// `COUNT_CAP + 1` of them: each part is an index range scan.
fn search_condition(text: &str) -> Option<sea_orm::sea_query::SelectStatement> {
    let q = search::normalize(text);
    if q.is_empty() {
        return None;
    }
    let mut parts: Vec<sea_orm::sea_query::SelectStatement> = Vec::new();
    let term_match = |kind: &'static str, prefix: &str| -> Option<sea_orm::sea_query::SelectStatement> {
        let end = search::prefix_end(prefix)?;
        Some(
            Query::select()
                .column(customer_search_term::Column::CustomerId)
                .from(customer_search_term::Entity)
                .and_where(Expr::col(customer_search_term::Column::Kind).eq(Expr::val(kind)))
                .and_where(Expr::col(customer_search_term::Column::Term).gte(prefix))
                .and_where(Expr::col(customer_search_term::Column::Term).lt(end))
                .to_owned(),
        )
    };
    let joined: String = q.split(' ').collect();
    let mut texts = search::spellings(&q);
    if joined != q {
        texts.extend(search::spellings(&joined));
    }
    parts.extend(texts.iter().filter_map(|t| term_match(search::TEXT, t)));
    let digits = validate::digits(&q);
    if digits.len() >= 3 && digits.len() * 2 >= q.chars().filter(|c| !c.is_whitespace()).count() {
        let reversed: String = digits.chars().rev().collect();
        parts.extend(term_match(search::PHONE, &reversed));
    }
    if q.chars().any(|c| c.is_ascii_digit())
        && let Some(units) = unit_search_condition(&q)
    {
        let mut sub = Query::select();
        sub.column((occupancy::Entity, occupancy::Column::CustomerId))
            .from(occupancy::Entity)
            .inner_join(
                unit::Entity,
                Expr::col((unit::Entity, unit::Column::Id)).equals((occupancy::Entity, occupancy::Column::UnitId)),
            )
            .and_where(Expr::col((occupancy::Entity, occupancy::Column::EndDate)).is_null())
            .cond_where(units);
        parts.push(sub.to_owned());
    }
    let mut parts = parts.into_iter();
    let mut all = parts.next()?;
    for p in parts {
        all.union(sea_orm::sea_query::UnionType::Distinct, p);
    }
    Some(all)
}

/// The filters other than the search text.
fn filters(q: &CustomerQuery) -> Condition {
    let mut cond = Condition::all();
    if let Some(k) = q.kind {
        cond = cond.add(customer::Column::Kind.eq(k));
    }
    if let Some(l) = q.language.as_deref().filter(|l| !l.is_empty()) {
        cond = cond.add(customer::Column::PreferredLanguage.eq(l.to_owned()));
    }
    if let Some(v) = q.vip {
        cond = cond.add(customer::Column::Vip.eq(v));
    }
    cond
}

/// The page of customers matching a search and their count (at most `COUNT_CAP + 1`).
///
/// Short queries read the prefix rows: one index range already in list order, so the
/// database stops after the page whatever the number of hits (`张`, `w`, `zs`). Longer
/// queries, digits and spaces take the term ranges, which match few customers: their ids
/// first (bounded), then those customers in list order. Either way the statements have
/// one good plan, so a generic (cached) plan on PostgreSQL cannot go wrong.
async fn search_page(
    db: &impl ConnectionTrait,
    q: &CustomerQuery,
    text: &str,
) -> Result<Option<(Vec<customer::Model>, u64)>> {
    let (offset, limit) = paging(q.page, q.page_size);
    let norm = search::normalize(text).replace("u:", "ü");
    if norm.is_empty() {
        return Ok(None);
    }
    let backend = db.get_database_backend();
    if search::uses_prefix(&norm) {
        let mut values: Vec<sea_orm::Value> = vec![norm.into()];
        let mut cond = String::new();
        let param = |v: sea_orm::Value, values: &mut Vec<sea_orm::Value>| {
            values.push(v);
            if backend == sea_orm::DbBackend::Postgres { format!("${}", values.len()) } else { "?".to_owned() }
        };
        if let Some(k) = q.kind {
            cond += &format!(" AND c.kind = {}", param(k.as_str().into(), &mut values));
        }
        if let Some(l) = q.language.as_deref().filter(|l| !l.is_empty()) {
            cond += &format!(" AND c.preferred_language = {}", param(l.into(), &mut values));
        }
        if let Some(v) = q.vip {
            cond += &format!(" AND c.vip = {}", param(v.into(), &mut values));
        }
        let first = if backend == sea_orm::DbBackend::Postgres { "$1" } else { "?" };
        let from = if cond.is_empty() {
            format!("FROM customer_search_prefix p WHERE p.prefix = {first}")
        } else {
            format!(
                "FROM customer_search_prefix p CROSS JOIN customer c WHERE c.id = p.customer_id AND p.prefix = {first}{cond}"
            )
        };
        let count_sql = format!("SELECT COUNT(*) AS n FROM (SELECT 1 AS one {from} LIMIT {}) x", COUNT_CAP + 1);
        let page_sql = format!(
            "SELECT c.* FROM customer_search_prefix p CROSS JOIN customer c \
             WHERE c.id = p.customer_id AND p.prefix = {first}{cond} \
             ORDER BY p.sort_key, p.customer_id LIMIT {limit} OFFSET {offset}"
        );
        let rows = customer::Entity::find()
            .from_raw_sql(sea_orm::Statement::from_sql_and_values(backend, page_sql, values.clone()))
            .all(db)
            .await?;
        let count = if offset == 0 && (rows.len() as u64) < limit {
            rows.len() as u64
        } else {
            count_of(db, sea_orm::Statement::from_sql_and_values(backend, count_sql, values)).await?
        };
        return Ok(Some((rows, count)));
    }
    let Some(hits) = search_condition(text) else { return Ok(None) };
    let hits_sql = Query::select()
        .column(sea_orm::sea_query::Alias::new("customer_id"))
        .from_subquery(hits.to_owned(), sea_orm::sea_query::Alias::new("h"))
        .limit(COUNT_CAP + 1)
        .to_owned();
    let ids: Vec<i32> = db
        .query_all(&hits_sql)
        .await?
        .iter()
        .map(|r| r.try_get_by_index::<i32>(0))
        .collect::<std::result::Result<_, _>>()?;
    let select = customer::Entity::find().filter(filters(q));
    if ids.len() as u64 <= COUNT_CAP {
        // Every hit is known and there are few: sort them.
        let select = select.filter(customer::Column::Id.is_in(ids.clone()));
        let rows = select
            .clone()
            .order_by_asc(customer::Column::SortKey)
            .order_by_asc(customer::Column::Id)
            .offset(offset)
            .limit(limit)
            .all(db)
            .await?;
        let count = if filters(q).is_empty() { ids.len() as u64 } else { select.count(db).await? };
        return Ok(Some((rows, count)));
    }
    // Many hits through the term ranges (a one- or two-digit unit number): walk the list
    // order and keep the hits, which are dense.
    let select = select.filter(customer::Column::Id.in_subquery(hits));
    let rows = select
        .clone()
        .order_by_asc(customer::Column::SortKey)
        .order_by_asc(customer::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await?;
    Ok(Some((rows, COUNT_CAP + 1)))
}

async fn count_of(db: &impl ConnectionTrait, stmt: sea_orm::Statement) -> Result<u64> {
    let row = db.query_one_raw(stmt).await?.ok_or(Error::Internal("count returned no row".into()))?;
    Ok(row.try_get_by_index::<i64>(0)? as u64)
}

/// The current units of the given customers ("A座 1203"), in occupancy order: one query.
async fn current_units(
    db: &impl ConnectionTrait,
    customer_ids: Vec<i32>,
    today: chrono::NaiveDate,
) -> Result<HashMap<i32, Vec<String>>> {
    let mut units: HashMap<i32, Vec<String>> = HashMap::new();
    if customer_ids.is_empty() {
        return Ok(units);
    }
    let rows: Vec<(i32, chrono::NaiveDate, Option<chrono::NaiveDate>, String, String)> = occupancy::Entity::find()
        .select_only()
        .column(occupancy::Column::CustomerId)
        .column(occupancy::Column::StartDate)
        .column(occupancy::Column::EndDate)
        .column(building::Column::Name)
        .column(unit::Column::Number)
        .inner_join(unit::Entity)
        .join(JoinType::InnerJoin, unit::Relation::Building.def())
        .filter(occupancy::Column::CustomerId.is_in(customer_ids))
        .order_by_asc(occupancy::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    for (customer_id, start, end, building, number) in rows {
        if start <= today && end.is_none_or(|e| e > today) {
            units.entry(customer_id).or_default().push(format!("{building} {number}"));
        }
    }
    Ok(units)
}

pub async fn list(cx: Cx, q: CustomerQuery) -> Result<Page<CustomerRow>> {
    let (offset, limit) = paging(q.page, q.page_size);
    let (customers, total, bounded) = match search_page(&cx.db, &q, q.search.as_deref().unwrap_or("")).await? {
        Some((customers, hits)) => (customers, std::cmp::min(hits, COUNT_CAP), hits > COUNT_CAP),
        None => {
            let select = customer::Entity::find().filter(filters(&q));
            let customers = select
                .clone()
                .order_by_asc(customer::Column::SortKey)
                .order_by_asc(customer::Column::Id)
                .offset(offset)
                .limit(limit)
                .all(&cx.db)
                .await?;
            // A first page that is not full is the whole list: no count needed.
            let total = if offset == 0 && (customers.len() as u64) < limit {
                customers.len() as u64
            } else {
                select.count(&cx.db).await?
            };
            (customers, total, false)
        }
    };
    let mut units = current_units(&cx.db, customers.iter().map(|c| c.id).collect(), cx.now.date_naive()).await?;
    let rows = customers
        .into_iter()
        .map(|c| CustomerRow {
            phone_masked: phones_of(&c).first().map(|p| validate::mask_phone(p)),
            units: units.remove(&c.id).unwrap_or_default().join("、"),
            id: c.id,
            kind: c.kind,
            name: c.name,
            name_latin: c.name_latin,
            preferred_language: c.preferred_language,
            nationality: c.nationality,
            vip: c.vip,
        })
        .collect();
    let mut page = page(rows, total, q.page, q.page_size);
    page.total_is_lower_bound = bounded;
    Ok(page)
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ChangeEntry {
    pub id: i32,
    pub at: String,
    pub staff_name: String,
    pub action: ChangeAction,
    /// Whose field `changes` name: the UI translates `history.<entity>.<field>`.
    pub entity: HistoryEntity,
    pub changes: Vec<FieldChange>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CustomerDetail {
    pub id: i32,
    pub version: i32,
    pub kind: CustomerKind,
    pub name: String,
    pub name_latin: Option<String>,
    /// Masked unless the actor may write customers.
    pub phones: Vec<String>,
    pub email: Option<String>,
    pub nationality: Option<String>,
    pub preferred_language: String,
    pub vip: bool,
    pub id_document_kind: Option<IdDocumentKind>,
    pub id_document_masked: Option<String>,
    pub notes: String,
    pub created_at: String,
    pub updated_at: String,
    pub occupancies: Vec<OccupancyRow>,
    pub history: Vec<ChangeEntry>,
}

/// Passport and ID numbers show at most their last 4 characters (fewer when short).
pub fn mask_id(n: &str) -> String {
    validate::mask(n, 0, (n.chars().count() / 2).min(4))
}

/// The change history of a customer and of their occupancies, newest first.
async fn history_of(db: &impl ConnectionTrait, id: i32, occupancy_ids: Vec<i32>) -> Result<Vec<ChangeEntry>> {
    let entries = change_log::Entity::find()
        .filter(
            Condition::any()
                .add(
                    change_log::Column::Entity
                        .eq(HistoryEntity::Customer.as_str())
                        .and(change_log::Column::EntityId.eq(id)),
                )
                .add(
                    change_log::Column::Entity
                        .eq(HistoryEntity::Occupancy.as_str())
                        .and(change_log::Column::EntityId.is_in(occupancy_ids)),
                ),
        )
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
        // Only the entities asked for above are read, so every entry names one.
        .filter_map(|e| Some((HistoryEntity::iter().find(|h| h.as_str() == e.entity)?, e)))
        .map(|(entity, e)| ChangeEntry {
            staff_name: e.staff_id.and_then(|s| names.get(&s).cloned()).unwrap_or_default(),
            changes: serde_json::from_str(&e.changes).unwrap_or_default(),
            id: e.id,
            at: e.at.to_rfc3339(),
            action: e.action,
            entity,
        })
        .collect())
}

pub async fn detail(cx: &Cx, actor: &Actor, id: i32) -> Result<CustomerDetail> {
    let c = customer::Entity::find_by_id(id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    let occ = occupancy::Entity::find()
        .filter(occupancy::Column::CustomerId.eq(id))
        .order_by_desc(occupancy::Column::StartDate)
        .order_by_desc(occupancy::Column::Id)
        .all(&cx.db)
        .await?;
    let occ_ids = occ.iter().map(|o| o.id).collect();
    let history = history_of(&cx.db, id, occ_ids).await?;
    let occupancies = occupancy_rows(&cx.db, occ, cx.now.date_naive()).await?;
    let full_phones = actor.can(Permission::CustomerWrite);
    let phones = phones_of(&c).into_iter().map(|p| if full_phones { p } else { validate::mask_phone(&p) }).collect();
    Ok(CustomerDetail {
        id: c.id,
        version: c.version,
        kind: c.kind,
        name: c.name,
        name_latin: c.name_latin,
        phones,
        email: c.email,
        nationality: c.nationality,
        preferred_language: c.preferred_language,
        vip: c.vip,
        id_document_kind: c.id_document_kind,
        id_document_masked: c.id_document_number.as_deref().map(mask_id),
        notes: c.notes,
        created_at: c.created_at.to_rfc3339(),
        updated_at: c.updated_at.to_rfc3339(),
        occupancies,
        history,
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CustomerGet {
    pub id: i32,
}

pub async fn get(cx: Cx, input: CustomerGet) -> Result<CustomerDetail> {
    let actor = cx.actor()?;
    detail(&cx, actor, input.id).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CustomerInput {
    pub kind: CustomerKind,
    pub name: String,
    pub name_latin: Option<String>,
    pub phones: Vec<String>,
    pub email: Option<String>,
    pub nationality: Option<String>,
    pub preferred_language: String,
    pub vip: bool,
    pub id_document_kind: Option<IdDocumentKind>,
    /// On update, blank keeps the stored number.
    pub id_document_number: Option<String>,
    pub notes: String,
}

/// Validated, trimmed values ready to store.
struct Clean {
    name: String,
    name_latin: Option<String>,
    phones: Vec<String>,
    email: Option<String>,
    nationality: Option<String>,
    id_document_number: Option<String>,
    notes: String,
}

fn clean(input: &CustomerInput) -> Result<Clean> {
    let mut p = Problems::default();
    let mut text = |field: &str, value: &str, max: usize, required: bool| match validate::text(value, max, required) {
        Ok(v) => v,
        Err(k) => {
            p.add(field, k);
            None
        }
    };
    let name = text("name", &input.name, 200, true).unwrap_or_default();
    let name_latin = text("name_latin", input.name_latin.as_deref().unwrap_or(""), 200, false);
    let email = text("email", input.email.as_deref().unwrap_or(""), 200, false);
    let notes = text("notes", &input.notes, 4000, false).unwrap_or_default();
    let id_number = text("id_document_number", input.id_document_number.as_deref().unwrap_or(""), 64, false)
        .map(|n| n.to_uppercase().replace(' ', ""));
    let nationality = validate::clean_opt(&input.nationality).map(|n| n.to_uppercase());
    let mut phones = Vec::new();
    for (i, ph) in input.phones.iter().enumerate() {
        if let Some(ph) = validate::clean(ph) {
            if validate::phone(&ph) {
                phones.push(ph);
            } else {
                p.add(&format!("phones.{i}"), "validation.phone");
            }
        }
    }
    p.check(phones.len() <= 5, "phones", "validation.too_long");
    p.check(email.as_deref().is_none_or(validate::email), "email", "validation.email");
    p.check(nationality.as_deref().is_none_or(validate::nationality), "nationality", "validation.nationality");
    p.check(validate::customer_language(&input.preferred_language), "preferred_language", "validation.language");
    p.check(id_number.is_none() || input.id_document_kind.is_some(), "id_document_kind", "validation.required");
    p.into_result()?;
    Ok(Clean { name, name_latin, phones, email, nationality, id_document_number: id_number, notes })
}

pub(crate) fn snapshot(c: &customer::Model) -> Snapshot {
    vec![
        ("kind", Some(c.kind.as_str().to_owned())),
        ("name", Some(c.name.clone())),
        ("name_latin", c.name_latin.clone()),
        ("phones", Some(phones_of(c).iter().map(|p| validate::mask_phone(p)).collect::<Vec<_>>().join(", "))),
        ("email", c.email.clone()),
        ("nationality", c.nationality.clone()),
        ("preferred_language", Some(c.preferred_language.clone())),
        ("vip", Some(c.vip.to_string())),
        ("id_document_kind", c.id_document_kind.map(|k| k.as_str().to_owned())),
        // History never holds a whole ID number.
        ("id_document_number", c.id_document_number.as_deref().map(mask_id)),
        ("notes", Some(c.notes.clone()).filter(|n| !n.is_empty())),
    ]
}

/// Replaces a customer's search terms and prefix rows. `old` is the customer as stored
/// before (none for a new one): its prefix rows are found from its stored terms and its
/// old sort key, the prefix table's key (it has no customer index, to keep imports fast).
async fn write_terms(db: &impl ConnectionTrait, c: &customer::Model, old: Option<&customer::Model>) -> Result<()> {
    if let Some(old) = old {
        let stored: Vec<(String, String)> = customer_search_term::Entity::find()
            .select_only()
            .column(customer_search_term::Column::Kind)
            .column(customer_search_term::Column::Term)
            .filter(customer_search_term::Column::CustomerId.eq(old.id))
            .into_tuple()
            .all(db)
            .await?;
        let stored: Vec<(&'static str, String)> =
            stored.into_iter().filter(|(kind, _)| kind == search::TEXT).map(|(_, term)| (search::TEXT, term)).collect();
        delete_prefixes(db, old, &search::customer_prefixes(&stored)).await?;
        customer_search_term::Entity::delete_many()
            .filter(customer_search_term::Column::CustomerId.eq(old.id))
            .exec(db)
            .await?;
    }
    let terms = search::customer_terms(&c.name, c.name_latin.as_deref(), &phones_of(c));
    insert_prefixes(db, c, &search::customer_prefixes(&terms)).await?;
    if terms.is_empty() {
        return Ok(());
    }
    customer_search_term::Entity::insert_many(terms.into_iter().map(|(kind, term)| {
        customer_search_term::ActiveModel { customer_id: Set(c.id), kind: Set(kind.to_owned()), term: Set(term) }
    }))
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Deletes the prefix rows of a customer as stored (its old sort key), by their key.
async fn delete_prefixes(db: &impl ConnectionTrait, old: &customer::Model, prefixes: &[String]) -> Result<()> {
    use sea_orm::sea_query::Alias;
    for chunk in prefixes.chunks(300) {
        db.execute(
            &Query::delete()
                .from_table(Alias::new("customer_search_prefix"))
                .and_where(Expr::col(Alias::new("prefix")).is_in(chunk.iter().cloned()))
                .and_where(Expr::col(Alias::new("sort_key")).eq(old.sort_key.clone()))
                .and_where(Expr::col(Alias::new("customer_id")).eq(old.id))
                .to_owned(),
        )
        .await?;
    }
    Ok(())
}

/// The short prefixes of the terms, with the sort key: short searches read them in list order.
async fn insert_prefixes(db: &impl ConnectionTrait, c: &customer::Model, prefixes: &[String]) -> Result<()> {
    use sea_orm::sea_query::Alias;
    for chunk in prefixes.chunks(300) {
        let mut insert = Query::insert();
        insert.into_table(Alias::new("customer_search_prefix")).columns([
            Alias::new("customer_id"),
            Alias::new("prefix"),
            Alias::new("sort_key"),
        ]);
        for p in chunk {
            insert.values_panic([c.id.into(), p.clone().into(), c.sort_key.clone().into()]);
        }
        db.execute(&insert).await?;
    }
    Ok(())
}

/// The columns a customer form sets, shared by create and update.
fn stored_values(input: &CustomerInput, v: Clean, now: chrono::DateTime<chrono::Utc>) -> Result<customer::ActiveModel> {
    let phones = serde_json::to_string(&v.phones).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(customer::ActiveModel {
        id: NotSet,
        kind: Set(input.kind),
        sort_key: Set(super::names::customer_sort_key(&v.name, v.name_latin.as_deref())),
        name: Set(v.name),
        name_latin: Set(v.name_latin),
        phones: Set(phones),
        email: Set(v.email),
        nationality: Set(v.nationality),
        preferred_language: Set(input.preferred_language.clone()),
        vip: Set(input.vip),
        id_document_kind: Set(input.id_document_kind),
        id_document_number: Set(v.id_document_number),
        notes: Set(v.notes),
        updated_at: Set(now),
        ..Default::default()
    })
}

/// Inserts a customer with its search terms and history (used by the demo loader too).
pub async fn insert(
    db: &impl ConnectionTrait,
    staff_id: i32,
    now: chrono::DateTime<chrono::Utc>,
    input: &CustomerInput,
) -> Result<customer::Model> {
    let mut row = stored_values(input, clean(input)?, now)?;
    row.version = Set(1);
    row.created_at = Set(now);
    let c = row.insert(db).await?;
    write_terms(db, &c, None).await?;
    history::record(
        db,
        Change {
            at: now,
            staff_id,
            entity: HistoryEntity::Customer,
            entity_id: c.id,
            action: ChangeAction::Create,
            changes: history::diff(&Vec::new(), &snapshot(&c)),
        },
    )
    .await?;
    Ok(c)
}

pub async fn create(cx: Cx, input: CustomerInput) -> Result<CustomerDetail> {
    let actor = cx.actor()?;
    clean(&input)?;
    let txn = db::begin_write(&cx.db).await?;
    let c = insert(&txn, actor.id(), cx.now, &input).await?;
    txn.commit().await?;
    tracing::info!(customer = c.id, staff = actor.id(), "customer created");
    detail(&cx, actor, c.id).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CustomerUpdate {
    pub id: i32,
    pub version: i32,
    pub customer: CustomerInput,
}

pub async fn update(cx: Cx, input: CustomerUpdate) -> Result<CustomerDetail> {
    let actor = cx.actor()?;
    let v = clean(&input.customer)?;
    let txn = db::begin_write(&cx.db).await?;
    let old = customer::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    if old.version != input.version {
        return Err(Error::Conflict);
    }
    // A blank number on the form keeps the stored one.
    let keep_id_number = v.id_document_number.is_none();
    let mut row = stored_values(&input.customer, v, cx.now)?;
    if keep_id_number {
        row.id_document_number = Set(old.id_document_number.clone());
    }
    let new = versioned::update::<customer::Entity>(&txn, input.id, input.version, row).await?;
    write_terms(&txn, &new, Some(&old)).await?;
    history::by(
        &txn,
        cx.now,
        actor,
        HistoryEntity::Customer,
        new.id,
        ChangeAction::Update,
        history::diff(&snapshot(&old), &snapshot(&new)),
    )
    .await?;
    txn.commit().await?;
    detail(&cx, actor, input.id).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CustomerRevealId {
    pub id: i32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RevealedId {
    pub number: String,
}

/// The whole ID number, for a role that may see it; every reveal is audited.
pub async fn reveal_id(cx: Cx, input: CustomerRevealId) -> Result<RevealedId> {
    let actor = cx.actor()?;
    let c = customer::Entity::find_by_id(input.id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    let number = c.id_document_number.ok_or(Error::NotFound)?;
    let txn = db::begin_write(&cx.db).await?;
    audit::by(&txn, cx.now, actor, AuditEvent::IdRevealed, &format!("customer #{}", c.id)).await?;
    txn.commit().await?;
    Ok(RevealedId { number })
}
