//! Printing: documents as PDF (work-order slips now; monthly statements and notices
//! reuse the same path).
//!
//! - [`model`]: a small document model (paper, title, label–value grids, tables, text
//!   boxes, signature boxes, page numbers) of already translated texts;
//! - layout: wrapping (CJK per character, Latin per word), automatic page breaks;
//! - fonts: the OS fonts, found once per process with `fontdb`; each run of text is
//!   drawn in a face that holds every one of its glyphs (CJK candidates for Linux, macOS
//!   and Windows, then a Latin family), split by script only when no face holds it all;
//!   a character that no installed face has is [`PrintError::MissingGlyph`], never an
//!   empty box. `krilla` embeds the faces as subsets, with a ToUnicode map so that the
//!   text can be searched and extracted.
//!
//! On Linux the `.deb` depends on `fonts-wqy-microhei | fonts-noto-cjk`; macOS and
//! Windows ship CJK fonts.

mod fonts;
mod layout;
pub mod model;
mod slip;

pub use fonts::available_families;
pub use model::{
    Align, Block, Column, Document, Field, Fields, Paper, Paragraph, SignatureBox, Table, TextBox, TextSize,
};
pub use slip::{ChargeLine, SlipLabels, WorkOrderSlip, work_order_slip, work_order_slip_document};

/// Why a document could not be printed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrintError {
    /// No installed font has a glyph for this character (on Linux: install
    /// `fonts-noto-cjk` or `fonts-wqy-microhei`).
    #[error("no installed font can draw {character:?} (U+{:04X}) in {text:?}", *character as u32)]
    MissingGlyph { character: char, text: String },
    /// The PDF writer refused the document.
    #[error("PDF could not be written: {0}")]
    Pdf(String),
}

/// Lays out and writes a document as PDF bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>, PrintError> {
    layout::render(doc)
}
