use sea_orm::entity::prelude::*;
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "package_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub package_id: i32,
    pub service_id: i32,
    pub rule: String,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
    pub window_start: Option<String>,
    pub window_end: Option<String>,
    pub quantity_milli: i32,
    #[sea_orm(column_type = "Text")]
    pub notes: String,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::package::Entity", from = "Column::PackageId", to = "super::package::Column::Id")]
    Package,
}

impl Related<super::package::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Package.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
