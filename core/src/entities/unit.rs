use crate::domain::{UnitStatus, UnitUse};
use sea_orm::entity::prelude::*;
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "unit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub building_id: i32,
    pub number: String,
    pub floor: i32,
    pub area_centi_m2: i32,
    pub use_kind: UnitUse,
    pub status: UnitStatus,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::building::Entity", from = "Column::BuildingId", to = "super::building::Column::Id")]
    Building,
}

impl ActiveModelBehavior for ActiveModel {}

impl Related<super::building::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Building.def()
    }
}
