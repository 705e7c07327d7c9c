//! Session hardening: a session can be locked (idle, or the screen locked) and unlocked
//! again with the staff member's password; expired sessions are purged by age, so
//! `created_at` and `ended_at` get indexes. The idle and absolute limits themselves are
//! settings (`setting` rows written by the core), with defaults when absent.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000015_session_lock"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("session").add_column(timestamp_with_time_zone_null("locked_at")).take())
            .await?;
        for column in ["created_at", "ended_at"] {
            m.create_index(Index::create().name(format!("ix_session_{column}")).table("session").col(column).take())
                .await?;
        }
        Ok(())
    }
}
