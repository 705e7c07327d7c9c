//! The listing sheet: one page for agencies and prospects in a chosen language — the
//! unit's facts, the owner's description in that language, and the office's contact.
//! Photos are not drawn yet: the print model has no image block.

use rust_i18n::t;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Deserialize;
use ts_rs::TS;

use super::listings::detail;
use crate::app::Cx;
use crate::desk::attachments::base64_encode;
use crate::desk::slip::Document as FileDocument;
use crate::domain::{listing_features, validate};
use crate::entities::{listing, property, staff};
use crate::error::{Error, Result};
use crate::menus::{format, settings};
use crate::print::{self, Align, Block, Document, Field, Fields, Paper, Paragraph, TextBox, TextSize};

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ListingSheet {
    pub id: i32,
    /// A customer language (zh-CN, en, ja, ko): the description's; labels follow it where
    /// the catalog ships that language, else English.
    pub language: String,
}

pub async fn listing_sheet(cx: Cx, input: ListingSheet) -> Result<FileDocument> {
    let actor = cx.actor()?;
    if !validate::customer_language(&input.language) {
        return Err(Error::field("language", "validation.language"));
    }
    let lang = input.language.as_str();
    let labels = crate::locales::resolve(lang);
    let l = |key: &str| t!(format!("print.listing.{key}"), locale = &labels).into_owned();
    let yes_no = |b: bool| l(if b { "yes" } else { "no" });
    let d = detail(&cx, input.id).await?;
    let row = listing::Entity::find_by_id(input.id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    let currency = settings::currency(&cx.db).await?;
    let text = d.texts.iter().find(|t| t.language == lang).or(d.texts.first());
    let office = property::Entity::find().one(&cx.db).await?;
    let contact = staff::Entity::find().filter(staff::Column::Id.eq(actor.id())).one(&cx.db).await?;
    let mut blocks = Vec::new();
    if let Some(o) = &office {
        blocks.push(Block::Paragraph(Paragraph {
            text: o.name.clone(),
            size: TextSize::Large,
            bold: false,
            align: Align::Center,
        }));
    }
    blocks.push(Block::Title(text.map(|t| t.title.clone()).unwrap_or_else(|| l("title"))));
    let features: Vec<String> = listing_features(row.furnished, row.pets, row.parking)
        .into_iter()
        .map(|f| t!(format!("enum.listing_feature.{}", f.as_str()), locale = &labels).into_owned())
        .collect();
    blocks.push(Block::Fields(Fields {
        columns: 2,
        items: vec![
            Field::new(l("unit"), &d.row.unit_label),
            Field::new(l("area"), format!("{} m²", d.row.area)),
            Field::new(l("rooms"), d.row.rooms.to_string()),
            Field::new(l("rent"), format::money(row.asking_rent_cents, &currency, lang)),
            Field::new(
                l("deposit"),
                t!("print.listing.deposit_months", locale = &labels, months = d.deposit_months).into_owned(),
            ),
            Field::new(l("available_from"), format::date(row.available_from, lang)),
            Field::new(
                l("min_term"),
                t!("print.listing.months", locale = &labels, months = d.min_term_months).into_owned(),
            ),
            Field::new(l("furnished"), yes_no(row.furnished)),
            Field::new(l("pets"), yes_no(row.pets)),
            Field::new(l("parking"), yes_no(row.parking)),
            Field::wide(l("features"), features.join(" · ")),
            Field::wide(l("deposit_terms"), &d.deposit_terms),
        ],
    }));
    if let Some(t) = text.filter(|t| !t.description.is_empty()) {
        blocks.push(Block::TextBox(TextBox { label: l("description"), text: t.description.clone(), min_lines: 3 }));
    }
    let mut contact_lines = Vec::new();
    if let Some(o) = &office {
        contact_lines.push(o.name.clone());
        if !o.address.is_empty() {
            contact_lines.push(o.address.clone());
        }
    }
    if let Some(s) = &contact {
        contact_lines
            .push(t!("print.listing.contact_person", locale = &labels, name = s.display_name.clone()).into_owned());
    }
    blocks.push(Block::TextBox(TextBox { label: l("contact"), text: contact_lines.join("\n"), min_lines: 1 }));
    let doc = Document {
        paper: Paper::A4,
        language: lang.to_owned(),
        title: l("title"),
        running_header: None,
        page_numbers: Some(l("page")),
        blocks,
    };
    let bytes = print::render(&doc).map_err(|e| match e {
        print::PrintError::MissingGlyph { .. } => Error::field("id", "validation.missing_font"),
        other => Error::Internal(other.to_string()),
    })?;
    Ok(FileDocument {
        file_name: format!("listing-{}-{}.pdf", row.id, lang),
        mime: "application/pdf".into(),
        base64: base64_encode(&bytes),
    })
}
