//! The printed work-order slip: the case, the order, the customer and the charges,
//! labelled from the catalog in the caller's language.

use chrono::{DateTime, FixedOffset, Utc};
use rust_i18n::t;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::attachments::base64_encode;
use super::cases::detail;
use super::rules::money::cents_text;
use crate::app::Cx;
use crate::entities::{property, work_order};
use crate::error::{Error, Result};
use crate::print::{self, ChargeLine, Paper, SlipLabels, WorkOrderSlip};
use sea_orm::EntityTrait;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct WorkOrderSlipInput {
    pub work_order_id: i32,
    /// The screen's offset from UTC, so printed times read as on the office clock.
    #[serde(default)]
    pub utc_offset_minutes: i32,
}

/// A file for the UI to save or print.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Document {
    pub file_name: String,
    pub mime: String,
    pub base64: String,
}

fn label(key: &str, locale: &str) -> String {
    t!(format!("print.slip.{key}"), locale = locale).into_owned()
}

fn money(cents: i64, locale: &str) -> String {
    t!("print.slip.money", locale = locale, amount = cents_text(cents)).into_owned()
}

/// An RFC 3339 time from a view as "2026-11-27 09:30" on the caller's clock.
fn local_time(s: &str, offset: FixedOffset) -> String {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc).with_timezone(&offset).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

pub async fn work_order_slip(cx: Cx, input: WorkOrderSlipInput) -> Result<Document> {
    let actor = cx.actor()?;
    let offset = FixedOffset::east_opt(input.utc_offset_minutes.clamp(-14 * 60, 14 * 60) * 60)
        .ok_or_else(|| Error::field("utc_offset_minutes", "validation.malformed"))?;
    let w = work_order::Entity::find_by_id(input.work_order_id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    let d = detail(&cx, actor, w.case_id).await?;
    let order = d.work_orders.into_iter().find(|o| o.id == w.id).ok_or(Error::NotFound)?;
    let locale = cx.locale().to_owned();
    let l = |key: &str| label(key, &locale);
    let enum_text = |name: &str, value: &str| t!(format!("enum.{name}.{value}"), locale = &locale).into_owned();
    let department = match (&order.supplier_name, order.department) {
        (Some(s), _) => s.clone(),
        (None, Some(dep)) => enum_text("department", dep.as_str()),
        (None, None) => String::new(),
    };
    // The slip is headed with the property the office manages.
    let office_name = property::Entity::find().one(&cx.db).await?.map(|p| p.name).unwrap_or_default();
    let total_cents: i64 = order.charges.iter().map(|c| c.amount_cents).sum();
    let slip = WorkOrderSlip {
        paper: Paper::default(),
        language: locale.clone(),
        office_name,
        title: l("title"),
        case_number: d.case.number.clone(),
        work_order_number: order.number.clone(),
        department,
        assignee: order.assignee_name.clone().unwrap_or_default(),
        priority: enum_text("priority", order.priority.as_str()),
        received_at: local_time(&d.case.received_at, offset),
        due_at: local_time(&order.due_at, offset),
        unit: d.case.unit_label.clone().unwrap_or_default(),
        customer_name: d.case.customer_name.clone().or(d.case.caller_name.clone()).unwrap_or_default(),
        contact_phone: d.case.caller_phone.clone().unwrap_or_default(),
        instructions: order.instructions.clone(),
        charges: order
            .charges
            .iter()
            .map(|c| ChargeLine {
                description: c.description.clone(),
                quantity: c.quantity.clone(),
                unit_price: c.unit_price.clone(),
                amount: money(c.amount_cents, &locale),
            })
            .collect(),
        total: money(total_cents, &locale),
        labels: SlipLabels {
            case_number: l("case_number"),
            work_order_number: l("work_order_number"),
            department: l("department"),
            assignee: l("assignee"),
            priority: l("priority"),
            received_at: l("received_at"),
            due_at: l("due_at"),
            unit: l("unit"),
            customer: l("customer"),
            contact_phone: l("contact_phone"),
            instructions: l("instructions"),
            charges: l("charges"),
            description: l("description"),
            quantity: l("quantity"),
            unit_price: l("unit_price"),
            amount: l("amount"),
            total: l("total"),
            technician_signature: l("technician_signature"),
            customer_signature: l("customer_signature"),
            signature: l("signature"),
            date: l("date"),
            page: l("page"),
        },
    };
    let pdf = print::work_order_slip(&slip).map_err(|e| Error::Internal(format!("work-order slip: {e}")))?;
    Ok(Document {
        file_name: format!("{}.pdf", order.number),
        mime: "application/pdf".into(),
        base64: base64_encode(&pdf),
    })
}
