//! Language-aware routing: the speakers of a case's language, the case's language
//! contact (chosen at intake, changeable) and the checks that keep foreign-language
//! follow-ups with someone who speaks the language. The first receiver still owns the case.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::cases::{CaseDetail, detail, may_manage};
use super::common::{counts_of, event, follow_up_keys, lock_case, open_for_writing, recount, settle};
use super::rules::language::{self, AssignmentCheck, Candidate};
use super::settings;
use crate::app::Cx;
use crate::db;
use crate::domain::{CaseEventKind, CaseStatus, Department, FollowUpStatus, LanguageLevel, Role};
use crate::entities::{follow_up, service_case, staff, staff_language};
use crate::error::{Error, Result};
use crate::record::versioned;
use sea_orm::Set;

/// Active staff (of `pool` when given) with their level in `language` and their open work.
async fn candidates(
    db: &impl ConnectionTrait,
    language: &str,
    pool: impl Fn(&staff::Model) -> bool,
) -> Result<Vec<Candidate>> {
    let levels: Vec<(i32, LanguageLevel)> = staff_language::Entity::find()
        .filter(staff_language::Column::Language.eq(language))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.staff_id, r.level))
        .collect();
    let ids: Vec<i32> = levels.iter().map(|(id, _)| *id).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let people: Vec<staff::Model> = staff::Entity::find()
        .filter(staff::Column::Id.is_in(ids))
        .filter(staff::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .filter(|s| pool(s))
        .collect();
    // Open cases owned (new, in progress, awaiting follow-up) and pending follow-ups.
    let open = [CaseStatus::New, CaseStatus::InProgress, CaseStatus::AwaitingFollowUp];
    let mut keys = Vec::new();
    for s in &people {
        for st in open {
            keys.push(("owner_status", format!("{}:{}", s.id, st.as_str())));
        }
        keys.push(("follow_up_status", format!("{}:{}", s.id, FollowUpStatus::Pending.as_str())));
    }
    let counts = counts_of(db, &keys).await?;
    // Open cases they are the language contact of (and do not own).
    let contact_of: Vec<(i32, i64)> = service_case::Entity::find()
        .select_only()
        .column(service_case::Column::LanguageContactId)
        .column_as(service_case::Column::Id.count(), "n")
        .filter(service_case::Column::LanguageContactId.is_in(people.iter().map(|s| s.id).collect::<Vec<_>>()))
        .filter(service_case::Column::Status.ne(CaseStatus::Closed))
        .filter(Expr::col(service_case::Column::OwnerId).ne(Expr::col(service_case::Column::LanguageContactId)))
        .group_by(service_case::Column::LanguageContactId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(people
        .into_iter()
        .enumerate()
        .map(|(i, s)| Candidate {
            load: counts.iter().skip(i * 4).take(4).sum::<i64>()
                + contact_of.iter().find(|(id, _)| *id == s.id).map_or(0, |(_, n)| *n),
            level: levels.iter().find(|(id, _)| *id == s.id).map(|(_, l)| *l),
            staff_id: s.id,
            name: s.display_name,
        })
        .collect())
}

/// The desk's people: who takes a foreign-language case's calls.
fn on_the_desk(s: &staff::Model) -> bool {
    s.role == Role::Desk || s.department == Department::CustomerService
}

/// The best speaker of `language` on the desk, for a new foreign-language case.
pub(crate) async fn suggest_contact(db: &impl ConnectionTrait, language: &str) -> Result<Option<i32>> {
    if !language::is_foreign(language) {
        return Ok(None);
    }
    Ok(language::rank_speakers(candidates(db, language, on_the_desk).await?).first().map(|c| c.staff_id))
}

/// Whether `staff_id` speaks `language`, and whether anyone active does.
async fn speaks(db: &impl ConnectionTrait, staff_id: i32, language: &str) -> Result<(bool, bool)> {
    let all = candidates(db, language, |_| true).await?;
    let me = all.iter().any(|c| c.staff_id == staff_id && language::is_speaker(c.level));
    Ok((me, all.iter().any(|c| language::is_speaker(c.level))))
}

/// Whether the follow-up's doer speaks the case's language (None for a Chinese case).
pub(crate) async fn handled_by_speaker(
    db: &impl ConnectionTrait,
    c: &service_case::Model,
    staff_id: i32,
) -> Result<Option<bool>> {
    if !c.foreign_language {
        return Ok(None);
    }
    Ok(Some(speaks(db, staff_id, &c.language).await?.0))
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SpeakerQuery {
    pub language: String,
    /// Only staff of this department (a work order's assignees).
    pub department: Option<Department>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Speaker {
    pub staff_id: i32,
    pub username: String,
    pub display_name: String,
    pub department: Department,
    pub level: LanguageLevel,
    /// Open cases owned and pending follow-ups.
    pub load: i64,
}

/// Speakers of a language, best first (level, then open work, then name).
pub async fn speakers(cx: Cx, q: SpeakerQuery) -> Result<Vec<Speaker>> {
    cx.actor()?;
    let people: std::collections::HashMap<i32, (Department, String)> = staff::Entity::find()
        .filter(staff::Column::Active.eq(true))
        .all(&cx.db)
        .await?
        .into_iter()
        .map(|s| (s.id, (s.department, s.username)))
        .collect();
    let ranked = language::rank_speakers(
        candidates(&cx.db, q.language.trim(), |s| q.department.is_none_or(|d| s.department == d)).await?,
    );
    Ok(ranked
        .into_iter()
        .filter_map(|c| {
            let (department, username) = people.get(&c.staff_id)?.clone();
            Some(Speaker {
                department,
                username,
                level: c.level?,
                staff_id: c.staff_id,
                display_name: c.name,
                load: c.load,
            })
        })
        .collect())
}

/// Checks an assignment of a foreign-language case to `staff_id` against the desk's
/// `require_speaker` setting; a refusal is a `validation` error on `field`.
pub(crate) async fn check_speaker(
    db: &impl ConnectionTrait,
    c: &service_case::Model,
    staff_id: i32,
    field: &str,
) -> Result<AssignmentCheck> {
    if !c.foreign_language {
        return Ok(AssignmentCheck::Fine);
    }
    let (me, anyone) = speaks(db, staff_id, &c.language).await?;
    let require = settings::load(db).await?.require_speaker;
    language::check_assignment(true, me, anyone, require).map_err(|key| Error::field(field, key))
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CaseLanguageContact {
    pub id: i32,
    pub version: i32,
    /// None takes the contact off the case.
    pub staff_id: Option<i32>,
}

/// Changes a case's language contact; its pending follow-up goes with it (back to the
/// owner when the contact is taken off).
pub async fn set_contact(cx: Cx, input: CaseLanguageContact) -> Result<CaseDetail> {
    let actor = cx.actor()?;
    let current = service_case::Entity::find_by_id(input.id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    may_manage(&cx, actor, &current).await?;
    if let Some(id) = input.staff_id {
        staff::Entity::find_by_id(id)
            .one(&cx.db)
            .await?
            .filter(|s| s.active)
            .ok_or_else(|| Error::field("staff_id", "validation.not_found"))?;
    }
    let txn = db::begin_write(&cx.db).await?;
    let before = lock_case(&txn, input.id, Some(input.version), cx.now).await?;
    open_for_writing(&before)?;
    if let Some(id) = input.staff_id {
        check_speaker(&txn, &before, id, "staff_id").await?;
    }
    let mut c = before.clone();
    c.language_contact_id = input.staff_id;
    let c = settle(&txn, Some(&before), c, cx.now, Some(actor.id()), &settings::load(&txn).await?).await?;
    let follow_up_owner = input.staff_id.unwrap_or(c.owner_id);
    for f in follow_up::Entity::find()
        .filter(follow_up::Column::CaseId.eq(c.id))
        .filter(follow_up::Column::Status.eq(FollowUpStatus::Pending))
        .all(&txn)
        .await?
    {
        if f.owner_id == follow_up_owner {
            continue;
        }
        let old = follow_up_keys(&f);
        let changes =
            follow_up::ActiveModel { owner_id: Set(follow_up_owner), updated_at: Set(cx.now), ..Default::default() };
        let f = versioned::update::<follow_up::Entity>(&txn, f.id, f.version, changes).await?;
        recount(&txn, &old, &follow_up_keys(&f)).await?;
    }
    // Names, as the timeline shows them.
    let names =
        super::common::staff_names(&txn, [before.language_contact_id, input.staff_id].into_iter().flatten()).await?;
    let changes = vec![crate::record::history::FieldChange {
        field: "language_contact".to_owned(),
        old: before.language_contact_id.and_then(|i| names.get(&i).cloned()),
        new: input.staff_id.and_then(|i| names.get(&i).cloned()),
    }];
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
    txn.commit().await?;
    detail(&cx, actor, input.id).await
}
