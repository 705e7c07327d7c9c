use crate::domain::{CaseKind, Priority};
use sea_orm::entity::prelude::*;
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "due_target")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: CaseKind,
    pub priority: Priority,
    pub response_minutes: i32,
    pub completion_minutes: i32,
    pub version: i32,
    pub updated_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
