//! Communication records (客户信息记录): every contact with a customer — call, visit,
//! letter, message, notice delivered, confirmation given — on the customer's timeline.
//! Also: staff get a sort key like customers', and both sort keys compare byte-wise on
//! PostgreSQL (`COLLATE "C"`) as on SQLite, so a list sorts the same on either. The keys
//! themselves are (re)computed by the core at startup (`directory::names`), which owns the
//! one rule; the value lists below are copies of `core/src/domain/contacts.rs`.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000013_contacts"
    }
}

pub const CONTACT_KINDS: &[&str] = &["call", "visit", "letter", "message", "notice", "confirmation", "other"];
pub const CONTACT_DIRECTIONS: &[&str] = &["in", "out"];
pub const CONTACT_CHANNELS: &[&str] = &["printed", "sms", "messaging_app", "email", "in_person"];

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
        let pg = m.get_database_backend() == DbBackend::Postgres;
        m.create_table(
            Table::create()
                .table("contact_record")
                .col(pk_auto("id"))
                .col(integer("customer_id"))
                .col(integer_null("unit_id"))
                .col(string_len("kind", 16).check(one_of("kind", CONTACT_KINDS)))
                .col(string_len("direction", 8).check(one_of("direction", CONTACT_DIRECTIONS)))
                // How a written contact reached the customer (confirmations, notices).
                .col(string_len_null("channel", 16).check(one_of("channel", CONTACT_CHANNELS)))
                .col(text("summary"))
                // The language the contact was in.
                .col(string_len("language", 16))
                // What it was about (any of them).
                .col(integer_null("case_id"))
                .col(integer_null("work_order_id"))
                .col(integer_null("statement_id"))
                .col(integer_null("mail_item_id"))
                // Notices live in another area's tables: a plain number, no key.
                .col(integer_null("notice_id"))
                .col(integer("staff_id"))
                .col(timestamp_with_time_zone("at"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("contact_record", "customer_id", "customer"))
                .foreign_key(&mut fk("contact_record", "unit_id", "unit"))
                .foreign_key(&mut fk("contact_record", "case_id", "service_case"))
                .foreign_key(&mut fk("contact_record", "work_order_id", "work_order"))
                .foreign_key(&mut fk("contact_record", "statement_id", "statement"))
                .foreign_key(&mut fk("contact_record", "mail_item_id", "mail_item"))
                .foreign_key(&mut fk("contact_record", "staff_id", "staff"))
                .take(),
        )
        .await?;
        // The timeline, newest first, all kinds or one.
        m.create_index(index("contact_record", "customer_at", &["customer_id", "at", "id"])).await?;
        m.create_index(index("contact_record", "customer_kind_at", &["customer_id", "kind", "at", "id"])).await?;
        m.create_index(index("contact_record", "case", &["case_id"])).await?;

        let mut key = string_len("sort_key", 400);
        key.default("");
        if pg {
            key.extra("COLLATE \"C\"");
        }
        m.alter_table(Table::alter().table("staff").add_column(key).take()).await?;
        m.create_index(index("staff", "sort", &["sort_key", "id"])).await?;
        if pg {
            // The customer list's order and its prefix rows: byte order, as on SQLite.
            let db = m.get_connection();
            db.execute_unprepared(r#"ALTER TABLE customer ALTER COLUMN sort_key TYPE varchar(400) COLLATE "C""#)
                .await?;
            db.execute_unprepared(
                r#"ALTER TABLE customer_search_prefix ALTER COLUMN sort_key TYPE varchar(400) COLLATE "C""#,
            )
            .await?;
        }
        Ok(())
    }
}
