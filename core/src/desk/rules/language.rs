//! Language-aware routing: which cases are foreign-language, who counts as a speaker of a
//! language, who is suggested first, and when an assignment to a non-speaker is refused.

use crate::domain::LanguageLevel;

/// A case is foreign-language when its customer's language is not Chinese (any `zh`).
pub fn is_foreign(language: &str) -> bool {
    let primary = language.trim().split(['-', '_']).next().unwrap_or("");
    !primary.is_empty() && !primary.eq_ignore_ascii_case("zh")
}

/// Higher is better: native 3, fluent 2, working 1, basic 0.
pub fn level_rank(level: LanguageLevel) -> u8 {
    match level {
        LanguageLevel::Native => 3,
        LanguageLevel::Fluent => 2,
        LanguageLevel::Working => 1,
        LanguageLevel::Basic => 0,
    }
}

/// Working level and up can handle a case in the language; basic cannot.
pub fn is_speaker(level: Option<LanguageLevel>) -> bool {
    level.is_some_and(|l| level_rank(l) >= level_rank(LanguageLevel::Working))
}

/// A staff member who might take a foreign-language case: their level in its language (if
/// any) and their open work (open cases they own plus pending follow-ups).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub staff_id: i32,
    pub name: String,
    pub level: Option<LanguageLevel>,
    pub load: i64,
}

/// The speakers among `candidates`, best first: higher level, then less open work, then
/// name (then id, so the order is total).
pub fn rank_speakers(candidates: Vec<Candidate>) -> Vec<Candidate> {
    let mut speakers: Vec<Candidate> = candidates.into_iter().filter(|c| is_speaker(c.level)).collect();
    speakers.sort_by(|a, b| {
        let rank = |c: &Candidate| c.level.map_or(0, level_rank);
        rank(b).cmp(&rank(a)).then(a.load.cmp(&b.load)).then(a.name.cmp(&b.name)).then(a.staff_id.cmp(&b.staff_id))
    });
    speakers
}

/// How an assignment of a foreign-language case's follow-up or language contact stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignmentCheck {
    /// A speaker, or a Chinese-language case: nothing to say.
    Fine,
    /// A non-speaker while speakers exist, allowed because speakers are not required.
    NotASpeaker,
    /// Nobody speaks the language: allowed, and flagged.
    NoSpeakerExists,
}

/// The catalog key of the refusal when `require_speaker` is on and a non-speaker is chosen
/// although a speaker exists.
pub const SPEAKER_REQUIRED: &str = "validation.speaker_required";

pub fn check_assignment(
    foreign: bool,
    assignee_speaks: bool,
    any_speaker: bool,
    require_speaker: bool,
) -> Result<AssignmentCheck, &'static str> {
    if !foreign || assignee_speaks {
        Ok(AssignmentCheck::Fine)
    } else if !any_speaker {
        Ok(AssignmentCheck::NoSpeakerExists)
    } else if require_speaker {
        Err(SPEAKER_REQUIRED)
    } else {
        Ok(AssignmentCheck::NotASpeaker)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: i32, name: &str, level: Option<LanguageLevel>, load: i64) -> Candidate {
        Candidate { staff_id: id, name: name.to_owned(), level, load }
    }

    #[test]
    fn chinese_is_not_foreign() {
        for l in ["zh-CN", "zh", "zh-TW", "zh_CN", "ZH-cn"] {
            assert!(!is_foreign(l), "{l}");
        }
        for l in ["en", "ja", "ko", "fr-FR"] {
            assert!(is_foreign(l), "{l}");
        }
        assert!(!is_foreign(""));
    }

    #[test]
    fn speakers_work_at_working_level_and_up() {
        assert!(is_speaker(Some(LanguageLevel::Native)));
        assert!(is_speaker(Some(LanguageLevel::Fluent)));
        assert!(is_speaker(Some(LanguageLevel::Working)));
        assert!(!is_speaker(Some(LanguageLevel::Basic)));
        assert!(!is_speaker(None));
    }

    #[test]
    fn ranks_by_level_then_load_then_name() {
        use LanguageLevel::*;
        let ranked = rank_speakers(vec![
            c(1, "Zed", Some(Working), 0),
            c(2, "Amy", Some(Fluent), 5),
            c(3, "Bob", Some(Fluent), 2),
            c(4, "Cat", Some(Basic), 0),
            c(5, "Dan", None, 0),
            c(6, "Abe", Some(Fluent), 2),
            c(7, "Eve", Some(Native), 9),
        ]);
        let ids: Vec<i32> = ranked.iter().map(|c| c.staff_id).collect();
        assert_eq!(ids, [7, 6, 3, 2, 1]);
    }

    #[test]
    fn refuses_non_speakers_only_when_required_and_someone_speaks() {
        assert_eq!(check_assignment(false, false, true, true), Ok(AssignmentCheck::Fine));
        assert_eq!(check_assignment(true, true, true, true), Ok(AssignmentCheck::Fine));
        assert_eq!(check_assignment(true, false, true, false), Ok(AssignmentCheck::NotASpeaker));
        assert_eq!(check_assignment(true, false, true, true), Err(SPEAKER_REQUIRED));
        assert_eq!(check_assignment(true, false, false, true), Ok(AssignmentCheck::NoSpeakerExists));
    }
}
