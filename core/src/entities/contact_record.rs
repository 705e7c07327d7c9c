use crate::domain::{ContactChannel, ContactDirection, ContactKind};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contact_record")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub customer_id: i32,
    pub unit_id: Option<i32>,
    pub kind: ContactKind,
    pub direction: ContactDirection,
    pub channel: Option<ContactChannel>,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    pub language: String,
    pub case_id: Option<i32>,
    pub work_order_id: Option<i32>,
    pub statement_id: Option<i32>,
    pub mail_item_id: Option<i32>,
    pub notice_id: Option<i32>,
    pub staff_id: i32,
    pub at: DateTimeUtc,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
