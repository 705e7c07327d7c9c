use sea_orm::entity::prelude::*;
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "package")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub customer_id: i32,
    pub unit_id: Option<i32>,
    pub owner_id: i32,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
    pub window_start: Option<String>,
    pub window_end: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub notes: String,
    pub active: bool,
    pub version: i32,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::package_item::Entity")]
    Item,
}

impl Related<super::package_item::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Item.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
