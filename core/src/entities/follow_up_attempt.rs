use crate::domain::AttemptOutcome;
use sea_orm::entity::prelude::*;
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Deserialize)]
#[sea_orm(table_name = "follow_up_attempt")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub follow_up_id: i32,
    pub at: DateTimeUtc,
    pub staff_id: i32,
    pub outcome: AttemptOutcome,
    pub next_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text")]
    pub note: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::follow_up::Entity",
        from = "Column::FollowUpId",
        to = "super::follow_up::Column::Id"
    )]
    FollowUp,
}

impl ActiveModelBehavior for ActiveModel {}

impl Related<super::follow_up::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FollowUp.def()
    }
}
