use crate::domain::{Department, ServiceUnit};
use sea_orm::entity::prelude::*;
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "catalog_service")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub department: Department,
    pub unit: ServiceUnit,
    /// Hundredths of a percent: 6 % is 600.
    pub tax_rate_bp: Option<i32>,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::catalog_service_text::Entity")]
    Text,
    #[sea_orm(has_many = "super::catalog_price::Entity")]
    Price,
}

impl Related<super::catalog_service_text::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Text.def()
    }
}

impl Related<super::catalog_price::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Price.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
