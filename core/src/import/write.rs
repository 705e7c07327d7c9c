//! The good rows of a plan written in bulk, in the caller's transaction: multi-row inserts
//! in chunks, the customers' search rows sorted by their index key, one history entry per
//! created record (written in bulk too). Between chunks the run's cancel flag is checked.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbBackend, EntityTrait, NotSet, Set, Statement};

use super::plan::{BuildingRef, NewCustomer, Plan};
use super::runs::Run;
use crate::db;
use crate::directory::{customers, names, occupancy as occupancy_area, search, units};
use crate::domain::{ChangeAction, HistoryEntity};
use crate::entities::{building, change_log, customer, occupancy, property, unit};
use crate::error::{Error, Result};
use crate::record::history::{self, FieldChange};

/// Rows per statement: under SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const CHUNK: usize = 1000;
/// Rows per bulk write (`db::insert_all` splits them further on SQLite) and progress step.
const BULK: usize = 5000;
/// Search and history rows per statement (a JSON array on SQLite, arrays on PostgreSQL).
const SEARCH_ROWS: usize = 20_000;

fn check(run: &Run) -> Result<()> {
    if run.cancelled() { Err(Error::field("run", "import.error.cancelled")) } else { Ok(()) }
}

/// What was written.
#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    pub buildings: u32,
    pub created: u32,
}

pub async fn write(
    db: &impl ConnectionTrait,
    mut plan: Plan,
    run: &Run,
    staff_id: i32,
    now: DateTime<Utc>,
    locale: &str,
) -> Result<Written> {
    let mut written = Written::default();
    let mut log: Vec<(HistoryEntity, i32, Vec<FieldChange>)> = Vec::new();
    if !plan.units.is_empty() {
        let building_ids = new_buildings(db, &plan, now, locale).await?;
        written.buildings = building_ids.len() as u32;
        for chunk in plan.units.chunks(CHUNK) {
            check(run)?;
            let rows = chunk.iter().map(|u| unit::ActiveModel {
                id: NotSet,
                building_id: Set(match u.building {
                    BuildingRef::Existing(id) => id,
                    BuildingRef::New(i) => building_ids[i],
                }),
                number: Set(u.number.clone()),
                floor: Set(u.floor),
                area_centi_m2: Set(u.area_centi_m2),
                use_kind: Set(u.use_kind),
                status: Set(u.status),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
            });
            let models = unit::Entity::insert_many(rows).exec_with_returning(db).await?;
            for m in &models {
                log.push((HistoryEntity::Unit, m.id, history::diff(&Vec::new(), &units::snapshot(m))));
            }
            written.created += models.len() as u32;
            run.advance(chunk.len());
        }
    }
    if !plan.customers.is_empty() {
        written.created += write_customers(db, std::mem::take(&mut plan.customers), run, staff_id, now).await?;
    }
    if !plan.occupancies.is_empty() {
        let labels = occupancy_area::unit_labels(db, plan.occupancies.iter().map(|o| o.unit_id).collect()).await?;
        for chunk in plan.occupancies.chunks(CHUNK) {
            check(run)?;
            let rows = chunk.iter().map(|o| occupancy::ActiveModel {
                id: NotSet,
                customer_id: Set(o.customer_id),
                unit_id: Set(o.unit_id),
                role: Set(o.role),
                start_date: Set(o.start),
                end_date: Set(o.end),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
            });
            let models = occupancy::Entity::insert_many(rows).exec_with_returning(db).await?;
            for o in &models {
                let label = labels.get(&o.unit_id).map(String::as_str).unwrap_or_default();
                let text = occupancy_area::text_of(o.role, label, o.start_date, o.end_date);
                log.push((
                    HistoryEntity::Occupancy,
                    o.id,
                    vec![FieldChange { field: "occupancy".into(), old: None, new: Some(text) }],
                ));
            }
            written.created += models.len() as u32;
            run.advance(chunk.len());
        }
    }
    check(run)?;
    write_history(db, log, staff_id, now).await?;
    Ok(written)
}

/// The plan's new buildings (under the property; one is made for an office without one).
async fn new_buildings(db: &impl ConnectionTrait, plan: &Plan, now: DateTime<Utc>, locale: &str) -> Result<Vec<i32>> {
    if plan.buildings.is_empty() {
        return Ok(Vec::new());
    }
    let property_id = match property::Entity::find().one(db).await? {
        Some(p) => p.id,
        None => {
            property::ActiveModel {
                id: NotSet,
                name: Set(rust_i18n::t!("import.property_name", locale = locale).into_owned()),
                address: Set(String::new()),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(db)
            .await?
            .id
        }
    };
    let mut ids = Vec::with_capacity(plan.buildings.len());
    for b in &plan.buildings {
        let row = building::ActiveModel {
            id: NotSet,
            property_id: Set(property_id),
            code: Set(b.code.clone()),
            name: Set(b.name.clone()),
            floors: Set(b.floors),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        ids.push(row.insert(db).await?.id);
    }
    Ok(ids)
}

type LogEntry = (HistoryEntity, i32, Vec<FieldChange>);

async fn write_customers(
    db: &impl ConnectionTrait,
    customers: Vec<NewCustomer>,
    run: &Run,
    staff_id: i32,
    now: DateTime<Utc>,
) -> Result<u32> {
    let count = customers.len();
    // Ids first (the write lock is held): the search rows and history point at them.
    let ids = db::reserve_ids(db, "customer", count).await?;
    // The statements are built on another thread while the database runs the previous one:
    // building the rows and arrays takes about as long as the inserts.
    let backend = db.get_database_backend();
    let (mut statements, built) =
        produce(move |send| customer_statements(backend, customers, ids, staff_id, now, send));
    while let Some((statement, rows)) = statements.recv().await {
        check(run)?;
        db.execute_raw(statement).await?;
        run.advance(rows);
    }
    built.await.map_err(|e| Error::Internal(e.to_string()))??;
    Ok(count as u32)
}

/// The customers' inserts, then their search terms', prefixes' and history's, handed to
/// `send` with the number of import rows each completes. Stops when `send` says the writer
/// is gone.
fn customer_statements(
    backend: DbBackend,
    customers: Vec<NewCustomer>,
    ids: Vec<i32>,
    staff_id: i32,
    now: DateTime<Utc>,
    send: &mut dyn FnMut((Statement, usize)) -> bool,
) -> Result<()> {
    let mut log = Vec::with_capacity(customers.len());
    let mut terms: Vec<(i32, &'static str, String)> = Vec::new();
    // Each customer's prefixes, with its (sort key, id): the prefix rows' key after the prefix.
    let mut prefixes: Vec<(Vec<String>, String, i32)> = Vec::with_capacity(customers.len());
    // The rows of a few chunks are computed side by side (names to pinyin, terms, history):
    // meanwhile the database has nothing to do.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let chunks: Vec<(&[NewCustomer], &[i32])> = customers.chunks(BULK).zip(ids.chunks(BULK)).collect();
    for group in chunks.chunks(workers) {
        let built: Vec<Result<Built>> = std::thread::scope(|scope| {
            let others: Vec<_> =
                group[1..].iter().map(|&(c, i)| scope.spawn(move || customer_chunk(backend, c, i, now))).collect();
            let mut out = vec![customer_chunk(backend, group[0].0, group[0].1, now)];
            for handle in others {
                out.push(handle.join().unwrap_or_else(|_| Err(Error::Internal("an import worker panicked".into()))));
            }
            out
        });
        for (built, (chunk, _)) in built.into_iter().zip(group) {
            let built = built?;
            terms.extend(built.terms);
            prefixes.extend(built.prefixes);
            log.extend(built.log);
            let last = built.statements.len().saturating_sub(1);
            for (i, statement) in built.statements.into_iter().enumerate() {
                if !send((statement, if i == last { chunk.len() } else { 0 })) {
                    return Ok(());
                }
            }
        }
    }
    drop(customers);
    // While the terms go out, a second thread puts the prefix rows in key order and writes
    // the history rows: the database would otherwise wait for both.
    let (later, sent) = std::thread::scope(|scope| {
        let later = scope.spawn(move || (in_key_order(prefixes), history_statements(backend, &log, staff_id, now)));
        // In index order, so that the B-tree pages fill one after another.
        terms.sort_unstable_by(|a, b| (a.1, &a.2).cmp(&(b.1, &b.2)));
        let mut sent = Ok(true);
        for chunk in terms.chunks(SEARCH_ROWS) {
            let rows: Vec<(i32, &str, &str)> =
                chunk.iter().map(|(id, kind, term)| (*id, *kind, term.as_str())).collect();
            match search_rows(backend, SearchTable::Terms, &rows) {
                Ok(statement) => {
                    if !send((statement, 0)) {
                        sent = Ok(false);
                        break;
                    }
                }
                Err(e) => {
                    sent = Err(e);
                    break;
                }
            }
        }
        (later.join(), sent)
    });
    if !sent? {
        return Ok(());
    }
    let ((customers, groups), history) = later.map_err(|_| Error::Internal("an import worker panicked".into()))?;
    let history = history?;
    let mut rows: Vec<(i32, &str, &str)> = Vec::with_capacity(SEARCH_ROWS);
    for (prefix, ranks) in &groups {
        for rank in ranks {
            let (_, key, id) = &customers[*rank as usize];
            rows.push((*id, prefix, key));
            if rows.len() == SEARCH_ROWS {
                if !send((search_rows(backend, SearchTable::Prefixes, &rows)?, 0)) {
                    return Ok(());
                }
                rows.clear();
            }
        }
    }
    if !rows.is_empty() && !send((search_rows(backend, SearchTable::Prefixes, &rows)?, 0)) {
        return Ok(());
    }
    drop(rows);
    drop(groups);
    drop(customers);
    for statement in history {
        if !send((statement, 0)) {
            break;
        }
    }
    Ok(())
}

/// One chunk of new customers: their inserts, search terms, prefixes and history entries.
struct Built {
    statements: Vec<Statement>,
    terms: Vec<(i32, &'static str, String)>,
    prefixes: Vec<(Vec<String>, String, i32)>,
    log: Vec<LogEntry>,
}

fn customer_chunk(backend: DbBackend, chunk: &[NewCustomer], ids: &[i32], now: DateTime<Utc>) -> Result<Built> {
    let mut built = Built {
        statements: Vec::new(),
        terms: Vec::with_capacity(chunk.len() * 10),
        prefixes: Vec::with_capacity(chunk.len()),
        log: Vec::with_capacity(chunk.len()),
    };
    let mut rows = Vec::with_capacity(chunk.len());
    for (c, id) in chunk.iter().zip(ids) {
        let phones = serde_json::to_string(&c.phones).map_err(|e| Error::Internal(e.to_string()))?;
        let m = customer::Model {
            id: *id,
            kind: c.kind,
            sort_key: names::customer_sort_key(&c.name, c.name_latin.as_deref()),
            name: c.name.clone(),
            name_latin: c.name_latin.clone(),
            phones,
            email: c.email.clone(),
            nationality: c.nationality.clone(),
            preferred_language: c.language.to_owned(),
            vip: false,
            id_document_kind: c.id_document_kind,
            id_document_number: c.id_document_number.clone(),
            notes: c.notes.clone(),
            version: 1,
            created_at: now,
            updated_at: now,
        };
        let t = search::customer_terms(&c.name, c.name_latin.as_deref(), &c.phones);
        built.prefixes.push((search::customer_prefixes(&t), m.sort_key.clone(), m.id));
        built.terms.extend(t.into_iter().map(|(kind, term)| (m.id, kind, term)));
        built.log.push((HistoryEntity::Customer, m.id, history::diff(&Vec::new(), &customers::snapshot(&m))));
        rows.push(customer::ActiveModel::from(m));
    }
    built.statements = db::insert_statements(backend, rows, None)?;
    Ok(built)
}

/// Runs `make` on a blocking thread, handing over what it sends as it goes (two ahead at
/// most); the handle gives its result. `send` says false once the receiver is gone (the
/// write failed or was cancelled): `make` stops then.
fn produce<T, R, F>(make: F) -> (tokio::sync::mpsc::Receiver<T>, tokio::task::JoinHandle<R>)
where
    T: Send + 'static,
    R: Send + 'static,
    F: FnOnce(&mut dyn FnMut(T) -> bool) -> R + Send + 'static,
{
    let (tx, rx) = tokio::sync::mpsc::channel(2);
    let handle = tokio::task::spawn_blocking(move || make(&mut |item| tx.blocking_send(item).is_ok()));
    (rx, handle)
}

#[derive(Clone, Copy)]
enum SearchTable {
    /// customer_search_term (customer_id, kind, term)
    Terms,
    /// customer_search_prefix (customer_id, prefix, sort_key)
    Prefixes,
}

/// One insert of search rows (customer id, text, text): on SQLite one JSON array parameter
/// the statement walks with `json_each` (one short statement, prepared once, instead of a
/// VALUES list SQLite compiles anew for every chunk); on PostgreSQL one array per column.
fn search_rows(backend: DbBackend, table: SearchTable, rows: &[(i32, &str, &str)]) -> Result<Statement> {
    let (name, a, b) = match table {
        SearchTable::Terms => ("customer_search_term", "kind", "term"),
        SearchTable::Prefixes => ("customer_search_prefix", "prefix", "sort_key"),
    };
    if backend == DbBackend::Postgres {
        let ids = format!("{{{}}}", rows.iter().map(|r| r.0.to_string()).collect::<Vec<_>>().join(","));
        return Ok(Statement::from_sql_and_values(
            backend,
            format!(
                "INSERT INTO {name} (customer_id, {a}, {b}) SELECT * FROM unnest($1::int4[], $2::text[], $3::text[])"
            ),
            [ids.into(), text_array(rows.iter().map(|r| r.1)).into(), text_array(rows.iter().map(|r| r.2)).into()],
        ));
    }
    let json = serde_json::to_string(rows).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(Statement::from_sql_and_values(
        backend,
        format!(
            "INSERT INTO {name} (customer_id, {a}, {b}) SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)"
        ),
        [json.into()],
    ))
}

/// A PostgreSQL text array literal: `{"a","b\"c"}`.
fn text_array<'a>(values: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::from("{");
    for (i, v) in values.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        for ch in v.chars() {
            if ch == '"' || ch == '\\' {
                out.push('\\');
            }
            out.push(ch);
        }
        out.push('"');
    }
    out.push('}');
    out
}

/// The prefix rows (prefix, sort key, customer id) in key order, without sorting or copying
/// millions of string triples: the customers are put in list order once, each prefix
/// collects their ranks in that order, and only the distinct prefixes are sorted. A row is
/// a group's prefix with, for each rank, that customer's sort key and id.
type KeyOrder = (Vec<(Vec<String>, String, i32)>, Vec<(String, Vec<u32>)>);
fn in_key_order(mut customers: Vec<(Vec<String>, String, i32)>) -> KeyOrder {
    customers.sort_unstable_by(|a, b| (&a.1, a.2).cmp(&(&b.1, b.2)));
    let mut by_prefix: HashMap<String, Vec<u32>> = HashMap::new();
    for (rank, (prefixes, _, _)) in customers.iter_mut().enumerate() {
        for p in std::mem::take(prefixes) {
            by_prefix.entry(p).or_default().push(rank as u32);
        }
    }
    let mut groups: Vec<(String, Vec<u32>)> = by_prefix.into_iter().collect();
    groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    (customers, groups)
}

/// One history entry per created record, as the forms write them, in bulk.
async fn write_history(db: &impl ConnectionTrait, log: Vec<LogEntry>, staff_id: i32, now: DateTime<Utc>) -> Result<()> {
    for statement in history_statements(db.get_database_backend(), &log, staff_id, now)? {
        db.execute_raw(statement).await?;
    }
    Ok(())
}

fn history_statements(
    backend: DbBackend,
    log: &[LogEntry],
    staff_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<Statement>> {
    let mut out = Vec::new();
    if backend == DbBackend::Sqlite {
        // As the search rows: one cached statement over a JSON array, the shared values bound once.
        for chunk in log.chunks(SEARCH_ROWS) {
            let mut rows = Vec::with_capacity(chunk.len());
            for (entity, id, changes) in chunk {
                let changes = serde_json::to_string(changes).map_err(|e| Error::Internal(e.to_string()))?;
                rows.push((entity.as_str(), *id, changes));
            }
            let json = serde_json::to_string(&rows).map_err(|e| Error::Internal(e.to_string()))?;
            out.push(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "INSERT INTO change_log (at, staff_id, action, entity, entity_id, changes) \
                 SELECT ?, ?, ?, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)",
                [now.into(), staff_id.into(), ChangeAction::Create.as_str().into(), json.into()],
            ));
        }
        return Ok(out);
    }
    for chunk in log.chunks(BULK) {
        let mut rows = Vec::with_capacity(chunk.len());
        for (entity, id, changes) in chunk {
            rows.push(change_log::ActiveModel {
                id: NotSet,
                at: Set(now),
                staff_id: Set(Some(staff_id)),
                entity: Set(entity.as_str().to_owned()),
                entity_id: Set(*id),
                action: Set(ChangeAction::Create),
                changes: Set(serde_json::to_string(changes).map_err(|e| Error::Internal(e.to_string()))?),
            });
        }
        out.extend(db::insert_statements(backend, rows, None)?);
    }
    Ok(out)
}
