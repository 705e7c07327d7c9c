//! Cases: intake, the case page, edits, handover, direct resolution, lists and counts.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query, SelectStatement, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, JoinType,
    NotSet, QueryFilter, QueryOrder, QuerySelect, QueryTrait, RelationTrait, Set, Statement,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::attachments::{AttachmentRow, Listed, attachment_staff, load_attachments, render_attachments};
use super::common::{
    self, CaseList, count_of, counts_of, event, lock_case, open_for_writing, opt_time, parse_time, settle, text_field,
    time,
};
use super::follow_ups::{FollowUpView, FollowUpsLoaded, load_follow_ups};
use super::routing;
use super::rules::{consultation, due, language, text};
use super::settings;
use super::work_orders::{WorkOrderView, WorkOrdersLoaded, load_work_orders};
use crate::accounts::Actor;
use crate::app::Cx;
use crate::db;
use crate::domain::{
    CaseEventKind, CaseKind, CaseStatus, Channel, ConsultationTopic, Department, Permission, Priority, Role,
    WorkOrderStatus, validate,
};
use crate::entities::{
    building, case_department, case_event, customer, follow_up, follow_up_attempt, service_case, staff, unit,
    work_order, work_order_charge,
};
use crate::error::{Error, Problems, Result};
use crate::page;
use crate::record::history::{self, FieldChange, Snapshot};
use crate::record::versioned;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CaseOpen {
    pub kind: CaseKind,
    pub channel: Channel,
    pub priority: Priority,
    /// Blank takes the description's first line.
    pub title: String,
    pub description: String,
    /// None for a caller not (yet) on file.
    pub customer_id: Option<i32>,
    pub unit_id: Option<i32>,
    pub caller_name: Option<String>,
    pub caller_phone: Option<String>,
    /// Blank takes the customer's preferred language.
    pub language: Option<String>,
    /// A consultation for a foreign resident: what the inquiry is about (inquiries only).
    #[serde(default)]
    pub consultation_topic: Option<ConsultationTopic>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseView {
    pub id: i32,
    /// "C000123".
    pub number: String,
    pub version: i32,
    pub kind: CaseKind,
    pub channel: Channel,
    pub priority: Priority,
    pub status: CaseStatus,
    pub title: String,
    pub description: String,
    pub customer_id: Option<i32>,
    pub customer_name: Option<String>,
    pub unit_id: Option<i32>,
    pub unit_label: Option<String>,
    pub caller_name: Option<String>,
    /// Masked unless the actor may write customers.
    pub caller_phone: Option<String>,
    pub language: String,
    /// The customer's language is not Chinese.
    pub foreign_language: bool,
    /// A staff member who speaks the case's language; none on a foreign-language case
    /// means nobody on the desk speaks it.
    pub language_contact_id: Option<i32>,
    pub language_contact_name: Option<String>,
    pub consultation_topic: Option<ConsultationTopic>,
    pub received_by: i32,
    pub received_by_name: String,
    pub owner_id: i32,
    pub owner_name: String,
    pub received_at: String,
    pub response_due_at: String,
    pub completion_due_at: String,
    pub due_at: Option<String>,
    pub overdue: bool,
    pub responded_at: Option<String>,
    pub completed_at: Option<String>,
    pub closed_at: Option<String>,
    pub escalation_level: i32,
    pub reopen_count: i32,
    pub satisfaction: Option<i32>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct TimelineEntry {
    pub id: i32,
    pub at: String,
    pub kind: CaseEventKind,
    pub work_order_id: Option<i32>,
    pub staff_id: Option<i32>,
    pub staff_name: Option<String>,
    pub note: String,
    /// From/to statuses, field changes, score… as stored.
    #[ts(type = "Record<string, unknown>")]
    pub data: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseDetail {
    pub case: CaseView,
    pub work_orders: Vec<WorkOrderView>,
    pub follow_ups: Vec<FollowUpView>,
    pub timeline: Vec<TimelineEntry>,
    pub attachments: Vec<AttachmentRow>,
}

/// A case with the names its row shows (customer, building and unit), read in one query.
#[derive(FromQueryResult)]
struct CaseWithNames {
    #[sea_orm(nested)]
    case: service_case::Model,
    customer_name: Option<String>,
    building_name: Option<String>,
    unit_number: Option<String>,
}

/// The cases `ids` (any order) with their customer's name and unit's label.
async fn cases_with_names(
    db: &impl ConnectionTrait,
    ids: Vec<i32>,
) -> Result<(Vec<service_case::Model>, HashMap<i32, String>, HashMap<i32, String>)> {
    let rows = service_case::Entity::find()
        .filter(service_case::Column::Id.is_in(ids))
        .left_join(customer::Entity)
        .left_join(unit::Entity)
        .join(JoinType::LeftJoin, unit::Relation::Building.def())
        .column_as(customer::Column::Name, "customer_name")
        .column_as(building::Column::Name, "building_name")
        .column_as(unit::Column::Number, "unit_number")
        .into_model::<CaseWithNames>()
        .all(db)
        .await?;
    let (mut cases, mut customers, mut units) = (Vec::with_capacity(rows.len()), HashMap::new(), HashMap::new());
    for r in rows {
        if let (Some(id), Some(name)) = (r.case.customer_id, r.customer_name) {
            customers.insert(id, name);
        }
        if let (Some(id), Some(b), Some(n)) = (r.case.unit_id, r.building_name, r.unit_number) {
            units.insert(id, format!("{b} {n}"));
        }
        cases.push(r.case);
    }
    Ok((cases, customers, units))
}

pub(crate) async fn case_views(cx: &Cx, actor: &Actor, cases: Vec<service_case::Model>) -> Result<Vec<CaseView>> {
    let (db, now) = (&cx.db, cx.now);
    let names = cx
        .accounts
        .staff_names(
            db,
            cases
                .iter()
                .flat_map(|c| [Some(c.owner_id), Some(c.received_by), c.language_contact_id])
                .flatten()
                .collect(),
        )
        .await?;
    views_with(db, actor, cases, now, &names).await
}

/// `case_views` with the staff names already read (they must hold each case's owner and
/// receiver).
async fn views_with(
    db: &impl ConnectionTrait,
    actor: &Actor,
    cases: Vec<service_case::Model>,
    now: DateTime<Utc>,
    names: &HashMap<i32, String>,
) -> Result<Vec<CaseView>> {
    let customer_ids: Vec<i32> = cases.iter().filter_map(|c| c.customer_id).collect();
    let unit_ids: Vec<i32> = cases.iter().filter_map(|c| c.unit_id).collect();
    // Independent reads: on a pool they run side by side.
    let (customers, units) = tokio::try_join!(customer_names(db, customer_ids), unit_labels_of(db, unit_ids))?;
    Ok(render_views(actor, cases, now, names, &customers, &units))
}

fn render_views(
    actor: &Actor,
    cases: Vec<service_case::Model>,
    now: DateTime<Utc>,
    names: &HashMap<i32, String>,
    customers: &HashMap<i32, String>,
    units: &HashMap<i32, String>,
) -> Vec<CaseView> {
    let full_phone = actor.can(Permission::CustomerWrite);
    cases
        .into_iter()
        .map(|c| CaseView {
            number: text::case_number(c.id),
            customer_name: c.customer_id.and_then(|id| customers.get(&id).cloned()),
            unit_label: c.unit_id.and_then(|id| units.get(&id).cloned()),
            caller_phone: c.caller_phone.map(|p| if full_phone { p } else { validate::mask_phone(&p) }),
            received_by_name: names.get(&c.received_by).cloned().unwrap_or_default(),
            owner_name: names.get(&c.owner_id).cloned().unwrap_or_default(),
            language_contact_name: c.language_contact_id.and_then(|id| names.get(&id).cloned()),
            overdue: c.due_at.is_some_and(|d| d <= now),
            due_at: opt_time(c.due_at),
            received_at: time(c.received_at),
            response_due_at: time(c.response_due_at),
            completion_due_at: time(c.completion_due_at),
            responded_at: opt_time(c.responded_at),
            completed_at: opt_time(c.completed_at),
            closed_at: opt_time(c.closed_at),
            id: c.id,
            version: c.version,
            kind: c.kind,
            channel: c.channel,
            priority: c.priority,
            status: c.status,
            title: c.title,
            description: c.description,
            customer_id: c.customer_id,
            unit_id: c.unit_id,
            caller_name: c.caller_name,
            language: c.language,
            foreign_language: c.foreign_language,
            language_contact_id: c.language_contact_id,
            consultation_topic: c.consultation_topic,
            received_by: c.received_by,
            owner_id: c.owner_id,
            escalation_level: c.escalation_level,
            reopen_count: c.reopen_count,
            satisfaction: c.satisfaction,
        })
        .collect()
}

async fn customer_names(db: &impl ConnectionTrait, ids: Vec<i32>) -> Result<HashMap<i32, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(customer::Entity::find()
        .select_only()
        .column(customer::Column::Id)
        .column(customer::Column::Name)
        .filter(customer::Column::Id.is_in(ids))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

async fn unit_labels_of(db: &impl ConnectionTrait, ids: Vec<i32>) -> Result<HashMap<i32, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    crate::directory::occupancy::unit_labels(db, ids).await
}

/// The case page's parts besides the case: timeline, orders and charges, follow-ups and
/// attempts, attachments (without their content).
type Parts = (Vec<case_event::Model>, WorkOrdersLoaded, FollowUpsLoaded, Vec<Listed>);

#[derive(serde::Deserialize)]
struct PartsJson {
    events: Vec<case_event::Model>,
    orders: Vec<work_order::Model>,
    charges: Vec<work_order_charge::Model>,
    follow_ups: Vec<follow_up::Model>,
    attempts: Vec<follow_up_attempt::Model>,
    attachments: Vec<Listed>,
}

/// PostgreSQL: every part in one query, aggregated as JSON (one network round trip
/// instead of several). Each part is `json_agg` of whole rows, so its keys are the
/// column names the entities map.
const PARTS_SQL: &str = "SELECT json_build_object(\
    'events', COALESCE((SELECT json_agg(e ORDER BY e.id) FROM case_event e WHERE e.case_id = $1), '[]'), \
    'orders', COALESCE((SELECT json_agg(w ORDER BY w.seq) FROM work_order w WHERE w.case_id = $1), '[]'), \
    'charges', COALESCE((SELECT json_agg(ch ORDER BY ch.id) FROM work_order_charge ch \
        JOIN work_order w ON w.id = ch.work_order_id WHERE w.case_id = $1), '[]'), \
    'follow_ups', COALESCE((SELECT json_agg(f ORDER BY f.id) FROM follow_up f WHERE f.case_id = $1), '[]'), \
    'attempts', COALESCE((SELECT json_agg(a ORDER BY a.id) FROM follow_up_attempt a \
        JOIN follow_up f ON f.id = a.follow_up_id WHERE f.case_id = $1), '[]'), \
    'attachments', COALESCE((SELECT json_agg(json_build_array(a.id, a.work_order_id, a.file_name, a.mime, \
        a.size, a.created_by, a.created_at) ORDER BY a.id) FROM attachment a WHERE a.case_id = $1), '[]'))::text";

/// The page's parts: one JSON query on PostgreSQL; on SQLite (in process, no round trips)
/// the reads side by side.
async fn page_parts(db: &impl ConnectionTrait, id: i32) -> Result<Parts> {
    if db.get_database_backend() == DbBackend::Postgres {
        let row = db
            .query_one_raw(Statement::from_sql_and_values(DbBackend::Postgres, PARTS_SQL, [id.into()]))
            .await?
            .ok_or(Error::NotFound)?;
        let text: String = row.try_get_by_index(0)?;
        let p: PartsJson = serde_json::from_str(&text).map_err(|e| Error::Internal(format!("case page parts: {e}")))?;
        return Ok((
            p.events,
            WorkOrdersLoaded::new(p.orders, p.charges),
            FollowUpsLoaded::new(p.follow_ups, p.attempts),
            p.attachments,
        ));
    }
    tokio::try_join!(
        async {
            Ok::<_, Error>(
                case_event::Entity::find()
                    .filter(case_event::Column::CaseId.eq(id))
                    .order_by_asc(case_event::Column::Id)
                    .all(db)
                    .await?,
            )
        },
        load_work_orders(db, id),
        load_follow_ups(db, id),
        load_attachments(db, id),
    )
}

pub(crate) async fn detail(cx: &Cx, actor: &Actor, id: i32) -> Result<CaseDetail> {
    let (db, now) = (&cx.db, cx.now);
    // The parts of the page depend only on the id: read side by side (a pool serves them
    // on several connections; in a transaction they simply queue).
    let ((c, customers, units), (events, orders, follow_ups, attachments)) = tokio::try_join!(
        async {
            let (cases, customers, units) = cases_with_names(db, vec![id]).await?;
            let c = cases.into_iter().next().ok_or(Error::NotFound)?;
            Ok::<_, Error>((c, customers, units))
        },
        page_parts(db, id),
    )?;
    // Every name the page shows.
    let staff: Vec<i32> = [c.owner_id, c.received_by]
        .into_iter()
        .chain(c.language_contact_id)
        .chain(events.iter().filter_map(|e| e.staff_id))
        .chain(orders.staff())
        .chain(follow_ups.staff())
        .chain(attachment_staff(&attachments))
        .collect();
    let (names, suppliers) = tokio::try_join!(cx.accounts.staff_names(db, staff), orders.supplier_names(db),)?;
    let case =
        render_views(actor, vec![c], now, &names, &customers, &units).into_iter().next().ok_or(Error::NotFound)?;
    let timeline = events
        .into_iter()
        .map(|e| TimelineEntry {
            staff_name: e.staff_id.and_then(|s| names.get(&s).cloned()),
            data: serde_json::from_str(&e.data).unwrap_or(serde_json::Value::Null),
            id: e.id,
            at: time(e.at),
            kind: e.kind,
            work_order_id: e.work_order_id,
            staff_id: e.staff_id,
            note: e.note,
        })
        .collect();
    Ok(CaseDetail {
        work_orders: orders.render_with(&names, &suppliers, now),
        follow_ups: follow_ups.render(&names),
        attachments: render_attachments(id, attachments, &names),
        case,
        timeline,
    })
}

struct Cleaned {
    title: String,
    description: String,
    caller_name: Option<String>,
    caller_phone: Option<String>,
}

fn clean(
    title: &str,
    description: &str,
    caller_name: &Option<String>,
    caller_phone: &Option<String>,
) -> Result<Cleaned> {
    let mut p = Problems::default();
    let mut text = |field: &str, value: &str, max: usize| match validate::text(value, max, false) {
        Ok(v) => v,
        Err(k) => {
            p.add(field, k);
            None
        }
    };
    let description = text("description", description, 4000).unwrap_or_default();
    let title = text("title", title, 200)
        .or_else(|| description.lines().next().map(|l| l.chars().take(60).collect::<String>().trim().to_owned()))
        .filter(|t| !t.is_empty());
    let caller_name = text("caller_name", caller_name.as_deref().unwrap_or(""), 100);
    let caller_phone = validate::clean_opt(caller_phone);
    p.check(title.is_some(), "title", validate::REQUIRED);
    p.check(caller_phone.as_deref().is_none_or(validate::phone), "caller_phone", "validation.phone");
    p.into_result()?;
    Ok(Cleaned { title: title.unwrap_or_default(), description, caller_name, caller_phone })
}

/// The customer's language, else the one given, else Chinese.
async fn case_language(
    db: &impl ConnectionTrait,
    customer_id: Option<i32>,
    unit_id: Option<i32>,
    given: Option<&str>,
) -> Result<String> {
    let given = given.map(str::trim).filter(|l| !l.is_empty());
    if let Some(l) = given
        && !validate::customer_language(l)
    {
        return Err(Error::field("language", "validation.language"));
    }
    let customer = match customer_id {
        Some(id) => Some(
            customer::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| Error::field("customer_id", "validation.not_found"))?,
        ),
        None => None,
    };
    if let Some(id) = unit_id
        && unit::Entity::find_by_id(id).one(db).await?.is_none()
    {
        return Err(Error::field("unit_id", "validation.not_found"));
    }
    Ok(given.map(str::to_owned).or(customer.map(|c| c.preferred_language)).unwrap_or_else(|| "zh-CN".to_owned()))
}

/// A caller who holds exactly one unit today is calling about it; with several, the desk
/// says which (or leaves it open).
async fn sole_current_unit(
    db: &impl ConnectionTrait,
    customer_id: i32,
    today: chrono::NaiveDate,
) -> Result<Option<i32>> {
    use crate::entities::occupancy;
    let units: Vec<i32> = occupancy::Entity::find()
        .select_only()
        .column(occupancy::Column::UnitId)
        .filter(occupancy::Column::CustomerId.eq(customer_id))
        .filter(occupancy::Column::StartDate.lte(today))
        .filter(occupancy::Column::EndDate.is_null().or(occupancy::Column::EndDate.gt(today)))
        .limit(2)
        .into_tuple()
        .all(db)
        .await?;
    Ok(if units.len() == 1 { units.first().copied() } else { None })
}

pub async fn open(cx: Cx, input: CaseOpen) -> Result<CaseDetail> {
    let actor = cx.actor()?;
    let v = clean(&input.title, &input.description, &input.caller_name, &input.caller_phone)?;
    consultation::check_topic(input.kind, input.consultation_topic)
        .map_err(|k| Error::field("consultation_topic", k))?;
    let txn = db::begin_write(&cx.db).await?;
    let language = case_language(&txn, input.customer_id, input.unit_id, input.language.as_deref()).await?;
    // The first receiver owns the case; a speaker of the language takes its calls.
    let language_contact_id = routing::suggest_contact(&txn, &language).await?;
    let foreign_language = self::language::is_foreign(&language);
    let unit_id = match (input.unit_id, input.customer_id) {
        (Some(u), _) => Some(u),
        (None, Some(customer_id)) => sole_current_unit(&txn, customer_id, cx.now.date_naive()).await?,
        (None, None) => None,
    };
    let settings = settings::load(&txn).await?;
    let (response, completion) = settings::target(&txn, input.kind, input.priority).await?;
    let (response_due_at, completion_due_at) = due::due_times(cx.now, response, completion);
    let c = service_case::ActiveModel {
        id: NotSet,
        kind: Set(input.kind),
        channel: Set(input.channel),
        priority: Set(input.priority),
        status: Set(CaseStatus::New),
        title: Set(v.title),
        description: Set(v.description),
        customer_id: Set(input.customer_id),
        unit_id: Set(unit_id),
        caller_name: Set(v.caller_name),
        caller_phone: Set(v.caller_phone),
        language: Set(language),
        received_by: Set(actor.id()),
        owner_id: Set(actor.id()),
        received_at: Set(cx.now),
        response_due_at: Set(response_due_at),
        completion_due_at: Set(completion_due_at),
        due_at: Set(None),
        responded_at: Set(None),
        completed_at: Set(None),
        closed_at: Set(None),
        reopened_at: Set(None),
        escalation_level: Set(0),
        escalated_at: Set(None),
        next_escalation_at: Set(None),
        reopen_count: Set(0),
        satisfaction: Set(None),
        search_text: Set(String::new()),
        foreign_language: Set(foreign_language),
        language_contact_id: Set(language_contact_id),
        consultation_topic: Set(input.consultation_topic),
        version: Set(1),
        created_at: Set(cx.now),
        updated_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    let c = settle(&txn, None, c, cx.now, Some(actor.id()), &settings).await?;
    event(
        &txn,
        &c,
        None,
        cx.now,
        Some(actor.id()),
        CaseEventKind::Received,
        "",
        serde_json::json!({
            "channel": c.channel.as_str(), "kind": c.kind.as_str(), "priority": c.priority.as_str(),
            "language": c.language, "language_contact_id": c.language_contact_id,
            "consultation_topic": c.consultation_topic.map(|t| t.as_str()),
        }),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(case = c.id, staff = actor.id(), "case opened");
    detail(&cx, actor, c.id).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CaseGet {
    pub id: i32,
}

pub async fn get(cx: Cx, input: CaseGet) -> Result<CaseDetail> {
    let actor = cx.actor()?;
    detail(&cx, actor, input.id).await
}

/// The owner, the desk and managers change a case; others are refused (audited).
pub(crate) async fn may_manage(cx: &Cx, actor: &Actor, c: &service_case::Model) -> Result<()> {
    if c.owner_id == actor.id() || matches!(actor.staff.role, Role::Desk | Role::Manager) {
        Ok(())
    } else {
        cx.refuse_because("desk.refused.not_case_owner").await
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CaseEdit {
    pub id: i32,
    pub version: i32,
    pub kind: CaseKind,
    pub channel: Channel,
    pub priority: Priority,
    pub title: String,
    pub description: String,
    pub customer_id: Option<i32>,
    pub unit_id: Option<i32>,
    pub caller_name: Option<String>,
    pub caller_phone: Option<String>,
    pub language: Option<String>,
    #[serde(default)]
    pub consultation_topic: Option<ConsultationTopic>,
}

fn snapshot(c: &service_case::Model) -> Snapshot {
    vec![
        ("kind", Some(c.kind.as_str().to_owned())),
        ("channel", Some(c.channel.as_str().to_owned())),
        ("priority", Some(c.priority.as_str().to_owned())),
        ("title", Some(c.title.clone())),
        ("description", Some(c.description.clone())),
        ("customer_id", c.customer_id.map(|i| i.to_string())),
        ("unit_id", c.unit_id.map(|i| i.to_string())),
        ("caller_name", c.caller_name.clone()),
        ("caller_phone", c.caller_phone.as_deref().map(validate::mask_phone)),
        ("language", Some(c.language.clone())),
        ("consultation_topic", c.consultation_topic.map(|t| t.as_str().to_owned())),
    ]
}

pub async fn edit(cx: Cx, input: CaseEdit) -> Result<CaseDetail> {
    let actor = cx.actor()?;
    let v = clean(&input.title, &input.description, &input.caller_name, &input.caller_phone)?;
    consultation::check_topic(input.kind, input.consultation_topic)
        .map_err(|k| Error::field("consultation_topic", k))?;
    let current = service_case::Entity::find_by_id(input.id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    may_manage(&cx, actor, &current).await?;
    let txn = db::begin_write(&cx.db).await?;
    let before = lock_case(&txn, input.id, Some(input.version), cx.now).await?;
    open_for_writing(&before)?;
    let language = case_language(&txn, input.customer_id, input.unit_id, input.language.as_deref()).await?;
    let settings = settings::load(&txn).await?;
    let mut c = before.clone();
    if (c.kind, c.priority) != (input.kind, input.priority) {
        let (r, k) = settings::target(&txn, input.kind, input.priority).await?;
        (c.response_due_at, c.completion_due_at) = due::due_times(c.received_at, r, k);
    }
    c.kind = input.kind;
    c.channel = input.channel;
    c.priority = input.priority;
    c.title = v.title;
    c.description = v.description;
    c.customer_id = input.customer_id;
    c.unit_id = input.unit_id;
    c.caller_name = v.caller_name;
    c.caller_phone = v.caller_phone;
    c.consultation_topic = input.consultation_topic;
    if c.language != language {
        c.foreign_language = self::language::is_foreign(&language);
        c.language_contact_id = routing::suggest_contact(&txn, &language).await?;
    }
    c.language = language;
    let changes: Vec<FieldChange> = history::diff(&snapshot(&before), &snapshot(&c));
    let c = settle(&txn, Some(&before), c, cx.now, Some(actor.id()), &settings).await?;
    if !changes.is_empty() {
        event(
            &txn,
            &c,
            None,
            cx.now,
            Some(actor.id()),
            CaseEventKind::Edited,
            "",
            serde_json::json!({ "changes": changes }),
        )
        .await?;
    }
    txn.commit().await?;
    detail(&cx, actor, input.id).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CaseHandover {
    pub id: i32,
    pub version: i32,
    pub to_staff_id: i32,
    pub reason: String,
}

/// First-receiver responsibility moves only this way: by the owner or a manager, with a
/// reason, on the timeline. The pending follow-up moves with it.
pub async fn handover(cx: Cx, input: CaseHandover) -> Result<CaseDetail> {
    let actor = cx.actor()?;
    let reason = text_field("reason", &input.reason, 1000, true)?.unwrap_or_default();
    let current = service_case::Entity::find_by_id(input.id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    if current.owner_id != actor.id() && actor.staff.role != Role::Manager {
        return cx.refuse_because("desk.refused.handover_owner_only").await;
    }
    let target = staff::Entity::find_by_id(input.to_staff_id)
        .one(&cx.db)
        .await?
        .filter(|s| s.active)
        .ok_or_else(|| Error::field("to_staff_id", "validation.not_found"))?;
    if target.id == current.owner_id {
        return Err(Error::field("to_staff_id", "validation.same_owner"));
    }
    let txn = db::begin_write(&cx.db).await?;
    let before = lock_case(&txn, input.id, Some(input.version), cx.now).await?;
    open_for_writing(&before)?;
    let settings = settings::load(&txn).await?;
    let mut c = before.clone();
    c.owner_id = target.id;
    let c = settle(&txn, Some(&before), c, cx.now, Some(actor.id()), &settings).await?;
    for f in follow_up::Entity::find()
        .filter(follow_up::Column::CaseId.eq(c.id))
        .filter(follow_up::Column::Status.eq(crate::domain::FollowUpStatus::Pending))
        .all(&txn)
        .await?
    {
        // A foreign-language case's follow-up stays with its language contact.
        if c.language_contact_id == Some(f.owner_id) {
            continue;
        }
        let old = common::follow_up_keys(&f);
        let changes =
            follow_up::ActiveModel { owner_id: Set(target.id), updated_at: Set(cx.now), ..Default::default() };
        let f = versioned::update::<follow_up::Entity>(&txn, f.id, f.version, changes).await?;
        common::recount(&txn, &old, &common::follow_up_keys(&f)).await?;
    }
    event(
        &txn,
        &c,
        None,
        cx.now,
        Some(actor.id()),
        CaseEventKind::HandedOver,
        &reason,
        serde_json::json!({
            "from": before.owner_id, "to": target.id
        }),
    )
    .await?;
    txn.commit().await?;
    detail(&cx, actor, input.id).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CaseResolve {
    pub id: i32,
    pub version: i32,
    /// What the customer was told or given.
    pub resolution: String,
}

/// Completes a case with no work order (an inquiry answered on the phone): it goes to
/// follow-up like any other.
pub async fn resolve(cx: Cx, input: CaseResolve) -> Result<CaseDetail> {
    let actor = cx.actor()?;
    let resolution = text_field("resolution", &input.resolution, 4000, true)?.unwrap_or_default();
    let current = service_case::Entity::find_by_id(input.id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    may_manage(&cx, actor, &current).await?;
    let txn = db::begin_write(&cx.db).await?;
    let before = lock_case(&txn, input.id, Some(input.version), cx.now).await?;
    open_for_writing(&before)?;
    if before.completed_at.is_some() {
        return Err(Error::field("case", "validation.case_completed"));
    }
    let active = work_order::Entity::find()
        .filter(work_order::Column::CaseId.eq(before.id))
        .all(&txn)
        .await?
        .iter()
        .any(|w| w.status.is_active());
    if active {
        return Err(Error::field("case", "validation.work_orders_active"));
    }
    let settings = settings::load(&txn).await?;
    let mut c = before.clone();
    c.responded_at = c.responded_at.or(Some(cx.now));
    c.completed_at = Some(cx.now);
    let c = settle(&txn, Some(&before), c, cx.now, Some(actor.id()), &settings).await?;
    event(&txn, &c, None, cx.now, Some(actor.id()), CaseEventKind::Resolved, &resolution, serde_json::json!({}))
        .await?;
    txn.commit().await?;
    detail(&cx, actor, input.id).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CaseQuery {
    /// Words or characters in the title, description, orders, remarks, customer or unit;
    /// or a case number ("C000123").
    pub search: Option<String>,
    pub kind: Option<CaseKind>,
    pub status: Option<CaseStatus>,
    /// Cases with a work order for this department.
    pub department: Option<Department>,
    pub owner_id: Option<i32>,
    pub building_id: Option<i32>,
    pub customer_id: Option<i32>,
    pub unit_id: Option<i32>,
    /// Past a due time that still matters.
    pub overdue: Option<bool>,
    /// RFC 3339 times; the screen turns local days into them.
    pub received_from: Option<String>,
    pub received_to: Option<String>,
    pub channel: Option<Channel>,
    pub language: Option<String>,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseRow {
    pub id: i32,
    pub number: String,
    pub kind: CaseKind,
    pub channel: Channel,
    pub priority: Priority,
    pub status: CaseStatus,
    pub title: String,
    pub customer_name: Option<String>,
    pub unit_label: Option<String>,
    pub owner_id: i32,
    pub owner_name: String,
    pub language: String,
    pub foreign_language: bool,
    pub consultation_topic: Option<ConsultationTopic>,
    pub received_at: String,
    pub due_at: Option<String>,
    pub overdue: bool,
    pub escalation_level: i32,
    pub satisfaction: Option<i32>,
}

fn row(v: CaseView) -> CaseRow {
    CaseRow {
        id: v.id,
        number: v.number,
        kind: v.kind,
        channel: v.channel,
        priority: v.priority,
        status: v.status,
        title: v.title,
        customer_name: v.customer_name,
        unit_label: v.unit_label,
        owner_id: v.owner_id,
        owner_name: v.owner_name,
        language: v.language,
        foreign_language: v.foreign_language,
        consultation_topic: v.consultation_topic,
        received_at: v.received_at,
        due_at: v.due_at,
        overdue: v.overdue,
        escalation_level: v.escalation_level,
        satisfaction: v.satisfaction,
    }
}

fn filters(q: &CaseQuery, now: DateTime<Utc>) -> Result<Condition> {
    use service_case::Column as C;
    let mut cond = Condition::all();
    if let Some(k) = q.kind {
        cond = cond.add(C::Kind.eq(k));
    }
    if let Some(s) = q.status {
        cond = cond.add(C::Status.eq(s));
    }
    if let Some(ch) = q.channel {
        cond = cond.add(C::Channel.eq(ch));
    }
    if let Some(l) = q.language.as_deref().filter(|l| !l.is_empty()) {
        cond = cond.add(C::Language.eq(l));
    }
    if let Some(o) = q.owner_id {
        cond = cond.add(C::OwnerId.eq(o));
    }
    if let Some(c) = q.customer_id {
        cond = cond.add(C::CustomerId.eq(c));
    }
    if let Some(u) = q.unit_id {
        cond = cond.add(C::UnitId.eq(u));
    }
    if let Some(b) = q.building_id {
        cond = cond.add(
            C::UnitId.in_subquery(
                Query::select()
                    .column(unit::Column::Id)
                    .from(unit::Entity)
                    .and_where(Expr::col(unit::Column::BuildingId).eq(b))
                    .to_owned(),
            ),
        );
    }
    match q.overdue {
        Some(true) => cond = cond.add(C::DueAt.lte(now)),
        Some(false) => cond = cond.add(Condition::any().add(C::DueAt.is_null()).add(C::DueAt.gt(now))),
        None => {}
    }
    if let Some(from) = q.received_from.as_deref().filter(|s| !s.is_empty()) {
        cond = cond.add(C::ReceivedAt.gte(parse_time("received_from", from)?));
    }
    if let Some(to) = q.received_to.as_deref().filter(|s| !s.is_empty()) {
        cond = cond.add(C::ReceivedAt.lt(parse_time("received_to", to)?));
    }
    Ok(cond)
}

/// Runs `SELECT count(*) FROM (inner LIMIT cap+1)`: exact below the cap.
async fn capped_count(db: &impl ConnectionTrait, mut inner: SelectStatement) -> Result<(u32, bool)> {
    inner.clear_order_by();
    inner.limit(common::COUNT_CAP + 1);
    let outer = Query::select().expr(Expr::cust("COUNT(*)")).from_subquery(inner, Alias::new("capped")).to_owned();
    let n: i64 = match db.query_one(&outer).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => 0,
    };
    let n = u64::try_from(n).unwrap_or(0);
    Ok((Ord::min(n, common::COUNT_CAP) as u32, n <= common::COUNT_CAP))
}

/// One page of `q`'s ids and the capped count. On PostgreSQL a page within the cap comes
/// from one query of up to `COUNT_CAP + 1` ids (a round trip saved); SQLite, answering in
/// process, counts in the database rather than hand over a thousand rows.
async fn page_and_count(
    db: &impl ConnectionTrait,
    mut q: SelectStatement,
    offset: u64,
    limit: u64,
) -> Result<(Vec<i32>, u32, bool)> {
    if db.get_database_backend() == DbBackend::Postgres && offset + limit <= common::COUNT_CAP + 1 {
        q.limit(common::COUNT_CAP + 1);
        let hits = ids_of(db, &q).await?;
        let n = hits.len() as u64;
        let page = hits.into_iter().skip(offset as usize).take(limit as usize).collect();
        return Ok((page, Ord::min(n, common::COUNT_CAP) as u32, n <= common::COUNT_CAP));
    }
    let (total, exact) = capped_count(db, q.clone()).await?;
    q.offset(offset).limit(limit);
    Ok((ids_of(db, &q).await?, total, exact))
}

async fn ids_of(db: &impl ConnectionTrait, stmt: &SelectStatement) -> Result<Vec<i32>> {
    let rows = db.query_all(stmt).await?;
    rows.iter().map(|r| r.try_get_by_index::<i32>(0).map_err(Error::from)).collect()
}

/// Ids of one page of matching cases, newest first, and the (capped) count.
async fn page_ids(
    db: &impl ConnectionTrait,
    cond: Condition,
    search: Option<Vec<String>>,
    offset: u64,
    limit: u64,
) -> Result<(Vec<i32>, u32, bool)> {
    let unfiltered = cond.is_empty();
    let base = service_case::Entity::find().select_only().column(service_case::Column::Id).filter(cond);
    let Some(tokens) = search else {
        let q = common::newest_first(base).into_query();
        return page_and_count(db, q, offset, limit).await;
    };
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let tsquery = text::tsquery(&tokens);
            // The newest matching cases first, from the newest cases that pass the other
            // filters (a window, then a ten times wider one): a common word fills the page
            // there without the GIN index. The LIMIT keeps the planner from preferring the
            // index (it guesses a phrase of common characters matches a handful of rows,
            // then rechecks tens of thousands). A rare word falls through to the index.
            // A window holding every case would only repeat the index's answer (and
            // lose its exact count): small offices go to the index straight away.
            let cases = all_cases(db).await?;
            for window in RECENT_WINDOWS.into_iter().filter(|w| *w < cases) {
                let mut newest = base.clone().into_query();
                newest
                    .column((service_case::Entity, Alias::new("tok")))
                    .order_by((service_case::Entity, service_case::Column::Id), Order::Desc)
                    .limit(window);
                // One scan gives the page and the count: ids up to the cap, newest first.
                let recent = Query::select()
                    .column((Alias::new("r"), Alias::new("id")))
                    .from_subquery(newest, Alias::new("r"))
                    .and_where(Expr::cust_with_values("r.tok @@ to_tsquery('simple', $1)", [tsquery.clone()]))
                    .order_by((Alias::new("r"), Alias::new("id")), Order::Desc)
                    .limit(common::COUNT_CAP + 1)
                    .to_owned();
                let hits = ids_of(db, &recent).await?;
                let end = offset + limit;
                if end <= hits.len() as u64 {
                    let n = Ord::min(hits.len() as u64, common::COUNT_CAP) as u32;
                    // Older cases may match too: the count is a lower bound.
                    return Ok((hits[offset as usize..end as usize].to_vec(), n, false));
                }
            }
            let mut q = base.into_query();
            q.and_where(Expr::cust_with_values("tok @@ to_tsquery('simple', $1)", [tsquery]))
                .order_by((service_case::Entity, service_case::Column::Id), Order::Desc);
            page_and_count(db, q, offset, limit).await
        }
        // Every case has its one index row: with no other filter the index answers alone
        // (joined, the count reads each hit's case too).
        _ if unfiltered => {
            let q = Query::select()
                .column(Alias::new("rowid"))
                .from(Alias::new("case_fts"))
                .and_where(Expr::cust_with_values("case_fts MATCH ?", [text::fts5_phrase(&tokens)]))
                .order_by(Alias::new("rowid"), Order::Desc)
                .to_owned();
            page_and_count(db, q, offset, limit).await
        }
        _ => {
            let mut q = base.into_query();
            q.inner_join(
                Alias::new("case_fts"),
                Expr::col((Alias::new("case_fts"), Alias::new("rowid")))
                    .equals((service_case::Entity, service_case::Column::Id)),
            )
            .and_where(Expr::cust_with_values("case_fts MATCH ?", [text::fts5_phrase(&tokens)]))
            .order_by((Alias::new("case_fts"), Alias::new("rowid")), Order::Desc);
            page_and_count(db, q, offset, limit).await
        }
    }
}

/// How many cases there are, from the maintained counts.
async fn all_cases(db: &impl ConnectionTrait) -> Result<u64> {
    use sea_orm::Iterable;
    let keys: Vec<(&str, String)> = CaseStatus::iter().map(|s| ("case_status", s.as_str().to_owned())).collect();
    Ok(counts_of(db, &keys).await?.into_iter().map(|n| u64::try_from(n).unwrap_or(0)).sum())
}

/// The case has a work order for `d` (one primary-key probe per case).
fn has_department(d: Department) -> SimpleExpr {
    Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(case_department::Entity)
            .and_where(
                Expr::col((case_department::Entity, case_department::Column::CaseId))
                    .equals((service_case::Entity, service_case::Column::Id)),
            )
            .and_where(Expr::col((case_department::Entity, case_department::Column::Department)).eq(d.as_str()))
            .to_owned(),
    )
}

/// A department's cases, newest first, from `case_department`'s index; the case row is
/// joined only when other filters need it.
async fn department_page_ids(
    db: &impl ConnectionTrait,
    d: Department,
    status: Option<CaseStatus>,
    cond: Condition,
    offset: u64,
    limit: u64,
) -> Result<(Vec<i32>, u32, bool)> {
    use case_department::Column as D;
    let mut q = Query::select()
        .column((case_department::Entity, D::CaseId))
        .from(case_department::Entity)
        .and_where(Expr::col((case_department::Entity, D::Department)).eq(d.as_str()))
        .order_by((case_department::Entity, D::ReceivedAt), Order::Desc)
        .order_by((case_department::Entity, D::CaseId), Order::Desc)
        .to_owned();
    if let Some(s) = status {
        q.and_where(Expr::col((case_department::Entity, D::CaseStatus)).eq(s.as_str()));
    }
    if !cond.is_empty() {
        q.inner_join(
            service_case::Entity,
            Expr::col((service_case::Entity, service_case::Column::Id)).equals((case_department::Entity, D::CaseId)),
        )
        .cond_where(cond);
    }
    page_and_count(db, q, offset, limit).await
}

/// How many of the newest cases PostgreSQL scans (then ten times more) before it asks
/// the GIN index.
const RECENT_WINDOWS: [u64; 2] = [2_000, 20_000];

pub(crate) async fn rows_for(cx: &Cx, actor: &Actor, ids: &[i32]) -> Result<Vec<CaseRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let (cases, customers, units) = cases_with_names(&cx.db, ids.to_vec()).await?;
    let mut by_id: HashMap<i32, service_case::Model> = cases.into_iter().map(|c| (c.id, c)).collect();
    let ordered: Vec<service_case::Model> = ids.iter().filter_map(|id| by_id.remove(id)).collect();
    let staff = ordered.iter().flat_map(|c| [c.owner_id, c.received_by]).collect();
    let names = cx.accounts.staff_names(&cx.db, staff).await?;
    Ok(render_views(actor, ordered, cx.now, &names, &customers, &units).into_iter().map(row).collect())
}

pub async fn list(cx: Cx, q: CaseQuery) -> Result<CaseList<CaseRow>> {
    let actor = cx.actor()?;
    let (offset, limit) = page::paging(q.page, q.page_size);
    let mut cond = filters(&q, cx.now)?;
    let raw = q.search.as_deref().unwrap_or("").trim();
    let mut search = None;
    if let Some(id) = text::parse_case_number(raw) {
        cond = cond.add(service_case::Column::Id.eq(id));
    } else {
        let tokens = text::query_tokens(raw);
        if !tokens.is_empty() {
            search = Some(tokens);
        }
    }
    let (ids, total, total_exact) = match (q.department, search) {
        (Some(d), None) => {
            // The department's list reads its own index; the status is kept there too.
            let mut rest = q.clone();
            rest.status = None;
            let mut cond = filters(&rest, cx.now)?;
            if let Some(id) = text::parse_case_number(raw) {
                cond = cond.add(service_case::Column::Id.eq(id));
            }
            department_page_ids(&cx.db, d, q.status, cond, offset, limit).await?
        }
        (department, search) => {
            if let Some(d) = department {
                cond = cond.add(has_department(d));
            }
            page_ids(&cx.db, cond, search, offset, limit).await?
        }
    };
    let items = rows_for(&cx, actor, &ids).await?;
    Ok(CaseList {
        items,
        total,
        total_is_lower_bound: !total_exact,
        page: Ord::max(q.page, 1),
        page_size: limit as u32,
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct MyCasesQuery {
    /// None: every open case.
    pub status: Option<CaseStatus>,
    pub page: u32,
    pub page_size: u32,
}

/// The cases the actor owns (first-receiver responsibility), open ones by default.
pub async fn mine(cx: Cx, q: MyCasesQuery) -> Result<CaseList<CaseRow>> {
    let actor = cx.actor()?;
    let (offset, limit) = page::paging(q.page, q.page_size);
    let mut cond = Condition::all().add(service_case::Column::OwnerId.eq(actor.id()));
    cond = match q.status {
        Some(s) => cond.add(service_case::Column::Status.eq(s)),
        None => cond.add(service_case::Column::Status.ne(CaseStatus::Closed)),
    };
    let (ids, total, total_exact) = page_ids(&cx.db, cond, None, offset, limit).await?;
    let items = rows_for(&cx, actor, &ids).await?;
    Ok(CaseList {
        items,
        total,
        total_is_lower_bound: !total_exact,
        page: Ord::max(q.page, 1),
        page_size: limit as u32,
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct KanbanQuery {
    /// Only this owner's cases.
    pub owner_id: Option<i32>,
    /// Only this department's work orders.
    pub department: Option<Department>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseStatusCount {
    pub status: CaseStatus,
    pub n: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct WorkOrderStatusCount {
    pub status: WorkOrderStatus,
    pub n: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct KanbanCounts {
    pub cases: Vec<CaseStatusCount>,
    pub work_orders: Vec<WorkOrderStatusCount>,
}

fn n(v: i64) -> u32 {
    u32::try_from(Ord::max(v, 0)).unwrap_or(u32::MAX)
}

/// Column counts for the kanban boards, from the counts writers keep: one query.
pub async fn kanban_counts(cx: Cx, q: KanbanQuery) -> Result<KanbanCounts> {
    cx.actor()?;
    use sea_orm::Iterable;
    let statuses: Vec<CaseStatus> = CaseStatus::iter().collect();
    let order_statuses: Vec<WorkOrderStatus> = WorkOrderStatus::iter().collect();
    let mut keys: Vec<(&str, String)> = statuses
        .iter()
        .map(|s| match q.owner_id {
            Some(o) => ("owner_status", format!("{o}:{}", s.as_str())),
            None => ("case_status", s.as_str().to_owned()),
        })
        .collect();
    keys.extend(order_statuses.iter().map(|s| match q.department {
        Some(d) => ("department_status", format!("{}:{}", d.as_str(), s.as_str())),
        None => ("work_order_status", s.as_str().to_owned()),
    }));
    let counts = counts_of(&cx.db, &keys).await?;
    let (case_counts, order_counts) = counts.split_at(statuses.len());
    Ok(KanbanCounts {
        cases: statuses.into_iter().zip(case_counts).map(|(status, v)| CaseStatusCount { status, n: n(*v) }).collect(),
        work_orders: order_statuses
            .into_iter()
            .zip(order_counts)
            .map(|(status, v)| WorkOrderStatusCount { status, n: n(*v) })
            .collect(),
    })
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct DeskBadges {
    /// Open cases the actor owns.
    pub my_cases: u32,
    /// Work orders assigned to the actor and not finished.
    pub my_work_orders: u32,
    /// Pending call-backs in the actor's follow-up queue.
    pub follow_ups: u32,
    pub unread_alerts: u32,
}

/// The navigation's numbers, from maintained counts.
pub async fn badges(cx: Cx, _: ()) -> Result<DeskBadges> {
    let actor = cx.actor()?;
    use sea_orm::{Iterable, PaginatorTrait};
    let me = actor.id();
    let mut my_cases = 0;
    for s in CaseStatus::iter().filter(|s| s.is_open()) {
        my_cases += count_of(&cx.db, "owner_status", &format!("{me}:{}", s.as_str())).await?;
    }
    let mut my_work_orders = 0;
    for s in WorkOrderStatus::iter().filter(|s| s.is_active()) {
        my_work_orders += count_of(&cx.db, "assignee_status", &format!("{me}:{}", s.as_str())).await?;
    }
    let follow_ups = count_of(&cx.db, "follow_up_status", &format!("{me}:pending")).await?;
    let unread_alerts = crate::entities::alert::Entity::find()
        .filter(crate::entities::alert::Column::StaffId.eq(me))
        .filter(crate::entities::alert::Column::ReadAt.is_null())
        .count(&cx.db)
        .await?;
    Ok(DeskBadges {
        my_cases: n(my_cases),
        my_work_orders: n(my_work_orders),
        follow_ups: n(follow_ups),
        unread_alerts: u32::try_from(unread_alerts).unwrap_or(u32::MAX),
    })
}
