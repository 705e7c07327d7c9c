use crate::domain::{CaseKind, CaseStatus, Channel, ConsultationTopic, Priority};
use sea_orm::entity::prelude::*;
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "service_case")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: CaseKind,
    pub channel: Channel,
    pub priority: Priority,
    pub status: CaseStatus,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub customer_id: Option<i32>,
    pub unit_id: Option<i32>,
    pub caller_name: Option<String>,
    pub caller_phone: Option<String>,
    pub language: String,
    pub received_by: i32,
    pub owner_id: i32,
    pub received_at: DateTimeUtc,
    pub response_due_at: DateTimeUtc,
    pub completion_due_at: DateTimeUtc,
    pub due_at: Option<DateTimeUtc>,
    pub responded_at: Option<DateTimeUtc>,
    pub completed_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub reopened_at: Option<DateTimeUtc>,
    pub escalation_level: i32,
    pub escalated_at: Option<DateTimeUtc>,
    pub next_escalation_at: Option<DateTimeUtc>,
    pub reopen_count: i32,
    pub satisfaction: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub search_text: String,
    /// The customer's language is not Chinese.
    pub foreign_language: bool,
    /// A staff member who speaks the case's language (foreign-language cases).
    pub language_contact_id: Option<i32>,
    pub consultation_topic: Option<ConsultationTopic>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::customer::Entity", from = "Column::CustomerId", to = "super::customer::Column::Id")]
    Customer,
    #[sea_orm(belongs_to = "super::unit::Entity", from = "Column::UnitId", to = "super::unit::Column::Id")]
    Unit,
    #[sea_orm(has_many = "super::work_order::Entity")]
    WorkOrder,
}

impl ActiveModelBehavior for ActiveModel {}

impl Related<super::customer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Customer.def()
    }
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Unit.def()
    }
}

impl Related<super::work_order::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::WorkOrder.def()
    }
}
