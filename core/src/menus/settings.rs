//! The service menus' settings: the currency new prices are set in (CNY unless changed;
//! a price keeps the currency it was set in), the office's time zone (which day "today"
//! is, when a visit is due) and how many days ahead the schedule sends visits out.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::app::Cx;
use crate::db;
use crate::entities::setting;
use crate::error::{Problems, Result};

const CURRENCY: &str = "menus.currency";
pub const DEFAULT_CURRENCY: &str = "CNY";
const TIME_ZONE: &str = "office.time_zone";
pub const DEFAULT_TIME_ZONE: &str = "Asia/Shanghai";
const SCHEDULE_DAYS: &str = "menus.schedule_days";
/// The office day of the last daily schedule run ("2026-11-27").
const LAST_DAILY_RUN: &str = "menus.schedule_last_daily_run";
pub const DEFAULT_SCHEDULE_DAYS: i32 = 14;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CatalogSettings {
    /// ISO 4217 code, e.g. "CNY".
    pub currency: String,
    /// IANA name, e.g. "Asia/Shanghai".
    pub time_zone: String,
    /// Package visits go to their department this many days ahead (1–60).
    pub schedule_days: i32,
}

/// The office's time zone; a missing or damaged value reads as Asia/Shanghai.
pub async fn time_zone(db: &impl ConnectionTrait) -> Result<chrono_tz::Tz> {
    let row = setting::Entity::find_by_id(TIME_ZONE).one(db).await?;
    Ok(row.and_then(|r| r.value.parse().ok()).unwrap_or(chrono_tz::Asia::Shanghai))
}

pub async fn schedule_days(db: &impl ConnectionTrait) -> Result<i32> {
    let row = setting::Entity::find_by_id(SCHEDULE_DAYS).one(db).await?;
    Ok(row.and_then(|r| r.value.parse().ok()).filter(|d| (1..=60).contains(d)).unwrap_or(DEFAULT_SCHEDULE_DAYS))
}

pub async fn last_daily_run(db: &impl ConnectionTrait) -> Result<Option<String>> {
    Ok(setting::Entity::find_by_id(LAST_DAILY_RUN).one(db).await?.map(|r| r.value))
}

pub async fn set_last_daily_run(db: &sea_orm::DatabaseConnection, day: &str) -> Result<()> {
    let txn = db::begin_write(db).await?;
    put(&txn, LAST_DAILY_RUN, day.to_owned()).await?;
    txn.commit().await?;
    Ok(())
}

async fn load(db: &impl ConnectionTrait) -> Result<CatalogSettings> {
    Ok(CatalogSettings {
        currency: currency(db).await?,
        time_zone: time_zone(db).await?.name().to_owned(),
        schedule_days: schedule_days(db).await?,
    })
}

async fn put(db: &impl ConnectionTrait, key: &str, value: String) -> Result<()> {
    setting::Entity::insert(setting::ActiveModel { key: Set(key.to_owned()), value: Set(value) })
        .on_conflict(OnConflict::column(setting::Column::Key).update_column(setting::Column::Value).to_owned())
        .exec(db)
        .await?;
    Ok(())
}

/// The currency of new prices; a missing or damaged value reads as CNY.
pub async fn currency(db: &impl ConnectionTrait) -> Result<String> {
    let row = setting::Entity::find_by_id(CURRENCY).one(db).await?;
    Ok(row.map(|r| r.value).filter(|v| is_currency(v)).unwrap_or_else(|| DEFAULT_CURRENCY.to_owned()))
}

fn is_currency(v: &str) -> bool {
    v.len() == 3 && v.chars().all(|c| c.is_ascii_uppercase())
}

pub async fn get(cx: Cx, _: ()) -> Result<CatalogSettings> {
    cx.actor()?;
    load(&cx.db).await
}

pub async fn save(cx: Cx, input: CatalogSettings) -> Result<CatalogSettings> {
    cx.actor()?;
    let code = input.currency.trim().to_ascii_uppercase();
    let zone = input.time_zone.trim().parse::<chrono_tz::Tz>().ok();
    let mut p = Problems::default();
    p.check(is_currency(&code), "currency", "validation.currency");
    p.check(zone.is_some(), "time_zone", "validation.time_zone");
    p.check((1..=60).contains(&input.schedule_days), "schedule_days", "validation.schedule_days");
    p.into_result()?;
    let txn = db::begin_write(&cx.db).await?;
    put(&txn, CURRENCY, code).await?;
    put(&txn, TIME_ZONE, zone.map(|z| z.name().to_owned()).unwrap_or_default()).await?;
    put(&txn, SCHEDULE_DAYS, input.schedule_days.to_string()).await?;
    txn.commit().await?;
    load(&cx.db).await
}
