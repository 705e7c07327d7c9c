//! Schema migrations. Identifiers are plain strings, never entity types, so an old
//! migration never changes when the entities do. Every migration runs in a transaction
//! on both SQLite and PostgreSQL.

pub use sea_orm_migration;
use sea_orm_migration::prelude::*;

mod m20261127_000001_foundation;
pub mod m20261127_000002_service_desk;
mod m20261127_000003_customer_search;
mod m20261127_000004_desk_speed;
mod m20261127_000005_case_department;
pub mod m20261127_000006_service_menus;
pub mod m20261127_000007_packages;
pub mod m20261127_000008_convenience;
pub mod m20261127_000009_statements;
pub mod m20261127_000010_leasing;
pub mod m20261128_000011_notices;
pub mod m20261128_000012_language_routing;
pub mod m20261128_000013_contacts;
pub mod m20261128_000014_sign_in_failures;
mod m20261128_000015_session_lock;
mod m20261128_000016_search_prefix_key;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_foundation::Migration),
            Box::new(m20261127_000002_service_desk::Migration),
            Box::new(m20261127_000003_customer_search::Migration),
            Box::new(m20261127_000004_desk_speed::Migration),
            Box::new(m20261127_000005_case_department::Migration),
            Box::new(m20261127_000006_service_menus::Migration),
            Box::new(m20261127_000007_packages::Migration),
            Box::new(m20261127_000008_convenience::Migration),
            Box::new(m20261127_000009_statements::Migration),
            Box::new(m20261127_000010_leasing::Migration),
            Box::new(m20261128_000011_notices::Migration),
            Box::new(m20261128_000012_language_routing::Migration),
            Box::new(m20261128_000013_contacts::Migration),
            Box::new(m20261128_000014_sign_in_failures::Migration),
            Box::new(m20261128_000015_session_lock::Migration),
            Box::new(m20261128_000016_search_prefix_key::Migration),
        ]
    }
}
