//! The audit log, for managers.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::app::Cx;
use crate::domain::AuditEvent;
use crate::entities::{audit_log, staff};
use crate::error::Result;
use crate::page::{Page, page, paging};
use crate::record::audit::AuditSubject;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AuditQuery {
    pub event: Option<AuditEvent>,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AuditRow {
    pub id: i32,
    pub at: String,
    pub staff_name: Option<String>,
    pub username: Option<String>,
    pub event: AuditEvent,
    pub detail: String,
    /// The staff account a staff or sign-in event was about, with its changes.
    pub subject: Option<AuditSubject>,
}

pub async fn list(cx: Cx, q: AuditQuery) -> Result<Page<AuditRow>> {
    let mut select = audit_log::Entity::find();
    if let Some(e) = q.event {
        select = select.filter(audit_log::Column::Event.eq(e));
    }
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = paging(q.page, q.page_size);
    let rows = select.order_by_desc(audit_log::Column::Id).offset(offset).limit(limit).all(&cx.db).await?;
    let ids: Vec<i32> = rows.iter().filter_map(|r| r.staff_id).collect();
    let names: HashMap<i32, String> = staff::Entity::find()
        .filter(staff::Column::Id.is_in(ids))
        .all(&cx.db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.display_name))
        .collect();
    let items = rows
        .into_iter()
        .map(|r| AuditRow {
            staff_name: r.staff_id.and_then(|s| names.get(&s).cloned()),
            id: r.id,
            at: r.at.to_rfc3339(),
            username: r.username,
            event: r.event,
            subject: AuditSubject::parse(&r.detail),
            detail: r.detail,
        })
        .collect();
    Ok(page(items, total, q.page, q.page_size))
}
