use sea_orm::entity::prelude::*;
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "package_case")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub package_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub month: String,
    pub case_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
