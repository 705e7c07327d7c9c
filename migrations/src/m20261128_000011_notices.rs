//! Notices (通知): a notice written once with a text per language, sent to all units, a
//! building, a floor range of a building or a list of units; on issue, one delivery row
//! per unit records the recipient and the language their page is printed in, and later
//! who delivered it and when. The value lists are copies of the vocabularies in
//! `core/src/domain/notices.rs` (a core test compares them).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000011_notices"
    }
}

pub const NOTICE_KINDS: &[&str] =
    &["water_cut", "power_cut", "fire_drill", "holiday_hours", "event", "maintenance", "other"];
pub const NOTICE_STATUSES: &[&str] = &["draft", "issued", "withdrawn"];
pub const NOTICE_AUDIENCES: &[&str] = &["all", "building", "floors", "units"];

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

fn unique(table: &'static str, name: &str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(format!("ux_{table}_{name}")).table(table).unique();
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
        // The notice; its audience is all units, a building, floors of a building, or the
        // units listed in notice_unit.
        m.create_table(
            Table::create()
                .table("notice")
                .col(pk_auto("id"))
                .col(string_len("kind", 16).check(one_of("kind", NOTICE_KINDS)))
                .col(string_len("status", 16).check(one_of("status", NOTICE_STATUSES)))
                // The text given to a recipient whose language the notice has no text in.
                .col(string_len("default_language", 16))
                // What {date} reads as: a day, or a first and last day.
                .col(date_null("event_date"))
                .col(date_null("event_end"))
                .col(string_len("audience", 16).check(one_of("audience", NOTICE_AUDIENCES)))
                .col(integer_null("building_id"))
                .col(integer_null("floor_from"))
                .col(integer_null("floor_to"))
                .col(integer("created_by"))
                .col(timestamp_with_time_zone_null("issued_at"))
                .col(integer_null("issued_by"))
                .col(timestamp_with_time_zone_null("withdrawn_at"))
                .col(integer("version").default(1))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("notice", "building_id", "building"))
                .foreign_key(&mut fk("notice", "created_by", "staff"))
                .foreign_key(&mut fk("notice", "issued_by", "staff"))
                .take(),
        )
        .await?;
        m.create_index(index("notice", "status", &["status", "created_at", "id"])).await?;

        // The title and body per language; placeholders {unit}, {date}, {name} stay as written.
        m.create_table(
            Table::create()
                .table("notice_text")
                .col(pk_auto("id"))
                .col(integer("notice_id"))
                .col(string_len("language", 16))
                .col(string_len("title", 200))
                .col(text("body"))
                .foreign_key(&mut fk("notice_text", "notice_id", "notice"))
                .take(),
        )
        .await?;
        m.create_index(unique("notice_text", "language", &["notice_id", "language"])).await?;

        // The units of a notice sent to a list of units.
        m.create_table(
            Table::create()
                .table("notice_unit")
                .col(pk_auto("id"))
                .col(integer("notice_id"))
                .col(integer("unit_id"))
                .foreign_key(&mut fk("notice_unit", "notice_id", "notice"))
                .foreign_key(&mut fk("notice_unit", "unit_id", "unit"))
                .take(),
        )
        .await?;
        m.create_index(unique("notice_unit", "unit", &["notice_id", "unit_id"])).await?;

        // One row per unit of an issued notice: fixed at issue, so the list stays as it
        // was sent when occupancy changes; delivered_at/by are filled at the door.
        m.create_table(
            Table::create()
                .table("notice_delivery")
                .col(pk_auto("id"))
                .col(integer("notice_id"))
                .col(integer("unit_id"))
                .col(integer_null("customer_id"))
                .col(string_len_null("recipient_role", 16))
                .col(string_len("language", 16))
                .col(boolean("fell_back").default(false))
                .col(timestamp_with_time_zone_null("delivered_at"))
                .col(integer_null("delivered_by"))
                .foreign_key(&mut fk("notice_delivery", "notice_id", "notice"))
                .foreign_key(&mut fk("notice_delivery", "unit_id", "unit"))
                .foreign_key(&mut fk("notice_delivery", "customer_id", "customer"))
                .foreign_key(&mut fk("notice_delivery", "delivered_by", "staff"))
                .take(),
        )
        .await?;
        m.create_index(unique("notice_delivery", "unit", &["notice_id", "unit_id"])).await?;
        m.create_index(index("notice_delivery", "delivered", &["notice_id", "delivered_at"])).await?;
        Ok(())
    }
}
