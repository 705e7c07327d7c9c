//! Helpers the leasing operations share: field cleaning into `Problems`, money and dates
//! as typed, names and labels for rows, the change history of a leasing record.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::directory::customers::ChangeEntry;
use crate::domain::{HistoryEntity, money, validate};
use crate::entities::{change_log, customer, staff};
use crate::error::{Problems, Result};

/// A text field, trimmed; blank is "" unless required.
pub fn text(p: &mut Problems, field: &str, value: &str, max: usize, required: bool) -> String {
    match validate::text(value, max, required) {
        Ok(v) => v.unwrap_or_default(),
        Err(k) => {
            p.add(field, k);
            String::new()
        }
    }
}

/// "12000" or "12000.50" → cents; not negative.
pub fn money_cents(p: &mut Problems, field: &str, value: &str) -> i64 {
    match money::parse_price(value) {
        Some(c) => c,
        None => {
            p.add(field, "validation.money");
            0
        }
    }
}

/// Blank is none.
pub fn opt_money_cents(p: &mut Problems, field: &str, value: &Option<String>) -> Option<i64> {
    let v = validate::clean_opt(value)?;
    Some(money_cents(p, field, &v))
}

pub fn date(p: &mut Problems, field: &str, value: &str) -> NaiveDate {
    match validate::date(value) {
        Some(d) => d,
        None => {
            p.add(field, "validation.date");
            NaiveDate::default()
        }
    }
}

pub fn opt_date(p: &mut Problems, field: &str, value: &Option<String>) -> Option<NaiveDate> {
    let v = validate::clean_opt(value)?;
    Some(date(p, field, &v))
}

/// "85.5" m² → hundredths; blank is none.
pub fn opt_area(p: &mut Problems, field: &str, value: &Option<String>) -> Option<i32> {
    let v = validate::clean_opt(value)?;
    let a = validate::area_centi(&v);
    p.check(a.is_some(), field, "validation.area");
    a
}

pub fn count(p: &mut Problems, field: &str, value: i32, max: i32) -> i32 {
    p.check((0..=max).contains(&value), field, "validation.range");
    value
}

pub async fn names_of_customers(db: &impl ConnectionTrait, ids: Vec<i32>) -> Result<HashMap<i32, String>> {
    Ok(customer::Entity::find()
        .select_only()
        .column(customer::Column::Id)
        .column(customer::Column::Name)
        .filter(customer::Column::Id.is_in(ids))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

pub async fn names_of_staff(db: &impl ConnectionTrait, ids: Vec<i32>) -> Result<HashMap<i32, String>> {
    Ok(staff::Entity::find()
        .select_only()
        .column(staff::Column::Id)
        .column(staff::Column::DisplayName)
        .filter(staff::Column::Id.is_in(ids))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// The latest changes of one leasing record.
pub async fn history_of(db: &impl ConnectionTrait, entity: HistoryEntity, id: i32) -> Result<Vec<ChangeEntry>> {
    let entries = change_log::Entity::find()
        .filter(change_log::Column::Entity.eq(entity.as_str()))
        .filter(change_log::Column::EntityId.eq(id))
        .order_by_desc(change_log::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let names = names_of_staff(db, entries.iter().filter_map(|e| e.staff_id).collect()).await?;
    Ok(entries
        .into_iter()
        .map(|e| ChangeEntry {
            staff_name: e.staff_id.and_then(|s| names.get(&s).cloned()).unwrap_or_default(),
            changes: serde_json::from_str(&e.changes).unwrap_or_default(),
            id: e.id,
            at: e.at.to_rfc3339(),
            action: e.action,
            entity,
        })
        .collect())
}
