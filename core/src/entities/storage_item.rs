use crate::domain::StorageStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "storage_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub description: String,
    pub unit_id: Option<i32>,
    pub customer_id: Option<i32>,
    pub deposited_by: String,
    pub deposited_for: String,
    pub location: String,
    pub notes: String,
    pub status: StorageStatus,
    pub deposited_at: DateTimeUtc,
    pub received_by: i32,
    pub collected_at: Option<DateTimeUtc>,
    pub collected_by: Option<String>,
    pub handed_over_by: Option<i32>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
