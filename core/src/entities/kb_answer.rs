use crate::domain::ConsultationTopic;
use sea_orm::entity::prelude::*;
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kb_answer")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub topic: ConsultationTopic,
    pub active: bool,
    pub created_by: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
