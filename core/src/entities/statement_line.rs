use crate::domain::LineKind;
use sea_orm::entity::prelude::*;
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "statement_line")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub statement_id: i32,
    pub position: i32,
    pub source_key: String,
    pub kind: LineKind,
    pub on_date: Date,
    pub description: String,
    pub unit: String,
    pub quantity_milli: i64,
    pub unit_price_cents: i64,
    pub tax_rate_bp: Option<i32>,
    pub net_cents: i64,
    pub tax_cents: i64,
    pub gross_cents: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
