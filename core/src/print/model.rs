//! The document model: what a printed page holds, without positions. The layout
//! (`layout.rs`) places it on pages, breaking pages where needed.
//!
//! Every text here is final, already translated by the caller.

use serde::{Deserialize, Serialize};

/// Paper size, portrait.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    A4,
    #[default]
    A5,
}

impl Paper {
    /// Width and height in PDF points (1/72 inch).
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::A5 => (419.53, 595.28),
        }
    }
}

/// A printable document: a flow of blocks laid out top to bottom, page after page.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub paper: Paper,
    /// BCP 47 tag of the document's language ("zh-CN", "ja", "ko", "en"). It chooses
    /// which CJK convention Han characters are drawn in and is the PDF's language.
    pub language: String,
    /// The PDF's title (document properties); not drawn.
    pub title: String,
    /// Drawn small at the top of every page but the first ("Work order WO-…").
    pub running_header: Option<String>,
    /// Page number line at the foot of every page, with `{page}` and `{pages}`
    /// placeholders ("Page {page} of {pages}", "第 {page} 页，共 {pages} 页").
    pub page_numbers: Option<String>,
    pub blocks: Vec<Block>,
}

/// One block of the flow.
#[derive(Debug, Clone)]
pub enum Block {
    /// The document's title: large, bold, centred.
    Title(String),
    /// A paragraph, wrapped to the page width.
    Paragraph(Paragraph),
    /// A bordered grid of label–value pairs, one or two pairs a row.
    Fields(Fields),
    /// A bordered box with a shaded label above multi-line text (instructions,
    /// remarks); it continues on the next page when it does not fit.
    TextBox(TextBox),
    /// A table with a header row (repeated after a page break) and an optional total.
    Table(Table),
    /// Boxes side by side for handwritten signatures, each with a date line.
    Signatures(Vec<SignatureBox>),
    /// Vertical space, in points.
    Space(f32),
    /// Starts a new page (unless the current one is still empty) whose text is in this
    /// BCP 47 language: one document of pages in several languages (a notice, one page
    /// per unit in that unit's language).
    Page(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextSize {
    Small,
    #[default]
    Normal,
    Large,
}

#[derive(Debug, Clone, Default)]
pub struct Paragraph {
    pub text: String,
    pub size: TextSize,
    pub bold: bool,
    pub align: Align,
}

#[derive(Debug, Clone, Default)]
pub struct Fields {
    /// Pairs per row: 1 or 2.
    pub columns: u8,
    pub items: Vec<Field>,
}

#[derive(Debug, Clone, Default)]
pub struct Field {
    pub label: String,
    pub value: String,
    /// Takes a whole row (long values: addresses).
    pub wide: bool,
}

impl Field {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        Field { label: label.into(), value: value.into(), wide: false }
    }

    pub fn wide(label: impl Into<String>, value: impl Into<String>) -> Self {
        Field { label: label.into(), value: value.into(), wide: true }
    }
}

#[derive(Debug, Clone, Default)]
pub struct TextBox {
    pub label: String,
    /// Lines separated by `\n`; each wraps (CJK per character, Latin per word).
    pub text: String,
    /// Minimum height in text lines (room to write by hand).
    pub min_lines: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Bold line above the table.
    pub caption: Option<String>,
    pub columns: Vec<Column>,
    /// Cells by row; a row shorter than the columns is padded with empty cells.
    pub rows: Vec<Vec<String>>,
    /// Empty rows are added until the table has this many (room to write by hand).
    pub min_rows: usize,
    /// A bold last row: the label spans every column but the last, the value is in
    /// the last column.
    pub total: Option<(String, String)>,
}

#[derive(Debug, Clone, Default)]
pub struct Column {
    pub header: String,
    /// Relative width: columns share the page width in proportion to it.
    pub width: f32,
    pub align: Align,
}

impl Column {
    pub fn new(header: impl Into<String>, width: f32, align: Align) -> Self {
        Column { header: header.into(), width, align }
    }
}

#[derive(Debug, Clone, Default)]
pub struct SignatureBox {
    /// The box's heading ("Technician", "维修人员").
    pub title: String,
    /// Label before the signature line ("Signature", "签字").
    pub signature_label: String,
    /// Label before the date line ("Date", "日期").
    pub date_label: String,
}
