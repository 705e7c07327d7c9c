use crate::domain::LoanStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "loan")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub item_id: i32,
    pub quantity: i32,
    pub unit_id: Option<i32>,
    pub customer_id: Option<i32>,
    pub borrower: String,
    pub phone: String,
    pub notes: String,
    pub status: LoanStatus,
    pub lent_at: DateTimeUtc,
    pub lent_by: i32,
    pub due_at: DateTimeUtc,
    pub returned_at: Option<DateTimeUtc>,
    pub returned_to: Option<i32>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::lend_item::Entity", from = "Column::ItemId", to = "super::lend_item::Column::Id")]
    Item,
}

impl Related<super::lend_item::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Item.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
