//! Response and completion targets per kind × priority, on a 24 × 7 clock.

use chrono::{DateTime, Duration, Utc};

use crate::domain::{CaseKind, Priority};

/// (response, completion) minutes when the manager has not changed them. The migration
/// seeds `due_target` with the same numbers.
pub fn default_minutes(kind: CaseKind, priority: Priority) -> (i32, i32) {
    use CaseKind::*;
    use Priority::*;
    match (kind, priority) {
        (Repair, Urgent) => (30, 4 * 60),
        (Repair, High) => (60, 8 * 60),
        (Repair, Normal) => (120, 24 * 60),
        (Repair, Low) => (240, 72 * 60),
        (Complaint, Urgent) => (30, 8 * 60),
        (Complaint, High) => (60, 24 * 60),
        (Complaint, Normal) => (120, 48 * 60),
        (Complaint, Low) => (240, 72 * 60),
        (Suggestion | Praise, Urgent) => (60, 24 * 60),
        (Suggestion | Praise, High) => (240, 48 * 60),
        (Suggestion | Praise, Normal) => (480, 72 * 60),
        (Suggestion | Praise, Low) => (1440, 7 * 24 * 60),
        (Inquiry, Urgent) => (15, 60),
        (Inquiry, High) => (30, 4 * 60),
        (Inquiry, Normal) => (60, 8 * 60),
        (Inquiry, Low) => (240, 24 * 60),
        (ServiceRequest, Urgent) => (30, 4 * 60),
        (ServiceRequest, High) => (60, 12 * 60),
        (ServiceRequest, Normal) => (120, 24 * 60),
        (ServiceRequest, Low) => (240, 72 * 60),
    }
}

/// The longest target a manager may set: 30 days.
pub const MAX_MINUTES: i32 = 30 * 24 * 60;

/// The catalog key of what is wrong with a target, if anything.
pub fn check_target(response: i32, completion: i32) -> Result<(), (&'static str, &'static str)> {
    if !(1..=MAX_MINUTES).contains(&response) {
        return Err(("response_minutes", "validation.minutes"));
    }
    if !(1..=MAX_MINUTES).contains(&completion) {
        return Err(("completion_minutes", "validation.minutes"));
    }
    if completion < response {
        return Err(("completion_minutes", "validation.completion_before_response"));
    }
    Ok(())
}

/// (response due, completion due) for a case received at `received`.
pub fn due_times(received: DateTime<Utc>, response: i32, completion: i32) -> (DateTime<Utc>, DateTime<Utc>) {
    (received + Duration::minutes(response.into()), received + Duration::minutes(completion.into()))
}

/// The due time that still matters: the response until responded, then the completion
/// until completed; none after.
pub fn pending_due(
    response_due: DateTime<Utc>,
    completion_due: DateTime<Utc>,
    responded: bool,
    completed: bool,
) -> Option<DateTime<Utc>> {
    if completed {
        None
    } else if responded {
        Some(completion_due)
    } else {
        Some(response_due)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use sea_orm::Iterable;

    #[test]
    fn urgent_repair_is_thirty_minutes_and_four_hours() {
        let at = Utc.with_ymd_and_hms(2026, 11, 27, 23, 50, 0).single().unwrap_or_default();
        let (r, c) = default_minutes(CaseKind::Repair, Priority::Urgent);
        let (rd, cd) = due_times(at, r, c);
        assert_eq!(rd, Utc.with_ymd_and_hms(2026, 11, 28, 0, 20, 0).single().unwrap_or_default());
        assert_eq!(cd, Utc.with_ymd_and_hms(2026, 11, 28, 3, 50, 0).single().unwrap_or_default());
    }

    #[test]
    fn every_default_is_valid_and_more_urgent_is_never_slower() {
        let order = [Priority::Low, Priority::Normal, Priority::High, Priority::Urgent];
        for kind in CaseKind::iter() {
            for p in Priority::iter() {
                let (r, c) = default_minutes(kind, p);
                assert_eq!(check_target(r, c), Ok(()), "{kind:?} {p:?}");
            }
            for w in order.windows(2) {
                let (slow, fast) = (default_minutes(kind, w[0]), default_minutes(kind, w[1]));
                assert!(fast.0 <= slow.0 && fast.1 <= slow.1, "{kind:?} {w:?}");
            }
        }
    }

    #[test]
    fn targets_are_checked() {
        assert_eq!(check_target(0, 10), Err(("response_minutes", "validation.minutes")));
        assert_eq!(check_target(60, 30), Err(("completion_minutes", "validation.completion_before_response")));
        assert_eq!(check_target(60, MAX_MINUTES + 1), Err(("completion_minutes", "validation.minutes")));
    }

    #[test]
    fn the_pending_due_moves_from_response_to_completion() {
        let at = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).single().unwrap_or_default();
        let (r, c) = due_times(at, 30, 240);
        assert_eq!(pending_due(r, c, false, false), Some(r));
        assert_eq!(pending_due(r, c, true, false), Some(c));
        assert_eq!(pending_due(r, c, true, true), None);
    }
}
