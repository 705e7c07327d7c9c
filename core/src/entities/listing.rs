use crate::domain::ListingStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "listing")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub unit_id: i32,
    pub owner_id: i32,
    pub asking_rent_cents: i64,
    pub deposit_months: i32,
    pub deposit_terms: String,
    pub available_from: Date,
    pub min_term_months: i32,
    pub rooms: i32,
    pub furnished: bool,
    pub pets: bool,
    pub parking: bool,
    pub status: ListingStatus,
    pub notes: String,
    pub created_by: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
