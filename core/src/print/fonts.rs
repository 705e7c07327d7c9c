//! The OS fonts, found once per process, and the choice of a face for each run of text.
//!
//! A run is drawn in ONE face when some face holds every glyph of it (the usual case:
//! a CJK face also holds Latin letters and digits). Only when no face covers the whole
//! run is it split, character by character, into runs of the first face that covers each
//! character. A character that no face covers is a [`PrintError::MissingGlyph`]: nothing
//! is ever drawn as an empty box.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{LazyLock, Mutex, OnceLock};

use krilla::text::{Font, GlyphId, KrillaGlyph};
use rustybuzz::{Direction, UnicodeBuffer};

use super::PrintError;

/// Which CJK convention a face is made for (glyph shapes of shared Han characters differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavour {
    Latin,
    Sc,
    Tc,
    Jp,
    Kr,
}

/// CJK families in order of preference, for every OS (Linux, macOS, Windows).
const CJK_FAMILIES: &[(&str, Flavour)] = &[
    ("Noto Sans CJK SC", Flavour::Sc),
    ("Noto Sans CJK TC", Flavour::Tc),
    ("Noto Sans CJK JP", Flavour::Jp),
    ("Noto Sans CJK KR", Flavour::Kr),
    ("Noto Sans SC", Flavour::Sc),
    ("Noto Sans TC", Flavour::Tc),
    ("Noto Sans JP", Flavour::Jp),
    ("Noto Sans KR", Flavour::Kr),
    ("WenQuanYi Micro Hei", Flavour::Sc),
    ("WenQuanYi Zen Hei", Flavour::Sc),
    ("Source Han Sans SC", Flavour::Sc),
    ("Source Han Sans CN", Flavour::Sc),
    ("Source Han Sans TC", Flavour::Tc),
    ("Source Han Sans", Flavour::Jp),
    ("Source Han Sans JP", Flavour::Jp),
    ("Source Han Sans K", Flavour::Kr),
    ("Source Han Sans KR", Flavour::Kr),
    ("PingFang SC", Flavour::Sc),
    ("PingFang TC", Flavour::Tc),
    ("Hiragino Sans", Flavour::Jp),
    ("Hiragino Kaku Gothic ProN", Flavour::Jp),
    ("Apple SD Gothic Neo", Flavour::Kr),
    ("Microsoft YaHei", Flavour::Sc),
    ("Microsoft JhengHei", Flavour::Tc),
    ("Yu Gothic", Flavour::Jp),
    ("Meiryo", Flavour::Jp),
    ("Malgun Gothic", Flavour::Kr),
];

/// Latin families in order of preference.
const LATIN_FAMILIES: &[&str] =
    &["Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica Neue", "Helvetica", "Segoe UI"];

/// Weight of a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    Regular,
    Bold,
}

/// One face of the OS, with its bytes read on first use.
pub(crate) struct Face {
    pub(crate) family: String,
    pub(crate) flavour: Flavour,
    /// Bold requested but this face is regular: the drawing thickens it with a stroke.
    pub(crate) synthetic_bold: bool,
    path: Option<PathBuf>,
    id: fontdb::ID,
    loaded: OnceLock<Option<Loaded>>,
}

pub(crate) struct Loaded {
    pub(crate) shaper: rustybuzz::Face<'static>,
    pub(crate) font: Font,
}

impl Face {
    fn loaded(&self) -> Option<&Loaded> {
        self.loaded
            .get_or_init(|| {
                let (data, index) = face_bytes(self.path.as_ref(), self.id)?;
                let shaper = rustybuzz::Face::from_slice(data, index)?;
                let font = Font::new(krilla::Data::from(data), index)?;
                Some(Loaded { shaper, font })
            })
            .as_ref()
    }

    fn covers(&self, c: char) -> bool {
        if is_ignorable(c) {
            return true;
        }
        self.loaded().is_some_and(|l| l.shaper.glyph_index(c).is_some())
    }
}

/// The bytes of a font file, read once per process and kept for its lifetime (a font
/// collection holding several candidate faces is read once).
fn face_bytes(path: Option<&PathBuf>, id: fontdb::ID) -> Option<(&'static [u8], u32)> {
    static FILES: LazyLock<Mutex<HashMap<PathBuf, &'static [u8]>>> = LazyLock::new(|| Mutex::new(HashMap::new()));
    let db = database();
    let index = db.face(id)?.index;
    let read = || -> Option<&'static [u8]> {
        let bytes = db.with_face_data(id, |data, _| data.to_vec())?;
        Some(Box::leak(bytes.into_boxed_slice()))
    };
    match path {
        Some(path) => {
            let mut files = FILES.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(bytes) = files.get(path) {
                return Some((bytes, index));
            }
            let bytes = read()?;
            files.insert(path.clone(), bytes);
            Some((bytes, index))
        }
        None => Some((read()?, index)),
    }
}

fn database() -> &'static fontdb::Database {
    static DB: LazyLock<fontdb::Database> = LazyLock::new(|| {
        let started = std::time::Instant::now();
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        tracing::debug!(faces = db.len(), ms = started.elapsed().as_millis() as u64, "fonts loaded");
        db
    });
    &DB
}

/// The candidate faces found on this machine, in order of preference, for each weight.
pub(crate) struct FontBook {
    regular: Vec<Face>,
    bold: Vec<Face>,
}

/// The process-wide font book: the OS fonts are scanned on first use, once.
pub(crate) fn book() -> &'static FontBook {
    static BOOK: LazyLock<FontBook> = LazyLock::new(FontBook::system);
    &BOOK
}

impl FontBook {
    fn system() -> Self {
        let db = database();
        let families = CJK_FAMILIES.iter().copied().chain(LATIN_FAMILIES.iter().map(|f| (*f, Flavour::Latin)));
        let mut regular = Vec::new();
        let mut bold = Vec::new();
        for (family, flavour) in families {
            for (weight, list) in [(Weight::Regular, &mut regular), (Weight::Bold, &mut bold)] {
                let query = fontdb::Query {
                    families: &[fontdb::Family::Name(family)],
                    weight: match weight {
                        Weight::Regular => fontdb::Weight::NORMAL,
                        Weight::Bold => fontdb::Weight::BOLD,
                    },
                    stretch: fontdb::Stretch::Normal,
                    style: fontdb::Style::Normal,
                };
                let Some(id) = db.query(&query) else { continue };
                let Some(info) = db.face(id) else { continue };
                // fontdb matches family names loosely (any localised name); keep exact ones.
                if !info.families.iter().any(|(name, _)| name.eq_ignore_ascii_case(family)) {
                    continue;
                }
                if list.iter().any(|f: &Face| f.id == id) {
                    continue;
                }
                let path = match &info.source {
                    fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => Some(path.clone()),
                    fontdb::Source::Binary(_) => None,
                };
                list.push(Face {
                    family: family.to_owned(),
                    flavour,
                    synthetic_bold: weight == Weight::Bold && info.weight.0 < 600,
                    path,
                    id,
                    loaded: OnceLock::new(),
                });
            }
        }
        FontBook { regular, bold }
    }

    /// The candidates for a text, best first: the faces of its convention first (kana →
    /// Japanese, Hangul → Korean, Han alone or no CJK at all → the document's language;
    /// so an English document sets Latin text in a Latin family and a Chinese one in its
    /// CJK face), then the other CJK faces, then the Latin families.
    fn candidates(&'static self, text: &str, weight: Weight, lang: Flavour) -> Vec<&'static Face> {
        let wanted = text_flavour(text, lang);
        let list = match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        };
        let mut faces: Vec<&'static Face> = list.iter().collect();
        let rank = |f: &Face| -> u8 {
            match (wanted, f.flavour) {
                (w, f) if w == f => 0,
                (Flavour::Latin, _) => 1,
                (_, Flavour::Latin) => 2,
                _ => 1,
            }
        };
        faces.sort_by_key(|f| rank(f)); // stable: keeps the order of preference within a rank
        faces
    }

    /// Shapes one line of text (no line breaks in it) into glyph runs, each in one face.
    pub(crate) fn shape(&'static self, text: &str, weight: Weight, lang: Flavour) -> Result<Shaped, PrintError> {
        let mut shaped = Shaped { text: text.to_owned(), runs: Vec::new() };
        if text.is_empty() {
            return Ok(shaped);
        }
        let candidates = self.candidates(text, weight, lang);
        if let Some(face) = candidates.iter().copied().find(|f| text.chars().all(|c| f.covers(c))) {
            shaped.runs.push(shape_run(face, text, 0..text.len()));
            return Ok(shaped);
        }
        // No face holds it all: split by the first face that covers each character;
        // characters every face has (spaces, digits, punctuation) stay in the current run.
        let mut pieces: Vec<(&'static Face, Range<usize>)> = Vec::new();
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            let Some(best) = candidates.iter().copied().find(|f| f.covers(c)) else {
                return Err(PrintError::MissingGlyph { character: c, text: text.to_owned() });
            };
            if let Some((face, range)) = pieces.last_mut()
                && (std::ptr::eq(*face, best) || (is_neutral(c) && face.covers(c)))
            {
                range.end = end;
                continue;
            }
            pieces.push((best, i..end));
        }
        for (face, range) in pieces {
            shaped.runs.push(shape_run(face, text, range));
        }
        Ok(shaped)
    }
}

/// Characters that every text face has and that should not split a run.
fn is_neutral(c: char) -> bool {
    c.is_ascii_punctuation() || c.is_ascii_digit() || c.is_whitespace()
}

/// Default-ignorable characters: no glyph is needed for them.
fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

fn shape_run(face: &'static Face, text: &str, range: Range<usize>) -> Run {
    // `covers` has loaded the face.
    let Some(loaded) = face.loaded() else {
        return Run { face, glyphs: Vec::new() };
    };
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(&text[range.clone()]);
    buffer.guess_segment_properties();
    buffer.set_direction(Direction::LeftToRight);
    let output = rustybuzz::shape(&loaded.shaper, &[], buffer);
    let upem = loaded.shaper.units_per_em() as f32;
    let infos = output.glyph_infos();
    let positions = output.glyph_positions();
    let mut glyphs = Vec::with_capacity(infos.len());
    for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let start = range.start + info.cluster as usize;
        // The cluster ends where the next different cluster starts.
        let end = infos[i + 1..]
            .iter()
            .find(|next| next.cluster != info.cluster)
            .map_or(range.end, |next| range.start + next.cluster as usize);
        glyphs.push(KrillaGlyph::new(
            GlyphId::new(info.glyph_id),
            pos.x_advance as f32 / upem,
            pos.x_offset as f32 / upem,
            pos.y_offset as f32 / upem,
            pos.y_advance as f32 / upem,
            start..end,
            None,
        ));
    }
    Run { face, glyphs }
}

/// Shaped text: runs of glyphs, each in one face, whose text ranges index `text`.
pub(crate) struct Shaped {
    pub(crate) text: String,
    pub(crate) runs: Vec<Run>,
}

pub(crate) struct Run {
    pub(crate) face: &'static Face,
    pub(crate) glyphs: Vec<KrillaGlyph>,
}

impl Run {
    pub(crate) fn font(&self) -> Option<Font> {
        self.face.loaded().map(|l| l.font.clone())
    }
}

fn text_flavour(text: &str, lang: Flavour) -> Flavour {
    let mut han = false;
    for c in text.chars() {
        match c as u32 {
            0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => return Flavour::Jp,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => return Flavour::Kr,
            _ if is_cjk(c) => han = true,
            _ => {}
        }
    }
    if !han {
        // Latin text in a CJK document is set in the document's CJK face too, so that
        // numbers and names look the same in every cell.
        lang
    } else if lang == Flavour::Latin {
        Flavour::Sc
    } else {
        lang
    }
}

/// Characters of the CJK scripts (Han, kana, Hangul, CJK punctuation, full-width forms):
/// a line may break before and after each of them.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF
        | 0x2E80..=0x2FDF
        | 0x3000..=0x303F
        | 0x3040..=0x30FF
        | 0x3100..=0x312F
        | 0x3130..=0x318F
        | 0x31A0..=0x31FF
        | 0x3200..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

/// The CJK convention a BCP 47 language tag asks for.
pub(crate) fn flavour_of_language(tag: &str) -> Flavour {
    let tag = tag.to_ascii_lowercase();
    if tag.starts_with("ja") {
        Flavour::Jp
    } else if tag.starts_with("ko") {
        Flavour::Kr
    } else if tag.starts_with("zh-tw") || tag.starts_with("zh-hk") || tag.starts_with("zh-hant") {
        Flavour::Tc
    } else if tag.starts_with("zh") {
        Flavour::Sc
    } else {
        Flavour::Latin
    }
}

/// The family names the book found, regular weight, best first (for diagnostics).
pub fn available_families() -> Vec<String> {
    book().regular.iter().map(|f| f.family.clone()).collect()
}
