//! The customer search rows keyed by what a search reads, and nothing more. Prefix rows:
//! (prefix, sort key, customer) alone — on SQLite a `WITHOUT ROWID` table (one B-tree
//! instead of a table and two indexes), on PostgreSQL that primary key in place of both
//! indexes. Term rows: (kind, term, customer) as the key instead of a surrogate id, plus
//! the customer index (a customer's terms are read and replaced on every edit). Neither
//! keeps a foreign key: customers are never deleted, and the rows are derived data the core
//! writes with the customer (a customer's prefix rows are found from its stored terms and
//! old sort key). An import of 100,000 customers writes 0.9 M terms and 2.2 M prefixes:
//! sorted keys in one B-tree each fill several times faster than three B-trees filled in
//! different orders plus a foreign-key check a row.

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
                "ALTER TABLE customer_search_term DROP CONSTRAINT IF EXISTS fk_customer_search_term_customer_id",
                "DROP INDEX IF EXISTS ix_customer_search_term_term",
                "DELETE FROM customer_search_term a USING customer_search_term b \
                 WHERE a.id < b.id AND a.kind = b.kind AND a.term = b.term AND a.customer_id = b.customer_id",
                "ALTER TABLE customer_search_term DROP COLUMN id",
                "ALTER TABLE customer_search_term ADD CONSTRAINT pk_customer_search_term \
                 PRIMARY KEY (kind, term, customer_id)",
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
            "CREATE TABLE customer_search_term_new (
                 kind varchar(8) NOT NULL CHECK (kind IN ('text', 'phone')),
                 term varchar(200) NOT NULL,
                 customer_id integer NOT NULL,
                 PRIMARY KEY (kind, term, customer_id)
             ) WITHOUT ROWID",
            "INSERT INTO customer_search_term_new (kind, term, customer_id)
             SELECT DISTINCT kind, term, customer_id FROM customer_search_term ORDER BY 1, 2, 3",
            "DROP TABLE customer_search_term",
            "ALTER TABLE customer_search_term_new RENAME TO customer_search_term",
            "CREATE INDEX ix_customer_search_term_customer ON customer_search_term (customer_id)",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }
}
