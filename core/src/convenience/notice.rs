//! The mail notice slip (领取通知单): what waits at the desk for a unit, printed in the
//! customer's language through the work-order slip's PDF path (CJK fonts embedded).

use chrono::{DateTime, FixedOffset, Utc};
use rust_i18n::t;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;
use ts_rs::TS;

use crate::app::Cx;
use crate::desk::attachments::base64_encode;
use crate::desk::slip::Document;
use crate::directory::occupancy::{recipients, unit_labels};
use crate::domain::MailStatus;
use crate::entities::{customer, mail_item, property};
use crate::error::{Error, Result};
use crate::locales;
use crate::print::{self, Align, Block, Column, Field, Fields, Paper, Paragraph, Table, TextSize};

#[derive(Debug, Clone, Deserialize, TS)]
pub struct MailNotice {
    pub unit_id: i32,
    /// The screen's offset from UTC, so printed times read as on the office clock.
    #[serde(default)]
    pub utc_offset_minutes: i32,
}

/// Who the notice is for: the customer the waiting items are addressed to, else the
/// unit's recipient (current tenant, occupant, then owner).
pub(crate) async fn recipient(
    db: &impl ConnectionTrait,
    unit_id: i32,
    items: &[mail_item::Model],
    cx: &Cx,
) -> Result<Option<customer::Model>> {
    if let Some(id) = items.iter().find_map(|m| m.customer_id) {
        return Ok(customer::Entity::find_by_id(id).one(db).await?);
    }
    Ok(recipients(db, &[unit_id], cx.now.date_naive()).await?.remove(&unit_id).map(|(_, c)| c))
}

fn local(t: DateTime<Utc>, offset: FixedOffset) -> String {
    t.with_timezone(&offset).format("%Y-%m-%d %H:%M").to_string()
}

pub async fn mail_notice(cx: Cx, input: MailNotice) -> Result<Document> {
    cx.actor()?;
    let offset = FixedOffset::east_opt(input.utc_offset_minutes.clamp(-14 * 60, 14 * 60) * 60)
        .ok_or_else(|| Error::field("utc_offset_minutes", "validation.malformed"))?;
    let label = unit_labels(&cx.db, vec![input.unit_id]).await?.remove(&input.unit_id).ok_or(Error::NotFound)?;
    let items = mail_item::Entity::find()
        .filter(mail_item::Column::UnitId.eq(input.unit_id))
        .filter(mail_item::Column::Status.eq(MailStatus::Waiting))
        .order_by_asc(mail_item::Column::ReceivedAt)
        .order_by_asc(mail_item::Column::Id)
        .limit(200)
        .all(&cx.db)
        .await?;
    if items.is_empty() {
        return Err(Error::field("unit_id", "validation.nothing_waiting"));
    }
    let who = recipient(&cx.db, input.unit_id, &items, &cx).await?;
    // The customer's language when the catalog has it; else the caller's.
    let locale = match &who {
        Some(c) if locales::is_available(&locales::resolve(&c.preferred_language)) => {
            locales::resolve(&c.preferred_language)
        }
        _ => cx.locale().to_owned(),
    };
    let l = |key: &str| t!(format!("print.notice.{key}"), locale = &locale).into_owned();
    let name = who
        .as_ref()
        .map(|c| match (&c.name_latin, locale.as_str()) {
            (Some(latin), "en") if !latin.is_empty() && *latin != c.name => format!("{} ({latin})", c.name),
            _ => c.name.clone(),
        })
        .unwrap_or_default();
    let office_name = property::Entity::find().one(&cx.db).await?.map(|p| p.name).unwrap_or_default();
    let printed = local(cx.now, offset);
    let count = items.len();
    let table_rows: Vec<Vec<String>> = items
        .iter()
        .enumerate()
        .map(|(n, m)| {
            // The carrier above its tracking number: a long number keeps its own line.
            let carrier = [m.carrier.as_str(), m.tracking_no.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join("\n");
            vec![
                (n + 1).to_string(),
                t!(format!("enum.mail_kind.{}", m.kind.as_str()), locale = &locale).into_owned(),
                m.addressee.clone(),
                carrier,
                local(m.received_at, offset),
                m.shelf.clone(),
            ]
        })
        .collect();
    let mut blocks = Vec::new();
    if !office_name.is_empty() {
        blocks.push(Block::Paragraph(Paragraph {
            text: office_name.clone(),
            size: TextSize::Large,
            bold: false,
            align: Align::Center,
        }));
    }
    blocks.push(Block::Title(l("title")));
    blocks.push(Block::Fields(Fields {
        columns: 2,
        items: vec![
            Field::new(l("unit"), &label),
            Field::new(l("customer"), &name),
            Field::new(l("printed_at"), &printed),
            Field::new(l("count"), count.to_string()),
        ],
    }));
    let greeting = if name.is_empty() {
        t!("print.notice.greeting_anonymous", locale = &locale).into_owned()
    } else {
        t!("print.notice.greeting", locale = &locale, name = &name).into_owned()
    };
    blocks.push(Block::Paragraph(Paragraph { text: greeting, ..Default::default() }));
    blocks.push(Block::Paragraph(Paragraph { text: l("body"), ..Default::default() }));
    blocks.push(Block::Table(Table {
        caption: Some(l("items")),
        columns: vec![
            Column::new(l("number"), 1.0, Align::Right),
            Column::new(l("kind"), 1.3, Align::Left),
            Column::new(l("addressee"), 2.4, Align::Left),
            Column::new(l("carrier"), 4.0, Align::Left),
            Column::new(l("received_at"), 2.6, Align::Left),
            Column::new(l("shelf"), 1.6, Align::Left),
        ],
        rows: table_rows,
        min_rows: 0,
        total: None,
    }));
    blocks.push(Block::Space(8.0));
    blocks.push(Block::Paragraph(Paragraph { text: l("bring"), size: TextSize::Small, ..Default::default() }));
    blocks.push(Block::Paragraph(Paragraph {
        text: format!("{} · {printed}", office_name),
        size: TextSize::Small,
        bold: false,
        align: Align::Right,
    }));
    let title = format!("{} {label}", l("title"));
    let doc = print::Document {
        paper: Paper::A4,
        language: locale.clone(),
        title: title.clone(),
        running_header: Some(title),
        page_numbers: Some(l("page")),
        blocks,
    };
    let pdf = print::render(&doc).map_err(|e| Error::Internal(format!("mail notice: {e}")))?;
    Ok(Document {
        file_name: format!("mail-notice-{}-{}.pdf", input.unit_id, cx.now.with_timezone(&offset).format("%Y%m%d-%H%M")),
        mime: "application/pdf".into(),
        base64: base64_encode(&pdf),
    })
}
