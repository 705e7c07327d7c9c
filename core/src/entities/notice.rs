use crate::domain::{NoticeAudience, NoticeKind, NoticeStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notice")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: NoticeKind,
    pub status: NoticeStatus,
    pub default_language: String,
    pub event_date: Option<Date>,
    pub event_end: Option<Date>,
    pub audience: NoticeAudience,
    pub building_id: Option<i32>,
    pub floor_from: Option<i32>,
    pub floor_to: Option<i32>,
    pub created_by: i32,
    pub issued_at: Option<DateTimeUtc>,
    pub issued_by: Option<i32>,
    pub withdrawn_at: Option<DateTimeUtc>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
