use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lease")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub referral_id: i32,
    pub listing_id: i32,
    pub unit_id: i32,
    pub customer_id: i32,
    pub owner_id: i32,
    pub starts_on: Date,
    pub ends_on: Date,
    pub monthly_rent_cents: i64,
    pub deposit_cents: i64,
    pub payment_day: i32,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
