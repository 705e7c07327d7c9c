use crate::domain::ProspectSource;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "prospect")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub company: String,
    pub phone: String,
    pub email: String,
    pub preferred_language: String,
    pub nationality: Option<String>,
    pub budget_min_cents: Option<i64>,
    pub budget_max_cents: Option<i64>,
    pub rooms_min: Option<i32>,
    pub area_min_centi_m2: Option<i32>,
    pub move_in: Option<Date>,
    pub term_months: Option<i32>,
    pub needs_furnished: bool,
    pub needs_pets: bool,
    pub needs_parking: bool,
    pub source: ProspectSource,
    pub agency_id: Option<i32>,
    pub notes: String,
    pub customer_id: Option<i32>,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
