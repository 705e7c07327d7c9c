//! Follow-up calls: attempts, the customer's score, reopening on 1–2, closing.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::cases::{CaseDetail, detail};
use super::common::{self, event, lock_case, opt_time, parse_time, settle, staff_names, text_field, time};
use super::escalation::alert_levels;
use super::rules::follow_up::{self as rule, Outcome};
use super::rules::{due, escalation, text};
use super::settings;
use crate::accounts::Actor;
use crate::app::Cx;
use crate::db;
use crate::domain::{AlertKind, AttemptOutcome, CaseEventKind, CaseStatus, FollowUpStatus, Role};
use crate::entities::{follow_up, follow_up_attempt, service_case};
use crate::error::{Error, Result};
use crate::page::{self, Page};
use crate::record::versioned;

#[derive(Debug, Clone, Serialize, TS)]
pub struct AttemptRow {
    pub id: i32,
    pub at: String,
    pub staff_name: String,
    pub outcome: AttemptOutcome,
    pub next_at: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct FollowUpView {
    pub id: i32,
    pub case_id: i32,
    pub version: i32,
    pub owner_id: i32,
    pub owner_name: String,
    pub status: FollowUpStatus,
    pub due_at: String,
    pub attempts: i32,
    pub satisfaction: Option<i32>,
    pub remark: Option<String>,
    /// The customer's language: the call is made in it.
    pub language: String,
    pub done_at: Option<String>,
    pub done_by_name: Option<String>,
    /// On a foreign-language case: whether the one who completed it speaks the language.
    pub by_speaker: Option<bool>,
    pub attempt_log: Vec<AttemptRow>,
}

/// A case's follow-ups and their attempts, before the staff names are known.
pub(crate) struct FollowUpsLoaded {
    rows: Vec<follow_up::Model>,
    attempts: Vec<follow_up_attempt::Model>,
}

pub(crate) async fn load_follow_ups(db: &impl ConnectionTrait, case_id: i32) -> Result<FollowUpsLoaded> {
    // One query: the follow-ups, each with its attempts.
    let found = follow_up::Entity::find()
        .filter(follow_up::Column::CaseId.eq(case_id))
        .order_by_asc(follow_up::Column::Id)
        .find_with_related(follow_up_attempt::Entity)
        .order_by_asc(follow_up_attempt::Column::Id)
        .all(db)
        .await?;
    let mut rows = Vec::with_capacity(found.len());
    let mut attempts = Vec::new();
    for (f, a) in found {
        rows.push(f);
        attempts.extend(a);
    }
    Ok(FollowUpsLoaded { rows, attempts })
}

impl FollowUpsLoaded {
    pub(crate) fn new(rows: Vec<follow_up::Model>, attempts: Vec<follow_up_attempt::Model>) -> Self {
        Self { rows, attempts }
    }

    /// Every staff member named in the views.
    pub(crate) fn staff(&self) -> impl Iterator<Item = i32> + '_ {
        self.rows
            .iter()
            .flat_map(|f| [Some(f.owner_id), f.done_by])
            .flatten()
            .chain(self.attempts.iter().map(|a| a.staff_id))
    }

    pub(crate) fn render(self, names: &HashMap<i32, String>) -> Vec<FollowUpView> {
        let FollowUpsLoaded { rows, attempts } = self;
        render_follow_ups(rows, &attempts, names)
    }
}

fn render_follow_ups(
    rows: Vec<follow_up::Model>,
    attempts: &[follow_up_attempt::Model],
    names: &HashMap<i32, String>,
) -> Vec<FollowUpView> {
    rows.into_iter()
        .map(|f| FollowUpView {
            attempt_log: attempts
                .iter()
                .filter(|a| a.follow_up_id == f.id)
                .map(|a| AttemptRow {
                    id: a.id,
                    at: time(a.at),
                    staff_name: names.get(&a.staff_id).cloned().unwrap_or_default(),
                    outcome: a.outcome,
                    next_at: opt_time(a.next_at),
                    note: a.note.clone(),
                })
                .collect(),
            owner_name: names.get(&f.owner_id).cloned().unwrap_or_default(),
            done_by_name: f.done_by.and_then(|d| names.get(&d).cloned()),
            by_speaker: f.by_speaker,
            due_at: time(f.due_at),
            done_at: opt_time(f.done_at),
            id: f.id,
            case_id: f.case_id,
            version: f.version,
            owner_id: f.owner_id,
            status: f.status,
            attempts: f.attempts,
            satisfaction: f.satisfaction,
            remark: f.remark,
            language: f.language,
        })
        .collect()
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct FollowUpQueueQuery {
    /// Managers and the desk may see everyone's queue.
    pub everyone: bool,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct FollowUpRow {
    pub id: i32,
    pub version: i32,
    pub case_id: i32,
    pub case_number: String,
    pub case_title: String,
    pub customer_name: Option<String>,
    pub caller_phone: Option<String>,
    pub owner_name: String,
    pub due_at: String,
    pub overdue: bool,
    pub attempts: i32,
    pub language: String,
}

/// Pending call-backs, soonest due first: the actor's own, or everyone's.
pub async fn queue(cx: Cx, q: FollowUpQueueQuery) -> Result<Page<FollowUpRow>> {
    let actor = cx.actor()?;
    let mut select = follow_up::Entity::find().filter(follow_up::Column::Status.eq(FollowUpStatus::Pending));
    if !(q.everyone && matches!(actor.staff.role, Role::Manager | Role::Desk)) {
        select = select.filter(follow_up::Column::OwnerId.eq(actor.id()));
    }
    let total = select.clone().limit(common::COUNT_CAP).count(&cx.db).await?;
    let (offset, limit) = page::paging(q.page, q.page_size);
    let rows = select
        .order_by_asc(follow_up::Column::DueAt)
        .order_by_asc(follow_up::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(&cx.db)
        .await?;
    let cases = service_case::Entity::find()
        .filter(service_case::Column::Id.is_in(rows.iter().map(|f| f.case_id).collect::<Vec<_>>()))
        .all(&cx.db)
        .await?;
    let views = super::cases::case_views(&cx, actor, cases).await?;
    let names = staff_names(&cx.db, rows.iter().map(|f| f.owner_id)).await?;
    let items = rows
        .into_iter()
        .map(|f| {
            let c = views.iter().find(|v| v.id == f.case_id);
            FollowUpRow {
                case_number: text::case_number(f.case_id),
                case_title: c.map(|c| c.title.clone()).unwrap_or_default(),
                customer_name: c.and_then(|c| c.customer_name.clone()),
                caller_phone: c.and_then(|c| c.caller_phone.clone()),
                owner_name: names.get(&f.owner_id).cloned().unwrap_or_default(),
                overdue: f.due_at <= cx.now,
                due_at: time(f.due_at),
                id: f.id,
                version: f.version,
                case_id: f.case_id,
                attempts: f.attempts,
                language: f.language,
            }
        })
        .collect();
    Ok(page::page(items, total, q.page, q.page_size))
}

/// The follow-up's owner, the desk and managers make the call.
async fn load_for_call(cx: &Cx, actor: &Actor, id: i32) -> Result<follow_up::Model> {
    let f = follow_up::Entity::find_by_id(id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    if f.owner_id != actor.id() && !matches!(actor.staff.role, Role::Desk | Role::Manager) {
        return cx.refuse_because("desk.refused.not_follow_up_owner").await;
    }
    if f.status != FollowUpStatus::Pending {
        return Err(Error::field("follow_up", "validation.follow_up_finished"));
    }
    Ok(f)
}

/// Marks the follow-up as changed at `version`, or fails with `conflict`.
async fn update_follow_up(
    db: &impl ConnectionTrait,
    old: &follow_up::Model,
    n: follow_up::Model,
) -> Result<follow_up::Model> {
    let row = follow_up::ActiveModel::from(n).reset_all();
    let n = versioned::update::<follow_up::Entity>(db, old.id, old.version, row).await?;
    common::recount(db, &common::follow_up_keys(old), &common::follow_up_keys(&n)).await?;
    Ok(n)
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct FollowUpAttempt {
    pub follow_up_id: i32,
    pub version: i32,
    /// Not `reached`: a reached customer gives a result (`follow_up_record`).
    pub outcome: AttemptOutcome,
    /// RFC 3339: call again at.
    pub next_at: Option<String>,
    pub note: String,
}

/// A call that did not reach the customer.
pub async fn attempt(cx: Cx, input: FollowUpAttempt) -> Result<CaseDetail> {
    let actor = cx.actor()?;
    if input.outcome == AttemptOutcome::Reached {
        return Err(Error::field("outcome", "validation.reached_needs_result"));
    }
    let note = text_field("note", &input.note, 1000, false)?.unwrap_or_default();
    let next_at = input.next_at.as_deref().filter(|s| !s.is_empty()).map(|s| parse_time("next_at", s)).transpose()?;
    if next_at.is_some_and(|t| t <= cx.now) {
        return Err(Error::field("next_at", "validation.due_in_past"));
    }
    let f = load_for_call(&cx, actor, input.follow_up_id).await?;
    let txn = db::begin_write(&cx.db).await?;
    let c = lock_case(&txn, f.case_id, None, cx.now).await?;
    let old = follow_up::Entity::find_by_id(f.id).one(&txn).await?.ok_or(Error::NotFound)?;
    if old.version != input.version {
        return Err(Error::Conflict);
    }
    let n = follow_up::Model {
        attempts: old.attempts + 1,
        due_at: next_at.unwrap_or(old.due_at),
        updated_at: cx.now,
        ..old.clone()
    };
    update_follow_up(&txn, &old, n).await?;
    follow_up_attempt::ActiveModel {
        id: NotSet,
        follow_up_id: Set(old.id),
        at: Set(cx.now),
        staff_id: Set(actor.id()),
        outcome: Set(input.outcome),
        next_at: Set(next_at),
        note: Set(note.clone()),
    }
    .insert(&txn)
    .await?;
    event(
        &txn,
        &c,
        None,
        cx.now,
        Some(actor.id()),
        CaseEventKind::FollowUpAttempt,
        &note,
        serde_json::json!({
            "outcome": input.outcome.as_str(), "attempt": old.attempts + 1, "next_at": opt_time(next_at)
        }),
    )
    .await?;
    txn.commit().await?;
    detail(&cx, actor, f.case_id).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct FollowUpRecord {
    pub follow_up_id: i32,
    pub version: i32,
    /// 1–5.
    pub satisfaction: i32,
    /// Required for 3.
    pub remark: Option<String>,
}

/// The customer was reached. 4–5 (or 3 with a remark) close the case; 1–2 reopen it
/// with a fresh completion due time and alert up to level 2 at once.
pub async fn record(cx: Cx, input: FollowUpRecord) -> Result<CaseDetail> {
    let actor = cx.actor()?;
    let remark = text_field("remark", input.remark.as_deref().unwrap_or(""), 2000, false)?;
    let outcome = rule::result(input.satisfaction, remark.as_deref()).map_err(|(f, k)| Error::field(f, k))?;
    let f = load_for_call(&cx, actor, input.follow_up_id).await?;
    let txn = db::begin_write(&cx.db).await?;
    let before = lock_case(&txn, f.case_id, None, cx.now).await?;
    if before.status != CaseStatus::AwaitingFollowUp {
        return Err(Error::field("follow_up", "validation.follow_up_finished"));
    }
    let old = follow_up::Entity::find_by_id(f.id).one(&txn).await?.ok_or(Error::NotFound)?;
    if old.version != input.version {
        return Err(Error::Conflict);
    }
    let n = follow_up::Model {
        status: FollowUpStatus::Done,
        satisfaction: Some(input.satisfaction),
        remark: remark.clone(),
        done_at: Some(cx.now),
        done_by: Some(actor.id()),
        by_speaker: super::routing::handled_by_speaker(&txn, &before, actor.id()).await?,
        updated_at: cx.now,
        ..old.clone()
    };
    update_follow_up(&txn, &old, n).await?;
    follow_up_attempt::ActiveModel {
        id: NotSet,
        follow_up_id: Set(old.id),
        at: Set(cx.now),
        staff_id: Set(actor.id()),
        outcome: Set(AttemptOutcome::Reached),
        next_at: Set(None),
        note: Set(remark.clone().unwrap_or_default()),
    }
    .insert(&txn)
    .await?;
    let settings = settings::load(&txn).await?;
    let mut c = before.clone();
    c.satisfaction = Some(input.satisfaction);
    let note = remark.unwrap_or_default();
    match outcome {
        Outcome::Close => {
            c.closed_at = Some(cx.now);
            let c = settle(&txn, Some(&before), c, cx.now, Some(actor.id()), &settings).await?;
            event(
                &txn,
                &c,
                None,
                cx.now,
                Some(actor.id()),
                CaseEventKind::FollowedUp,
                &note,
                serde_json::json!({
                    "satisfaction": input.satisfaction
                }),
            )
            .await?;
            event(&txn, &c, None, cx.now, Some(actor.id()), CaseEventKind::Closed, "", serde_json::json!({})).await?;
        }
        Outcome::Reopen => {
            let (_, completion) = settings::target(&txn, c.kind, c.priority).await?;
            let (_, completion_due) = due::due_times(cx.now, completion, completion);
            c.completed_at = None;
            c.reopened_at = Some(cx.now);
            c.reopen_count += 1;
            c.completion_due_at = completion_due;
            // Set the pending due here so settling keeps the level raised below.
            c.due_at = Some(completion_due);
            let from = c.escalation_level;
            c.escalation_level = c.escalation_level.max(rule::DISSATISFIED_LEVEL);
            c.escalated_at = Some(cx.now);
            c.next_escalation_at = escalation::next_at(completion_due, c.escalation_level, &settings.delays);
            let c = settle(&txn, Some(&before), c, cx.now, Some(actor.id()), &settings).await?;
            event(
                &txn,
                &c,
                None,
                cx.now,
                Some(actor.id()),
                CaseEventKind::FollowedUp,
                &note,
                serde_json::json!({
                    "satisfaction": input.satisfaction
                }),
            )
            .await?;
            event(
                &txn,
                &c,
                None,
                cx.now,
                Some(actor.id()),
                CaseEventKind::Reopened,
                &note,
                serde_json::json!({
                    "reopen_count": c.reopen_count
                }),
            )
            .await?;
            alert_levels(&txn, &c, None, 1, rule::DISSATISFIED_LEVEL, AlertKind::Dissatisfied, cx.now).await?;
            event(
                &txn,
                &c,
                None,
                cx.now,
                None,
                CaseEventKind::Escalated,
                "",
                serde_json::json!({
                    "from": from, "to": c.escalation_level, "kind": AlertKind::Dissatisfied.as_str()
                }),
            )
            .await?;
        }
    }
    txn.commit().await?;
    detail(&cx, actor, f.case_id).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct FollowUpUnreachable {
    pub follow_up_id: i32,
    pub version: i32,
    pub note: String,
}

/// Closes the case as "customer unreachable", allowed only after the set number of
/// failed calls.
pub async fn close_unreachable(cx: Cx, input: FollowUpUnreachable) -> Result<CaseDetail> {
    let actor = cx.actor()?;
    let note = text_field("note", &input.note, 1000, false)?.unwrap_or_default();
    let f = load_for_call(&cx, actor, input.follow_up_id).await?;
    let txn = db::begin_write(&cx.db).await?;
    let before = lock_case(&txn, f.case_id, None, cx.now).await?;
    let old = follow_up::Entity::find_by_id(f.id).one(&txn).await?.ok_or(Error::NotFound)?;
    if old.version != input.version {
        return Err(Error::Conflict);
    }
    let settings = settings::load(&txn).await?;
    if !rule::may_close_unreachable(old.attempts, settings.unreachable_after) {
        return Err(Error::field("follow_up", "validation.too_few_attempts"));
    }
    let n = follow_up::Model {
        status: FollowUpStatus::Unreachable,
        remark: Some(note.clone()).filter(|n| !n.is_empty()),
        done_at: Some(cx.now),
        done_by: Some(actor.id()),
        by_speaker: super::routing::handled_by_speaker(&txn, &before, actor.id()).await?,
        updated_at: cx.now,
        ..old.clone()
    };
    update_follow_up(&txn, &old, n).await?;
    let mut c = before.clone();
    c.closed_at = Some(cx.now);
    let c = settle(&txn, Some(&before), c, cx.now, Some(actor.id()), &settings).await?;
    event(
        &txn,
        &c,
        None,
        cx.now,
        Some(actor.id()),
        CaseEventKind::Closed,
        &note,
        serde_json::json!({
            "unreachable": true, "attempts": old.attempts
        }),
    )
    .await?;
    txn.commit().await?;
    detail(&cx, actor, f.case_id).await
}
