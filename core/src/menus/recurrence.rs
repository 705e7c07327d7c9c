//! When package visits fall: an RFC 5545 RRULE (through the `rrule` crate) from the item's
//! start date, cut by its end date and the package's pauses. Pure: no database, no clock.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use rrule::{RRuleSet, Tz};

/// More dates than any screen or schedule run asks for at once.
const MAX_DATES: u16 = 2000;

/// A pause, both ends included.
pub type Pause = (NaiveDate, NaiveDate);

/// The rule as stored: upper case, without a leading `RRULE:`; or the problem's key.
///
/// The item's dates carry the start and end, so a rule may not set DTSTART or UNTIL,
/// and visits are at most daily.
pub fn normalize(rule: &str) -> Result<String, &'static str> {
    let mut r = rule.trim().to_ascii_uppercase();
    if let Some(rest) = r.strip_prefix("RRULE:") {
        r = rest.trim().to_owned();
    }
    if r.is_empty() {
        return Err("validation.required");
    }
    if r.len() > 400 || r.contains('\n') || r.contains("DTSTART") || r.contains("UNTIL=") {
        return Err("validation.rule");
    }
    let freq = r.split(';').find_map(|p| p.strip_prefix("FREQ=")).unwrap_or("");
    if !matches!(freq, "DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY") {
        return Err("validation.rule_frequency");
    }
    parse(&r, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default()).map_err(|_| "validation.rule")?;
    Ok(r)
}

fn noon(d: NaiveDate) -> DateTime<Tz> {
    Tz::UTC.from_utc_datetime(&d.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()))
}

fn parse(rule: &str, starts_on: NaiveDate) -> Result<RRuleSet, rrule::RRuleError> {
    format!("DTSTART:{}T120000Z\nRRULE:{rule}", starts_on.format("%Y%m%d")).parse::<RRuleSet>()
}

/// The visit dates of `rule` from `starts_on` (to `ends_on`) within `from..=to`, leaving
/// out paused days. A rule that fails to parse gives no dates (it was checked when saved).
pub fn dates(
    rule: &str,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    from: NaiveDate,
    to: NaiveDate,
    pauses: &[Pause],
) -> Vec<NaiveDate> {
    let lo = from.max(starts_on);
    let hi = ends_on.map_or(to, |e| e.min(to));
    if lo > hi {
        return Vec::new();
    }
    let Ok(set) = parse(rule, starts_on) else { return Vec::new() };
    set.after(noon(lo))
        .before(noon(hi))
        .all(MAX_DATES)
        .dates
        .into_iter()
        .map(|d| d.date_naive())
        .filter(|d| !pauses.iter().any(|(a, b)| a <= d && d <= b))
        .collect()
}

/// "HH:MM" (00:00–23:59), or the problem's key.
pub fn window_time(s: &str) -> Result<NaiveTime, &'static str> {
    let t = s.trim();
    if t.len() != 5 {
        return Err("validation.time");
    }
    NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| "validation.time")
}

/// The instant a visit on `date` is due: the end of its window (18:00 without one), in
/// the office's time zone. A time skipped by a clock change falls an hour later.
pub fn due_at(date: NaiveDate, window_end: Option<&str>, zone: chrono_tz::Tz) -> DateTime<Utc> {
    let end =
        window_end.and_then(|w| window_time(w).ok()).unwrap_or(NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default());
    let local = date.and_time(end);
    zone.from_local_datetime(&local)
        .earliest()
        .or_else(|| zone.from_local_datetime(&(local + chrono::Duration::hours(1))).earliest())
        .map_or_else(|| Utc.from_utc_datetime(&local), |t| t.with_timezone(&Utc))
}

/// The office's date at `now`.
pub fn office_today(now: DateTime<Utc>, zone: chrono_tz::Tz) -> NaiveDate {
    now.with_timezone(&zone).date_naive()
}

/// "2026-12" for a date.
pub fn month_of(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

/// The first and last day of the month of `d`.
pub fn month_bounds(d: NaiveDate) -> (NaiveDate, NaiveDate) {
    use chrono::Datelike;
    let first = d.with_day(1).unwrap_or(d);
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    (first, next.and_then(|n| n.pred_opt()).unwrap_or(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn all(rule: &str, start: NaiveDate, end: Option<NaiveDate>, to: NaiveDate, pauses: &[Pause]) -> Vec<NaiveDate> {
        dates(&normalize(rule).unwrap(), start, end, start, to, pauses)
    }

    #[test]
    fn every_tuesday_and_every_other_week() {
        // 2026-12-01 is a Tuesday.
        let weekly = all("FREQ=WEEKLY;BYDAY=TU", d(2026, 12, 1), None, d(2026, 12, 31), &[]);
        assert_eq!(weekly, vec![d(2026, 12, 1), d(2026, 12, 8), d(2026, 12, 15), d(2026, 12, 22), d(2026, 12, 29)]);
        let fortnightly = all("RRULE:freq=weekly;interval=2;byday=TU", d(2026, 12, 1), None, d(2026, 12, 31), &[]);
        assert_eq!(fortnightly, vec![d(2026, 12, 1), d(2026, 12, 15), d(2026, 12, 29)]);
    }

    #[test]
    fn the_first_and_fifteenth_and_month_ends() {
        let twice = all("FREQ=MONTHLY;BYMONTHDAY=1,15", d(2027, 1, 1), None, d(2027, 3, 1), &[]);
        assert_eq!(twice, vec![d(2027, 1, 1), d(2027, 1, 15), d(2027, 2, 1), d(2027, 2, 15), d(2027, 3, 1)]);
        let ends = all("FREQ=MONTHLY;BYMONTHDAY=-1", d(2027, 12, 1), None, d(2028, 4, 30), &[]);
        assert_eq!(ends, vec![d(2027, 12, 31), d(2028, 1, 31), d(2028, 2, 29), d(2028, 3, 31), d(2028, 4, 30)]);
        // RFC 5545: a month without a 31st has no visit on the 31st.
        let the_31st = all("FREQ=MONTHLY;BYMONTHDAY=31", d(2027, 1, 1), None, d(2027, 5, 31), &[]);
        assert_eq!(the_31st, vec![d(2027, 1, 31), d(2027, 3, 31), d(2027, 5, 31)]);
    }

    #[test]
    fn the_last_working_day_of_the_month() {
        let rule = "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1";
        // January 2027 ends on a Sunday, April on a Friday, July on a Saturday.
        let got = all(rule, d(2027, 1, 1), None, d(2027, 7, 31), &[]);
        assert_eq!(
            got,
            vec![
                d(2027, 1, 29),
                d(2027, 2, 26),
                d(2027, 3, 31),
                d(2027, 4, 30),
                d(2027, 5, 31),
                d(2027, 6, 30),
                d(2027, 7, 30)
            ]
        );
    }

    #[test]
    fn the_leap_day_comes_only_in_leap_years() {
        let got = all("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", d(2026, 1, 1), None, d(2033, 12, 31), &[]);
        assert_eq!(got, vec![d(2028, 2, 29), d(2032, 2, 29)]);
    }

    #[test]
    fn end_dates_counts_windows_and_pauses() {
        let rule = "FREQ=WEEKLY;BYDAY=TU";
        let ended = all(rule, d(2026, 12, 1), Some(d(2026, 12, 15)), d(2026, 12, 31), &[]);
        assert_eq!(ended, vec![d(2026, 12, 1), d(2026, 12, 8), d(2026, 12, 15)]);
        let counted = all("FREQ=WEEKLY;BYDAY=TU;COUNT=2", d(2026, 12, 1), None, d(2026, 12, 31), &[]);
        assert_eq!(counted, vec![d(2026, 12, 1), d(2026, 12, 8)]);
        // Chinese New Year 2027 (6 Feb): away 2–16 February, both ends included.
        let paused =
            all("FREQ=WEEKLY;BYDAY=TU", d(2027, 1, 26), None, d(2027, 2, 23), &[(d(2027, 2, 2), d(2027, 2, 16))]);
        assert_eq!(paused, vec![d(2027, 1, 26), d(2027, 2, 23)]);
        // A window in the middle of the rule's life.
        let window = dates(&normalize(rule).unwrap(), d(2026, 1, 6), None, d(2026, 12, 9), d(2026, 12, 22), &[]);
        assert_eq!(window, vec![d(2026, 12, 15), d(2026, 12, 22)]);
        // Before the start there is nothing.
        assert!(dates(rule, d(2027, 1, 5), None, d(2026, 12, 1), d(2026, 12, 31), &[]).is_empty());
    }

    #[test]
    fn rules_are_checked() {
        assert_eq!(normalize(" rrule:FREQ=weekly;BYDAY=tu "), Ok("FREQ=WEEKLY;BYDAY=TU".to_owned()));
        assert_eq!(normalize(""), Err("validation.required"));
        assert_eq!(normalize("FREQ=HOURLY"), Err("validation.rule_frequency"));
        assert_eq!(normalize("BYDAY=TU"), Err("validation.rule_frequency"));
        assert_eq!(normalize("FREQ=WEEKLY;BYDAY=XX"), Err("validation.rule"));
        assert_eq!(normalize("FREQ=WEEKLY;UNTIL=20261231T000000Z"), Err("validation.rule"));
        assert_eq!(normalize("FREQ=WEEKLY\nDTSTART:20260101"), Err("validation.rule"));
    }

    #[test]
    fn due_times_are_office_local() {
        let shanghai: chrono_tz::Tz = "Asia/Shanghai".parse().unwrap();
        assert_eq!(due_at(d(2026, 12, 1), Some("11:30"), shanghai).to_rfc3339(), "2026-12-01T03:30:00+00:00");
        assert_eq!(due_at(d(2026, 12, 1), None, shanghai).to_rfc3339(), "2026-12-01T10:00:00+00:00");
        // Berlin skips 02:00–03:00 on 2027-03-28.
        let berlin: chrono_tz::Tz = "Europe/Berlin".parse().unwrap();
        assert_eq!(due_at(d(2027, 3, 28), Some("02:30"), berlin).to_rfc3339(), "2027-03-28T01:30:00+00:00");
        assert_eq!(window_time("7:00"), Err("validation.time"));
        assert_eq!(window_time("24:00"), Err("validation.time"));
        let late = Utc.with_ymd_and_hms(2026, 11, 30, 17, 0, 0).unwrap();
        assert_eq!(office_today(late, shanghai), d(2026, 12, 1));
        assert_eq!(month_bounds(d(2028, 2, 10)), (d(2028, 2, 1), d(2028, 2, 29)));
        assert_eq!(month_bounds(d(2026, 12, 31)), (d(2026, 12, 1), d(2026, 12, 31)));
    }
}
