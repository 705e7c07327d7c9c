//! Listings: an owner's unit offered for rent, with its terms, texts per language,
//! photos and status. A unit has at most one open listing: checked in the writer's
//! transaction, and backed by a partial unique index.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::common::{self, history_of, names_of_customers};
use super::referrals::{ReferralRow, referral_rows};
use super::rules;
use crate::app::Cx;
use crate::db;
use crate::desk::attachments::{MAX_BYTES, base64_decode, base64_encode};
use crate::directory::customers::ChangeEntry;
use crate::directory::occupancy::unit_labels;
use crate::domain::{ChangeAction, HistoryEntity, ListingStatus, money, validate};
use crate::entities::{customer, listing, listing_photo, listing_text, referral, unit};
use crate::error::{Error, Problems, Result};
use crate::page::{Page, page, paging};
use crate::record::history::{self, FieldChange, Snapshot};
use crate::record::versioned;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ListingTextInput {
    /// A customer language: zh-CN, en, ja, ko.
    pub language: String,
    pub title: String,
    pub description: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ListingInput {
    pub unit_id: i32,
    /// The owner (a customer) who lists the unit.
    pub owner_id: i32,
    /// Monthly rent asked, "12000" or "12000.50".
    pub asking_rent: String,
    pub deposit_months: i32,
    /// The deposit terms in words ("two months, paid at signing").
    pub deposit_terms: String,
    /// YYYY-MM-DD
    pub available_from: String,
    pub min_term_months: i32,
    pub rooms: i32,
    pub furnished: bool,
    pub pets: bool,
    pub parking: bool,
    pub notes: String,
    /// One per language the owner wants; replaced as a whole on edit.
    pub texts: Vec<ListingTextInput>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ListingCreate {
    pub listing: ListingInput,
    /// Draft or open.
    pub status: ListingStatus,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ListingEdit {
    pub id: i32,
    pub version: i32,
    pub listing: ListingInput,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ListingSetStatus {
    pub id: i32,
    pub version: i32,
    /// Any but "let", which only signing sets.
    pub status: ListingStatus,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ListingGet {
    pub id: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ListingQuery {
    pub status: Option<ListingStatus>,
    pub unit_id: Option<i32>,
    pub owner_id: Option<i32>,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ListingPhotoAdd {
    pub listing_id: i32,
    pub file_name: String,
    /// "image/jpeg", "image/png".
    pub mime: String,
    /// The file, base64 (standard alphabet, padded).
    pub content_base64: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ListingPhotoRemove {
    pub listing_id: i32,
    pub photo_id: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ListingPhotoGet {
    pub photo_id: i32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ListingPhotoFile {
    pub id: i32,
    pub file_name: String,
    pub mime: String,
    pub content_base64: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ListingRow {
    pub id: i32,
    pub version: i32,
    pub unit_id: i32,
    /// "A座 1203".
    pub unit_label: String,
    pub owner_id: i32,
    pub owner_name: String,
    /// "12000.00".
    pub asking_rent: String,
    pub available_from: String,
    pub rooms: i32,
    /// The unit's area in m², "85.50".
    pub area: String,
    pub furnished: bool,
    pub pets: bool,
    pub parking: bool,
    pub status: ListingStatus,
    /// In the caller's language, else the first text's.
    pub title: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ListingTextView {
    pub language: String,
    pub title: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ListingPhotoRow {
    pub id: i32,
    pub position: i32,
    pub file_name: String,
    pub mime: String,
    pub size: i32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ListingDetail {
    pub row: ListingRow,
    pub deposit_months: i32,
    pub deposit_terms: String,
    pub min_term_months: i32,
    pub notes: String,
    pub texts: Vec<ListingTextView>,
    pub photos: Vec<ListingPhotoRow>,
    /// Referrals of this listing, newest first.
    pub referrals: Vec<ReferralRow>,
    pub history: Vec<ChangeEntry>,
    pub created_at: String,
    pub updated_at: String,
}

struct Clean {
    asking_rent_cents: i64,
    deposit_terms: String,
    available_from: chrono::NaiveDate,
    notes: String,
    texts: Vec<ListingTextView>,
}

fn clean(i: &ListingInput) -> Result<Clean> {
    let mut p = Problems::default();
    let asking_rent_cents = common::money_cents(&mut p, "asking_rent", &i.asking_rent);
    common::count(&mut p, "deposit_months", i.deposit_months, 24);
    common::count(&mut p, "min_term_months", i.min_term_months, 240);
    common::count(&mut p, "rooms", i.rooms, 50);
    let deposit_terms = common::text(&mut p, "deposit_terms", &i.deposit_terms, 500, false);
    let available_from = common::date(&mut p, "available_from", &i.available_from);
    let notes = common::text(&mut p, "notes", &i.notes, 4000, false);
    let mut texts = Vec::new();
    for (n, t) in i.texts.iter().enumerate() {
        let f = |name: &str| format!("texts.{n}.{name}");
        p.check(validate::customer_language(&t.language), &f("language"), "validation.language");
        if i.texts.iter().filter(|x| x.language == t.language).count() > 1 {
            p.add(&f("language"), "validation.language_twice");
        }
        let title = common::text(&mut p, &f("title"), &t.title, 200, true);
        let description = common::text(&mut p, &f("description"), &t.description, 8000, false);
        texts.push(ListingTextView { language: t.language.clone(), title, description });
    }
    p.check(!i.texts.is_empty(), "texts", validate::REQUIRED);
    p.into_result()?;
    Ok(Clean { asking_rent_cents, deposit_terms, available_from, notes, texts })
}

async fn check_refs(db: &impl ConnectionTrait, i: &ListingInput) -> Result<()> {
    let mut p = Problems::default();
    p.check(unit::Entity::find_by_id(i.unit_id).one(db).await?.is_some(), "unit_id", "validation.not_found");
    p.check(customer::Entity::find_by_id(i.owner_id).one(db).await?.is_some(), "owner_id", "validation.not_found");
    p.into_result()
}

/// Refuses a second open listing of a unit (the index would too, as a database error).
pub(crate) async fn ensure_only_open(db: &impl ConnectionTrait, unit_id: i32, except: Option<i32>) -> Result<()> {
    let mut q = listing::Entity::find()
        .filter(listing::Column::UnitId.eq(unit_id))
        .filter(listing::Column::Status.eq(ListingStatus::Open));
    if let Some(id) = except {
        q = q.filter(listing::Column::Id.ne(id));
    }
    if q.count(db).await? > 0 {
        return Err(Error::field("unit_id", "validation.listing_open_exists"));
    }
    Ok(())
}

/// A unique-index refusal from a concurrent writer reads as the same validation error.
fn open_index_refusal(e: sea_orm::DbErr) -> Error {
    match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            Error::field("unit_id", "validation.listing_open_exists")
        }
        _ => Error::Database(e),
    }
}

fn snapshot(l: &listing::Model, texts: &[ListingTextView]) -> Snapshot {
    let mut s: Snapshot = vec![
        ("unit", Some(l.unit_id.to_string())),
        ("owner", Some(l.owner_id.to_string())),
        ("asking_rent", Some(money::cents_text(l.asking_rent_cents))),
        ("deposit_months", Some(l.deposit_months.to_string())),
        ("deposit_terms", Some(l.deposit_terms.clone()).filter(|t| !t.is_empty())),
        ("available_from", Some(l.available_from.to_string())),
        ("min_term_months", Some(l.min_term_months.to_string())),
        ("rooms", Some(l.rooms.to_string())),
        ("furnished", Some(l.furnished.to_string())),
        ("pets", Some(l.pets.to_string())),
        ("parking", Some(l.parking.to_string())),
        ("status", Some(l.status.as_str().to_owned())),
        ("notes", Some(l.notes.clone()).filter(|t| !t.is_empty())),
    ];
    for lang in crate::domain::CUSTOMER_LANGUAGES {
        let t = texts.iter().find(|t| t.language == *lang);
        let (title, description) = match *lang {
            "zh-CN" => ("title.zh-CN", "description.zh-CN"),
            "en" => ("title.en", "description.en"),
            "ja" => ("title.ja", "description.ja"),
            _ => ("title.ko", "description.ko"),
        };
        s.push((title, t.map(|t| t.title.clone())));
        s.push((description, t.map(|t| t.description.clone()).filter(|d| !d.is_empty())));
    }
    s
}

async fn texts_of(db: &impl ConnectionTrait, id: i32) -> Result<Vec<ListingTextView>> {
    Ok(listing_text::Entity::find()
        .filter(listing_text::Column::ListingId.eq(id))
        .order_by_asc(listing_text::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|t| ListingTextView { language: t.language, title: t.title, description: t.description })
        .collect())
}

async fn write_texts(db: &impl ConnectionTrait, id: i32, texts: &[ListingTextView]) -> Result<()> {
    listing_text::Entity::delete_many().filter(listing_text::Column::ListingId.eq(id)).exec(db).await?;
    for t in texts {
        listing_text::ActiveModel {
            id: NotSet,
            listing_id: Set(id),
            language: Set(t.language.clone()),
            title: Set(t.title.clone()),
            description: Set(t.description.clone()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

pub async fn create(cx: Cx, input: ListingCreate) -> Result<ListingDetail> {
    let actor = cx.actor()?;
    if !matches!(input.status, ListingStatus::Draft | ListingStatus::Open) {
        return Err(Error::field("status", "validation.listing_new_status"));
    }
    let c = clean(&input.listing)?;
    let i = &input.listing;
    let txn = db::begin_write(&cx.db).await?;
    check_refs(&txn, i).await?;
    if input.status == ListingStatus::Open {
        ensure_only_open(&txn, i.unit_id, None).await?;
    }
    let l = listing::ActiveModel {
        id: NotSet,
        unit_id: Set(i.unit_id),
        owner_id: Set(i.owner_id),
        asking_rent_cents: Set(c.asking_rent_cents),
        deposit_months: Set(i.deposit_months),
        deposit_terms: Set(c.deposit_terms),
        available_from: Set(c.available_from),
        min_term_months: Set(i.min_term_months),
        rooms: Set(i.rooms),
        furnished: Set(i.furnished),
        pets: Set(i.pets),
        parking: Set(i.parking),
        status: Set(input.status),
        notes: Set(c.notes),
        created_by: Set(actor.id()),
        version: Set(1),
        created_at: Set(cx.now),
        updated_at: Set(cx.now),
    }
    .insert(&txn)
    .await
    .map_err(open_index_refusal)?;
    write_texts(&txn, l.id, &c.texts).await?;
    let changes = history::diff(&Vec::new(), &snapshot(&l, &c.texts));
    history::by(&txn, cx.now, actor, HistoryEntity::Listing, l.id, ChangeAction::Create, changes).await?;
    txn.commit().await?;
    detail(&cx, l.id).await
}

pub async fn edit(cx: Cx, input: ListingEdit) -> Result<ListingDetail> {
    let actor = cx.actor()?;
    let c = clean(&input.listing)?;
    let i = &input.listing;
    let txn = db::begin_write(&cx.db).await?;
    let old = listing::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    check_refs(&txn, i).await?;
    if old.status == ListingStatus::Open && old.unit_id != i.unit_id {
        ensure_only_open(&txn, i.unit_id, Some(old.id)).await?;
    }
    let old_texts = texts_of(&txn, old.id).await?;
    let row = listing::ActiveModel {
        unit_id: Set(i.unit_id),
        owner_id: Set(i.owner_id),
        asking_rent_cents: Set(c.asking_rent_cents),
        deposit_months: Set(i.deposit_months),
        deposit_terms: Set(c.deposit_terms),
        available_from: Set(c.available_from),
        min_term_months: Set(i.min_term_months),
        rooms: Set(i.rooms),
        furnished: Set(i.furnished),
        pets: Set(i.pets),
        parking: Set(i.parking),
        notes: Set(c.notes),
        updated_at: Set(cx.now),
        ..Default::default()
    };
    let l = versioned::update::<listing::Entity>(&txn, input.id, input.version, row).await.map_err(|e| match e {
        Error::Database(d) => open_index_refusal(d),
        e => e,
    })?;
    write_texts(&txn, l.id, &c.texts).await?;
    let changes = history::diff(&snapshot(&old, &old_texts), &snapshot(&l, &c.texts));
    history::by(&txn, cx.now, actor, HistoryEntity::Listing, l.id, ChangeAction::Update, changes).await?;
    txn.commit().await?;
    detail(&cx, l.id).await
}

/// Sets a listing's status in `db` (the caller's transaction), with its history.
pub(crate) async fn write_status(
    db: &impl ConnectionTrait,
    cx: &Cx,
    old: &listing::Model,
    version: i32,
    status: ListingStatus,
) -> Result<listing::Model> {
    if status == ListingStatus::Open {
        ensure_only_open(db, old.unit_id, Some(old.id)).await?;
    }
    let row = listing::ActiveModel { status: Set(status), updated_at: Set(cx.now), ..Default::default() };
    let l = versioned::update::<listing::Entity>(db, old.id, version, row).await.map_err(|e| match e {
        Error::Database(d) => open_index_refusal(d),
        e => e,
    })?;
    let change = FieldChange {
        field: "status".into(),
        old: Some(old.status.as_str().to_owned()),
        new: Some(status.as_str().to_owned()),
    };
    history::by(db, cx.now, cx.actor()?, HistoryEntity::Listing, l.id, ChangeAction::Update, vec![change]).await?;
    Ok(l)
}

pub async fn set_status(cx: Cx, input: ListingSetStatus) -> Result<ListingDetail> {
    cx.actor()?;
    let txn = db::begin_write(&cx.db).await?;
    let old = listing::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    if old.version != input.version {
        return Err(Error::Conflict);
    }
    rules::check_listing_status(old.status, input.status).map_err(|k| Error::field("status", k))?;
    write_status(&txn, &cx, &old, input.version, input.status).await?;
    txn.commit().await?;
    detail(&cx, input.id).await
}

pub async fn photo_add(cx: Cx, input: ListingPhotoAdd) -> Result<ListingDetail> {
    let actor = cx.actor()?;
    let mut p = Problems::default();
    let file_name = common::text(&mut p, "file_name", &input.file_name, 255, true);
    p.check(!file_name.contains(['/', '\\']), "file_name", "validation.invalid");
    p.check(input.mime.starts_with("image/"), "mime", "validation.not_an_image");
    p.check(input.content_base64.len() / 4 * 3 <= MAX_BYTES + 3, "content_base64", "validation.file_too_large");
    p.into_result()?;
    let content = base64_decode(input.content_base64.trim())
        .ok_or_else(|| Error::field("content_base64", "validation.invalid"))?;
    let size = i32::try_from(content.len())
        .ok()
        .filter(|s| (*s as usize) <= MAX_BYTES)
        .ok_or_else(|| Error::field("content_base64", "validation.file_too_large"))?;
    let txn = db::begin_write(&cx.db).await?;
    let l = listing::Entity::find_by_id(input.listing_id).one(&txn).await?.ok_or(Error::NotFound)?;
    // The listing row takes concurrent photo writers in turn, so positions stay distinct.
    let l = versioned::update::<listing::Entity>(
        &txn,
        l.id,
        l.version,
        listing::ActiveModel { updated_at: Set(cx.now), ..Default::default() },
    )
    .await?;
    let last: Option<i32> = listing_photo::Entity::find()
        .select_only()
        .column_as(listing_photo::Column::Position.max(), "p")
        .filter(listing_photo::Column::ListingId.eq(l.id))
        .into_tuple::<Option<i32>>()
        .one(&txn)
        .await?
        .flatten();
    listing_photo::ActiveModel {
        id: NotSet,
        listing_id: Set(l.id),
        position: Set(last.map_or(1, |p| p + 1)),
        file_name: Set(file_name.clone()),
        mime: Set(input.mime.trim().to_owned()),
        size: Set(size),
        sha256: Set(hex::encode(Sha256::digest(&content))),
        content: Set(content),
        created_by: Set(actor.id()),
        created_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    let change = FieldChange { field: "photo".into(), old: None, new: Some(file_name) };
    history::by(&txn, cx.now, actor, HistoryEntity::Listing, l.id, ChangeAction::Update, vec![change]).await?;
    txn.commit().await?;
    detail(&cx, l.id).await
}

pub async fn photo_remove(cx: Cx, input: ListingPhotoRemove) -> Result<ListingDetail> {
    let actor = cx.actor()?;
    let txn = db::begin_write(&cx.db).await?;
    let photo = listing_photo::Entity::find_by_id(input.photo_id)
        .filter(listing_photo::Column::ListingId.eq(input.listing_id))
        .one(&txn)
        .await?
        .ok_or(Error::NotFound)?;
    listing_photo::Entity::delete_by_id(photo.id).exec(&txn).await?;
    let change = FieldChange { field: "photo".into(), old: Some(photo.file_name), new: None };
    history::by(&txn, cx.now, actor, HistoryEntity::Listing, input.listing_id, ChangeAction::Update, vec![change])
        .await?;
    txn.commit().await?;
    detail(&cx, input.listing_id).await
}

pub async fn photo_get(cx: Cx, input: ListingPhotoGet) -> Result<ListingPhotoFile> {
    cx.actor()?;
    let p = listing_photo::Entity::find_by_id(input.photo_id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    Ok(ListingPhotoFile { id: p.id, file_name: p.file_name, mime: p.mime, content_base64: base64_encode(&p.content) })
}

pub async fn get(cx: Cx, input: ListingGet) -> Result<ListingDetail> {
    cx.actor()?;
    detail(&cx, input.id).await
}

pub async fn list(cx: Cx, q: ListingQuery) -> Result<Page<ListingRow>> {
    cx.actor()?;
    let mut select = listing::Entity::find();
    if let Some(s) = q.status {
        select = select.filter(listing::Column::Status.eq(s));
    }
    if let Some(u) = q.unit_id {
        select = select.filter(listing::Column::UnitId.eq(u));
    }
    if let Some(o) = q.owner_id {
        select = select.filter(listing::Column::OwnerId.eq(o));
    }
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = paging(q.page, q.page_size);
    let rows = select.order_by_desc(listing::Column::Id).offset(offset).limit(limit).all(&cx.db).await?;
    Ok(page(listing_rows(&cx.db, rows, cx.locale()).await?, total, q.page, q.page_size))
}

/// Rows for listings, titled in `locale` when the owner wrote that language.
pub(crate) async fn listing_rows(
    db: &impl ConnectionTrait,
    rows: Vec<listing::Model>,
    locale: &str,
) -> Result<Vec<ListingRow>> {
    let labels = unit_labels(db, rows.iter().map(|l| l.unit_id).collect()).await?;
    let owners = names_of_customers(db, rows.iter().map(|l| l.owner_id).collect()).await?;
    let areas: HashMap<i32, i32> = unit::Entity::find()
        .select_only()
        .column(unit::Column::Id)
        .column(unit::Column::AreaCentiM2)
        .filter(unit::Column::Id.is_in(rows.iter().map(|l| l.unit_id)))
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let texts = listing_text::Entity::find()
        .filter(listing_text::Column::ListingId.is_in(rows.iter().map(|l| l.id)))
        .order_by_asc(listing_text::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|l| {
            let mine: Vec<&listing_text::Model> = texts.iter().filter(|t| t.listing_id == l.id).collect();
            let title = mine
                .iter()
                .find(|t| t.language == locale)
                .or(mine.first())
                .map(|t| t.title.clone())
                .unwrap_or_default();
            ListingRow {
                id: l.id,
                version: l.version,
                unit_id: l.unit_id,
                unit_label: labels.get(&l.unit_id).cloned().unwrap_or_default(),
                owner_id: l.owner_id,
                owner_name: owners.get(&l.owner_id).cloned().unwrap_or_default(),
                asking_rent: money::cents_text(l.asking_rent_cents),
                available_from: l.available_from.to_string(),
                rooms: l.rooms,
                area: validate::area_text(areas.get(&l.unit_id).copied().unwrap_or_default()),
                furnished: l.furnished,
                pets: l.pets,
                parking: l.parking,
                status: l.status,
                title,
            }
        })
        .collect())
}

pub(crate) async fn detail(cx: &Cx, id: i32) -> Result<ListingDetail> {
    let db = &cx.db;
    let l = listing::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound)?;
    let photos = listing_photo::Entity::find()
        .select_only()
        .column(listing_photo::Column::Id)
        .column(listing_photo::Column::Position)
        .column(listing_photo::Column::FileName)
        .column(listing_photo::Column::Mime)
        .column(listing_photo::Column::Size)
        .filter(listing_photo::Column::ListingId.eq(l.id))
        .order_by_asc(listing_photo::Column::Position)
        .into_tuple::<(i32, i32, String, String, i32)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, position, file_name, mime, size)| ListingPhotoRow { id, position, file_name, mime, size })
        .collect();
    let referrals = referral::Entity::find()
        .filter(referral::Column::ListingId.eq(l.id))
        .order_by_desc(referral::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let row = listing_rows(db, vec![l.clone()], cx.locale()).await?.pop().ok_or(Error::NotFound)?;
    Ok(ListingDetail {
        row,
        deposit_months: l.deposit_months,
        deposit_terms: l.deposit_terms.clone(),
        min_term_months: l.min_term_months,
        notes: l.notes.clone(),
        texts: texts_of(db, l.id).await?,
        photos,
        referrals: referral_rows(db, referrals, cx.locale()).await?,
        history: history_of(db, HistoryEntity::Listing, l.id).await?,
        created_at: l.created_at.to_rfc3339(),
        updated_at: l.updated_at.to_rfc3339(),
    })
}
