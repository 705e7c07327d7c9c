//! Service menus, first part: the catalog of services the office sells, their names and
//! descriptions per language, and their prices over time (the price on a date is the
//! row with the latest `effective_from` on or before it). The value lists below are
//! copies of the vocabularies in `core/src/domain/menus.rs` (a core test compares them).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000006_service_menus"
    }
}

pub const SERVICE_UNITS: &[&str] = &["per_visit", "per_hour", "per_month", "per_item"];
const DEPARTMENTS: &[&str] = &[
    "management",
    "customer_service",
    "engineering",
    "security",
    "cleaning",
    "landscaping",
    "public_affairs",
    "quality",
    "leasing",
];

fn one_of(column: &'static str, values: &[&str]) -> SimpleExpr {
    Expr::col(column).is_in(values.iter().map(|v| (*v).to_owned()))
}

fn fk(table: &'static str, column: &'static str, target: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(target, "id")
        .on_delete(ForeignKeyAction::Restrict)
        .take()
}

fn index(table: &'static str, name: &str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(format!("ix_{table}_{name}")).table(table);
    for c in columns {
        idx.col(*c);
    }
    idx.take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("catalog_service")
                .col(pk_auto("id"))
                .col(string_len("department", 24).check(one_of("department", DEPARTMENTS)))
                .col(string_len("unit", 16).check(one_of("unit", SERVICE_UNITS)))
                // Hundredths of a percent: 6 % is 600. Null: no tax on this service.
                .col(
                    integer_null("tax_rate_bp").check(
                        Expr::col("tax_rate_bp")
                            .is_null()
                            .or(Expr::col("tax_rate_bp").gte(0).and(Expr::col("tax_rate_bp").lte(10_000))),
                    ),
                )
                .col(boolean("active").default(true))
                .col(integer("version").default(1))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;
        m.create_index(index("catalog_service", "active", &["active", "department", "id"])).await?;

        m.create_table(
            Table::create()
                .table("catalog_service_text")
                .col(pk_auto("id"))
                .col(integer("service_id"))
                .col(string_len("language", 16))
                .col(string_len("name", 200))
                .col(text("description"))
                // Lower-cased name for the list's search, the same on both databases.
                .col(string_len("name_key", 200))
                .foreign_key(&mut fk("catalog_service_text", "service_id", "catalog_service"))
                .take(),
        )
        .await?;
        m.create_index(index("catalog_service_text", "service_language", &["service_id", "language"]).unique().take())
            .await?;
        m.create_index(index("catalog_service_text", "name_key", &["name_key"])).await?;

        m.create_table(
            Table::create()
                .table("catalog_price")
                .col(pk_auto("id"))
                .col(integer("service_id"))
                .col(date("effective_from"))
                .col(big_integer("amount_cents").check(Expr::col("amount_cents").gte(0)))
                .col(string_len("currency", 3))
                .col(integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("catalog_price", "service_id", "catalog_service"))
                .foreign_key(&mut fk("catalog_price", "created_by", "staff"))
                .take(),
        )
        .await?;
        // One price per service and date; also the index "latest on or before a date" reads.
        m.create_index(index("catalog_price", "service_from", &["service_id", "effective_from"]).unique().take())
            .await?;
        Ok(())
    }
}
