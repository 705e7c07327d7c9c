//! Customer search that stops after a page: every short prefix (up to six characters) of a
//! customer's text search terms, with the customer's sort key, so the common short
//! queries (`张`, `w`, `zs`, `wang`) read one index range already in list order.
//! Rows for existing customers are derived from their stored terms.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000003_customer_search"
    }
}

/// Keep in step with `steward_core::search::PREFIX_MAX`.
const PREFIX_MAX: i32 = 6;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let pg = m.get_database_backend() == DbBackend::Postgres;
        let mut prefix = string_len("prefix", 24);
        if pg {
            prefix.extra("COLLATE \"C\"");
        }
        m.create_table(
            Table::create()
                .table("customer_search_prefix")
                .col(integer("customer_id"))
                .col(prefix)
                // The customer's sort key (same collation as customer.sort_key): the list order.
                .col(string_len("sort_key", 400))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_customer_search_prefix_customer_id")
                        .from("customer_search_prefix", "customer_id")
                        .to("customer", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_customer_search_prefix_prefix")
                .table("customer_search_prefix")
                .col("prefix")
                .col("sort_key")
                .col("customer_id")
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_customer_search_prefix_customer")
                .table("customer_search_prefix")
                .col("customer_id")
                .take(),
        )
        .await?;
        // Existing customers: the same rows `search::customer_prefixes` derives.
        let db = m.get_connection();
        db.execute_unprepared(&format!(
            "INSERT INTO customer_search_prefix (customer_id, prefix, sort_key)
             WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < {PREFIX_MAX}),
             p AS (SELECT DISTINCT t.customer_id, substr(t.term, 1, n.k) AS prefix
                   FROM customer_search_term t JOIN n ON n.k <= length(t.term)
                   WHERE t.kind = 'text'),
             pv AS (SELECT customer_id, prefix FROM p
                    UNION SELECT customer_id, replace(prefix, 'ü', 'v') FROM p WHERE prefix LIKE '%ü%')
             SELECT pv.customer_id, pv.prefix, c.sort_key FROM pv JOIN customer c ON c.id = pv.customer_id
             WHERE pv.prefix NOT LIKE '% %'"
        ))
        .await?;
        Ok(())
    }
}
