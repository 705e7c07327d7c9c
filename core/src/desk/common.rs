//! What every desk write shares: locking a case, settling its derived facts (status,
//! due time, follow-up, counts, search index) and writing the timeline.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, NotSet, QueryFilter, QueryOrder,
    QuerySelect, Set, Statement,
};

use super::rules::{due, escalation, status, text};
use super::settings::DeskSettings;
use crate::domain::{CaseEventKind, CaseStatus, Department, FollowUpStatus, WorkOrderStatus};
use crate::entities::{
    building, case_department, case_event, customer, desk_count, follow_up, service_case, unit, work_order,
};
use crate::error::{Error, Result};
use crate::record::versioned;

/// Long lists are `Page`s whose counting stops at `COUNT_CAP`: past it `total` is the cap
/// and `total_is_lower_bound` is set (the screen shows "1,000+"), so a page never counts a
/// million rows.
pub type CaseList<T> = crate::page::Page<T>;

pub const COUNT_CAP: u64 = 1000;

pub fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339()
}

pub fn opt_time(t: Option<DateTime<Utc>>) -> Option<String> {
    t.map(time)
}

/// An RFC 3339 time from the screen, or the field's problem.
pub fn parse_time(field: &str, s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Error::field(field, "validation.datetime"))
}

pub fn text_field(field: &str, value: &str, max: usize, required: bool) -> Result<Option<String>> {
    crate::domain::validate::text(value, max, required).map_err(|k| Error::field(field, k))
}

/// Takes the case for writing: bumps its version (checking `version` when given), which
/// also holds the row until commit so two writers of one case take turns.
pub async fn lock_case(
    db: &impl ConnectionTrait,
    id: i32,
    version: Option<i32>,
    now: DateTime<Utc>,
) -> Result<service_case::Model> {
    let mut q = service_case::Entity::update_many()
        .col_expr(service_case::Column::Version, Expr::col(service_case::Column::Version).add(1))
        .col_expr(service_case::Column::UpdatedAt, Expr::value(now))
        .filter(service_case::Column::Id.eq(id));
    if let Some(v) = version {
        q = q.filter(service_case::Column::Version.eq(v));
    }
    if q.exec(db).await?.rows_affected != 1 {
        return Err(versioned::stale_or_missing::<service_case::Entity>(db, id).await?);
    }
    service_case::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound)
}

/// Closed cases are archived: read-only.
pub fn open_for_writing(c: &service_case::Model) -> Result<()> {
    if c.status == CaseStatus::Closed { Err(Error::field("case", "validation.case_closed")) } else { Ok(()) }
}

#[allow(clippy::too_many_arguments)]
pub async fn event(
    db: &impl ConnectionTrait,
    c: &service_case::Model,
    work_order_id: Option<i32>,
    at: DateTime<Utc>,
    staff_id: Option<i32>,
    kind: CaseEventKind,
    note: &str,
    data: serde_json::Value,
) -> Result<()> {
    case_event::ActiveModel {
        id: NotSet,
        case_id: Set(c.id),
        work_order_id: Set(work_order_id),
        at: Set(at),
        staff_id: Set(staff_id),
        kind: Set(kind),
        note: Set(note.to_owned()),
        data: Set(data.to_string()),
    }
    .insert(db)
    .await?;
    Ok(())
}

pub type Key = (&'static str, String);

pub fn case_keys(c: &service_case::Model) -> Vec<Key> {
    vec![
        ("case_status", c.status.as_str().to_owned()),
        ("owner_status", format!("{}:{}", c.owner_id, c.status.as_str())),
    ]
}

pub fn work_order_keys(w: &work_order::Model) -> Vec<Key> {
    let s = w.status.as_str();
    let mut keys = vec![("work_order_status", s.to_owned())];
    if let Some(d) = w.department {
        keys.push(("department_status", format!("{}:{s}", d.as_str())));
    }
    if let Some(a) = w.assignee_id {
        keys.push(("assignee_status", format!("{a}:{s}")));
    }
    keys
}

pub fn follow_up_keys(f: &follow_up::Model) -> Vec<Key> {
    vec![("follow_up_status", format!("{}:{}", f.owner_id, f.status.as_str()))]
}

/// Keeps the department lists' index: the case has an order of `department` (once).
pub async fn note_department(db: &impl ConnectionTrait, c: &service_case::Model, department: Department) -> Result<()> {
    let row = case_department::ActiveModel {
        case_id: Set(c.id),
        department: Set(department),
        case_status: Set(c.status),
        received_at: Set(c.received_at),
    };
    case_department::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([case_department::Column::CaseId, case_department::Column::Department])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Department-index rows (case, department, the case's status and received time) of
/// many cases, in as few statements as the parameter limits allow; existing rows stay.
pub async fn index_departments(
    db: &impl ConnectionTrait,
    rows: Vec<(i32, Department, CaseStatus, DateTime<Utc>)>,
) -> Result<()> {
    for chunk in rows.chunks(5000) {
        let rows = chunk.iter().map(|&(case_id, department, case_status, received_at)| case_department::ActiveModel {
            case_id: Set(case_id),
            department: Set(department),
            case_status: Set(case_status),
            received_at: Set(received_at),
        });
        case_department::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::columns([case_department::Column::CaseId, case_department::Column::Department])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Moves the maintained counts from a row's old keys to its new ones.
pub async fn recount(db: &impl ConnectionTrait, old: &[Key], new: &[Key]) -> Result<()> {
    for k in old.iter().filter(|k| !new.contains(k)) {
        add_count(db, k, -1).await?;
    }
    for k in new.iter().filter(|k| !old.contains(k)) {
        add_count(db, k, 1).await?;
    }
    Ok(())
}

async fn add_count(db: &impl ConnectionTrait, (scope, key): &Key, delta: i64) -> Result<()> {
    let stmt = Query::insert()
        .into_table(desk_count::Entity)
        .columns([desk_count::Column::Scope, desk_count::Column::Key, desk_count::Column::N])
        .values_panic([(*scope).into(), key.clone().into(), delta.into()])
        .on_conflict(
            OnConflict::columns([desk_count::Column::Scope, desk_count::Column::Key])
                .value(
                    desk_count::Column::N,
                    Expr::col((desk_count::Entity, desk_count::Column::N)).add(Expr::cust("excluded.n")),
                )
                .to_owned(),
        )
        .to_owned();
    db.execute(&stmt).await?;
    Ok(())
}

/// Several count changes in one statement (a run's changes summed per key first).
pub async fn add_counts(db: &impl ConnectionTrait, deltas: &BTreeMap<Key, i64>) -> Result<()> {
    let mut stmt = Query::insert()
        .into_table(desk_count::Entity)
        .columns([desk_count::Column::Scope, desk_count::Column::Key, desk_count::Column::N])
        .to_owned();
    let mut any = false;
    for ((scope, key), delta) in deltas.iter().filter(|(_, d)| **d != 0) {
        stmt.values_panic([(*scope).into(), key.clone().into(), (*delta).into()]);
        any = true;
    }
    if !any {
        return Ok(());
    }
    stmt.on_conflict(
        OnConflict::columns([desk_count::Column::Scope, desk_count::Column::Key])
            .value(
                desk_count::Column::N,
                Expr::col((desk_count::Entity, desk_count::Column::N)).add(Expr::cust("excluded.n")),
            )
            .to_owned(),
    );
    db.execute(&stmt).await?;
    Ok(())
}

pub async fn count_of(db: &impl ConnectionTrait, scope: &str, key: &str) -> Result<i64> {
    Ok(desk_count::Entity::find_by_id((scope.to_owned(), key.to_owned())).one(db).await?.map_or(0, |c| c.n))
}

/// Several maintained counts in one query, in the order asked; a count never written is 0.
pub async fn counts_of(db: &impl ConnectionTrait, keys: &[(&str, String)]) -> Result<Vec<i64>> {
    let mut by_scope: Vec<(&str, Vec<String>)> = Vec::new();
    for (scope, key) in keys {
        match by_scope.iter_mut().find(|(s, _)| s == scope) {
            Some((_, ks)) => ks.push(key.clone()),
            None => by_scope.push((scope, vec![key.clone()])),
        }
    }
    if by_scope.is_empty() {
        return Ok(Vec::new());
    }
    let mut cond = Condition::any();
    for (scope, ks) in by_scope {
        cond = cond.add(desk_count::Column::Scope.eq(scope).and(desk_count::Column::Key.is_in(ks)));
    }
    let found: HashMap<(String, String), i64> =
        desk_count::Entity::find().filter(cond).all(db).await?.into_iter().map(|c| ((c.scope, c.key), c.n)).collect();
    Ok(keys.iter().map(|(s, k)| found.get(&((*s).to_owned(), k.clone())).copied().unwrap_or(0)).collect())
}

/// The unit's label as people say it: "A座 1203".
pub async fn unit_label(db: &impl ConnectionTrait, unit_id: Option<i32>) -> Result<Option<String>> {
    let Some(id) = unit_id else { return Ok(None) };
    let row: Option<(String, String)> = unit::Entity::find_by_id(id)
        .select_only()
        .column(building::Column::Name)
        .column(unit::Column::Number)
        .inner_join(building::Entity)
        .into_tuple()
        .one(db)
        .await?;
    Ok(row.map(|(b, n)| format!("{b} {n}")))
}

/// Labels of many units (as `unit_label` writes them) in one query.
pub async fn unit_labels(db: &impl ConnectionTrait, ids: Vec<i32>) -> Result<HashMap<i32, String>> {
    let mut labels = HashMap::new();
    for chunk in ids.chunks(1000) {
        let rows: Vec<(i32, String, String)> = unit::Entity::find()
            .select_only()
            .column(unit::Column::Id)
            .column(building::Column::Name)
            .column(unit::Column::Number)
            .inner_join(building::Entity)
            .filter(unit::Column::Id.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        labels.extend(rows.into_iter().map(|(id, b, n)| (id, format!("{b} {n}"))));
    }
    Ok(labels)
}

/// Title, description, work-order instructions and results, follow-up remarks, the
/// customer's names and the unit: what a search finds a case by.
async fn search_text(db: &impl ConnectionTrait, c: &service_case::Model) -> Result<String> {
    let mut about = Vec::new();
    if let Some(id) = c.customer_id
        && let Some(cu) = customer::Entity::find_by_id(id).one(db).await?
    {
        about.push(cu.name);
        about.extend(cu.name_latin);
    }
    let unit = unit_label(db, c.unit_id).await?;
    let mut work = Vec::new();
    for w in work_order::Entity::find().filter(work_order::Column::CaseId.eq(c.id)).all(db).await? {
        work.push(w.instructions);
        work.extend(w.result);
    }
    for f in follow_up::Entity::find().filter(follow_up::Column::CaseId.eq(c.id)).all(db).await? {
        work.extend(f.remark);
    }
    Ok(search_text_of(c, about, unit, work))
}

/// The search text from its parts: `about` the customer's names, `work` the orders'
/// instructions and results and the follow-up remarks, in that order.
pub fn search_text_of(c: &service_case::Model, about: Vec<String>, unit: Option<String>, work: Vec<String>) -> String {
    let mut parts = vec![text::case_number(c.id), c.title.clone(), c.description.clone()];
    parts.extend(about);
    parts.extend(c.caller_name.clone());
    parts.extend(unit);
    parts.extend(work);
    // A line said twice is found once: a package case's visits repeat the same notes.
    let mut seen = std::collections::HashSet::new();
    parts
        .iter()
        .flat_map(|p| p.lines())
        .filter(|l| !l.trim().is_empty() && seen.insert(*l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes new cases (ids and search text set) with their index entries, in bulk.
pub async fn insert_cases(db: &impl ConnectionTrait, cases: Vec<service_case::Model>) -> Result<()> {
    let entries: Vec<(i32, String)> = cases.iter().map(|c| (c.id, c.search_text.clone())).collect();
    let rows: Vec<service_case::ActiveModel> =
        cases.into_iter().map(|c| service_case::ActiveModel::from(c).reset_all()).collect();
    if db.get_database_backend() == DbBackend::Postgres {
        // The search vector written with the row: an UPDATE after would write each row twice.
        let extra = crate::db::ExtraColumn {
            column: "tok",
            expr: "to_tsvector('simple', u._extra)",
            values: entries.into_iter().map(|(_, plain)| text::index_text(&plain)).collect(),
        };
        crate::db::insert_all_with(db, rows, Some(extra)).await?;
    } else {
        crate::db::insert_all(db, rows).await?;
        reindex_many(db, &entries).await?;
    }
    Ok(())
}

/// Index entries of many cases (new ones of a bulk run) in a statement per thousand.
pub async fn reindex_many(db: &impl ConnectionTrait, entries: &[(i32, String)]) -> Result<()> {
    for chunk in entries.chunks(1000) {
        let mut values: Vec<sea_orm::Value> = Vec::with_capacity(chunk.len() * 2);
        for (id, plain) in chunk {
            values.push((*id).into());
            values.push(text::index_text(plain).into());
        }
        match db.get_database_backend() {
            DbBackend::Postgres => {
                let rows: Vec<String> =
                    (0..chunk.len()).map(|i| format!("(${}::int4, ${}::text)", 2 * i + 1, 2 * i + 2)).collect();
                let sql = format!(
                    "UPDATE service_case AS c SET tok = to_tsvector('simple', v.t) FROM (VALUES {}) AS v(id, t) WHERE c.id = v.id",
                    rows.join(", ")
                );
                db.execute_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, values)).await?;
            }
            _ => {
                let ids: Vec<String> = chunk.iter().map(|(id, _)| id.to_string()).collect();
                db.execute_unprepared(&format!("DELETE FROM case_fts WHERE rowid IN ({})", ids.join(","))).await?;
                let rows = vec!["(?, ?)"; chunk.len()].join(", ");
                db.execute_raw(Statement::from_sql_and_values(
                    DbBackend::Sqlite,
                    format!("INSERT INTO case_fts (rowid, text) VALUES {rows}"),
                    values,
                ))
                .await?;
            }
        }
    }
    Ok(())
}

/// Writes the index entry of a case in the caller's transaction.
async fn reindex(db: &impl ConnectionTrait, id: i32, plain: &str) -> Result<()> {
    let spaced = text::index_text(plain);
    match db.get_database_backend() {
        DbBackend::Postgres => {
            db.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE service_case SET tok = to_tsvector('simple', $1) WHERE id = $2",
                [spaced.into(), id.into()],
            ))
            .await?;
        }
        _ => {
            db.execute_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "DELETE FROM case_fts WHERE rowid = ?",
                [id.into()],
            ))
            .await?;
            db.execute_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "INSERT INTO case_fts (rowid, text) VALUES (?, ?)",
                [id.into(), spaced.into()],
            ))
            .await?;
        }
    }
    Ok(())
}

/// What `settle` derives from a case's orders (status and verification time each):
/// completion, status, the pending due time and its escalation; and whether the work has
/// just completed (a follow-up starts). Pure, so a bulk run can settle new cases in memory.
pub fn derive(
    before: Option<&service_case::Model>,
    mut c: service_case::Model,
    orders: &[(WorkOrderStatus, Option<DateTime<Utc>>)],
    now: DateTime<Utc>,
    settings: &DeskSettings,
) -> (service_case::Model, bool) {
    if c.completed_at.is_none() && c.closed_at.is_none() && status::work_complete(orders, c.reopened_at) {
        c.completed_at = Some(now);
    }
    if c.completed_at.is_some() && c.responded_at.is_none() {
        c.responded_at = Some(now);
    }
    let newly_complete = c.completed_at.is_some() && before.is_none_or(|b| b.completed_at.is_none());
    c.status = status::case_status(c.closed_at.is_some(), c.completed_at.is_some(), c.responded_at.is_some());
    let pending = if c.closed_at.is_some() {
        None
    } else {
        due::pending_due(c.response_due_at, c.completion_due_at, c.responded_at.is_some(), c.completed_at.is_some())
    };
    if pending != c.due_at {
        // A new due time is a new matter: its lateness escalates from the start.
        c.due_at = pending;
        c.escalation_level = 0;
        c.next_escalation_at = pending;
    }
    if pending.is_none() {
        c.next_escalation_at = None;
    } else if c.escalation_level > 0 {
        c.next_escalation_at = pending.and_then(|d| escalation::next_at(d, c.escalation_level, &settings.delays));
    }
    (c, newly_complete)
}

/// After an operation changed `c` (read as `before`): derives completion, status and the
/// pending due time, starts the follow-up when the work completes, writes the row, the
/// counts and the search index. The row version was bumped by `lock_case`.
pub async fn settle(
    db: &impl ConnectionTrait,
    before: Option<&service_case::Model>,
    c: service_case::Model,
    now: DateTime<Utc>,
    staff_id: Option<i32>,
    settings: &DeskSettings,
) -> Result<service_case::Model> {
    let orders: Vec<(WorkOrderStatus, Option<DateTime<Utc>>)> = work_order::Entity::find()
        .select_only()
        .column(work_order::Column::Status)
        .column(work_order::Column::VerifiedAt)
        .filter(work_order::Column::CaseId.eq(c.id))
        .into_tuple()
        .all(db)
        .await?;
    let (mut c, newly_complete) = derive(before, c, &orders, now, settings);
    c.search_text = search_text(db, &c).await?;
    let am: service_case::ActiveModel = c.clone().into();
    let c = am.reset_all().update(db).await?;
    let old_keys = before.map(case_keys).unwrap_or_default();
    recount(db, &old_keys, &case_keys(&c)).await?;
    if before.is_some_and(|b| b.status != c.status) {
        case_department::Entity::update_many()
            .col_expr(case_department::Column::CaseStatus, Expr::value(c.status))
            .filter(case_department::Column::CaseId.eq(c.id))
            .exec(db)
            .await?;
    }
    reindex(db, c.id, &c.search_text).await?;
    if newly_complete {
        start_follow_up(db, &c, now, staff_id, settings).await?;
    }
    Ok(c)
}

async fn start_follow_up(
    db: &impl ConnectionTrait,
    c: &service_case::Model,
    now: DateTime<Utc>,
    staff_id: Option<i32>,
    settings: &DeskSettings,
) -> Result<()> {
    let f = follow_up::ActiveModel {
        id: NotSet,
        case_id: Set(c.id),
        // A foreign-language case is followed up by its language contact.
        owner_id: Set(c.language_contact_id.unwrap_or(c.owner_id)),
        status: Set(FollowUpStatus::Pending),
        due_at: Set(now + Duration::hours(settings.follow_up_hours.into())),
        attempts: Set(0),
        satisfaction: Set(None),
        remark: Set(None),
        language: Set(c.language.clone()),
        done_at: Set(None),
        done_by: Set(None),
        by_speaker: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    recount(db, &[], &follow_up_keys(&f)).await?;
    let _ = staff_id;
    Ok(())
}

/// Staff names by id, for rows and timelines.
///
/// The ids are collected before the query's future starts: an iterator with borrowing
/// closures kept inside the future made every caller's future fail "`Send` is not general
/// enough" in the Tauri shell.
pub fn staff_names<'a, C: ConnectionTrait>(
    db: &'a C,
    ids: impl IntoIterator<Item = i32>,
) -> impl std::future::Future<Output = Result<std::collections::HashMap<i32, String>>> + Send + 'a {
    staff_names_of(db, ids.into_iter().collect())
}

async fn staff_names_of(db: &impl ConnectionTrait, ids: Vec<i32>) -> Result<std::collections::HashMap<i32, String>> {
    use crate::entities::staff;
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<(i32, String)> = staff::Entity::find()
        .select_only()
        .column(staff::Column::Id)
        .column(staff::Column::DisplayName)
        .filter(staff::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// The newest first, then by id: the order every case list shares.
pub fn newest_first(s: sea_orm::Select<service_case::Entity>) -> sea_orm::Select<service_case::Entity> {
    s.order_by_desc(service_case::Column::ReceivedAt).order_by_desc(service_case::Column::Id)
}
