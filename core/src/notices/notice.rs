//! Writing, issuing and withdrawing notices, and reading them back.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::rules::{self, Audience};
use crate::app::Cx;
use crate::db;
use crate::directory::customers::ChangeEntry;
use crate::directory::occupancy::{recipients, unit_labels};
use crate::domain::{
    CUSTOMER_LANGUAGES, ChangeAction, HistoryEntity, NoticeAudience, NoticeKind, NoticeStatus, validate,
};
use crate::entities::{building, notice, notice_delivery, notice_text, notice_unit, unit};
use crate::error::{Error, Problems, Result};
use crate::leasing::common::history_of;
use crate::locales;
use crate::page::{Page, page, paging};
use crate::record::history::{self, Snapshot};
use crate::record::versioned;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct NoticeTextInput {
    /// One of [`languages`].
    pub language: String,
    pub title: String,
    /// May hold `{unit}`, `{date}` and `{name}`.
    pub body: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct NoticeInput {
    pub kind: NoticeKind,
    /// The text given to recipients whose language has none; it must have a text.
    pub default_language: String,
    /// YYYY-MM-DD: what `{date}` reads as, with `event_end` for a span of days.
    pub event_date: Option<String>,
    pub event_end: Option<String>,
    pub audience: NoticeAudience,
    /// For `building` and `floors`.
    pub building_id: Option<i32>,
    /// For `floors`: first and last floor, inclusive.
    pub floor_from: Option<i32>,
    pub floor_to: Option<i32>,
    /// For `units`.
    pub unit_ids: Vec<i32>,
    /// One per language written; replaced as a whole on edit.
    pub texts: Vec<NoticeTextInput>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct NoticeEdit {
    pub id: i32,
    pub version: i32,
    pub notice: NoticeInput,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct NoticeGet {
    pub id: i32,
}

/// Issue or withdraw a notice at the version the screen shows.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NoticeSetStatus {
    pub id: i32,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct NoticeQuery {
    pub status: Option<NoticeStatus>,
    pub kind: Option<NoticeKind>,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct NoticeRow {
    pub id: i32,
    pub version: i32,
    pub kind: NoticeKind,
    pub status: NoticeStatus,
    /// In the caller's language, else the default language's.
    pub title: String,
    pub default_language: String,
    /// Languages with a text.
    pub languages: Vec<String>,
    pub audience: NoticeAudience,
    pub building_id: Option<i32>,
    pub building_name: Option<String>,
    pub floor_from: Option<i32>,
    pub floor_to: Option<i32>,
    /// Listed units (audience `units`).
    pub unit_count: u32,
    /// YYYY-MM-DD
    pub event_date: Option<String>,
    pub event_end: Option<String>,
    /// Units the issued notice went to, and how many have it delivered.
    pub deliveries: u32,
    pub delivered: u32,
    /// RFC 3339
    pub issued_at: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct NoticeTextView {
    pub language: String,
    pub title: String,
    pub body: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct NoticeUnitRef {
    pub unit_id: i32,
    pub unit_label: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct NoticeDetail {
    pub row: NoticeRow,
    pub texts: Vec<NoticeTextView>,
    /// Languages a notice may be written in that have no text yet.
    pub missing: Vec<String>,
    pub units: Vec<NoticeUnitRef>,
    /// Recipients whose page falls back to the default language (issued notices).
    pub fell_back: u32,
    pub history: Vec<ChangeEntry>,
}

/// The languages a notice may be written in: the languages customers may prefer and the
/// catalog's, customers' first.
pub fn languages() -> Vec<String> {
    let mut all: Vec<String> = CUSTOMER_LANGUAGES.iter().map(|l| (*l).to_owned()).collect();
    for (code, _) in locales::available() {
        if !all.contains(&code) {
            all.push(code);
        }
    }
    all
}

pub async fn notice_languages(cx: Cx, _: ()) -> Result<Vec<String>> {
    cx.actor()?;
    Ok(languages())
}

struct Clean {
    event_date: Option<NaiveDate>,
    event_end: Option<NaiveDate>,
    audience: Audience,
    texts: Vec<NoticeTextView>,
}

fn opt_date(p: &mut Problems, field: &str, value: &Option<String>) -> Option<NaiveDate> {
    let v = validate::clean_opt(value)?;
    let d = validate::date(&v);
    p.check(d.is_some(), field, "validation.date");
    d
}

fn clean(i: &NoticeInput) -> Result<Clean> {
    let mut p = Problems::default();
    let known = languages();
    let event_date = opt_date(&mut p, "event_date", &i.event_date);
    let event_end = opt_date(&mut p, "event_end", &i.event_end);
    if let (Some(a), Some(b)) = (event_date, event_end) {
        p.check(b >= a, "event_end", "validation.date_order");
    }
    p.check(event_end.is_none() || event_date.is_some(), "event_date", validate::REQUIRED);
    let audience = match Audience::parse(i.audience, i.building_id, i.floor_from, i.floor_to, &i.unit_ids) {
        Ok(a) => Some(a),
        Err((field, key)) => {
            p.add(field, key);
            None
        }
    };
    let mut texts = Vec::new();
    for (n, t) in i.texts.iter().enumerate() {
        let f = |name: &str| format!("texts.{n}.{name}");
        p.check(known.contains(&t.language), &f("language"), "validation.language");
        if i.texts.iter().filter(|x| x.language == t.language).count() > 1 {
            p.add(&f("language"), "validation.language_twice");
        }
        let title = text(&mut p, &f("title"), &t.title, 200, true);
        let body = text(&mut p, &f("body"), &t.body, 8000, true);
        for (field, value) in [(f("title"), &title), (f("body"), &body)] {
            if !rules::unknown_placeholders(value).is_empty() {
                p.add(&field, "validation.notice_placeholder");
            } else if rules::uses(value, "date") && event_date.is_none() {
                p.add(&field, "validation.notice_placeholder_date");
            }
        }
        texts.push(NoticeTextView { language: t.language.clone(), title, body });
    }
    p.check(known.contains(&i.default_language), "default_language", "validation.language");
    p.check(
        texts.iter().any(|t| t.language == i.default_language),
        "default_language",
        "validation.notice_default_text",
    );
    p.into_result()?;
    Ok(Clean { event_date, event_end, audience: audience.ok_or(Error::Internal("audience".into()))?, texts })
}

fn text(p: &mut Problems, field: &str, value: &str, max: usize, required: bool) -> String {
    match validate::text(value, max, required) {
        Ok(v) => v.unwrap_or_default(),
        Err(k) => {
            p.add(field, k);
            String::new()
        }
    }
}

/// Refuses references to buildings and units that do not exist.
async fn check_refs(db: &impl ConnectionTrait, a: &Audience) -> Result<()> {
    match a {
        Audience::All => Ok(()),
        Audience::Building(b) | Audience::Floors { building_id: b, .. } => {
            if building::Entity::find_by_id(*b).one(db).await?.is_none() {
                return Err(Error::field("building_id", "validation.not_found"));
            }
            Ok(())
        }
        Audience::Units(ids) => {
            let mut found = 0;
            for chunk in ids.chunks(500) {
                found += unit::Entity::find().filter(unit::Column::Id.is_in(chunk.to_vec())).count(db).await?;
            }
            if found != ids.len() as u64 {
                return Err(Error::field("unit_ids", "validation.not_found"));
            }
            Ok(())
        }
    }
}

fn parts(a: &Audience) -> (Option<i32>, Option<i32>, Option<i32>) {
    match a {
        Audience::All | Audience::Units(_) => (None, None, None),
        Audience::Building(b) => (Some(*b), None, None),
        Audience::Floors { building_id, from, to } => (Some(*building_id), Some(*from), Some(*to)),
    }
}

fn snapshot(n: &notice::Model, texts: &[NoticeTextView], units: &[i32]) -> Snapshot {
    let mut s: Snapshot = vec![
        ("kind", Some(n.kind.as_str().to_owned())),
        ("status", Some(n.status.as_str().to_owned())),
        ("default_language", Some(n.default_language.clone())),
        ("event_date", n.event_date.map(|d| d.to_string())),
        ("event_end", n.event_end.map(|d| d.to_string())),
        ("audience", Some(n.audience.as_str().to_owned())),
        ("building", n.building_id.map(|b| b.to_string())),
        ("floor_from", n.floor_from.map(|f| f.to_string())),
        ("floor_to", n.floor_to.map(|f| f.to_string())),
        ("units", Some(units.iter().map(|u| u.to_string()).collect::<Vec<_>>().join(",")).filter(|u| !u.is_empty())),
    ];
    for lang in CUSTOMER_LANGUAGES {
        let t = texts.iter().find(|t| t.language == *lang);
        let (title, body) = match *lang {
            "zh-CN" => ("title.zh-CN", "body.zh-CN"),
            "en" => ("title.en", "body.en"),
            "ja" => ("title.ja", "body.ja"),
            _ => ("title.ko", "body.ko"),
        };
        s.push((title, t.map(|t| t.title.clone())));
        s.push((body, t.map(|t| t.body.clone())));
    }
    s
}

pub(crate) async fn texts_of(db: &impl ConnectionTrait, id: i32) -> Result<Vec<NoticeTextView>> {
    let order = languages();
    let mut texts: Vec<NoticeTextView> = notice_text::Entity::find()
        .filter(notice_text::Column::NoticeId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| NoticeTextView { language: t.language, title: t.title, body: t.body })
        .collect();
    texts.sort_by_key(|t| order.iter().position(|l| *l == t.language).unwrap_or(usize::MAX));
    Ok(texts)
}

async fn units_of(db: &impl ConnectionTrait, id: i32) -> Result<Vec<i32>> {
    Ok(notice_unit::Entity::find()
        .select_only()
        .column(notice_unit::Column::UnitId)
        .filter(notice_unit::Column::NoticeId.eq(id))
        .order_by_asc(notice_unit::Column::UnitId)
        .into_tuple()
        .all(db)
        .await?)
}

async fn write_parts(db: &impl ConnectionTrait, id: i32, c: &Clean) -> Result<()> {
    notice_text::Entity::delete_many().filter(notice_text::Column::NoticeId.eq(id)).exec(db).await?;
    for t in &c.texts {
        notice_text::ActiveModel {
            id: NotSet,
            notice_id: Set(id),
            language: Set(t.language.clone()),
            title: Set(t.title.clone()),
            body: Set(t.body.clone()),
        }
        .insert(db)
        .await?;
    }
    notice_unit::Entity::delete_many().filter(notice_unit::Column::NoticeId.eq(id)).exec(db).await?;
    if let Audience::Units(ids) = &c.audience {
        for chunk in ids.chunks(500) {
            let rows =
                chunk.iter().map(|u| notice_unit::ActiveModel { id: NotSet, notice_id: Set(id), unit_id: Set(*u) });
            notice_unit::Entity::insert_many(rows).exec(db).await?;
        }
    }
    Ok(())
}

fn unit_list(a: &Audience) -> Vec<i32> {
    match a {
        Audience::Units(ids) => ids.clone(),
        _ => Vec::new(),
    }
}

pub async fn create(cx: Cx, input: NoticeInput) -> Result<NoticeDetail> {
    let actor = cx.actor()?;
    let c = clean(&input)?;
    let txn = db::begin_write(&cx.db).await?;
    check_refs(&txn, &c.audience).await?;
    let (building_id, floor_from, floor_to) = parts(&c.audience);
    let n = notice::ActiveModel {
        id: NotSet,
        kind: Set(input.kind),
        status: Set(NoticeStatus::Draft),
        default_language: Set(input.default_language.clone()),
        event_date: Set(c.event_date),
        event_end: Set(c.event_end),
        audience: Set(c.audience.kind()),
        building_id: Set(building_id),
        floor_from: Set(floor_from),
        floor_to: Set(floor_to),
        created_by: Set(actor.id()),
        issued_at: Set(None),
        issued_by: Set(None),
        withdrawn_at: Set(None),
        version: Set(1),
        created_at: Set(cx.now),
        updated_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    write_parts(&txn, n.id, &c).await?;
    let changes = history::diff(&Vec::new(), &snapshot(&n, &c.texts, &unit_list(&c.audience)));
    history::by(&txn, cx.now, actor, HistoryEntity::Notice, n.id, ChangeAction::Create, changes).await?;
    txn.commit().await?;
    detail(&cx, n.id).await
}

/// Edits a draft; an issued or withdrawn notice's text is fixed (withdraw and write anew).
pub async fn edit(cx: Cx, input: NoticeEdit) -> Result<NoticeDetail> {
    let actor = cx.actor()?;
    let c = clean(&input.notice)?;
    let txn = db::begin_write(&cx.db).await?;
    let old = notice::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    if old.version != input.version {
        return Err(Error::Conflict);
    }
    if old.status != NoticeStatus::Draft {
        return Err(Error::field("status", "validation.notice_not_draft"));
    }
    check_refs(&txn, &c.audience).await?;
    let old_texts = texts_of(&txn, old.id).await?;
    let old_units = units_of(&txn, old.id).await?;
    let (building_id, floor_from, floor_to) = parts(&c.audience);
    let row = notice::ActiveModel {
        kind: Set(input.notice.kind),
        default_language: Set(input.notice.default_language.clone()),
        event_date: Set(c.event_date),
        event_end: Set(c.event_end),
        audience: Set(c.audience.kind()),
        building_id: Set(building_id),
        floor_from: Set(floor_from),
        floor_to: Set(floor_to),
        updated_at: Set(cx.now),
        ..Default::default()
    };
    let n = versioned::update::<notice::Entity>(&txn, input.id, input.version, row).await?;
    write_parts(&txn, n.id, &c).await?;
    let changes =
        history::diff(&snapshot(&old, &old_texts, &old_units), &snapshot(&n, &c.texts, &unit_list(&c.audience)));
    history::by(&txn, cx.now, actor, HistoryEntity::Notice, n.id, ChangeAction::Update, changes).await?;
    txn.commit().await?;
    detail(&cx, n.id).await
}

/// The units a notice goes to, by building, floor and number.
async fn audience_units(db: &impl ConnectionTrait, n: &notice::Model) -> Result<Vec<i32>> {
    let mut q = unit::Entity::find().select_only().column(unit::Column::Id);
    q = match n.audience {
        NoticeAudience::All => q,
        NoticeAudience::Building => q.filter(unit::Column::BuildingId.eq(n.building_id)),
        NoticeAudience::Floors => q.filter(
            Condition::all()
                .add(unit::Column::BuildingId.eq(n.building_id))
                .add(unit::Column::Floor.gte(n.floor_from))
                .add(unit::Column::Floor.lte(n.floor_to)),
        ),
        NoticeAudience::Units => q.filter(
            unit::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(notice_unit::Column::UnitId)
                    .from(notice_unit::Entity)
                    .and_where(notice_unit::Column::NoticeId.eq(n.id))
                    .to_owned(),
            ),
        ),
    };
    Ok(q.order_by_asc(unit::Column::BuildingId)
        .order_by_asc(unit::Column::Floor)
        .order_by_asc(unit::Column::Number)
        .order_by_asc(unit::Column::Id)
        .into_tuple()
        .all(db)
        .await?)
}

/// Issues a draft in one transaction: resolves the audience to units and each unit's
/// recipient, chooses each page's language (the recipient's if the notice has it, else
/// the default, flagged) and fixes one delivery row per unit. Issuing an issued notice
/// again changes nothing.
pub async fn issue(cx: Cx, input: NoticeSetStatus) -> Result<NoticeDetail> {
    let actor = cx.actor()?;
    let txn = db::begin_write(&cx.db).await?;
    let old = notice::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    match old.status {
        NoticeStatus::Issued => {
            drop(txn);
            return detail(&cx, old.id).await;
        }
        NoticeStatus::Withdrawn => return Err(Error::field("status", "validation.notice_not_draft")),
        NoticeStatus::Draft => {}
    }
    let unit_ids = audience_units(&txn, &old).await?;
    if unit_ids.is_empty() {
        return Err(Error::field("audience", "validation.notice_no_units"));
    }
    let texts: Vec<String> = texts_of(&txn, old.id).await?.into_iter().map(|t| t.language).collect();
    let who = recipients(&txn, &unit_ids, cx.now.date_naive()).await?;
    let n = versioned::update::<notice::Entity>(
        &txn,
        input.id,
        input.version,
        notice::ActiveModel {
            status: Set(NoticeStatus::Issued),
            issued_at: Set(Some(cx.now)),
            issued_by: Set(Some(actor.id())),
            updated_at: Set(cx.now),
            ..Default::default()
        },
    )
    .await?;
    let rows: Vec<notice_delivery::ActiveModel> = unit_ids
        .iter()
        .map(|u| {
            let r = who.get(u);
            let (language, fell_back) =
                rules::page_language(r.map(|(_, c)| c.preferred_language.as_str()), &texts, &old.default_language);
            notice_delivery::ActiveModel {
                id: NotSet,
                notice_id: Set(n.id),
                unit_id: Set(*u),
                customer_id: Set(r.map(|(_, c)| c.id)),
                recipient_role: Set(r.map(|(role, _)| *role)),
                language: Set(language),
                fell_back: Set(fell_back),
                delivered_at: Set(None),
                delivered_by: Set(None),
            }
        })
        .collect();
    for chunk in rows.chunks(300) {
        notice_delivery::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    let changes = history::diff(
        &vec![("status", Some(old.status.as_str().to_owned()))],
        &vec![("status", Some(n.status.as_str().to_owned())), ("units", Some(unit_ids.len().to_string()))],
    );
    history::by(&txn, cx.now, actor, HistoryEntity::Notice, n.id, ChangeAction::Update, changes).await?;
    txn.commit().await?;
    detail(&cx, n.id).await
}

/// Withdraws a draft or an issued notice; its delivery list stays as a record.
pub async fn withdraw(cx: Cx, input: NoticeSetStatus) -> Result<NoticeDetail> {
    let actor = cx.actor()?;
    let txn = db::begin_write(&cx.db).await?;
    let old = notice::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    if old.status == NoticeStatus::Withdrawn {
        return Err(Error::field("status", "validation.notice_withdrawn"));
    }
    let n = versioned::update::<notice::Entity>(
        &txn,
        input.id,
        input.version,
        notice::ActiveModel {
            status: Set(NoticeStatus::Withdrawn),
            withdrawn_at: Set(Some(cx.now)),
            updated_at: Set(cx.now),
            ..Default::default()
        },
    )
    .await?;
    let changes = history::diff(
        &vec![("status", Some(old.status.as_str().to_owned()))],
        &vec![("status", Some(n.status.as_str().to_owned()))],
    );
    history::by(&txn, cx.now, actor, HistoryEntity::Notice, n.id, ChangeAction::Update, changes).await?;
    txn.commit().await?;
    detail(&cx, n.id).await
}

pub async fn get(cx: Cx, input: NoticeGet) -> Result<NoticeDetail> {
    cx.actor()?;
    detail(&cx, input.id).await
}

pub async fn list(cx: Cx, q: NoticeQuery) -> Result<Page<NoticeRow>> {
    cx.actor()?;
    let mut select = notice::Entity::find();
    if let Some(s) = q.status {
        select = select.filter(notice::Column::Status.eq(s));
    }
    if let Some(k) = q.kind {
        select = select.filter(notice::Column::Kind.eq(k));
    }
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = paging(q.page, q.page_size);
    let rows = select
        .order_by_desc(notice::Column::CreatedAt)
        .order_by_desc(notice::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(&cx.db)
        .await?;
    let items = rows_of(&cx.db, &rows, cx.locale()).await?;
    Ok(page(items, total, q.page, q.page_size))
}

async fn rows_of(db: &impl ConnectionTrait, rows: &[notice::Model], locale: &str) -> Result<Vec<NoticeRow>> {
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let texts: Vec<(i32, String, String)> = notice_text::Entity::find()
        .select_only()
        .column(notice_text::Column::NoticeId)
        .column(notice_text::Column::Language)
        .column(notice_text::Column::Title)
        .filter(notice_text::Column::NoticeId.is_in(ids.clone()))
        .into_tuple()
        .all(db)
        .await?;
    let counts: HashMap<i32, (i64, i64)> = notice_delivery::Entity::find()
        .select_only()
        .column(notice_delivery::Column::NoticeId)
        .column_as(notice_delivery::Column::Id.count(), "n")
        .column_as(notice_delivery::Column::DeliveredAt.count(), "d")
        .filter(notice_delivery::Column::NoticeId.is_in(ids.clone()))
        .group_by(notice_delivery::Column::NoticeId)
        .into_tuple::<(i32, i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, n, d)| (id, (n, d)))
        .collect();
    let listed: HashMap<i32, i64> = notice_unit::Entity::find()
        .select_only()
        .column(notice_unit::Column::NoticeId)
        .column_as(notice_unit::Column::Id.count(), "n")
        .filter(notice_unit::Column::NoticeId.is_in(ids))
        .group_by(notice_unit::Column::NoticeId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let building_ids: Vec<i32> = rows.iter().filter_map(|r| r.building_id).collect();
    let buildings: HashMap<i32, String> = building::Entity::find()
        .filter(building::Column::Id.is_in(building_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, b.name))
        .collect();
    let order = languages();
    let n32 = |v: i64| u32::try_from(v).unwrap_or(u32::MAX);
    Ok(rows
        .iter()
        .map(|r| {
            let mine: Vec<&(i32, String, String)> = texts.iter().filter(|t| t.0 == r.id).collect();
            let title = mine
                .iter()
                .find(|t| t.1 == locale)
                .or_else(|| mine.iter().find(|t| t.1 == r.default_language))
                .map(|t| t.2.clone())
                .unwrap_or_default();
            let mut languages: Vec<String> = mine.iter().map(|t| t.1.clone()).collect();
            languages.sort_by_key(|l| order.iter().position(|o| o == l).unwrap_or(usize::MAX));
            let (deliveries, delivered) = counts.get(&r.id).copied().unwrap_or((0, 0));
            NoticeRow {
                id: r.id,
                version: r.version,
                kind: r.kind,
                status: r.status,
                title,
                default_language: r.default_language.clone(),
                languages,
                audience: r.audience,
                building_id: r.building_id,
                building_name: r.building_id.and_then(|b| buildings.get(&b).cloned()),
                floor_from: r.floor_from,
                floor_to: r.floor_to,
                unit_count: n32(listed.get(&r.id).copied().unwrap_or(0)),
                event_date: r.event_date.map(|d| d.to_string()),
                event_end: r.event_end.map(|d| d.to_string()),
                deliveries: n32(deliveries),
                delivered: n32(delivered),
                issued_at: r.issued_at.map(|t| t.to_rfc3339()),
                updated_at: r.updated_at.to_rfc3339(),
            }
        })
        .collect())
}

pub(crate) async fn detail(cx: &Cx, id: i32) -> Result<NoticeDetail> {
    let n = notice::Entity::find_by_id(id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    let row = rows_of(&cx.db, std::slice::from_ref(&n), cx.locale()).await?.remove(0);
    let texts = texts_of(&cx.db, id).await?;
    let written: Vec<String> = texts.iter().map(|t| t.language.clone()).collect();
    let unit_ids = units_of(&cx.db, id).await?;
    let labels = unit_labels(&cx.db, unit_ids.clone()).await?;
    let fell_back = notice_delivery::Entity::find()
        .filter(notice_delivery::Column::NoticeId.eq(id))
        .filter(notice_delivery::Column::FellBack.eq(true))
        .count(&cx.db)
        .await?;
    Ok(NoticeDetail {
        row,
        missing: rules::missing_languages(&languages(), &written),
        texts,
        units: unit_ids
            .into_iter()
            .map(|u| NoticeUnitRef { unit_id: u, unit_label: labels.get(&u).cloned().unwrap_or_default() })
            .collect(),
        fell_back: u32::try_from(fell_back).unwrap_or(u32::MAX),
        history: history_of(&cx.db, HistoryEntity::Notice, id).await?,
    })
}
