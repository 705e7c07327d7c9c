//! The service desk: cases, work orders, charges, timeline, follow-ups, due targets,
//! alerts, attachments, suppliers, maintained counts and full-text search.
//! The value lists below are copies of the vocabularies in `core/src/domain/desk.rs`
//! (a core test compares them): a migration never changes when the code does.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000002_service_desk"
    }
}

pub const CASE_KINDS: &[&str] = &["repair", "complaint", "suggestion", "inquiry", "service_request", "praise"];
pub const CHANNELS: &[&str] = &["hotline", "walk_in", "letter", "online", "patrol", "other"];
pub const PRIORITIES: &[&str] = &["low", "normal", "high", "urgent"];
pub const CASE_STATUSES: &[&str] = &["new", "in_progress", "awaiting_follow_up", "closed"];
pub const WORK_ORDER_STATUSES: &[&str] =
    &["new", "dispatched", "accepted", "in_progress", "paused", "done", "verified", "cancelled"];
pub const CHARGE_KINDS: &[&str] = &["labour", "material", "other"];
pub const CASE_EVENT_KINDS: &[&str] = &[
    "received",
    "edited",
    "dispatched",
    "accepted",
    "started",
    "paused",
    "resumed",
    "done",
    "verified",
    "sent_back",
    "cancelled",
    "handed_over",
    "escalated",
    "follow_up_attempt",
    "followed_up",
    "reopened",
    "closed",
    "resolved",
    "attachment_added",
    "charge_added",
    "note",
];
pub const FOLLOW_UP_STATUSES: &[&str] = &["pending", "done", "unreachable"];
pub const ATTEMPT_OUTCOMES: &[&str] = &["no_answer", "busy", "wrong_number", "reached"];
pub const ALERT_KINDS: &[&str] = &["overdue_response", "overdue_completion", "overdue_work_order", "dissatisfied"];
pub const ESCALATION_TIERS: &[&str] = &["branch", "head_office"];
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

/// Default due targets, kind × priority → (response, completion) minutes. Same numbers
/// as `core/src/desk/rules/due.rs` (a core test compares them).
/// (priority, response minutes, completion minutes).
type Target = (&'static str, i32, i32);
pub const DUE_TARGETS: &[(&str, [Target; 4])] = &[
    ("repair", [("urgent", 30, 240), ("high", 60, 480), ("normal", 120, 1440), ("low", 240, 4320)]),
    ("complaint", [("urgent", 30, 480), ("high", 60, 1440), ("normal", 120, 2880), ("low", 240, 4320)]),
    ("suggestion", [("urgent", 60, 1440), ("high", 240, 2880), ("normal", 480, 4320), ("low", 1440, 10080)]),
    ("inquiry", [("urgent", 15, 60), ("high", 30, 240), ("normal", 60, 480), ("low", 240, 1440)]),
    ("service_request", [("urgent", 30, 240), ("high", 60, 720), ("normal", 120, 1440), ("low", 240, 4320)]),
    ("praise", [("urgent", 60, 1440), ("high", 240, 2880), ("normal", 480, 4320), ("low", 1440, 10080)]),
];

fn one_of(column: &'static str, values: &[&str]) -> SimpleExpr {
    Expr::col(column).is_in(values.iter().map(|v| (*v).to_owned()))
}

fn null_or_one_of(column: &'static str, values: &[&str]) -> SimpleExpr {
    Expr::col(column).is_null().or(one_of(column, values))
}

fn between(column: &'static str, low: i32, high: i32) -> SimpleExpr {
    Expr::col(column).gte(low).and(Expr::col(column).lte(high))
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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let pg = m.get_database_backend() == DbBackend::Postgres;

        // Level 1 of escalation is the department's supervisor; levels 3 and 4 are the
        // branch's and head office's people who have accounts here.
        m.alter_table(Table::alter().table("staff").add_column(boolean("supervisor").default(false)).take()).await?;
        m.alter_table(
            Table::alter()
                .table("staff")
                .add_column(
                    string_len_null("escalation_tier", 16).check(null_or_one_of("escalation_tier", ESCALATION_TIERS)),
                )
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("supplier")
                .col(pk_auto("id"))
                .col(string_len("name", 200))
                .col(string_len("trade", 100))
                .col(string_len("contact", 100))
                .col(string_len("phone", 40))
                .col(text("notes"))
                .col(boolean("active").default(true))
                .col(version())
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;
        m.create_index(index("supplier", "name", &["active", "name"])).await?;

        m.create_table(
            Table::create()
                .table("service_case")
                .col(pk_auto("id"))
                .col(string_len("kind", 24).check(one_of("kind", CASE_KINDS)))
                .col(string_len("channel", 16).check(one_of("channel", CHANNELS)))
                .col(string_len("priority", 16).check(one_of("priority", PRIORITIES)))
                .col(string_len("status", 24).check(one_of("status", CASE_STATUSES)))
                .col(string_len("title", 200))
                .col(text("description"))
                .col(integer_null("customer_id"))
                .col(integer_null("unit_id"))
                .col(string_len_null("caller_name", 100))
                .col(string_len_null("caller_phone", 40))
                .col(string_len("language", 16))
                .col(integer("received_by"))
                .col(integer("owner_id"))
                .col(timestamp_with_time_zone("received_at"))
                .col(timestamp_with_time_zone("response_due_at"))
                .col(timestamp_with_time_zone("completion_due_at"))
                // The due time that still matters (response, then completion); null once completed.
                .col(timestamp_with_time_zone_null("due_at"))
                .col(timestamp_with_time_zone_null("responded_at"))
                .col(timestamp_with_time_zone_null("completed_at"))
                .col(timestamp_with_time_zone_null("closed_at"))
                .col(timestamp_with_time_zone_null("reopened_at"))
                .col(integer("escalation_level").default(0).check(between("escalation_level", 0, 4)))
                .col(timestamp_with_time_zone_null("escalated_at"))
                // When the sweep must look at this case again; null when nothing can escalate.
                .col(timestamp_with_time_zone_null("next_escalation_at"))
                .col(integer("reopen_count").default(0))
                .col(integer_null("satisfaction").check(Expr::col("satisfaction").is_null().or(between(
                    "satisfaction",
                    1,
                    5,
                ))))
                .col(text("search_text"))
                .col(version())
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("service_case", "customer_id", "customer"))
                .foreign_key(&mut fk("service_case", "unit_id", "unit"))
                .foreign_key(&mut fk("service_case", "received_by", "staff"))
                .foreign_key(&mut fk("service_case", "owner_id", "staff"))
                .take(),
        )
        .await?;
        m.create_index(index("service_case", "received", &["received_at", "id"])).await?;
        m.create_index(index("service_case", "status", &["status", "received_at", "id"])).await?;
        m.create_index(index("service_case", "owner", &["owner_id", "status", "received_at"])).await?;
        m.create_index(index("service_case", "receiver", &["received_by", "received_at"])).await?;
        m.create_index(index("service_case", "kind", &["kind", "received_at"])).await?;
        m.create_index(index("service_case", "channel", &["channel", "received_at"])).await?;
        m.create_index(index("service_case", "language", &["language", "received_at"])).await?;
        m.create_index(index("service_case", "customer", &["customer_id", "received_at"])).await?;
        m.create_index(index("service_case", "unit", &["unit_id", "received_at"])).await?;
        m.create_index(index("service_case", "due", &["due_at"])).await?;
        m.create_index(index("service_case", "next_escalation", &["next_escalation_at"])).await?;

        m.create_table(
            Table::create()
                .table("work_order")
                .col(pk_auto("id"))
                .col(integer("case_id"))
                // Its number within the case: case C000123's second order is C000123-2.
                .col(integer("seq"))
                .col(string_len_null("department", 24).check(null_or_one_of("department", DEPARTMENTS)))
                .col(integer_null("supplier_id"))
                .col(integer_null("assignee_id"))
                .col(text("instructions"))
                .col(string_len("priority", 16).check(one_of("priority", PRIORITIES)))
                .col(string_len("status", 16).check(one_of("status", WORK_ORDER_STATUSES)))
                .col(string_len_null("resume_status", 16).check(null_or_one_of("resume_status", WORK_ORDER_STATUSES)))
                .col(timestamp_with_time_zone("due_at"))
                .col(text_null("result"))
                .col(text_null("reason"))
                .col(timestamp_with_time_zone_null("dispatched_at"))
                .col(timestamp_with_time_zone_null("accepted_at"))
                .col(timestamp_with_time_zone_null("started_at"))
                .col(timestamp_with_time_zone_null("done_at"))
                .col(timestamp_with_time_zone_null("verified_at"))
                .col(timestamp_with_time_zone_null("cancelled_at"))
                .col(integer("escalation_level").default(0).check(between("escalation_level", 0, 4)))
                .col(timestamp_with_time_zone_null("next_escalation_at"))
                .col(integer("created_by"))
                .col(version())
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("work_order", "case_id", "service_case"))
                .foreign_key(&mut fk("work_order", "supplier_id", "supplier"))
                .foreign_key(&mut fk("work_order", "assignee_id", "staff"))
                .foreign_key(&mut fk("work_order", "created_by", "staff"))
                .take(),
        )
        .await?;
        m.create_index(index("work_order", "case_seq", &["case_id", "seq"]).unique().take()).await?;
        m.create_index(index("work_order", "department", &["department", "status", "created_at"])).await?;
        m.create_index(index("work_order", "assignee", &["assignee_id", "status", "due_at"])).await?;
        m.create_index(index("work_order", "supplier", &["supplier_id", "status"])).await?;
        m.create_index(index("work_order", "status", &["status", "created_at"])).await?;
        m.create_index(index("work_order", "next_escalation", &["next_escalation_at"])).await?;

        m.create_table(
            Table::create()
                .table("work_order_charge")
                .col(pk_auto("id"))
                .col(integer("work_order_id"))
                .col(string_len("kind", 16).check(one_of("kind", CHARGE_KINDS)))
                .col(string_len("description", 200))
                .col(big_integer("quantity_milli").check(Expr::col("quantity_milli").gt(0)))
                .col(big_integer("unit_price_cents").check(Expr::col("unit_price_cents").gte(0)))
                .col(big_integer("amount_cents").check(Expr::col("amount_cents").gte(0)))
                .col(integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("work_order_charge", "work_order_id", "work_order"))
                .foreign_key(&mut fk("work_order_charge", "created_by", "staff"))
                .take(),
        )
        .await?;
        m.create_index(index("work_order_charge", "work_order", &["work_order_id", "id"])).await?;

        m.create_table(
            Table::create()
                .table("case_event")
                .col(pk_auto("id"))
                .col(integer("case_id"))
                .col(integer_null("work_order_id"))
                .col(timestamp_with_time_zone("at"))
                .col(integer_null("staff_id"))
                .col(string_len("kind", 24).check(one_of("kind", CASE_EVENT_KINDS)))
                .col(text("note"))
                .col(text("data"))
                .foreign_key(&mut fk("case_event", "case_id", "service_case"))
                .foreign_key(&mut fk("case_event", "work_order_id", "work_order"))
                .foreign_key(&mut fk("case_event", "staff_id", "staff"))
                .take(),
        )
        .await?;
        m.create_index(index("case_event", "case", &["case_id", "id"])).await?;

        m.create_table(
            Table::create()
                .table("follow_up")
                .col(pk_auto("id"))
                .col(integer("case_id"))
                .col(integer("owner_id"))
                .col(string_len("status", 16).check(one_of("status", FOLLOW_UP_STATUSES)))
                .col(timestamp_with_time_zone("due_at"))
                .col(integer("attempts").default(0))
                .col(integer_null("satisfaction").check(Expr::col("satisfaction").is_null().or(between(
                    "satisfaction",
                    1,
                    5,
                ))))
                .col(text_null("remark"))
                .col(string_len("language", 16))
                .col(timestamp_with_time_zone_null("done_at"))
                .col(integer_null("done_by"))
                .col(version())
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("follow_up", "case_id", "service_case"))
                .foreign_key(&mut fk("follow_up", "owner_id", "staff"))
                .foreign_key(&mut fk("follow_up", "done_by", "staff"))
                .take(),
        )
        .await?;
        m.create_index(index("follow_up", "owner", &["owner_id", "status", "due_at"])).await?;
        m.create_index(index("follow_up", "status", &["status", "due_at"])).await?;
        m.create_index(index("follow_up", "case", &["case_id", "id"])).await?;
        m.create_index(index("follow_up", "done", &["done_at"])).await?;

        m.create_table(
            Table::create()
                .table("follow_up_attempt")
                .col(pk_auto("id"))
                .col(integer("follow_up_id"))
                .col(timestamp_with_time_zone("at"))
                .col(integer("staff_id"))
                .col(string_len("outcome", 16).check(one_of("outcome", ATTEMPT_OUTCOMES)))
                .col(timestamp_with_time_zone_null("next_at"))
                .col(text("note"))
                .foreign_key(&mut fk("follow_up_attempt", "follow_up_id", "follow_up"))
                .foreign_key(&mut fk("follow_up_attempt", "staff_id", "staff"))
                .take(),
        )
        .await?;
        m.create_index(index("follow_up_attempt", "follow_up", &["follow_up_id", "id"])).await?;

        m.create_table(
            Table::create()
                .table("due_target")
                .col(pk_auto("id"))
                .col(string_len("kind", 24).check(one_of("kind", CASE_KINDS)))
                .col(string_len("priority", 16).check(one_of("priority", PRIORITIES)))
                .col(integer("response_minutes").check(Expr::col("response_minutes").gt(0)))
                .col(
                    integer("completion_minutes")
                        .check(Expr::col("completion_minutes").gte(Expr::col("response_minutes"))),
                )
                .col(version())
                .col(timestamp_with_time_zone_null("updated_at"))
                .take(),
        )
        .await?;
        m.create_index(index("due_target", "kind_priority", &["kind", "priority"]).unique().take()).await?;
        let mut rows = Query::insert();
        rows.into_table("due_target").columns(["kind", "priority", "response_minutes", "completion_minutes"]);
        for (kind, targets) in DUE_TARGETS {
            for (priority, response, completion) in targets {
                rows.values_panic([(*kind).into(), (*priority).into(), (*response).into(), (*completion).into()]);
            }
        }
        m.exec_stmt(rows).await?;

        m.create_table(
            Table::create()
                .table("alert")
                .col(pk_auto("id"))
                .col(integer("staff_id"))
                .col(integer("case_id"))
                .col(integer_null("work_order_id"))
                .col(integer("level").check(between("level", 1, 4)))
                .col(string_len("kind", 24).check(one_of("kind", ALERT_KINDS)))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("read_at"))
                .foreign_key(&mut fk("alert", "staff_id", "staff"))
                .foreign_key(&mut fk("alert", "case_id", "service_case"))
                .foreign_key(&mut fk("alert", "work_order_id", "work_order"))
                .take(),
        )
        .await?;
        m.create_index(index("alert", "staff", &["staff_id", "read_at", "id"])).await?;
        m.create_index(index("alert", "case", &["case_id"])).await?;

        m.create_table(
            Table::create()
                .table("attachment")
                .col(pk_auto("id"))
                .col(integer("case_id"))
                .col(integer_null("work_order_id"))
                .col(string_len("file_name", 255))
                .col(string_len("mime", 100))
                .col(integer("size").check(between("size", 0, 10 * 1024 * 1024)))
                .col(string_len("sha256", 64))
                .col(blob("content"))
                .col(integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("attachment", "case_id", "service_case"))
                .foreign_key(&mut fk("attachment", "work_order_id", "work_order"))
                .foreign_key(&mut fk("attachment", "created_by", "staff"))
                .take(),
        )
        .await?;
        m.create_index(index("attachment", "case", &["case_id", "id"])).await?;

        m.create_table(
            Table::create()
                .table("desk_count")
                .col(string_len("scope", 32))
                .col(string_len("key", 64))
                .col(big_integer("n").default(0))
                .primary_key(Index::create().col("scope").col("key"))
                .take(),
        )
        .await?;

        if pg {
            m.get_connection()
                .execute_unprepared(
                    "ALTER TABLE service_case ADD COLUMN tok tsvector NOT NULL DEFAULT ''::tsvector;
                     CREATE INDEX ix_service_case_tok ON service_case USING gin (tok);",
                )
                .await?;
        } else {
            // One row per case, rowid = case id; the text has a space around every CJK
            // character so each is its own token and a phrase query finds any run of them.
            m.get_connection()
                .execute_unprepared("CREATE VIRTUAL TABLE case_fts USING fts5(text, tokenize = 'unicode61')")
                .await?;
        }
        Ok(())
    }
}
