//! Staff accounts, roles and departments.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{password, session, throttle};
use crate::app::Cx;
use crate::db;
use crate::directory::names::sort_key;
use crate::domain::{AuditEvent, Department, EscalationTier, LanguageLevel, Role, validate};
use crate::entities::{staff, staff_language};
use crate::error::{Error, Problems, Result};
use crate::page::{Page, page, paging};
use crate::record::audit::AuditSubject;
use crate::record::{audit, versioned};

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StaffQuery {
    pub search: Option<String>,
    pub department: Option<Department>,
    pub include_inactive: bool,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct StaffRow {
    pub id: i32,
    pub version: i32,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department: Department,
    pub languages: Vec<LanguageSkill>,
    pub active: bool,
    pub has_password: bool,
    pub supervisor: bool,
    pub escalation_tier: Option<EscalationTier>,
    /// Locked after too many failed sign-ins; a manager unlocks it.
    pub locked: bool,
}

/// A language a staff member speaks and how well.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LanguageSkill {
    pub language: String,
    pub level: LanguageLevel,
}

/// The languages of each of `ids`, best level first.
pub(crate) async fn skills_of(
    db: &impl ConnectionTrait,
    ids: Vec<i32>,
) -> Result<std::collections::HashMap<i32, Vec<LanguageSkill>>> {
    let mut out: std::collections::HashMap<i32, Vec<LanguageSkill>> = std::collections::HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    for chunk in ids.chunks(1000) {
        let rows = staff_language::Entity::find()
            .filter(staff_language::Column::StaffId.is_in(chunk.to_vec()))
            .order_by_asc(staff_language::Column::Id)
            .all(db)
            .await?;
        for r in rows {
            out.entry(r.staff_id).or_default().push(LanguageSkill { language: r.language, level: r.level });
        }
    }
    for skills in out.values_mut() {
        skills.sort_by_key(|k| std::cmp::Reverse(crate::desk::rules::language::level_rank(k.level)));
    }
    Ok(out)
}

/// Replaces a staff member's languages (rows and the plain comma list kept beside them).
pub(crate) async fn save_skills(db: &impl ConnectionTrait, staff_id: i32, skills: &[LanguageSkill]) -> Result<()> {
    staff_language::Entity::delete_many().filter(staff_language::Column::StaffId.eq(staff_id)).exec(db).await?;
    if !skills.is_empty() {
        let rows = skills.iter().map(|k| staff_language::ActiveModel {
            id: NotSet,
            staff_id: Set(staff_id),
            language: Set(k.language.clone()),
            level: Set(k.level),
        });
        staff_language::Entity::insert_many(rows).exec_without_returning(db).await?;
    }
    let list = skills.iter().map(|k| k.language.as_str()).collect::<Vec<_>>().join(",");
    staff::Entity::update_many()
        .col_expr(staff::Column::Languages, sea_orm::sea_query::Expr::value(list))
        .filter(staff::Column::Id.eq(staff_id))
        .exec(db)
        .await?;
    Ok(())
}

impl StaffRow {
    fn of(
        s: staff::Model,
        skills: &mut std::collections::HashMap<i32, Vec<LanguageSkill>>,
        locked: &std::collections::HashSet<i32>,
    ) -> Self {
        Self {
            locked: locked.contains(&s.id),
            languages: skills.remove(&s.id).unwrap_or_default(),
            has_password: s.password_hash.is_some(),
            id: s.id,
            version: s.version,
            username: s.username,
            display_name: s.display_name,
            role: s.role,
            department: s.department,
            active: s.active,
            supervisor: s.supervisor,
            escalation_tier: s.escalation_tier,
        }
    }
}

pub fn username_ok(u: &str) -> bool {
    (3..=32).contains(&u.len()) && u.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
}

/// Staff matching a department and a name or username fragment, as a query to page.
fn matching(
    search: Option<&str>,
    department: Option<Department>,
    include_inactive: bool,
) -> sea_orm::Select<staff::Entity> {
    let mut select = staff::Entity::find();
    if !include_inactive {
        select = select.filter(staff::Column::Active.eq(true));
    }
    if let Some(d) = department {
        select = select.filter(staff::Column::Department.eq(d));
    }
    if let Some(s) = search.map(str::trim).filter(|s| !s.is_empty()) {
        let pattern = format!("%{}%", s.replace(['%', '_'], ""));
        select = select.filter(
            Condition::any().add(staff::Column::DisplayName.like(&pattern)).add(staff::Column::Username.like(&pattern)),
        );
    }
    select.order_by_asc(staff::Column::Department).order_by_asc(staff::Column::SortKey).order_by_asc(staff::Column::Id)
}

pub async fn list(cx: Cx, q: StaffQuery) -> Result<Page<StaffRow>> {
    let select = matching(q.search.as_deref(), q.department, q.include_inactive);
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = paging(q.page, q.page_size);
    let rows = select.offset(offset).limit(limit).all(&cx.db).await?;
    let ids: Vec<i32> = rows.iter().map(|s| s.id).collect();
    let mut skills = skills_of(&cx.db, ids.clone()).await?;
    let locked = throttle::locked_among(&cx.db, ids).await?;
    Ok(page(rows.into_iter().map(|s| StaffRow::of(s, &mut skills, &locked)).collect(), total, q.page, q.page_size))
}

/// What anyone signed in may search for to pick a colleague (hand over a case, assign a work
/// order, filter by owner): active staff with their department and languages, nothing else.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct StaffLookupQuery {
    pub search: Option<String>,
    pub department: Option<Department>,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct StaffCard {
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub department: Department,
    pub languages: Vec<LanguageSkill>,
}

pub async fn lookup(cx: Cx, q: StaffLookupQuery) -> Result<Page<StaffCard>> {
    let select = matching(q.search.as_deref(), q.department, false);
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = paging(q.page, q.page_size);
    let rows = select.offset(offset).limit(limit).all(&cx.db).await?;
    let mut skills = skills_of(&cx.db, rows.iter().map(|s| s.id).collect()).await?;
    let cards = rows
        .into_iter()
        .map(|s| StaffCard {
            languages: skills.remove(&s.id).unwrap_or_default(),
            id: s.id,
            username: s.username,
            display_name: s.display_name,
            department: s.department,
        })
        .collect();
    Ok(page(cards, total, q.page, q.page_size))
}

/// A language staff may list: a catalog language or a customer language.
pub fn staff_language_ok(code: &str) -> bool {
    crate::locales::is_available(code) || validate::customer_language(code)
}

fn check_languages(p: &mut Problems, languages: &[LanguageSkill]) -> Vec<LanguageSkill> {
    let mut seen: Vec<&str> = Vec::new();
    let mut ok = languages.len() <= 8;
    for k in languages {
        ok &= staff_language_ok(&k.language) && !seen.contains(&k.language.as_str());
        seen.push(&k.language);
    }
    p.check(ok, "languages", "validation.language");
    languages.to_vec()
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StaffInput {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department: Department,
    pub languages: Vec<LanguageSkill>,
    pub password: Option<String>,
    /// Department supervisor: the first to hear of an overdue work order.
    #[serde(default)]
    pub supervisor: bool,
    /// Branch or head-office quality: the upper escalation levels.
    #[serde(default)]
    pub escalation_tier: Option<EscalationTier>,
}

pub async fn create(cx: Cx, input: StaffInput) -> Result<StaffRow> {
    let actor = cx.actor()?;
    let mut p = Problems::default();
    let username = input.username.trim().to_lowercase();
    p.check(username_ok(&username), "username", "validation.username_format");
    let display_name = validate::text(&input.display_name, 100, true).unwrap_or_else(|k| {
        p.add("display_name", k);
        None
    });
    p.check(input.department.fits(input.role), "department", "validation.department_role");
    let languages = check_languages(&mut p, &input.languages);
    let password = input.password.as_deref().filter(|pw| !pw.is_empty());
    if let Some(pw) = password
        && let Err(k) = password::check_rules(pw, &username)
    {
        p.add("password", k);
    }
    p.into_result()?;
    let hash = password.map(password::hash).transpose()?;
    let txn = db::begin_write(&cx.db).await?;
    if staff::Entity::find().filter(staff::Column::Username.eq(&username)).count(&txn).await? > 0 {
        return Err(Error::field("username", "validation.username_taken"));
    }
    let s = staff::ActiveModel {
        id: NotSet,
        username: Set(username),
        sort_key: Set(sort_key(display_name.as_deref().unwrap_or_default())),
        display_name: Set(display_name.unwrap_or_default()),
        role: Set(input.role),
        department: Set(input.department),
        languages: Set(String::new()),
        locale: Set(None),
        active: Set(true),
        password_hash: Set(hash),
        supervisor: Set(input.supervisor),
        escalation_tier: Set(input.escalation_tier),
        version: Set(1),
        created_at: Set(cx.now),
        updated_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    save_skills(&txn, s.id, &languages).await?;
    let created = AuditSubject::of(&s).change("role", None, Some(s.role.as_str())).change(
        "department",
        None,
        Some(s.department.as_str()),
    );
    audit::about(&txn, cx.now, actor, AuditEvent::StaffCreated, &created).await?;
    if s.password_hash.is_some() {
        audit::about(&txn, cx.now, actor, AuditEvent::PasswordSet, &AuditSubject::of(&s)).await?;
    }
    txn.commit().await?;
    row_of(&cx, s.id).await
}

async fn row_of(cx: &Cx, id: i32) -> Result<StaffRow> {
    let mut skills = skills_of(&cx.db, vec![id]).await?;
    let locked = throttle::locked_among(&cx.db, vec![id]).await?;
    let s = staff::Entity::find_by_id(id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    Ok(StaffRow::of(s, &mut skills, &locked))
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StaffUpdate {
    pub id: i32,
    pub version: i32,
    pub display_name: String,
    pub role: Role,
    pub department: Department,
    pub languages: Vec<LanguageSkill>,
    pub active: bool,
    /// Department supervisor: the first to hear of an overdue work order.
    #[serde(default)]
    pub supervisor: bool,
    /// Branch or head-office quality: the upper escalation levels.
    #[serde(default)]
    pub escalation_tier: Option<EscalationTier>,
}

async fn other_active_managers(db: &impl ConnectionTrait, id: i32) -> Result<u64> {
    Ok(staff::Entity::find()
        .filter(staff::Column::Role.eq(Role::Manager))
        .filter(staff::Column::Active.eq(true))
        .filter(staff::Column::Id.ne(id))
        .count(db)
        .await?)
}

/// Locks the active managers' rows until the transaction ends, so two managers demoting
/// or deactivating each other at once on PostgreSQL take turns and the second sees the
/// first's change (SQLite's write transaction already runs alone).
async fn hold_managers(db: &impl ConnectionTrait) -> Result<()> {
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        staff::Entity::find()
            .select_only()
            .column(staff::Column::Id)
            .filter(staff::Column::Role.eq(Role::Manager))
            .filter(staff::Column::Active.eq(true))
            .order_by_asc(staff::Column::Id)
            .lock_exclusive()
            .into_tuple::<i32>()
            .all(db)
            .await?;
    }
    Ok(())
}

pub async fn update(cx: Cx, input: StaffUpdate) -> Result<StaffRow> {
    let actor = cx.actor()?;
    let mut p = Problems::default();
    let display_name = validate::text(&input.display_name, 100, true).unwrap_or_else(|k| {
        p.add("display_name", k);
        None
    });
    p.check(input.department.fits(input.role), "department", "validation.department_role");
    let languages = check_languages(&mut p, &input.languages);
    p.into_result()?;
    let txn = db::begin_write(&cx.db).await?;
    if input.role != Role::Manager || !input.active {
        hold_managers(&txn).await?;
    }
    let old = staff::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    let stops_managing = old.role == Role::Manager && old.active && (input.role != Role::Manager || !input.active);
    if stops_managing && other_active_managers(&txn, old.id).await? == 0 {
        return Err(Error::field("active", "validation.last_manager"));
    }
    let new = versioned::update::<staff::Entity>(
        &txn,
        input.id,
        input.version,
        staff::ActiveModel {
            sort_key: Set(sort_key(display_name.as_deref().unwrap_or_default())),
            display_name: Set(display_name.unwrap_or_default()),
            role: Set(input.role),
            department: Set(input.department),
            active: Set(input.active),
            supervisor: Set(input.supervisor),
            escalation_tier: Set(input.escalation_tier),
            updated_at: Set(cx.now),
            ..Default::default()
        },
    )
    .await?;
    save_skills(&txn, new.id, &languages).await?;
    if old.active && !input.active {
        session::end_sessions_of(&txn, old.id, cx.now).await?;
    }
    for (event, subject) in changes_of(&old, &new) {
        audit::about(&txn, cx.now, actor, event, &subject).await?;
    }
    txn.commit().await?;
    row_of(&cx, new.id).await
}

/// The audit entries of an edit: role, department and active state, old → new.
fn changes_of(old: &staff::Model, new: &staff::Model) -> Vec<(AuditEvent, AuditSubject)> {
    let mut out = Vec::new();
    let subject = || AuditSubject::of(new);
    if old.role != new.role {
        out.push((AuditEvent::RoleChanged, subject().change("role", Some(old.role.as_str()), Some(new.role.as_str()))));
    }
    if old.department != new.department {
        let (before, after) = (old.department.as_str(), new.department.as_str());
        out.push((AuditEvent::DepartmentChanged, subject().change("department", Some(before), Some(after))));
    }
    if old.active != new.active {
        let event = if new.active { AuditEvent::StaffReactivated } else { AuditEvent::StaffDeactivated };
        let text = |b: bool| if b { "true" } else { "false" };
        out.push((event, subject().change("active", Some(text(old.active)), Some(text(new.active)))));
    }
    out
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StaffSetPassword {
    pub id: i32,
    pub password: String,
}

/// A manager sets (or resets) someone's password; all their open sessions end.
pub async fn set_password(cx: Cx, input: StaffSetPassword) -> Result<()> {
    let actor = cx.actor()?;
    let target = staff::Entity::find_by_id(input.id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    password::check_rules(&input.password, &target.username).map_err(|k| Error::field("password", k))?;
    let hash = password::hash(&input.password)?;
    let txn = db::begin_write(&cx.db).await?;
    let mut a: staff::ActiveModel = target.clone().into();
    a.password_hash = Set(Some(hash));
    a.updated_at = Set(cx.now);
    a.update(&txn).await?;
    // Resetting one's own password here keeps the session doing it, as changing it does.
    let keep = (target.id == actor.id()).then_some(actor.session_id);
    session::end_sessions_except(&txn, target.id, keep, cx.now).await?;
    audit::about(&txn, cx.now, actor, AuditEvent::PasswordReset, &AuditSubject::of(&target)).await?;
    txn.commit().await?;
    Ok(())
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StaffUnlock {
    pub id: i32,
}

/// A manager unlocks an account locked after failed sign-ins.
pub async fn unlock(cx: Cx, input: StaffUnlock) -> Result<StaffRow> {
    let actor = cx.actor()?;
    let txn = db::begin_write(&cx.db).await?;
    let target = staff::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    if throttle::unlock(&txn, target.id).await? {
        audit::about(&txn, cx.now, actor, AuditEvent::AccountUnlocked, &AuditSubject::of(&target)).await?;
    }
    txn.commit().await?;
    row_of(&cx, target.id).await
}
