//! Which backups to keep: the 12 newest, the newest of each of the 10 most recent days
//! that have one, and the newest of each of the 9 most recent months that have one (days
//! and months in UTC). Counting days that have backups, not calendar days, keeps a closed
//! office's last copies through a holiday. A copy dated after `now` (the clock was set
//! back) is kept: nothing is deleted on a date the rule cannot place.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Utc};

pub const RECENT: usize = 12;
pub const DAILY: usize = 10;
pub const MONTHLY: usize = 9;

/// The indexes into `times` of the backups to keep.
pub fn keep(times: &[DateTime<Utc>], now: DateTime<Utc>) -> BTreeSet<usize> {
    let mut order: Vec<usize> = (0..times.len()).collect();
    // Newest first; equal times by position, so the answer does not depend on sort luck.
    order.sort_by(|a, b| times[*b].cmp(&times[*a]).then(a.cmp(b)));
    let mut kept: BTreeSet<usize> = order.iter().copied().filter(|i| times[*i] > now).collect();
    kept.extend(order.iter().copied().take(RECENT));
    let mut newest_of = |period: &dyn Fn(DateTime<Utc>) -> (i32, u32, u32), limit: usize| {
        let mut seen = BTreeSet::new();
        for i in &order {
            if seen.len() == limit {
                break;
            }
            if seen.insert(period(times[*i])) {
                kept.insert(*i);
            }
        }
    };
    newest_of(&|t| (t.year(), t.month(), t.day()), DAILY);
    newest_of(&|t| (t.year(), t.month(), 0), MONTHLY);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    #[test]
    fn few_backups_are_all_kept() {
        let now = Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).single().expect("time");
        let times: Vec<_> = (0..5).map(|h| now - Duration::hours(h)).collect();
        assert_eq!(keep(&times, now).len(), 5);
        assert!(keep(&[], now).is_empty());
    }
}
