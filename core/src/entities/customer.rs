use crate::domain::{CustomerKind, IdDocumentKind};
use sea_orm::entity::prelude::*;
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "customer")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: CustomerKind,
    pub name: String,
    pub name_latin: Option<String>,
    pub sort_key: String,
    /// JSON array of phone numbers as entered.
    pub phones: String,
    pub email: Option<String>,
    pub nationality: Option<String>,
    pub preferred_language: String,
    pub vip: bool,
    pub id_document_kind: Option<IdDocumentKind>,
    pub id_document_number: Option<String>,
    pub notes: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
