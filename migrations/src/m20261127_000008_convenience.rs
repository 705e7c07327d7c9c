//! Convenience services (便民服务, free): letters, newspapers and parcels received for a
//! unit and handed over; small items kept at the desk (寄存); umbrellas, carts, pet bags
//! and other items lent and returned. The value lists below are copies of the
//! vocabularies in `core/src/domain/convenience.rs` (a core test compares them).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000008_convenience"
    }
}

pub const MAIL_KINDS: &[&str] = &["letter", "newspaper", "parcel"];
pub const MAIL_STATUSES: &[&str] = &["waiting", "handed_over"];
pub const STORAGE_STATUSES: &[&str] = &["stored", "collected"];
pub const LEND_KINDS: &[&str] = &["umbrella", "cart", "pet_bag", "other"];
pub const LOAN_STATUSES: &[&str] = &["out", "returned"];

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
        // A letter, newspaper or parcel for a unit, waiting at the desk until collected.
        m.create_table(
            Table::create()
                .table("mail_item")
                .col(pk_auto("id"))
                .col(string_len("kind", 16).check(one_of("kind", MAIL_KINDS)))
                .col(integer("unit_id"))
                .col(integer_null("customer_id"))
                // The name on the label, as written.
                .col(string_len("addressee", 200))
                .col(string_len("carrier", 100))
                .col(string_len("tracking_no", 100))
                // Where at the desk it waits ("shelf B-3").
                .col(string_len("shelf", 100))
                .col(text("notes"))
                .col(string_len("status", 16).check(one_of("status", MAIL_STATUSES)))
                .col(timestamp_with_time_zone("received_at"))
                .col(integer("received_by"))
                .col(timestamp_with_time_zone_null("handed_over_at"))
                .col(integer_null("handed_over_by"))
                // Who collected it (typed), and whether they signed for it.
                .col(string_len_null("collected_by", 200))
                .col(boolean("signed").default(false))
                .col(integer("version").default(1))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("mail_item", "unit_id", "unit"))
                .foreign_key(&mut fk("mail_item", "customer_id", "customer"))
                .foreign_key(&mut fk("mail_item", "received_by", "staff"))
                .foreign_key(&mut fk("mail_item", "handed_over_by", "staff"))
                .take(),
        )
        .await?;
        // The lists: by status (overall), by unit and status, by kind and status; newest first.
        m.create_index(index("mail_item", "status", &["status", "received_at", "id"])).await?;
        m.create_index(index("mail_item", "unit_status", &["unit_id", "status", "received_at"])).await?;
        m.create_index(index("mail_item", "kind_status", &["kind", "status", "received_at"])).await?;
        m.create_index(index("mail_item", "customer", &["customer_id"])).await?;

        // A small item left at the desk for someone (寄存).
        m.create_table(
            Table::create()
                .table("storage_item")
                .col(pk_auto("id"))
                .col(string_len("description", 500))
                .col(integer_null("unit_id"))
                .col(integer_null("customer_id"))
                // Who brought it, and who is to collect it (names as given).
                .col(string_len("deposited_by", 200))
                .col(string_len("deposited_for", 200))
                .col(string_len("location", 100))
                .col(text("notes"))
                .col(string_len("status", 16).check(one_of("status", STORAGE_STATUSES)))
                .col(timestamp_with_time_zone("deposited_at"))
                .col(integer("received_by"))
                .col(timestamp_with_time_zone_null("collected_at"))
                .col(string_len_null("collected_by", 200))
                .col(integer_null("handed_over_by"))
                .col(integer("version").default(1))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("storage_item", "unit_id", "unit"))
                .foreign_key(&mut fk("storage_item", "customer_id", "customer"))
                .foreign_key(&mut fk("storage_item", "received_by", "staff"))
                .foreign_key(&mut fk("storage_item", "handed_over_by", "staff"))
                .take(),
        )
        .await?;
        m.create_index(index("storage_item", "status", &["status", "deposited_at", "id"])).await?;
        m.create_index(index("storage_item", "unit_status", &["unit_id", "status", "deposited_at"])).await?;
        m.create_index(index("storage_item", "customer", &["customer_id"])).await?;

        // What the desk lends: one row per kind of item, with how many the office owns.
        m.create_table(
            Table::create()
                .table("lend_item")
                .col(pk_auto("id"))
                .col(string_len("kind", 16).check(one_of("kind", LEND_KINDS)))
                .col(string_len("name", 200))
                .col(integer("total").check(Expr::col("total").gte(0)))
                .col(boolean("active").default(true))
                .col(integer("version").default(1))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;
        m.create_index(index("lend_item", "active", &["active", "kind", "id"])).await?;

        // One lending: how many of an item, to whom, due back when, returned when.
        m.create_table(
            Table::create()
                .table("loan")
                .col(pk_auto("id"))
                .col(integer("item_id"))
                .col(integer("quantity").check(Expr::col("quantity").gt(0)))
                .col(integer_null("unit_id"))
                .col(integer_null("customer_id"))
                .col(string_len("borrower", 200))
                .col(string_len("phone", 50))
                .col(text("notes"))
                .col(string_len("status", 16).check(one_of("status", LOAN_STATUSES)))
                .col(timestamp_with_time_zone("lent_at"))
                .col(integer("lent_by"))
                .col(timestamp_with_time_zone("due_at"))
                .col(timestamp_with_time_zone_null("returned_at"))
                .col(integer_null("returned_to"))
                .col(integer("version").default(1))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("loan", "item_id", "lend_item"))
                .foreign_key(&mut fk("loan", "unit_id", "unit"))
                .foreign_key(&mut fk("loan", "customer_id", "customer"))
                .foreign_key(&mut fk("loan", "lent_by", "staff"))
                .foreign_key(&mut fk("loan", "returned_to", "staff"))
                .take(),
        )
        .await?;
        // Open loans by due time (overdue = out and due before now), per item (availability), per unit.
        m.create_index(index("loan", "status_due", &["status", "due_at", "id"])).await?;
        m.create_index(index("loan", "item_status", &["item_id", "status"])).await?;
        m.create_index(index("loan", "unit_status", &["unit_id", "status", "due_at"])).await?;
        m.create_index(index("loan", "customer", &["customer_id"])).await?;
        Ok(())
    }
}
