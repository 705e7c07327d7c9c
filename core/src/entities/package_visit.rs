use crate::domain::VisitStatus;
use sea_orm::entity::prelude::*;
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "package_visit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub package_id: i32,
    pub package_item_id: i32,
    pub visit_date: Date,
    pub seq: i32,
    pub status: VisitStatus,
    pub work_order_id: Option<i32>,
    pub quantity_milli: i32,
    pub reason: Option<String>,
    /// The statement that billed it.
    pub statement_id: Option<i32>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
