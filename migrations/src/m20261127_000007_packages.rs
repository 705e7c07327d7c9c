//! Service menus, second part: personal packages. A package belongs to a customer (at a
//! unit); its items are catalog services, each with an RFC 5545 recurrence rule, dates,
//! a time window and notes; pauses stop visits for a while. The schedule turns each
//! occurrence into a `package_visit` and a work order in that month's case of the
//! package (`package_case`), once: `(package_item_id, visit_date, seq)` is unique.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000007_packages"
    }
}

pub const VISIT_STATUSES: &[&str] = &["planned", "skipped", "cancelled"];

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

/// "HH:MM" or null.
fn window(column: &'static str) -> ColumnDef {
    string_len_null(column, 5).take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("package")
                .col(pk_auto("id"))
                .col(integer("customer_id"))
                .col(integer_null("unit_id"))
                // The staff member who owns the package's month cases and their follow-up.
                .col(integer("owner_id"))
                .col(date("starts_on"))
                .col(date_null("ends_on"))
                .col(window("window_start"))
                .col(window("window_end"))
                .col(text("notes"))
                .col(boolean("active").default(true))
                .col(integer("version").default(1))
                .col(integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("package", "customer_id", "customer"))
                .foreign_key(&mut fk("package", "unit_id", "unit"))
                .foreign_key(&mut fk("package", "owner_id", "staff"))
                .foreign_key(&mut fk("package", "created_by", "staff"))
                .take(),
        )
        .await?;
        m.create_index(index("package", "customer", &["customer_id", "id"])).await?;
        m.create_index(index("package", "active", &["active", "id"])).await?;

        m.create_table(
            Table::create()
                .table("package_item")
                .col(pk_auto("id"))
                .col(integer("package_id"))
                .col(integer("service_id"))
                // An RFC 5545 RRULE value without DTSTART ("FREQ=WEEKLY;BYDAY=TU");
                // the item's `starts_on` is its DTSTART in the office's time zone.
                .col(string_len("rule", 400))
                .col(date("starts_on"))
                .col(date_null("ends_on"))
                .col(window("window_start"))
                .col(window("window_end"))
                // Thousandths of the service's unit per visit (hours for per-hour services).
                .col(integer("quantity_milli").check(Expr::col("quantity_milli").gt(0)))
                .col(text("notes"))
                .col(boolean("active").default(true))
                .col(integer("version").default(1))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("package_item", "package_id", "package"))
                .foreign_key(&mut fk("package_item", "service_id", "catalog_service"))
                .take(),
        )
        .await?;
        m.create_index(index("package_item", "package", &["package_id", "id"])).await?;

        m.create_table(
            Table::create()
                .table("package_pause")
                .col(pk_auto("id"))
                .col(integer("package_id"))
                .col(date("from_date"))
                .col(date("to_date"))
                .col(string_len("note", 400))
                .col(integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .check(Expr::col("to_date").gte(Expr::col("from_date")))
                .foreign_key(&mut fk("package_pause", "package_id", "package"))
                .foreign_key(&mut fk("package_pause", "created_by", "staff"))
                .take(),
        )
        .await?;
        m.create_index(index("package_pause", "package", &["package_id", "from_date"])).await?;

        m.create_table(
            Table::create()
                .table("package_case")
                .col(integer("package_id"))
                // "2026-12": the month whose visits the case carries.
                .col(string_len("month", 7))
                .col(integer("case_id"))
                .primary_key(Index::create().col("package_id").col("month"))
                .foreign_key(&mut fk("package_case", "package_id", "package"))
                .foreign_key(&mut fk("package_case", "case_id", "service_case"))
                .take(),
        )
        .await?;
        m.create_index(index("package_case", "case", &["case_id"]).unique().take()).await?;

        m.create_table(
            Table::create()
                .table("package_visit")
                .col(pk_auto("id"))
                .col(integer("package_id"))
                .col(integer("package_item_id"))
                .col(date("visit_date"))
                // 0: the rule's visit on that date; 1, 2 …: extra visits added by hand.
                .col(integer("seq"))
                .col(string_len("status", 16).check(one_of("status", VISIT_STATUSES)))
                .col(integer_null("work_order_id"))
                .col(integer("quantity_milli").check(Expr::col("quantity_milli").gt(0)))
                .col(string_len_null("reason", 400))
                .col(integer("version").default(1))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("package_visit", "package_id", "package"))
                .foreign_key(&mut fk("package_visit", "package_item_id", "package_item"))
                .foreign_key(&mut fk("package_visit", "work_order_id", "work_order"))
                .take(),
        )
        .await?;
        m.create_index(
            index("package_visit", "item_date_seq", &["package_item_id", "visit_date", "seq"]).unique().take(),
        )
        .await?;
        m.create_index(index("package_visit", "package_date", &["package_id", "visit_date"])).await?;
        m.create_index(index("package_visit", "work_order", &["work_order_id"])).await?;
        Ok(())
    }
}
