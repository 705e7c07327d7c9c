use crate::domain::{Department, EscalationTier, Role};
use sea_orm::entity::prelude::*;
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub username: String,
    pub display_name: String,
    /// The display name as a list orders it (`directory::names::sort_key`).
    pub sort_key: String,
    pub role: Role,
    pub department: Department,
    /// Comma-separated language codes, e.g. "zh-CN,en".
    pub languages: String,
    pub locale: Option<String>,
    pub active: bool,
    pub password_hash: Option<String>,
    /// Department supervisor: escalation level 1.
    pub supervisor: bool,
    pub escalation_tier: Option<EscalationTier>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
