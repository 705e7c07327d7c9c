//! Service menus, third part: monthly statements. A statement is issued once per customer
//! and month and never edited: its lines copy what was billed (description in the
//! customer's language, quantity, unit price, tax rate, amounts) so a later price or
//! name change leaves it alone. `source_key` ("visit:12", "charge:7", "month:3:2026-12",
//! "note:5") is unique, so nothing is billed twice. Corrections are credit or debit
//! notes carried onto the customer's next statement; payments (part payments too) are
//! recorded against a statement. The value lists are copies of the vocabularies in
//! `core/src/domain/menus.rs` (a core test compares them).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000009_statements"
    }
}

pub const LINE_KINDS: &[&str] = &["visit", "month_fee", "charge", "credit", "debit"];
pub const NOTE_KINDS: &[&str] = &["credit", "debit"];
pub const PAYMENT_METHODS: &[&str] = &["cash", "bank_transfer", "wechat_pay", "alipay", "card", "other"];

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
                .table("statement")
                .col(pk_auto("id"))
                .col(string_len("number", 32))
                .col(integer("customer_id"))
                .col(integer_null("unit_id"))
                // "2026-12".
                .col(string_len("month", 7))
                .col(string_len("language", 16))
                .col(string_len("currency", 3))
                .col(big_integer("subtotal_cents"))
                .col(big_integer("tax_cents"))
                .col(big_integer("total_cents"))
                // Kept with every payment: the list filters on what is owed.
                .col(big_integer("paid_cents").default(0))
                .col(timestamp_with_time_zone("issued_at"))
                .col(integer("issued_by"))
                .col(timestamp_with_time_zone_null("sent_at"))
                .col(integer("version").default(1))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("statement", "customer_id", "customer"))
                .foreign_key(&mut fk("statement", "unit_id", "unit"))
                .foreign_key(&mut fk("statement", "issued_by", "staff"))
                .take(),
        )
        .await?;
        m.create_index(index("statement", "customer_month", &["customer_id", "month"]).unique().take()).await?;
        m.create_index(index("statement", "number", &["number"]).unique().take()).await?;
        m.create_index(index("statement", "month", &["month", "id"])).await?;

        m.create_table(
            Table::create()
                .table("statement_line")
                .col(pk_auto("id"))
                .col(integer("statement_id"))
                .col(integer("position"))
                .col(string_len("source_key", 48))
                .col(string_len("kind", 16).check(one_of("kind", LINE_KINDS)))
                .col(date("on_date"))
                .col(string_len("description", 400))
                .col(string_len("unit", 16))
                .col(big_integer("quantity_milli"))
                .col(big_integer("unit_price_cents"))
                .col(integer_null("tax_rate_bp"))
                .col(big_integer("net_cents"))
                .col(big_integer("tax_cents"))
                .col(big_integer("gross_cents"))
                .foreign_key(&mut fk("statement_line", "statement_id", "statement"))
                .take(),
        )
        .await?;
        m.create_index(index("statement_line", "source", &["source_key"]).unique().take()).await?;
        m.create_index(index("statement_line", "statement", &["statement_id", "position"])).await?;

        m.create_table(
            Table::create()
                .table("statement_note")
                .col(pk_auto("id"))
                .col(integer("customer_id"))
                // The statement the note corrects.
                .col(integer("statement_id"))
                .col(string_len("kind", 16).check(one_of("kind", NOTE_KINDS)))
                .col(string_len("reason", 400))
                .col(big_integer("amount_cents").check(Expr::col("amount_cents").gt(0)))
                .col(integer_null("tax_rate_bp"))
                // The later statement that carries it; null until the next run.
                .col(integer_null("billed_statement_id"))
                .col(integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("statement_note", "customer_id", "customer"))
                .foreign_key(&mut fk("statement_note", "statement_id", "statement"))
                .foreign_key(&mut fk("statement_note", "billed_statement_id", "statement"))
                .foreign_key(&mut fk("statement_note", "created_by", "staff"))
                .take(),
        )
        .await?;
        m.create_index(index("statement_note", "customer_open", &["customer_id", "billed_statement_id"])).await?;
        m.create_index(index("statement_note", "statement", &["statement_id"])).await?;

        m.create_table(
            Table::create()
                .table("payment")
                .col(pk_auto("id"))
                .col(integer("statement_id"))
                .col(integer("customer_id"))
                .col(big_integer("amount_cents").check(Expr::col("amount_cents").gt(0)))
                .col(date("paid_on"))
                .col(string_len("method", 16).check(one_of("method", PAYMENT_METHODS)))
                .col(string_len("reference", 200))
                .col(integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("payment", "statement_id", "statement"))
                .foreign_key(&mut fk("payment", "customer_id", "customer"))
                .foreign_key(&mut fk("payment", "created_by", "staff"))
                .take(),
        )
        .await?;
        m.create_index(index("payment", "statement", &["statement_id", "id"])).await?;
        m.create_index(index("payment", "customer", &["customer_id", "paid_on"])).await?;

        // What a statement billed, marked on the source so a run finds what is still
        // to bill through an index instead of every visit and charge ever made.
        for table in ["package_visit", "work_order_charge"] {
            m.alter_table(Table::alter().table(table).add_column(integer_null("statement_id")).take()).await?;
        }
        m.create_index(index("package_visit", "unbilled", &["statement_id", "status", "visit_date"])).await?;
        m.create_index(index("work_order_charge", "unbilled", &["statement_id", "work_order_id"])).await?;
        Ok(())
    }
}
