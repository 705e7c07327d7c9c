//! Start-up state and the first manager.

use std::collections::BTreeMap;

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, NotSet, PaginatorTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::auth::{LoginResult, me_of, open_session};
use crate::accounts::Actor;
use crate::app::{Cx, Session};
use crate::domain::{AuditEvent, DatabaseKind, Department, LanguageLevel, Role, validate};
use crate::entities::{property, staff};
use crate::error::{Error, Problems, Result};
use crate::record::audit;
use crate::{db, demo, locales};

#[derive(Debug, Clone, Serialize, TS)]
pub struct LocaleInfo {
    pub code: String,
    pub name: String,
}

/// A language that came as a catalog file at run time (not built in): its texts by dotted key.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DroppedCatalog {
    pub code: String,
    pub texts: BTreeMap<String, String>,
}

/// The catalogs dropped into the data folder's `locales/`, for the window to register.
pub async fn dropped_catalogs(_: Cx, _: ()) -> Result<Vec<DroppedCatalog>> {
    Ok(locales::dropped().into_iter().map(|(code, texts)| DroppedCatalog { code, texts }).collect())
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AppStatus {
    /// No manager exists yet: the first start must create one.
    pub needs_setup: bool,
    /// A property is already on file.
    pub has_data: bool,
    pub demo_requested: bool,
    pub database: DatabaseKind,
    pub os_locale: String,
    pub locales: Vec<LocaleInfo>,
    pub version: String,
}

pub async fn status(cx: Cx, _: ()) -> Result<AppStatus> {
    let needs_setup = staff::Entity::find().filter(staff::Column::Role.eq(Role::Manager)).count(&cx.db).await? == 0;
    let has_data = property::Entity::find().count(&cx.db).await? > 0;
    Ok(AppStatus {
        needs_setup,
        has_data,
        demo_requested: cx.env.demo_requested,
        database: cx.env.target.kind(),
        os_locale: locales::resolve(&cx.env.os_locale),
        locales: locales::available().into_iter().map(|(code, name)| LocaleInfo { code, name }).collect(),
        version: cx.env.version.clone(),
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SetupInput {
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub locale: String,
    pub load_demo: bool,
}

/// Creates the first manager (there is no default account) and signs them in.
pub async fn setup_first_manager(cx: Cx, input: SetupInput) -> Result<LoginResult> {
    let mut p = Problems::default();
    let username = input.username.trim().to_lowercase();
    p.check(super::staff::username_ok(&username), "username", "validation.username_format");
    let display_name = match validate::text(&input.display_name, 100, true) {
        Ok(v) => v.unwrap_or_default(),
        Err(k) => {
            p.add("display_name", k);
            String::new()
        }
    };
    if let Err(k) = super::password::check_rules(&input.password, &username) {
        p.add("password", k);
    }
    p.into_result()?;
    let hash = super::password::hash(&input.password)?;

    let txn = db::begin_write(&cx.db).await?;
    let managers = staff::Entity::find().filter(staff::Column::Role.eq(Role::Manager)).count(&txn).await?;
    if managers > 0 {
        return Err(Error::AlreadySetUp);
    }
    if staff::Entity::find().filter(staff::Column::Username.eq(&username)).count(&txn).await? > 0 {
        return Err(Error::field("username", "validation.username_taken"));
    }
    let manager = staff::ActiveModel {
        id: NotSet,
        username: Set(username.clone()),
        sort_key: Set(crate::directory::names::sort_key(&display_name)),
        display_name: Set(display_name),
        role: Set(Role::Manager),
        department: Set(Department::Management),
        languages: Set(locales::resolve(&input.locale)),
        locale: Set(Some(locales::resolve(&input.locale))),
        active: Set(true),
        password_hash: Set(Some(hash)),
        supervisor: Set(false),
        escalation_tier: Set(None),
        version: Set(1),
        created_at: Set(cx.now),
        updated_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    let skill = super::staff::LanguageSkill { language: locales::resolve(&input.locale), level: LanguageLevel::Native };
    super::staff::save_skills(&txn, manager.id, &[skill]).await?;
    let demo = input.load_demo && property::Entity::find().count(&txn).await? == 0;
    if demo {
        demo::load(&txn, cx.now, &locales::resolve(&input.locale), manager.id).await?;
    }
    audit::record(&txn, cx.now, Some(manager.id), Some(&username), AuditEvent::Setup, "").await?;
    let token = open_session(&txn, manager.id, cx.now).await?;
    audit::record(&txn, cx.now, Some(manager.id), Some(&username), AuditEvent::LoginOk, "").await?;
    txn.commit().await?;
    tracing::info!(staff = manager.id, demo = input.load_demo, "first manager created");
    if demo {
        // The desk's demo cases go through the desk's commands, which need the committed
        // property and staff; the office works without them, so a failure only logs.
        let session = Session {
            token: Some(token.clone()),
            locale: locales::resolve(&input.locale),
            background: false,
            source: cx.session.source.clone(),
        };
        let as_manager = Cx { session, command: "", actor: None, ..cx };
        if let Err(e) = demo::load_desk(&as_manager, as_manager.now).await {
            tracing::warn!(error = %e, "demo cases not loaded");
        }
        if let Err(e) = Box::pin(demo::load_menus(&as_manager, as_manager.now)).await {
            tracing::warn!(error = %e, "demo service catalog not loaded");
        }
        if let Err(e) = demo::load_convenience(&as_manager, as_manager.now).await {
            tracing::warn!(error = %e, "demo convenience services not loaded");
        }
        if let Err(e) = Box::pin(demo::load_leasing(&as_manager, as_manager.now)).await {
            tracing::warn!(error = %e, "demo leasing referrals not loaded");
        }
        if let Err(e) = Box::pin(demo::load_notices(&as_manager, as_manager.now)).await {
            tracing::warn!(error = %e, "demo notices not loaded");
        }
        if let Err(e) = Box::pin(demo::load_consultations(&as_manager, as_manager.now)).await {
            tracing::warn!(error = %e, "demo consultations not loaded");
        }
    }
    let actor = Actor { staff: manager, session_id: 0 };
    Ok(LoginResult { token, me: me_of(&actor) })
}
