use crate::domain::FollowUpStatus;
use sea_orm::entity::prelude::*;
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Deserialize)]
#[sea_orm(table_name = "follow_up")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    pub owner_id: i32,
    pub status: FollowUpStatus,
    pub due_at: DateTimeUtc,
    pub attempts: i32,
    pub satisfaction: Option<i32>,
    #[sea_orm(column_type = "Text", nullable)]
    pub remark: Option<String>,
    pub language: String,
    pub done_at: Option<DateTimeUtc>,
    pub done_by: Option<i32>,
    /// Whether the one who completed it speaks the case's language (set when done).
    pub by_speaker: Option<bool>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::follow_up_attempt::Entity")]
    Attempt,
}

impl ActiveModelBehavior for ActiveModel {}

impl Related<super::follow_up_attempt::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Attempt.def()
    }
}
