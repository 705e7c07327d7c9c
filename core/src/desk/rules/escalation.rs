//! Escalation levels: 1 (department supervisor) at the due time, then 2 (office
//! managers), 3 (branch) and 4 (head-office quality), each after a further delay.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const TOP: i32 = 4;

/// Minutes from one level to the next: 1 → 2, 2 → 3, 3 → 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Delays {
    pub to_level_2: i32,
    pub to_level_3: i32,
    pub to_level_4: i32,
}

impl Default for Delays {
    fn default() -> Self {
        Self { to_level_2: 60, to_level_3: 4 * 60, to_level_4: 24 * 60 }
    }
}

impl Delays {
    /// Minutes after the due time at which `level` is reached.
    fn offset(&self, level: i32) -> Option<i64> {
        let (a, b, c) = (i64::from(self.to_level_2), i64::from(self.to_level_3), i64::from(self.to_level_4));
        match level {
            1 => Some(0),
            2 => Some(a),
            3 => Some(a + b),
            4 => Some(a + b + c),
            _ => None,
        }
    }

    /// The field and key of a delay out of range (1 minute to 30 days).
    pub fn check(&self) -> Result<(), (&'static str, &'static str)> {
        for (field, v) in
            [("to_level_2", self.to_level_2), ("to_level_3", self.to_level_3), ("to_level_4", self.to_level_4)]
        {
            if !(1..=super::due::MAX_MINUTES).contains(&v) {
                return Err((field, "validation.minutes"));
            }
        }
        Ok(())
    }
}

/// The level something due at `due` has reached at `now` (0 while not yet due).
pub fn level_at(due: DateTime<Utc>, now: DateTime<Utc>, d: &Delays) -> i32 {
    (1..=TOP).rev().find(|l| d.offset(*l).is_some_and(|m| now >= due + Duration::minutes(m))).unwrap_or(0)
}

/// When the level after `level` is reached; none at the top.
pub fn next_at(due: DateTime<Utc>, level: i32, d: &Delays) -> Option<DateTime<Utc>> {
    d.offset(level.max(0) + 1).map(|m| due + Duration::minutes(m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn due() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).single().unwrap_or_default()
    }

    #[test]
    fn levels_climb_with_the_default_delays() {
        let d = Delays::default();
        let at = |m: i64| due() + Duration::minutes(m);
        assert_eq!(level_at(due(), at(-1), &d), 0);
        assert_eq!(level_at(due(), at(0), &d), 1);
        assert_eq!(level_at(due(), at(59), &d), 1);
        assert_eq!(level_at(due(), at(60), &d), 2);
        assert_eq!(level_at(due(), at(60 + 239), &d), 2);
        assert_eq!(level_at(due(), at(300), &d), 3);
        assert_eq!(level_at(due(), at(300 + 1439), &d), 3);
        assert_eq!(level_at(due(), at(300 + 1440), &d), 4);
        assert_eq!(level_at(due(), at(100_000), &d), 4);
    }

    #[test]
    fn the_next_step_follows_the_level() {
        let d = Delays { to_level_2: 10, to_level_3: 20, to_level_4: 30 };
        assert_eq!(next_at(due(), 0, &d), Some(due()));
        assert_eq!(next_at(due(), 1, &d), Some(due() + Duration::minutes(10)));
        assert_eq!(next_at(due(), 2, &d), Some(due() + Duration::minutes(30)));
        assert_eq!(next_at(due(), 3, &d), Some(due() + Duration::minutes(60)));
        assert_eq!(next_at(due(), 4, &d), None);
        assert_eq!(level_at(due(), due() + Duration::minutes(30), &d), 3);
    }

    #[test]
    fn delays_are_checked() {
        assert_eq!(Delays::default().check(), Ok(()));
        assert_eq!(Delays { to_level_3: 0, ..Delays::default() }.check(), Err(("to_level_3", "validation.minutes")));
    }
}
