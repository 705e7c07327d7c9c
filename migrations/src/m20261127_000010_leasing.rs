//! Leasing referrals (房屋租赁服务): owners' listings of units for rent, partner agencies,
//! prospective tenants, referrals through a pipeline, viewings, signed leases and the
//! agencies' commissions. The value lists below are copies of the vocabularies in
//! `core/src/domain/leasing.rs` (a core test compares them).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000010_leasing"
    }
}

pub const LISTING_STATUSES: &[&str] = &["draft", "open", "reserved", "let", "withdrawn"];
pub const COMMISSION_KINDS: &[&str] = &["percent_of_rent", "fixed"];
pub const PROSPECT_SOURCES: &[&str] = &["walk_in", "agency", "resident", "online"];
pub const REFERRAL_STAGES: &[&str] =
    &["referred", "viewing_scheduled", "viewed", "offer", "signed", "withdrawn", "lost"];
pub const VIEWING_STATUSES: &[&str] = &["scheduled", "done", "cancelled"];

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

fn non_negative(column: &'static str) -> SimpleExpr {
    Expr::col(column).gte(0)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // An owner's offer of a unit for rent.
        m.create_table(
            Table::create()
                .table("listing")
                .col(pk_auto("id"))
                .col(integer("unit_id"))
                .col(integer("owner_id"))
                .col(big_integer("asking_rent_cents").check(non_negative("asking_rent_cents")))
                // Months of rent held as deposit, and the terms in words ("two months, paid at signing").
                .col(integer("deposit_months").check(non_negative("deposit_months")))
                .col(text("deposit_terms"))
                .col(date("available_from"))
                .col(integer("min_term_months").check(non_negative("min_term_months")))
                .col(integer("rooms").check(non_negative("rooms")))
                .col(boolean("furnished").default(false))
                .col(boolean("pets").default(false))
                .col(boolean("parking").default(false))
                .col(string_len("status", 16).check(one_of("status", LISTING_STATUSES)))
                .col(text("notes"))
                .col(integer("created_by"))
                .col(integer("version").default(1))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("listing", "unit_id", "unit"))
                .foreign_key(&mut fk("listing", "owner_id", "customer"))
                .foreign_key(&mut fk("listing", "created_by", "staff"))
                .take(),
        )
        .await?;
        m.create_index(index("listing", "status", &["status", "available_from", "id"])).await?;
        m.create_index(index("listing", "unit", &["unit_id", "status"])).await?;
        m.create_index(index("listing", "owner", &["owner_id", "status"])).await?;
        // At most one open listing per unit; both databases take a partial unique index.
        m.get_connection()
            .execute_unprepared("CREATE UNIQUE INDEX ux_listing_open_unit ON listing (unit_id) WHERE status = 'open'")
            .await?;

        // The listing's title and description per language.
        m.create_table(
            Table::create()
                .table("listing_text")
                .col(pk_auto("id"))
                .col(integer("listing_id"))
                .col(string_len("language", 16))
                .col(string_len("title", 200))
                .col(text("description"))
                .foreign_key(&mut fk("listing_text", "listing_id", "listing"))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_listing_text_language")
                .table("listing_text")
                .col("listing_id")
                .col("language")
                .unique()
                .take(),
        )
        .await?;

        // Photos of a listing, kept in the database like case attachments, in order.
        m.create_table(
            Table::create()
                .table("listing_photo")
                .col(pk_auto("id"))
                .col(integer("listing_id"))
                .col(integer("position"))
                .col(string_len("file_name", 255))
                .col(string_len("mime", 100))
                .col(integer("size"))
                .col(string_len("sha256", 64))
                .col(blob("content"))
                .col(integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("listing_photo", "listing_id", "listing"))
                .foreign_key(&mut fk("listing_photo", "created_by", "staff"))
                .take(),
        )
        .await?;
        m.create_index(index("listing_photo", "listing", &["listing_id", "position"])).await?;

        // A partner agency (中介机构) and its commission terms: basis points of one month's
        // rent, or cents.
        m.create_table(
            Table::create()
                .table("agency")
                .col(pk_auto("id"))
                .col(string_len("name", 200))
                .col(text("contacts"))
                .col(string_len("phone", 40))
                .col(string_len("email", 200))
                .col(string_len("commission_kind", 20).check(one_of("commission_kind", COMMISSION_KINDS)))
                .col(big_integer("commission_value").check(non_negative("commission_value")))
                .col(boolean("active").default(true))
                .col(text("notes"))
                .col(integer("version").default(1))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;
        m.create_index(index("agency", "active", &["active", "name", "id"])).await?;

        // A person or company looking to rent, with what they need.
        m.create_table(
            Table::create()
                .table("prospect")
                .col(pk_auto("id"))
                .col(string_len("name", 200))
                .col(string_len("company", 200))
                .col(string_len("phone", 40))
                .col(string_len("email", 200))
                .col(string_len("preferred_language", 16))
                .col(string_len_null("nationality", 2))
                .col(big_integer_null("budget_min_cents"))
                .col(big_integer_null("budget_max_cents"))
                .col(integer_null("rooms_min"))
                .col(integer_null("area_min_centi_m2"))
                .col(date_null("move_in"))
                .col(integer_null("term_months"))
                .col(boolean("needs_furnished").default(false))
                .col(boolean("needs_pets").default(false))
                .col(boolean("needs_parking").default(false))
                .col(string_len("source", 16).check(one_of("source", PROSPECT_SOURCES)))
                .col(integer_null("agency_id"))
                .col(text("notes"))
                // Set when a lease is signed: the tenant customer the prospect became.
                .col(integer_null("customer_id"))
                .col(boolean("active").default(true))
                .col(integer("version").default(1))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("prospect", "agency_id", "agency"))
                .foreign_key(&mut fk("prospect", "customer_id", "customer"))
                .take(),
        )
        .await?;
        m.create_index(index("prospect", "active", &["active", "id"])).await?;
        m.create_index(index("prospect", "source", &["source", "active", "id"])).await?;
        m.create_index(index("prospect", "agency", &["agency_id"])).await?;
        m.create_index(index("prospect", "customer", &["customer_id"])).await?;

        // A listing referred to a prospect, directly or through an agency.
        m.create_table(
            Table::create()
                .table("referral")
                .col(pk_auto("id"))
                .col(integer("listing_id"))
                .col(integer("prospect_id"))
                .col(integer_null("agency_id"))
                .col(string_len("stage", 20).check(one_of("stage", REFERRAL_STAGES)))
                .col(text_null("lost_reason"))
                .col(integer("created_by"))
                .col(integer("version").default(1))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("referral", "listing_id", "listing"))
                .foreign_key(&mut fk("referral", "prospect_id", "prospect"))
                .foreign_key(&mut fk("referral", "agency_id", "agency"))
                .foreign_key(&mut fk("referral", "created_by", "staff"))
                .take(),
        )
        .await?;
        // The board and list filters: by stage, agency, listing, prospect; newest first.
        m.create_index(index("referral", "stage", &["stage", "id"])).await?;
        m.create_index(index("referral", "agency", &["agency_id", "stage", "id"])).await?;
        m.create_index(index("referral", "listing", &["listing_id", "stage", "id"])).await?;
        m.create_index(index("referral", "prospect", &["prospect_id", "stage", "id"])).await?;

        // Each move of a referral: dated and by whom.
        m.create_table(
            Table::create()
                .table("referral_step")
                .col(pk_auto("id"))
                .col(integer("referral_id"))
                .col(string_len_null("from_stage", 20))
                .col(string_len("to_stage", 20).check(one_of("to_stage", REFERRAL_STAGES)))
                .col(timestamp_with_time_zone("at"))
                .col(integer("staff_id"))
                .col(text("note"))
                .foreign_key(&mut fk("referral_step", "referral_id", "referral"))
                .foreign_key(&mut fk("referral_step", "staff_id", "staff"))
                .take(),
        )
        .await?;
        m.create_index(index("referral_step", "referral", &["referral_id", "id"])).await?;

        // A viewing appointment for the leasing desk's calendar.
        m.create_table(
            Table::create()
                .table("viewing")
                .col(pk_auto("id"))
                .col(integer("referral_id"))
                .col(timestamp_with_time_zone("starts_at"))
                .col(timestamp_with_time_zone("ends_at"))
                .col(integer("staff_id"))
                .col(string_len("status", 16).check(one_of("status", VIEWING_STATUSES)))
                .col(timestamp_with_time_zone_null("remind_at"))
                .col(text("notes"))
                .col(integer("version").default(1))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("viewing", "referral_id", "referral"))
                .foreign_key(&mut fk("viewing", "staff_id", "staff"))
                .take(),
        )
        .await?;
        m.create_index(index("viewing", "starts", &["starts_at", "id"])).await?;
        m.create_index(index("viewing", "staff_starts", &["staff_id", "starts_at"])).await?;
        m.create_index(index("viewing", "referral", &["referral_id"])).await?;

        // A signed lease: one per referral.
        m.create_table(
            Table::create()
                .table("lease")
                .col(pk_auto("id"))
                .col(integer("referral_id").unique_key())
                .col(integer("listing_id"))
                .col(integer("unit_id"))
                .col(integer("customer_id"))
                .col(integer("owner_id"))
                .col(date("starts_on"))
                .col(date("ends_on"))
                .col(big_integer("monthly_rent_cents").check(non_negative("monthly_rent_cents")))
                .col(big_integer("deposit_cents").check(non_negative("deposit_cents")))
                .col(integer("payment_day").check(Expr::col("payment_day").between(1, 31)))
                .col(integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("lease", "referral_id", "referral"))
                .foreign_key(&mut fk("lease", "listing_id", "listing"))
                .foreign_key(&mut fk("lease", "unit_id", "unit"))
                .foreign_key(&mut fk("lease", "customer_id", "customer"))
                .foreign_key(&mut fk("lease", "owner_id", "customer"))
                .foreign_key(&mut fk("lease", "created_by", "staff"))
                .take(),
        )
        .await?;
        // Reminders read leases by end date; the owner's page by owner and end date.
        m.create_index(index("lease", "ends", &["ends_on", "id"])).await?;
        m.create_index(index("lease", "owner_ends", &["owner_id", "ends_on"])).await?;
        m.create_index(index("lease", "unit", &["unit_id", "ends_on"])).await?;

        // What an agency earns for a signed lease, and what was paid.
        m.create_table(
            Table::create()
                .table("commission")
                .col(pk_auto("id"))
                .col(integer("agency_id"))
                .col(integer("referral_id"))
                .col(integer("lease_id"))
                .col(big_integer("amount_cents").check(non_negative("amount_cents")))
                .col(date("due_on"))
                .col(date_null("paid_on"))
                .col(big_integer_null("paid_cents"))
                .col(integer("version").default(1))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("commission", "agency_id", "agency"))
                .foreign_key(&mut fk("commission", "referral_id", "referral"))
                .foreign_key(&mut fk("commission", "lease_id", "lease"))
                .take(),
        )
        .await?;
        m.create_index(index("commission", "agency", &["agency_id", "paid_on"])).await?;
        m.create_index(index("commission", "due", &["paid_on", "due_on"])).await?;
        Ok(())
    }
}
