//! Language-aware routing and consultation services for foreign residents.
//!
//! - `staff_language`: the languages a staff member speaks and how well, filled from the
//!   old comma list `staff.languages` (kept, written from the new table, so readers of the
//!   plain list go on working).
//! - `service_case`: `foreign_language` (the customer's language is not Chinese),
//!   `language_contact_id` (a staff member who speaks it) and `consultation_topic`.
//! - `follow_up.by_speaker`: whether the one who completed it speaks the case's language.
//! - The desk's knowledge base: `kb_answer` and its texts per language, indexed for search
//!   the way cases are (SQLite `kb_fts`, PostgreSQL `tok` with a GIN index).
//!
//! The value lists are copies of `core/src/domain/desk.rs` (a core test compares them).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{DbBackend, Statement};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000012_language_routing"
    }
}

pub const LANGUAGE_LEVELS: &[&str] = &["native", "fluent", "working", "basic"];
pub const CONSULTATION_TOPICS: &[&str] =
    &["shopping", "transport", "travel", "everyday_life", "car_rental", "medical", "schools", "visas", "other"];
/// The level given to languages of the old comma list: they were listed as spoken.
const MIGRATED_LEVEL: &str = "fluent";

fn one_of(column: &'static str, values: &[&str]) -> SimpleExpr {
    Expr::col(column).is_in(values.iter().map(|v| (*v).to_owned()))
}

fn fk(
    table: &'static str,
    column: &'static str,
    target: &'static str,
    action: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(target, "id")
        .on_delete(action)
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let pg = m.get_database_backend() == DbBackend::Postgres;
        let db = m.get_connection();
        m.create_table(
            Table::create()
                .table("staff_language")
                .col(pk_auto("id"))
                .col(integer("staff_id"))
                .col(string_len("language", 16))
                .col(string_len("level", 16).check(one_of("level", LANGUAGE_LEVELS)))
                .foreign_key(&mut fk("staff_language", "staff_id", "staff", ForeignKeyAction::Cascade))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_staff_language_staff_language")
                .table("staff_language")
                .col("staff_id")
                .col("language")
                .unique()
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_staff_language_language")
                .table("staff_language")
                .col("language")
                .col("staff_id")
                .take(),
        )
        .await?;
        // The old comma lists, one row per language.
        let backend = m.get_database_backend();
        let rows = db.query_all_raw(Statement::from_string(backend, "SELECT id, languages FROM staff")).await?;
        for r in rows {
            let id: i32 = r.try_get_by_index(0)?;
            let list: String = r.try_get_by_index(1)?;
            let mut seen: Vec<&str> = Vec::new();
            for lang in list.split(',').map(str::trim).filter(|l| !l.is_empty() && l.len() <= 16) {
                if seen.contains(&lang) {
                    continue;
                }
                seen.push(lang);
                let insert = Query::insert()
                    .into_table("staff_language")
                    .columns(["staff_id", "language", "level"])
                    .values_panic([id.into(), lang.into(), MIGRATED_LEVEL.into()])
                    .to_owned();
                db.execute(&insert).await?;
            }
        }

        m.alter_table(
            Table::alter().table("service_case").add_column(boolean("foreign_language").default(false)).take(),
        )
        .await?;
        m.alter_table(Table::alter().table("service_case").add_column(integer_null("language_contact_id")).take())
            .await?;
        m.alter_table(
            Table::alter()
                .table("service_case")
                .add_column(string_len_null("consultation_topic", 24).check(
                    Expr::col("consultation_topic").is_null().or(one_of("consultation_topic", CONSULTATION_TOPICS)),
                ))
                .take(),
        )
        .await?;
        db.execute_unprepared("UPDATE service_case SET foreign_language = (language NOT LIKE 'zh%')").await?;
        // The dashboard's foreign-language cases of a period.
        m.create_index(
            Index::create()
                .name("ix_service_case_foreign")
                .table("service_case")
                .col("foreign_language")
                .col("received_at")
                .take(),
        )
        .await?;
        m.alter_table(Table::alter().table("follow_up").add_column(boolean_null("by_speaker")).take()).await?;

        m.create_table(
            Table::create()
                .table("kb_answer")
                .col(pk_auto("id"))
                .col(string_len("topic", 24).check(one_of("topic", CONSULTATION_TOPICS)))
                .col(boolean("active").default(true))
                .col(integer("created_by"))
                .col(integer("version").default(1))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("kb_answer", "created_by", "staff", ForeignKeyAction::Restrict))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("ix_kb_answer_topic").table("kb_answer").col("topic").col("id").take())
            .await?;
        m.create_table(
            Table::create()
                .table("kb_answer_text")
                .col(pk_auto("id"))
                .col(integer("answer_id"))
                .col(string_len("language", 16))
                .col(string_len("title", 200))
                .col(text("body"))
                .foreign_key(&mut fk("kb_answer_text", "answer_id", "kb_answer", ForeignKeyAction::Cascade))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_kb_answer_text_answer_language")
                .table("kb_answer_text")
                .col("answer_id")
                .col("language")
                .unique()
                .take(),
        )
        .await?;
        if pg {
            db.execute_unprepared(
                "ALTER TABLE kb_answer ADD COLUMN tok tsvector NOT NULL DEFAULT ''::tsvector;
                 CREATE INDEX ix_kb_answer_tok ON kb_answer USING gin (tok);",
            )
            .await?;
        } else {
            // One row per answer (rowid = answer id), every language's title and body.
            db.execute_unprepared(
                "CREATE VIRTUAL TABLE kb_fts USING fts5(text, tokenize = 'unicode61', prefix = '2 3 4')",
            )
            .await?;
        }
        Ok(())
    }
}
