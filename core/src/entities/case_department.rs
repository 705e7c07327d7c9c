use crate::domain::{CaseStatus, Department};
use sea_orm::entity::prelude::*;
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_department")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub case_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub department: Department,
    pub case_status: CaseStatus,
    pub received_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
