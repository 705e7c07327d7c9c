//! Faster desk reads at a million cases:
//! - `work_order (case_id, department)`: the list's "has a work order for this
//!   department" probe reads the index alone, once per case walked in list order.
//! - SQLite: `case_fts` gets FTS5 prefix indexes (2, 3 and 4 characters), so a Latin
//!   word still being typed (`leak*`) reads one list instead of merging every word that
//!   starts so. FTS5 takes the option only at creation: the table is built anew under a
//!   new name from the old rows, then takes the old name (same rowids, same text).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000004_desk_speed"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name("ix_work_order_case_department")
                .table("work_order")
                .col("case_id")
                .col("department")
                .take(),
        )
        .await?;
        if m.get_database_backend() == DbBackend::Sqlite {
            let db = m.get_connection();
            for sql in [
                "CREATE VIRTUAL TABLE case_fts_new USING fts5(text, tokenize = 'unicode61', prefix = '2 3 4')",
                "INSERT INTO case_fts_new (rowid, text) SELECT rowid, text FROM case_fts",
                "DROP TABLE case_fts",
                "ALTER TABLE case_fts_new RENAME TO case_fts",
            ] {
                db.execute_unprepared(sql).await?;
            }
        }
        Ok(())
    }
}
