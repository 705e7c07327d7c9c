use crate::domain::{MailKind, MailStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: MailKind,
    pub unit_id: i32,
    pub customer_id: Option<i32>,
    pub addressee: String,
    pub carrier: String,
    pub tracking_no: String,
    pub shelf: String,
    pub notes: String,
    pub status: MailStatus,
    pub received_at: DateTimeUtc,
    pub received_by: i32,
    pub handed_over_at: Option<DateTimeUtc>,
    pub handed_over_by: Option<i32>,
    pub collected_by: Option<String>,
    pub signed: bool,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::unit::Entity", from = "Column::UnitId", to = "super::unit::Column::Id")]
    Unit,
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Unit.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
