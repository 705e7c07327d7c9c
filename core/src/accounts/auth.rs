//! Sign-in, sign-out and the signed-in staff member's own settings.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Actor;
use super::{password, session as credentials, throttle};
use crate::app::Cx;
use crate::domain::{AuditEvent, Department, Permission, Role};
use crate::entities::{session, staff};
use crate::error::{Error, Result};
use crate::record::audit;
use crate::record::audit::AuditSubject;
use crate::{db, locales};

#[derive(Debug, Clone, Serialize, TS)]
pub struct Me {
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department: Department,
    pub languages: Vec<String>,
    pub locale: Option<String>,
    pub permissions: Vec<Permission>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct LoginResult {
    pub token: String,
    pub me: Me,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct LoginInput {
    pub username: String,
    pub password: String,
}

pub fn languages_of(s: &str) -> Vec<String> {
    s.split(',').map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

pub fn me_of(actor: &Actor) -> Me {
    let s = &actor.staff;
    Me {
        id: s.id,
        username: s.username.clone(),
        display_name: s.display_name.clone(),
        role: s.role,
        department: s.department,
        languages: languages_of(&s.languages),
        locale: s.locale.clone(),
        permissions: actor.permissions(),
    }
}

pub async fn open_session(db: &impl ConnectionTrait, staff_id: i32, now: DateTime<Utc>) -> Result<String> {
    let token = credentials::new_token();
    session::ActiveModel {
        id: NotSet,
        token_hash: Set(credentials::token_hash(&token)),
        staff_id: Set(staff_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        ended_at: Set(None),
        locked_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(token)
}

pub async fn login(cx: Cx, input: LoginInput) -> Result<LoginResult> {
    let username = input.username.trim().to_lowercase();
    let found = staff::Entity::find().filter(staff::Column::Username.eq(&username)).one(&cx.db).await?;
    // Counted per source; the column holds 100 characters (an IPv6 address and port fit).
    let source: String = cx.session.source.as_deref().unwrap_or(throttle::THIS_DESK).chars().take(100).collect();
    let txn = db::begin_write(&cx.db).await?;
    throttle::admit(&txn, cx.now, found.as_ref().map(|s| s.id), &source).await?;
    txn.commit().await?;
    // The same answer, after the same work, for an unknown user, a wrong password and an
    // inactive account.
    let password_ok = match found.as_ref().and_then(|s| s.password_hash.as_deref()) {
        Some(hash) => password::verify(hash, &input.password),
        None => password::verify_nothing(&input.password),
    };
    let txn = db::begin_write(&cx.db).await?;
    let Some(staff) = found.clone().filter(|s| password_ok && s.active) else {
        // The typed name is kept only when it names an account: otherwise it may be a
        // password typed into the wrong box.
        let id = found.as_ref().map(|s| s.id);
        let name = found.as_ref().map(|s| s.username.as_str());
        audit::record(&txn, cx.now, id, name, AuditEvent::LoginFailed, cx.session.source.as_deref().unwrap_or(""))
            .await?;
        if let Some(s) = &found
            && throttle::failed(&txn, cx.now, s.id).await?
        {
            let subject = AuditSubject { source: cx.session.source.clone(), ..AuditSubject::of(s) };
            let detail = serde_json::to_string(&subject).map_err(|e| Error::Internal(e.to_string()))?;
            audit::record(&txn, cx.now, Some(s.id), Some(&s.username), AuditEvent::AccountLocked, &detail).await?;
            tracing::warn!(staff = s.id, "account locked after failed sign-ins");
        }
        txn.commit().await?;
        tracing::info!(staff = ?id, "sign-in refused");
        return Err(Error::InvalidCredentials);
    };
    throttle::succeeded(&txn, staff.id, &source).await?;
    let token = open_session(&txn, staff.id, cx.now).await?;
    audit::record(&txn, cx.now, Some(staff.id), Some(&username), AuditEvent::LoginOk, "").await?;
    txn.commit().await?;
    tracing::info!(staff = staff.id, "signed in");
    Ok(LoginResult { token, me: me_of(&Actor { staff, session_id: 0 }) })
}

pub async fn logout(cx: Cx, _: ()) -> Result<()> {
    let actor = cx.actor()?;
    let txn = db::begin_write(&cx.db).await?;
    session::Entity::update_many()
        .col_expr(session::Column::EndedAt, sea_orm::sea_query::Expr::value(cx.now))
        .filter(session::Column::Id.eq(actor.session_id))
        .exec(&txn)
        .await?;
    audit::by(&txn, cx.now, actor, AuditEvent::Logout, "").await?;
    txn.commit().await?;
    Ok(())
}

pub async fn me(cx: Cx, _: ()) -> Result<Me> {
    Ok(me_of(cx.actor()?))
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SetMyLocale {
    pub locale: String,
}

/// Remembered per staff member; every UI language is allowed to everyone.
pub async fn set_my_locale(cx: Cx, input: SetMyLocale) -> Result<Me> {
    let mut actor = cx.actor()?.clone();
    if !locales::is_available(&input.locale) {
        return Err(Error::field("locale", "validation.language"));
    }
    let txn = db::begin_write(&cx.db).await?;
    let mut a: staff::ActiveModel = actor.staff.clone().into();
    a.locale = Set(Some(input.locale.clone()));
    actor.staff = a.update(&txn).await?;
    txn.commit().await?;
    Ok(me_of(&actor))
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ChangeMyPassword {
    pub current: String,
    pub new_password: String,
}

pub async fn change_my_password(cx: Cx, input: ChangeMyPassword) -> Result<()> {
    let actor = cx.actor()?;
    let current_ok = actor.staff.password_hash.as_deref().is_some_and(|h| password::verify(h, &input.current));
    if !current_ok {
        return Err(Error::field("current", "validation.wrong_password"));
    }
    password::check_rules(&input.new_password, &actor.staff.username).map_err(|k| Error::field("new_password", k))?;
    let hash = password::hash(&input.new_password)?;
    let txn = db::begin_write(&cx.db).await?;
    let mut a: staff::ActiveModel = actor.staff.clone().into();
    a.password_hash = Set(Some(hash));
    a.updated_at = Set(cx.now);
    a.update(&txn).await?;
    // Whoever knew the old password is signed out everywhere but here.
    credentials::end_sessions_except(&txn, actor.id(), Some(actor.session_id), cx.now).await?;
    audit::by(&txn, cx.now, actor, AuditEvent::PasswordSet, "self").await?;
    txn.commit().await?;
    Ok(())
}
