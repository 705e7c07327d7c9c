//! The notice as printed: one A4 page per unit of an issued notice, in the language fixed
//! for that unit at issue, with the placeholders filled for its recipient; a line at the
//! foot for who delivered it. One PDF for the whole round.

use std::collections::HashMap;

use rust_i18n::t;
use sea_orm::{ColumnTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationTrait};
use serde::Deserialize;
use ts_rs::TS;

use super::notice::texts_of;
use super::rules::{self, Values};
use crate::app::Cx;
use crate::desk::attachments::base64_encode;
use crate::desk::slip::Document as FileDocument;
use crate::directory::occupancy::unit_labels;
use crate::domain::NoticeStatus;
use crate::entities::{customer, notice, notice_delivery, property, unit};
use crate::error::{Error, Result};
use crate::locales;
use crate::menus::format;
use crate::print::{self, Align, Block, Document, Field, Fields, Paper, Paragraph, SignatureBox, TextSize};

#[derive(Debug, Clone, Deserialize, TS)]
pub struct NoticePrint {
    pub id: i32,
    /// Only these deliveries' pages (a reprint); empty prints every unit.
    pub delivery_ids: Vec<i32>,
}

/// The name as the page's reader knows it: with the Latin spelling on English pages.
fn name_on_page(c: &customer::Model, language: &str) -> String {
    match (&c.name_latin, language) {
        (Some(latin), "en") if !latin.is_empty() && *latin != c.name => format!("{} ({latin})", c.name),
        _ => c.name.clone(),
    }
}

pub async fn notice_pdf(cx: Cx, input: NoticePrint) -> Result<FileDocument> {
    cx.actor()?;
    let n = notice::Entity::find_by_id(input.id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    if n.status == NoticeStatus::Draft {
        return Err(Error::field("id", "validation.notice_not_issued"));
    }
    let mut q = notice_delivery::Entity::find()
        .join(JoinType::InnerJoin, notice_delivery::Relation::Unit.def())
        .filter(notice_delivery::Column::NoticeId.eq(n.id));
    if !input.delivery_ids.is_empty() {
        if input.delivery_ids.len() > 5000 {
            return Err(Error::field("delivery_ids", "validation.too_many"));
        }
        q = q.filter(notice_delivery::Column::Id.is_in(input.delivery_ids.clone()));
    }
    let deliveries = q
        .order_by_asc(unit::Column::BuildingId)
        .order_by_asc(unit::Column::Floor)
        .order_by_asc(unit::Column::Number)
        .order_by_asc(notice_delivery::Column::Id)
        .all(&cx.db)
        .await?;
    if deliveries.is_empty() {
        return Err(Error::field("delivery_ids", "validation.not_found"));
    }
    let texts = texts_of(&cx.db, n.id).await?;
    let labels = unit_labels(&cx.db, deliveries.iter().map(|d| d.unit_id).collect()).await?;
    let mut customers: HashMap<i32, customer::Model> = HashMap::new();
    let ids: Vec<i32> = deliveries.iter().filter_map(|d| d.customer_id).collect();
    for chunk in ids.chunks(500) {
        for c in customer::Entity::find().filter(customer::Column::Id.is_in(chunk.to_vec())).all(&cx.db).await? {
            customers.insert(c.id, c);
        }
    }
    let office = property::Entity::find().one(&cx.db).await?.map(|p| p.name).unwrap_or_default();
    let mut blocks = Vec::new();
    for d in &deliveries {
        let language = d.language.as_str();
        let Some(text) = texts.iter().find(|t| t.language == language).or_else(|| texts.first()) else {
            return Err(Error::NotFound);
        };
        // Labels in the page's language where the catalog has it, else English.
        let labels_in = locales::resolve(language);
        let l = |key: &str| t!(format!("print.notices.{key}"), locale = &labels_in).into_owned();
        let unit_label = labels.get(&d.unit_id).cloned().unwrap_or_default();
        let name = d
            .customer_id
            .and_then(|c| customers.get(&c))
            .map(|c| name_on_page(c, language))
            .unwrap_or_else(|| l("resident"));
        let values =
            Values { unit: unit_label.clone(), date: rules::event_dates(n.event_date, n.event_end, language), name };
        blocks.push(Block::Page(language.to_owned()));
        if !office.is_empty() {
            blocks.push(Block::Paragraph(Paragraph {
                text: office.clone(),
                size: TextSize::Large,
                bold: false,
                align: Align::Center,
            }));
        }
        blocks.push(Block::Title(rules::fill(&text.title, &values)));
        let mut fields = vec![Field::new(l("unit"), &unit_label), Field::new(l("recipient"), &values.name)];
        if !values.date.is_empty() {
            fields.push(Field::new(l("date"), &values.date));
        }
        fields.push(Field::new(
            l("kind"),
            t!(format!("enum.notice_kind.{}", n.kind.as_str()), locale = &labels_in).into_owned(),
        ));
        blocks.push(Block::Fields(Fields { columns: 2, items: fields }));
        blocks.push(Block::Space(6.0));
        blocks.push(Block::Paragraph(Paragraph { text: rules::fill(&text.body, &values), ..Default::default() }));
        blocks.push(Block::Space(14.0));
        let issued = n.issued_at.map(|t| format::date(t.date_naive(), language)).unwrap_or_default();
        blocks.push(Block::Paragraph(Paragraph {
            text: [office.as_str(), issued.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" · "),
            size: TextSize::Small,
            bold: false,
            align: Align::Right,
        }));
        blocks.push(Block::Space(10.0));
        blocks.push(Block::Signatures(vec![SignatureBox {
            title: l("delivered_by"),
            signature_label: l("signature"),
            date_label: l("delivered_on"),
        }]));
    }
    let title = texts.iter().find(|t| t.language == n.default_language).map(|t| t.title.clone()).unwrap_or_default();
    let doc = Document {
        paper: Paper::A4,
        language: n.default_language.clone(),
        title: title.clone(),
        running_header: None,
        page_numbers: None,
        blocks,
    };
    let bytes = print::render(&doc).map_err(|e| match e {
        print::PrintError::MissingGlyph { .. } => Error::field("id", "validation.missing_font"),
        other => Error::Internal(other.to_string()),
    })?;
    Ok(FileDocument {
        file_name: format!("notice-{}-{}.pdf", n.id, cx.now.format("%Y%m%d")),
        mime: "application/pdf".into(),
        base64: base64_encode(&bytes),
    })
}
