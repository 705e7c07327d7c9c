use crate::domain::CaseEventKind;
use sea_orm::entity::prelude::*;
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Deserialize)]
#[sea_orm(table_name = "case_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    pub work_order_id: Option<i32>,
    pub at: DateTimeUtc,
    pub staff_id: Option<i32>,
    pub kind: CaseEventKind,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    /// JSON object: from/to status, field changes, score…
    #[sea_orm(column_type = "Text")]
    pub data: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
