use crate::domain::{Department, Priority, WorkOrderStatus};
use sea_orm::entity::prelude::*;
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Deserialize)]
#[sea_orm(table_name = "work_order")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    pub seq: i32,
    pub department: Option<Department>,
    pub supplier_id: Option<i32>,
    pub assignee_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub instructions: String,
    pub priority: Priority,
    pub status: WorkOrderStatus,
    pub resume_status: Option<WorkOrderStatus>,
    pub due_at: DateTimeUtc,
    #[sea_orm(column_type = "Text", nullable)]
    pub result: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    pub dispatched_at: Option<DateTimeUtc>,
    pub accepted_at: Option<DateTimeUtc>,
    pub started_at: Option<DateTimeUtc>,
    pub done_at: Option<DateTimeUtc>,
    pub verified_at: Option<DateTimeUtc>,
    pub cancelled_at: Option<DateTimeUtc>,
    pub escalation_level: i32,
    pub next_escalation_at: Option<DateTimeUtc>,
    pub created_by: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::service_case::Entity",
        from = "Column::CaseId",
        to = "super::service_case::Column::Id"
    )]
    ServiceCase,
    #[sea_orm(belongs_to = "super::supplier::Entity", from = "Column::SupplierId", to = "super::supplier::Column::Id")]
    Supplier,
    #[sea_orm(has_many = "super::work_order_charge::Entity")]
    Charge,
}

impl ActiveModelBehavior for ActiveModel {}

impl Related<super::service_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ServiceCase.def()
    }
}

impl Related<super::supplier::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Supplier.def()
    }
}

impl Related<super::work_order_charge::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Charge.def()
    }
}
