//! The pure rules of notices: which placeholders a text may hold and how they are filled,
//! which language each recipient's page is in, and what a well-formed audience is.

use chrono::NaiveDate;

use crate::domain::NoticeAudience;
use crate::menus::format;

/// The placeholders a notice's title and body may hold.
pub const PLACEHOLDERS: &[&str] = &["unit", "date", "name"];

/// The `{word}` placeholders in `text` that are not [`PLACEHOLDERS`], in order, each once.
/// Braces around anything but a plain lowercase word are left alone as text.
pub fn unknown_placeholders(text: &str) -> Vec<String> {
    let mut unknown: Vec<String> = Vec::new();
    for name in placeholders(text) {
        if !PLACEHOLDERS.contains(&name) && !unknown.iter().any(|u| u == name) {
            unknown.push(name.to_owned());
        }
    }
    unknown
}

/// Whether `text` uses the `{name}` placeholder.
pub fn uses(text: &str, name: &str) -> bool {
    placeholders(text).any(|p| p == name)
}

fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{').skip(1).filter_map(|rest| {
        let (word, _) = rest.split_once('}')?;
        let plain = !word.is_empty() && word.len() <= 32 && word.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        plain.then_some(word)
    })
}

/// What the placeholders stand for on one recipient's page.
#[derive(Debug, Clone, Default)]
pub struct Values {
    pub unit: String,
    pub date: String,
    pub name: String,
}

/// `text` with each known placeholder replaced.
pub fn fill(text: &str, v: &Values) -> String {
    text.replace("{unit}", &v.unit).replace("{date}", &v.date).replace("{name}", &v.name)
}

/// The event's day, or first and last day, as read in `language`.
pub fn event_dates(from: Option<NaiveDate>, to: Option<NaiveDate>, language: &str) -> String {
    match (from, to) {
        (Some(a), Some(b)) if b != a => format!("{} – {}", format::date(a, language), format::date(b, language)),
        (Some(a), _) => format::date(a, language),
        (None, _) => String::new(),
    }
}

/// The language a recipient's page is printed in and whether that is a fall-back: the
/// recipient's preferred language when the notice has a text in it, else the notice's
/// default (a fall-back only when there was a recipient whose language is missing).
pub fn page_language(preferred: Option<&str>, texts: &[String], default: &str) -> (String, bool) {
    match preferred {
        Some(p) if texts.iter().any(|t| t == p) => (p.to_owned(), false),
        Some(_) => (default.to_owned(), true),
        None => (default.to_owned(), false),
    }
}

/// The languages among `languages` that have no text.
pub fn missing_languages(languages: &[String], texts: &[String]) -> Vec<String> {
    languages.iter().filter(|l| !texts.contains(l)).cloned().collect()
}

/// An audience as the editor sends it, checked: (field, catalog key) of the first problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    All,
    Building(i32),
    Floors { building_id: i32, from: i32, to: i32 },
    Units(Vec<i32>),
}

impl Audience {
    pub fn parse(
        kind: NoticeAudience,
        building_id: Option<i32>,
        floor_from: Option<i32>,
        floor_to: Option<i32>,
        unit_ids: &[i32],
    ) -> Result<Audience, (&'static str, &'static str)> {
        match kind {
            NoticeAudience::All => Ok(Audience::All),
            NoticeAudience::Building => {
                building_id.map(Audience::Building).ok_or(("building_id", "validation.required"))
            }
            NoticeAudience::Floors => {
                let building_id = building_id.ok_or(("building_id", "validation.required"))?;
                let from = floor_from.ok_or(("floor_from", "validation.required"))?;
                let to = floor_to.ok_or(("floor_to", "validation.required"))?;
                if from > to {
                    return Err(("floor_to", "validation.floor_range"));
                }
                Ok(Audience::Floors { building_id, from, to })
            }
            NoticeAudience::Units => {
                let mut ids = unit_ids.to_vec();
                ids.sort_unstable();
                ids.dedup();
                if ids.is_empty() {
                    return Err(("unit_ids", "validation.required"));
                }
                if ids.len() > 5000 {
                    return Err(("unit_ids", "validation.too_many"));
                }
                Ok(Audience::Units(ids))
            }
        }
    }

    /// Whether a unit (its id, building and floor) is in the audience.
    pub fn includes(&self, unit_id: i32, building_id: i32, floor: i32) -> bool {
        match self {
            Audience::All => true,
            Audience::Building(b) => *b == building_id,
            Audience::Floors { building_id: b, from, to } => *b == building_id && (*from..=*to).contains(&floor),
            Audience::Units(ids) => ids.binary_search(&unit_id).is_ok(),
        }
    }

    pub fn kind(&self) -> NoticeAudience {
        match self {
            Audience::All => NoticeAudience::All,
            Audience::Building(_) => NoticeAudience::Building,
            Audience::Floors { .. } => NoticeAudience::Floors,
            Audience::Units(_) => NoticeAudience::Units,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn placeholders_known_and_unknown() {
        assert!(unknown_placeholders("{unit} {date} {name}").is_empty());
        assert_eq!(unknown_placeholders("Dear {nmae}, {room} {room}"), vec!["nmae", "room"]);
        // Not placeholders: empty, capitals, spaces, unclosed.
        assert!(unknown_placeholders("{} {Unit} {a b} {unit").is_empty());
        assert!(uses("停水 {date}", "date"));
        assert!(!uses("停水", "date"));
    }

    #[test]
    fn fills_per_locale() {
        let zh = Values {
            unit: "A座 1203".into(),
            date: event_dates(Some(d(2026, 12, 3)), None, "zh-CN"),
            name: "王芳".into(),
        };
        assert_eq!(fill("{name}您好：{unit}于{date}停水。", &zh), "王芳您好：A座 1203于2026年12月3日停水。");
        let en = Values {
            unit: "Tower A 1203".into(),
            date: event_dates(Some(d(2026, 12, 3)), None, "en"),
            name: "Ann".into(),
        };
        assert_eq!(
            fill("Dear {name}, {unit}: no water on {date}.", &en),
            "Dear Ann, Tower A 1203: no water on Dec 3, 2026."
        );
        assert_eq!(event_dates(Some(d(2026, 12, 3)), Some(d(2026, 12, 4)), "ko"), "2026. 12. 3. – 2026. 12. 4.");
        assert_eq!(event_dates(Some(d(2026, 12, 3)), Some(d(2026, 12, 3)), "ja"), "2026/12/03");
        assert_eq!(event_dates(None, None, "en"), "");
    }

    #[test]
    fn language_with_fall_back() {
        let texts = vec!["zh-CN".to_owned(), "ko".to_owned()];
        assert_eq!(page_language(Some("ko"), &texts, "zh-CN"), ("ko".to_owned(), false));
        assert_eq!(page_language(Some("ja"), &texts, "zh-CN"), ("zh-CN".to_owned(), true));
        assert_eq!(page_language(None, &texts, "zh-CN"), ("zh-CN".to_owned(), false));
        let all = vec!["en".to_owned(), "ja".to_owned(), "ko".to_owned(), "zh-CN".to_owned()];
        assert_eq!(missing_languages(&all, &texts), vec!["en", "ja"]);
    }

    #[test]
    fn audiences() {
        assert_eq!(Audience::parse(NoticeAudience::All, Some(1), None, None, &[]), Ok(Audience::All));
        assert_eq!(
            Audience::parse(NoticeAudience::Building, None, None, None, &[]),
            Err(("building_id", "validation.required"))
        );
        assert_eq!(
            Audience::parse(NoticeAudience::Floors, Some(1), Some(9), Some(3), &[]),
            Err(("floor_to", "validation.floor_range"))
        );
        assert_eq!(
            Audience::parse(NoticeAudience::Units, None, None, None, &[]),
            Err(("unit_ids", "validation.required"))
        );
        let floors = Audience::parse(NoticeAudience::Floors, Some(1), Some(3), Some(5), &[]).unwrap();
        assert!(floors.includes(10, 1, 3) && floors.includes(11, 1, 5));
        assert!(!floors.includes(12, 1, 6) && !floors.includes(13, 2, 4));
        let units = Audience::parse(NoticeAudience::Units, None, None, None, &[7, 3, 7]).unwrap();
        assert_eq!(units, Audience::Units(vec![3, 7]));
        assert!(units.includes(3, 9, 9) && !units.includes(4, 9, 9));
        assert!(Audience::Building(2).includes(1, 2, 20) && !Audience::Building(2).includes(1, 1, 20));
        assert!(Audience::All.includes(1, 1, 1));
    }
}
