use crate::domain::ChargeKind;
use sea_orm::entity::prelude::*;
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Deserialize)]
#[sea_orm(table_name = "work_order_charge")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub work_order_id: i32,
    pub kind: ChargeKind,
    pub description: String,
    /// Thousandths of the unit: 1.5 hours is 1500.
    pub quantity_milli: i64,
    pub unit_price_cents: i64,
    pub amount_cents: i64,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    /// The statement that billed it.
    pub statement_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::work_order::Entity",
        from = "Column::WorkOrderId",
        to = "super::work_order::Column::Id"
    )]
    WorkOrder,
}

impl ActiveModelBehavior for ActiveModel {}

impl Related<super::work_order::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::WorkOrder.def()
    }
}
