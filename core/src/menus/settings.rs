//! The catalog's settings: the currency new prices are set in (CNY unless changed).
//! A price keeps the currency it was set in.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::app::Cx;
use crate::db;
use crate::entities::setting;
use crate::error::{Error, Result};

const CURRENCY: &str = "menus.currency";
pub const DEFAULT_CURRENCY: &str = "CNY";

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CatalogSettings {
    /// ISO 4217 code, e.g. "CNY".
    pub currency: String,
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
    Ok(CatalogSettings { currency: currency(&cx.db).await? })
}

pub async fn save(cx: Cx, input: CatalogSettings) -> Result<CatalogSettings> {
    cx.actor()?;
    let code = input.currency.trim().to_ascii_uppercase();
    if !is_currency(&code) {
        return Err(Error::field("currency", "validation.currency"));
    }
    let txn = db::begin_write(&cx.db).await?;
    setting::Entity::insert(setting::ActiveModel { key: Set(CURRENCY.to_owned()), value: Set(code) })
        .on_conflict(OnConflict::column(setting::Column::Key).update_column(setting::Column::Value).to_owned())
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(CatalogSettings { currency: currency(&cx.db).await? })
}
