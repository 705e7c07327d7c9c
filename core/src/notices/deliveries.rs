//! The delivery list of an issued notice: one row per unit, fixed at issue, and who took
//! the notice to the door and when.

use std::collections::HashMap;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    RelationTrait,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::app::Cx;
use crate::db;
use crate::directory::contacts::{self, NewContact};
use crate::directory::occupancy::unit_labels;
use crate::domain::{ContactChannel, ContactDirection, ContactKind};
use crate::domain::{NoticeStatus, OccupancyRole};
use crate::entities::{notice, notice_delivery, notice_text, unit};
use crate::error::{Error, Result};
use crate::leasing::common::{names_of_customers, names_of_staff};
use crate::page::{Page, page, paging};

#[derive(Debug, Clone, Deserialize, TS)]
pub struct NoticeDeliveryQuery {
    pub notice_id: i32,
    /// Only delivered (true) or only not yet delivered (false).
    pub delivered: Option<bool>,
    pub building_id: Option<i32>,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct NoticeDeliveryRow {
    pub id: i32,
    pub unit_id: i32,
    /// "A座 1203".
    pub unit_label: String,
    pub customer_id: Option<i32>,
    pub customer_name: Option<String>,
    pub recipient_role: Option<OccupancyRole>,
    /// The language of this unit's page.
    pub language: String,
    /// The recipient prefers a language the notice has no text in.
    pub fell_back: bool,
    /// RFC 3339
    pub delivered_at: Option<String>,
    pub delivered_by_name: Option<String>,
}

/// Marks units' deliveries done (or not done, to correct a mistake).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NoticeMarkDelivered {
    pub notice_id: i32,
    pub delivery_ids: Vec<i32>,
    pub delivered: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct NoticeMarked {
    /// Rows changed; rows already as asked are left as they were.
    pub changed: u32,
}

pub async fn list(cx: Cx, q: NoticeDeliveryQuery) -> Result<Page<NoticeDeliveryRow>> {
    cx.actor()?;
    let mut select = notice_delivery::Entity::find()
        .join(JoinType::InnerJoin, notice_delivery::Relation::Unit.def())
        .filter(notice_delivery::Column::NoticeId.eq(q.notice_id));
    match q.delivered {
        Some(true) => select = select.filter(notice_delivery::Column::DeliveredAt.is_not_null()),
        Some(false) => select = select.filter(notice_delivery::Column::DeliveredAt.is_null()),
        None => {}
    }
    if let Some(b) = q.building_id {
        select = select.filter(unit::Column::BuildingId.eq(b));
    }
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = paging(q.page, q.page_size);
    let rows = select
        .order_by_asc(unit::Column::BuildingId)
        .order_by_asc(unit::Column::Floor)
        .order_by_asc(unit::Column::Number)
        .order_by_asc(notice_delivery::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(&cx.db)
        .await?;
    Ok(page(rows_of(&cx, rows).await?, total, q.page, q.page_size))
}

async fn rows_of(cx: &Cx, rows: Vec<notice_delivery::Model>) -> Result<Vec<NoticeDeliveryRow>> {
    let labels = unit_labels(&cx.db, rows.iter().map(|r| r.unit_id).collect()).await?;
    let customers = names_of_customers(&cx.db, rows.iter().filter_map(|r| r.customer_id).collect()).await?;
    let staff = names_of_staff(&cx.db, rows.iter().filter_map(|r| r.delivered_by).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|r| NoticeDeliveryRow {
            id: r.id,
            unit_id: r.unit_id,
            unit_label: labels.get(&r.unit_id).cloned().unwrap_or_default(),
            customer_id: r.customer_id,
            customer_name: r.customer_id.and_then(|c| customers.get(&c).cloned()),
            recipient_role: r.recipient_role,
            language: r.language,
            fell_back: r.fell_back,
            delivered_at: r.delivered_at.map(|t| t.to_rfc3339()),
            delivered_by_name: r.delivered_by.and_then(|s| staff.get(&s).cloned()),
        })
        .collect())
}

/// The one place a delivery is recorded: by the acting staff member, at the call's time,
/// in one transaction with a communication record per delivered customer.
pub async fn mark(cx: Cx, input: NoticeMarkDelivered) -> Result<NoticeMarked> {
    let actor = cx.actor()?;
    let mut ids = input.delivery_ids.clone();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Err(Error::field("delivery_ids", "validation.required"));
    }
    if ids.len() > 5000 {
        return Err(Error::field("delivery_ids", "validation.too_many"));
    }
    let txn = db::begin_write(&cx.db).await?;
    let n = notice::Entity::find_by_id(input.notice_id).one(&txn).await?.ok_or(Error::NotFound)?;
    if n.status != NoticeStatus::Issued {
        return Err(Error::field("notice_id", "validation.notice_not_issued"));
    }
    // The rows this call changes (those already as asked keep their who and when).
    let mut rows: Vec<notice_delivery::Model> = Vec::new();
    for chunk in ids.chunks(500) {
        let q = notice_delivery::Entity::find()
            .filter(notice_delivery::Column::NoticeId.eq(n.id))
            .filter(notice_delivery::Column::Id.is_in(chunk.to_vec()));
        let q = if input.delivered {
            q.filter(notice_delivery::Column::DeliveredAt.is_null())
        } else {
            q.filter(notice_delivery::Column::DeliveredAt.is_not_null())
        };
        rows.extend(q.all(&txn).await?);
    }
    let (at, by) = if input.delivered { (Some(cx.now), Some(actor.id())) } else { (None, None) };
    let changed: Vec<i32> = rows.iter().map(|r| r.id).collect();
    for chunk in changed.chunks(500) {
        notice_delivery::Entity::update_many()
            .col_expr(notice_delivery::Column::DeliveredAt, Expr::value(at))
            .col_expr(notice_delivery::Column::DeliveredBy, Expr::value(by))
            .filter(notice_delivery::Column::Id.is_in(chunk.to_vec()))
            .exec(&txn)
            .await?;
    }
    if input.delivered {
        record_contacts(&txn, &n, &rows, actor.id(), cx.now).await?;
    }
    txn.commit().await?;
    Ok(NoticeMarked { changed: u32::try_from(changed.len()).unwrap_or(u32::MAX) })
}

/// Each delivered customer's timeline says which notice reached them, titled in the
/// language their page was printed in.
async fn record_contacts(
    txn: &impl ConnectionTrait,
    n: &notice::Model,
    rows: &[notice_delivery::Model],
    staff_id: i32,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    if rows.iter().all(|r| r.customer_id.is_none()) {
        return Ok(());
    }
    let titles: HashMap<String, String> = notice_text::Entity::find()
        .filter(notice_text::Column::NoticeId.eq(n.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|t| (t.language, t.title))
        .collect();
    let contacts = rows
        .iter()
        .filter_map(|r| {
            let customer = r.customer_id?;
            let title =
                titles.get(&r.language).or_else(|| titles.get(&n.default_language)).cloned().unwrap_or_default();
            Some(NewContact {
                unit_id: Some(r.unit_id),
                channel: Some(ContactChannel::Printed),
                notice_id: Some(n.id),
                ..NewContact::new(
                    customer,
                    ContactKind::Notice,
                    ContactDirection::Out,
                    &r.language,
                    &title,
                    staff_id,
                    at,
                )
            })
        })
        .collect();
    contacts::record_many(txn, contacts).await
}
