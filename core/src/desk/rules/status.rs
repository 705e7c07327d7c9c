//! A case's status follows from its facts and its work orders.

use chrono::{DateTime, Utc};

use crate::domain::{CaseStatus, WorkOrderStatus};

/// Closed after follow-up; awaiting follow-up once completed; in progress once
/// responded to (first dispatch); new before that.
pub fn case_status(closed: bool, completed: bool, responded: bool) -> CaseStatus {
    if closed {
        CaseStatus::Closed
    } else if completed {
        CaseStatus::AwaitingFollowUp
    } else if responded {
        CaseStatus::InProgress
    } else {
        CaseStatus::New
    }
}

/// Whether the work is complete: nothing active, and at least one order verified since
/// the case was last reopened (an order cancelled after a reopen completes nothing).
pub fn work_complete(orders: &[(WorkOrderStatus, Option<DateTime<Utc>>)], reopened_at: Option<DateTime<Utc>>) -> bool {
    let active = orders.iter().any(|(s, _)| s.is_active());
    let verified = orders
        .iter()
        .any(|(s, at)| *s == WorkOrderStatus::Verified && reopened_at.is_none_or(|r| at.is_some_and(|v| v > r)));
    !active && verified
}

#[cfg(test)]
mod tests {
    use super::*;
    use WorkOrderStatus::*;
    use chrono::TimeZone;

    fn t(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, h, 0, 0).single().unwrap_or_default()
    }

    #[test]
    fn status_from_facts() {
        assert_eq!(case_status(false, false, false), CaseStatus::New);
        assert_eq!(case_status(false, false, true), CaseStatus::InProgress);
        assert_eq!(case_status(false, true, true), CaseStatus::AwaitingFollowUp);
        assert_eq!(case_status(true, true, true), CaseStatus::Closed);
    }

    #[test]
    fn complete_when_all_verified_or_cancelled_with_one_verified() {
        assert!(!work_complete(&[], None));
        assert!(work_complete(&[(Verified, Some(t(10)))], None));
        assert!(work_complete(&[(Verified, Some(t(10))), (Cancelled, None)], None));
        assert!(!work_complete(&[(Cancelled, None)], None));
        assert!(!work_complete(&[(Verified, Some(t(10))), (Done, None)], None));
        assert!(!work_complete(&[(Verified, Some(t(10))), (Paused, None)], None));
    }

    #[test]
    fn after_a_reopen_only_new_verifications_count() {
        let orders = [(Verified, Some(t(10))), (Cancelled, None)];
        assert!(!work_complete(&orders, Some(t(12))));
        assert!(work_complete(&[(Verified, Some(t(10))), (Verified, Some(t(13)))], Some(t(12))));
    }
}
