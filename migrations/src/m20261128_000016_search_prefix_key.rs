//! The customer search prefix rows keyed by what a search reads, (prefix, sort key,
//! customer), and nothing else: on SQLite a `WITHOUT ROWID` table (one B-tree instead of a
//! table and two indexes), on PostgreSQL the same primary key in place of both indexes; no
//! foreign key (customers are never deleted, and the rows are derived from the customer's
//! stored terms, which the core reads to find a customer's rows). An import of 100,000
//! customers writes 2.2 million of these rows: one sorted B-tree is several times faster
//! to fill than three filled in different orders plus a foreign-key check a row.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000016_search_prefix_key"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        if m.get_database_backend() == DbBackend::Postgres {
            // In place, so the office server role's grants on the table stay.
            for sql in [
                "ALTER TABLE customer_search_prefix DROP CONSTRAINT IF EXISTS fk_customer_search_prefix_customer_id",
                "DROP INDEX IF EXISTS ix_customer_search_prefix_customer",
                "DROP INDEX IF EXISTS ix_customer_search_prefix_prefix",
                "DELETE FROM customer_search_prefix a USING customer_search_prefix b \
                 WHERE a.ctid < b.ctid AND a.prefix = b.prefix AND a.sort_key = b.sort_key \
                 AND a.customer_id = b.customer_id",
                "ALTER TABLE customer_search_prefix ADD CONSTRAINT pk_customer_search_prefix \
                 PRIMARY KEY (prefix, sort_key, customer_id)",
            ] {
                db.execute_unprepared(sql).await?;
            }
            return Ok(());
        }
        for sql in [
            "CREATE TABLE customer_search_prefix_new (
                 prefix varchar(24) NOT NULL,
                 sort_key varchar(400) NOT NULL,
                 customer_id integer NOT NULL,
                 PRIMARY KEY (prefix, sort_key, customer_id)
             ) WITHOUT ROWID",
            "INSERT INTO customer_search_prefix_new (prefix, sort_key, customer_id)
             SELECT DISTINCT prefix, sort_key, customer_id FROM customer_search_prefix ORDER BY 1, 2, 3",
            "DROP TABLE customer_search_prefix",
            "ALTER TABLE customer_search_prefix_new RENAME TO customer_search_prefix",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }
}
