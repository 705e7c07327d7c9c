//! Failed sign-ins, counted per account and per source (the address a request came from;
//! "desk" for the app's own window), so sign-in slows down after failures and an account
//! locks after too many until a manager unlocks it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000014_sign_in_failures"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("sign_in_failure")
                .col(pk_auto("id"))
                // Exactly one of the two says whose failures these are.
                .col(integer_null("staff_id").unique_key())
                .col(string_len_null("source", 100).unique_key())
                // Consecutive failures (an account) or recent ones (a source).
                .col(integer("failures"))
                .col(timestamp_with_time_zone("last_failure_at"))
                // Set when the account locked; cleared by a manager.
                .col(timestamp_with_time_zone_null("locked_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_sign_in_failure_staff_id")
                        .from("sign_in_failure", "staff_id")
                        .to("staff", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        Ok(())
    }
}
