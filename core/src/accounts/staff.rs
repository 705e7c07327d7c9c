//! Staff accounts, roles and departments.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::auth::languages_of;
use super::{password, session};
use crate::app::Cx;
use crate::db;
use crate::directory::names::sort_key;
use crate::domain::{AuditEvent, Department, EscalationTier, Role, validate};
use crate::entities::staff;
use crate::error::{Error, Problems, Result};
use crate::page::{Page, page, paging};
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
    pub languages: Vec<String>,
    pub active: bool,
    pub has_password: bool,
    pub supervisor: bool,
    pub escalation_tier: Option<EscalationTier>,
}

impl From<staff::Model> for StaffRow {
    fn from(s: staff::Model) -> Self {
        Self {
            languages: languages_of(&s.languages),
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
    Ok(page(rows.into_iter().map(StaffRow::from).collect(), total, q.page, q.page_size))
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
    pub languages: Vec<String>,
}

pub async fn lookup(cx: Cx, q: StaffLookupQuery) -> Result<Page<StaffCard>> {
    let select = matching(q.search.as_deref(), q.department, false);
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = paging(q.page, q.page_size);
    let rows = select.offset(offset).limit(limit).all(&cx.db).await?;
    let cards = rows
        .into_iter()
        .map(|s| StaffCard {
            languages: languages_of(&s.languages),
            id: s.id,
            username: s.username,
            display_name: s.display_name,
            department: s.department,
        })
        .collect();
    Ok(page(cards, total, q.page, q.page_size))
}

fn check_languages(p: &mut Problems, languages: &[String]) -> String {
    let ok = languages.len() <= 8 && languages.iter().all(|l| validate::customer_language(l));
    p.check(ok, "languages", "validation.language");
    languages.join(",")
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StaffInput {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department: Department,
    pub languages: Vec<String>,
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
        languages: Set(languages),
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
    if s.password_hash.is_some() {
        audit::by(&txn, cx.now, actor, AuditEvent::PasswordSet, &format!("staff #{}", s.id)).await?;
    }
    txn.commit().await?;
    Ok(s.into())
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StaffUpdate {
    pub id: i32,
    pub version: i32,
    pub display_name: String,
    pub role: Role,
    pub department: Department,
    pub languages: Vec<String>,
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
            languages: Set(languages),
            active: Set(input.active),
            supervisor: Set(input.supervisor),
            escalation_tier: Set(input.escalation_tier),
            updated_at: Set(cx.now),
            ..Default::default()
        },
    )
    .await?;
    if old.active && !input.active {
        session::end_sessions_of(&txn, old.id, cx.now).await?;
        audit::by(&txn, cx.now, actor, AuditEvent::StaffDeactivated, &format!("staff #{}", old.id)).await?;
    }
    txn.commit().await?;
    Ok(new.into())
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StaffSetPassword {
    pub id: i32,
    pub password: String,
}

/// A manager sets (or resets) someone's password; their open sessions end.
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
    if target.id != actor.id() {
        session::end_sessions_of(&txn, target.id, cx.now).await?;
    }
    audit::by(&txn, cx.now, actor, AuditEvent::PasswordSet, &format!("staff #{}", target.id)).await?;
    txn.commit().await?;
    Ok(())
}
