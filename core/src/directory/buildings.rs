//! Buildings of the property, with their unit counts.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryOrder, QuerySelect};
use serde::Serialize;
use ts_rs::TS;

use crate::app::Cx;
use crate::entities::{building, unit};
use crate::error::Result;

#[derive(Debug, Clone, Serialize, TS)]
pub struct Building {
    pub id: i32,
    pub name: String,
    pub code: String,
    pub floors: i32,
    pub unit_count: u32,
}

pub async fn list(cx: Cx, _: ()) -> Result<Vec<Building>> {
    let buildings = building::Entity::find().order_by_asc(building::Column::Code).all(&cx.db).await?;
    let counts: Vec<(i32, i64)> = unit::Entity::find()
        .select_only()
        .column(unit::Column::BuildingId)
        .column_as(unit::Column::Id.count(), "n")
        .group_by(unit::Column::BuildingId)
        .into_tuple()
        .all(&cx.db)
        .await?;
    let counts: HashMap<i32, i64> = counts.into_iter().collect();
    Ok(buildings
        .into_iter()
        .map(|b| Building {
            unit_count: counts.get(&b.id).copied().unwrap_or(0).try_into().unwrap_or(0),
            id: b.id,
            name: b.name,
            code: b.code,
            floors: b.floors,
        })
        .collect())
}
