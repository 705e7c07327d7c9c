//! `case_department`: one row per case and department that has a work order on it,
//! carrying the case's status and received time. A department's list ("engineering's
//! cases in progress, newest first") and its capped count then read one index range
//! instead of walking the newest cases and probing each for an order of the department.
//! The core keeps it: a row when an order is dispatched to a new department, the status
//! whenever the case's status changes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000005_case_department"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("case_department")
                .col(integer("case_id"))
                .col(string_len("department", 24))
                .col(string_len("case_status", 24))
                .col(timestamp_with_time_zone("received_at"))
                .primary_key(Index::create().col("case_id").col("department"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_case_department_case_id")
                        .from("case_department", "case_id")
                        .to("service_case", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_case_department_list")
                .table("case_department")
                .col("department")
                .col("case_status")
                .col("received_at")
                .col("case_id")
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_case_department_newest")
                .table("case_department")
                .col("department")
                .col("received_at")
                .col("case_id")
                .take(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared(
                "INSERT INTO case_department (case_id, department, case_status, received_at) \
                 SELECT DISTINCT w.case_id, w.department, c.status, c.received_at \
                 FROM work_order w JOIN service_case c ON c.id = w.case_id WHERE w.department IS NOT NULL",
            )
            .await?;
        // Replaced by the table above: nothing else reads orders by case and department.
        m.drop_index(Index::drop().name("ix_work_order_case_department").table("work_order").to_owned()).await?;
        Ok(())
    }
}
