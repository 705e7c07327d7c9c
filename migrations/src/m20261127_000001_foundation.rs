//! Accounts, sessions, audit, change history, settings and the directory
//! (property, buildings, units, customers, occupancies).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000001_foundation"
    }
}

fn one_of(column: &'static str, values: &[&str]) -> SimpleExpr {
    Expr::col(column).is_in(values.iter().map(|v| (*v).to_owned()))
}

fn version() -> ColumnDef {
    integer("version").default(1).take()
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

const ROLES: &[&str] = &["manager", "desk", "department", "leasing"];
const DEPARTMENTS: &[&str] = &[
    "management",
    "customer_service",
    "engineering",
    "security",
    "cleaning",
    "landscaping",
    "public_affairs",
    "quality",
    "leasing",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let pg = m.get_database_backend() == DbBackend::Postgres;

        m.create_table(
            Table::create().table("setting").col(string_len("key", 64).primary_key()).col(text("value")).take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("staff")
                .col(pk_auto("id"))
                .col(string_len_uniq("username", 32))
                .col(string_len("display_name", 100))
                .col(string_len("role", 16).check(one_of("role", ROLES)))
                .col(string_len("department", 24).check(one_of("department", DEPARTMENTS)))
                .col(string_len("languages", 100).default(""))
                .col(string_len_null("locale", 16))
                .col(boolean("active").default(true))
                .col(string_len_null("password_hash", 200))
                .col(version())
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("session")
                .col(pk_auto("id"))
                .col(string_len_uniq("token_hash", 64))
                .col(integer("staff_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("last_seen_at"))
                .col(timestamp_with_time_zone_null("ended_at"))
                .foreign_key(&mut fk("session", "staff_id", "staff"))
                .take(),
        )
        .await?;
        m.create_index(index("session", "staff", &["staff_id"])).await?;

        m.create_table(
            Table::create()
                .table("audit_log")
                .col(pk_auto("id"))
                .col(timestamp_with_time_zone("at"))
                .col(integer_null("staff_id"))
                .col(string_len_null("username", 64))
                .col(string_len("event", 32))
                .col(text("detail"))
                .take(),
        )
        .await?;
        m.create_index(index("audit_log", "event", &["event", "id"])).await?;

        m.create_table(
            Table::create()
                .table("change_log")
                .col(pk_auto("id"))
                .col(timestamp_with_time_zone("at"))
                .col(integer_null("staff_id"))
                .col(string_len("entity", 32))
                .col(integer("entity_id"))
                .col(string_len("action", 16).check(one_of("action", &["create", "update", "delete"])))
                .col(text("changes"))
                .take(),
        )
        .await?;
        m.create_index(index("change_log", "entity", &["entity", "entity_id", "id"])).await?;

        m.create_table(
            Table::create()
                .table("property")
                .col(pk_auto("id"))
                .col(string_len("name", 200))
                .col(string_len("address", 300))
                .col(version())
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("building")
                .col(pk_auto("id"))
                .col(integer("property_id"))
                .col(string_len("code", 16))
                .col(string_len("name", 100))
                .col(integer("floors").check(Expr::col("floors").gt(0)))
                .col(version())
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("building", "property_id", "property"))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("unit")
                .col(pk_auto("id"))
                .col(integer("building_id"))
                .col(string_len("number", 32))
                .col(integer("floor"))
                // Hundredths of a square metre: exact, no floats.
                .col(integer("area_centi_m2").check(Expr::col("area_centi_m2").gte(0)))
                .col(string_len("use_kind", 16).check(one_of("use_kind", &["residential", "office", "shop"])))
                .col(
                    string_len("status", 16).check(one_of("status", &["vacant", "occupied", "for_rent", "renovating"])),
                )
                .col(version())
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("unit", "building_id", "building"))
                .take(),
        )
        .await?;
        m.create_index(index("unit", "building_number", &["building_id", "number"]).unique().take()).await?;
        m.create_index(index("unit", "building_floor", &["building_id", "floor", "number"])).await?;
        m.create_index(index("unit", "number", &["number"])).await?;
        m.create_index(index("unit", "status", &["status", "number"])).await?;
        m.create_index(index("unit", "use_kind", &["use_kind", "number"])).await?;

        m.create_table(
            Table::create()
                .table("customer")
                .col(pk_auto("id"))
                .col(string_len("kind", 16).check(one_of("kind", &["person", "company"])))
                .col(string_len("name", 200))
                .col(string_len_null("name_latin", 200))
                // Lower-case full pinyin / Latin name: orders the list the way people read it.
                .col(string_len("sort_key", 400))
                .col(text("phones"))
                .col(string_len_null("email", 200))
                .col(string_len_null("nationality", 2))
                .col(string_len("preferred_language", 16))
                .col(boolean("vip").default(false))
                .col(
                    string_len_null("id_document_kind", 24).check(
                        Expr::col("id_document_kind")
                            .is_null()
                            .or(one_of("id_document_kind", &["resident_id", "passport", "business_license", "other"])),
                    ),
                )
                .col(string_len_null("id_document_number", 64))
                .col(text("notes"))
                .col(version())
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;
        m.create_index(index("customer", "sort", &["sort_key", "id"])).await?;
        m.create_index(index("customer", "language", &["preferred_language", "sort_key"])).await?;

        // Search terms derived at write time: name suffixes, pinyin, initials, reversed
        // phone digits. Prefix range scans on an index serve every search.
        let mut term = string_len("term", 200);
        if pg {
            // Byte order, so `term >= 'zs' AND term < 'zt'` is a prefix match in any locale.
            term.extra("COLLATE \"C\"");
        }
        m.create_table(
            Table::create()
                .table("customer_search_term")
                .col(pk_auto("id"))
                .col(integer("customer_id"))
                .col(string_len("kind", 8).check(one_of("kind", &["text", "phone"])))
                .col(term)
                .foreign_key(
                    &mut fk("customer_search_term", "customer_id", "customer")
                        .on_delete(ForeignKeyAction::Cascade)
                        .take(),
                )
                .take(),
        )
        .await?;
        m.create_index(index("customer_search_term", "term", &["kind", "term", "customer_id"])).await?;
        m.create_index(index("customer_search_term", "customer", &["customer_id"])).await?;

        m.create_table(
            Table::create()
                .table("occupancy")
                .col(pk_auto("id"))
                .col(integer("customer_id"))
                .col(integer("unit_id"))
                .col(string_len("role", 16).check(one_of("role", &["owner", "tenant", "occupant"])))
                .col(date("start_date"))
                .col(date_null("end_date"))
                .col(version())
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("occupancy", "customer_id", "customer"))
                .foreign_key(&mut fk("occupancy", "unit_id", "unit"))
                .take(),
        )
        .await?;
        m.create_index(index("occupancy", "customer", &["customer_id", "end_date"])).await?;
        m.create_index(index("occupancy", "unit", &["unit_id", "end_date"])).await?;
        Ok(())
    }
}
