//! Who may move a work order from one status to another (design note §3).

use crate::domain::{Department, Role, WorkOrderStatus};

/// The acting staff member as the rules see them.
#[derive(Debug, Clone, Copy)]
pub struct Who {
    pub role: Role,
    pub department: Department,
    pub is_assignee: bool,
    pub is_case_owner: bool,
}

/// The order as the rules see it.
#[derive(Debug, Clone, Copy)]
pub struct Order {
    pub status: WorkOrderStatus,
    /// Where a paused order goes back to.
    pub resume_status: Option<WorkOrderStatus>,
    pub department: Option<Department>,
    pub has_supplier: bool,
}

/// Why a move is refused. `Forbidden` carries the reason key for the audit record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No such move from this status.
    Illegal,
    /// The move exists but not for this person.
    Forbidden(&'static str),
    /// The move needs a field: (field, key).
    Needs(&'static str, &'static str),
}

pub const ILLEGAL: &str = "validation.transition_illegal";
pub const DESK_ONLY: &str = "validation.transition_desk_only";
pub const WORKERS_ONLY: &str = "validation.transition_workers_only";
pub const OWNER_ONLY: &str = "validation.transition_owner_only";
pub const PAUSE_WHO: &str = "validation.transition_pause_who";
pub const CANCEL_WHO: &str = "validation.transition_cancel_who";
pub const NEEDS_DEPARTMENT: &str = "validation.needs_department_or_supplier";
pub const RESULT_REQUIRED: &str = "validation.result_required";
pub const REASON_REQUIRED: &str = "validation.reason_required";

/// Every reason key a refusal can carry (the catalog test checks them).
pub const KEYS: &[&str] = &[
    ILLEGAL,
    DESK_ONLY,
    WORKERS_ONLY,
    OWNER_ONLY,
    PAUSE_WHO,
    CANCEL_WHO,
    NEEDS_DEPARTMENT,
    RESULT_REQUIRED,
    REASON_REQUIRED,
];

/// What the move means, for the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Dispatch,
    Accept,
    Start,
    Finish,
    Verify,
    SendBack,
    Pause,
    Resume,
    Cancel,
}

fn manager(w: &Who) -> bool {
    w.role == Role::Manager
}

/// Staff of the order's department, or its assignee. The desk records the progress of
/// an outside supplier's order, which has no department staff in Steward.
fn worker(w: &Who, o: &Order) -> bool {
    let own_department = w.role == Role::Department && o.department == Some(w.department);
    let for_supplier = w.role == Role::Desk && o.department.is_none() && o.has_supplier;
    own_department || w.is_assignee || for_supplier
}

fn ok_or(allowed: bool, key: &'static str) -> Result<(), Refusal> {
    if allowed { Ok(()) } else { Err(Refusal::Forbidden(key)) }
}

/// Decides one move. `has_result` / `has_reason`: whether the request carries them.
pub fn check(o: &Order, to: WorkOrderStatus, w: &Who, has_result: bool, has_reason: bool) -> Result<Move, Refusal> {
    use WorkOrderStatus::*;
    let m = manager(w);
    let mv = match (o.status, to) {
        (New, Dispatched) => {
            ok_or(m || w.role == Role::Desk, DESK_ONLY)?;
            if o.department.is_none() && !o.has_supplier {
                return Err(Refusal::Needs("department", NEEDS_DEPARTMENT));
            }
            Move::Dispatch
        }
        (Dispatched, Accepted) => {
            ok_or(m || worker(w, o), WORKERS_ONLY)?;
            Move::Accept
        }
        (Accepted, InProgress) => {
            ok_or(m || worker(w, o), WORKERS_ONLY)?;
            Move::Start
        }
        (InProgress, Done) => {
            ok_or(m || worker(w, o), WORKERS_ONLY)?;
            if !has_result {
                return Err(Refusal::Needs("result", RESULT_REQUIRED));
            }
            Move::Finish
        }
        (Done, Verified) => {
            ok_or(m || w.is_case_owner, OWNER_ONLY)?;
            Move::Verify
        }
        (Done, InProgress) => {
            ok_or(m || w.is_case_owner, OWNER_ONLY)?;
            if !has_reason {
                return Err(Refusal::Needs("reason", REASON_REQUIRED));
            }
            Move::SendBack
        }
        (Dispatched | Accepted | InProgress, Paused) => {
            ok_or(m || worker(w, o) || w.is_case_owner, PAUSE_WHO)?;
            if !has_reason {
                return Err(Refusal::Needs("reason", REASON_REQUIRED));
            }
            Move::Pause
        }
        (Paused, back) if Some(back) == o.resume_status => {
            ok_or(m || worker(w, o) || w.is_case_owner, PAUSE_WHO)?;
            Move::Resume
        }
        (New | Dispatched | Accepted | InProgress | Paused, Cancelled) => {
            ok_or(m || w.is_case_owner || w.role == Role::Desk, CANCEL_WHO)?;
            if !has_reason {
                return Err(Refusal::Needs("reason", REASON_REQUIRED));
            }
            Move::Cancel
        }
        _ => return Err(Refusal::Illegal),
    };
    Ok(mv)
}

/// The statuses a move to `to` may start from (the kanban greys out the rest).
pub fn reachable_from(o: &Order) -> Vec<WorkOrderStatus> {
    use WorkOrderStatus::*;
    match o.status {
        New => vec![Dispatched, Cancelled],
        Dispatched => vec![Accepted, Paused, Cancelled],
        Accepted => vec![InProgress, Paused, Cancelled],
        InProgress => vec![Done, Paused, Cancelled],
        Paused => o.resume_status.into_iter().chain([Cancelled]).collect(),
        Done => vec![Verified, InProgress],
        Verified | Cancelled => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use WorkOrderStatus::*;
    use sea_orm::Iterable;

    const ENG: Option<Department> = Some(Department::Engineering);

    fn order(status: WorkOrderStatus) -> Order {
        Order { status, resume_status: None, department: ENG, has_supplier: false }
    }

    fn who(role: Role, department: Department) -> Who {
        Who { role, department, is_assignee: false, is_case_owner: false }
    }

    fn manager() -> Who {
        who(Role::Manager, Department::Management)
    }
    fn desk() -> Who {
        who(Role::Desk, Department::CustomerService)
    }
    fn engineer() -> Who {
        who(Role::Department, Department::Engineering)
    }
    fn cleaner() -> Who {
        who(Role::Department, Department::Cleaning)
    }
    fn owner() -> Who {
        Who { is_case_owner: true, ..desk() }
    }

    #[test]
    fn the_happy_path_for_each_role() {
        assert_eq!(check(&order(New), Dispatched, &desk(), false, false), Ok(Move::Dispatch));
        assert_eq!(check(&order(Dispatched), Accepted, &engineer(), false, false), Ok(Move::Accept));
        assert_eq!(check(&order(Accepted), InProgress, &engineer(), false, false), Ok(Move::Start));
        assert_eq!(check(&order(InProgress), Done, &engineer(), true, false), Ok(Move::Finish));
        assert_eq!(check(&order(Done), Verified, &owner(), false, false), Ok(Move::Verify));
        assert_eq!(check(&order(Done), InProgress, &owner(), false, true), Ok(Move::SendBack));
    }

    #[test]
    fn other_departments_and_the_desk_cannot_work_an_order() {
        for from_to in [(Dispatched, Accepted), (Accepted, InProgress), (InProgress, Done)] {
            for w in [cleaner(), desk(), owner(), who(Role::Leasing, Department::Leasing)] {
                let r = check(&order(from_to.0), from_to.1, &w, true, true);
                assert_eq!(r, Err(Refusal::Forbidden(WORKERS_ONLY)), "{from_to:?} {w:?}");
            }
            assert!(check(&order(from_to.0), from_to.1, &manager(), true, true).is_ok());
            let assignee = Who { is_assignee: true, ..cleaner() };
            assert!(check(&order(from_to.0), from_to.1, &assignee, true, true).is_ok());
        }
    }

    #[test]
    fn the_desk_records_a_suppliers_progress() {
        let o = Order { department: None, has_supplier: true, ..order(Dispatched) };
        assert!(check(&o, Accepted, &desk(), false, false).is_ok());
        assert_eq!(check(&o, Accepted, &engineer(), false, false), Err(Refusal::Forbidden(WORKERS_ONLY)));
    }

    #[test]
    fn only_the_desk_and_managers_dispatch() {
        for w in [engineer(), who(Role::Leasing, Department::Leasing)] {
            assert_eq!(check(&order(New), Dispatched, &w, false, false), Err(Refusal::Forbidden(DESK_ONLY)));
        }
        assert!(check(&order(New), Dispatched, &manager(), false, false).is_ok());
        let nowhere = Order { department: None, ..order(New) };
        assert_eq!(
            check(&nowhere, Dispatched, &desk(), false, false),
            Err(Refusal::Needs("department", NEEDS_DEPARTMENT))
        );
    }

    #[test]
    fn only_the_owner_and_managers_verify_or_send_back() {
        for w in [desk(), engineer(), Who { is_assignee: true, ..engineer() }] {
            assert_eq!(check(&order(Done), Verified, &w, false, false), Err(Refusal::Forbidden(OWNER_ONLY)));
            assert_eq!(check(&order(Done), InProgress, &w, false, true), Err(Refusal::Forbidden(OWNER_ONLY)));
        }
        assert!(check(&order(Done), Verified, &manager(), false, false).is_ok());
        assert_eq!(
            check(&order(Done), InProgress, &owner(), false, false),
            Err(Refusal::Needs("reason", REASON_REQUIRED))
        );
    }

    #[test]
    fn results_and_reasons_are_required() {
        assert_eq!(
            check(&order(InProgress), Done, &engineer(), false, false),
            Err(Refusal::Needs("result", RESULT_REQUIRED))
        );
        assert_eq!(
            check(&order(Accepted), Paused, &engineer(), false, false),
            Err(Refusal::Needs("reason", REASON_REQUIRED))
        );
        assert_eq!(
            check(&order(Accepted), Cancelled, &desk(), false, false),
            Err(Refusal::Needs("reason", REASON_REQUIRED))
        );
    }

    #[test]
    fn pause_and_resume_to_where_it_was() {
        for from in [Dispatched, Accepted, InProgress] {
            for w in [engineer(), owner(), manager(), Who { is_assignee: true, ..cleaner() }] {
                assert_eq!(check(&order(from), Paused, &w, false, true), Ok(Move::Pause));
            }
            for w in [cleaner(), desk()] {
                assert_eq!(check(&order(from), Paused, &w, false, true), Err(Refusal::Forbidden(PAUSE_WHO)));
            }
            let paused = Order { resume_status: Some(from), ..order(Paused) };
            assert_eq!(check(&paused, from, &engineer(), false, false), Ok(Move::Resume));
            assert_eq!(check(&paused, from, &cleaner(), false, false), Err(Refusal::Forbidden(PAUSE_WHO)));
            for other in WorkOrderStatus::iter().filter(|s| *s != from && *s != Cancelled) {
                assert_eq!(check(&paused, other, &manager(), true, true), Err(Refusal::Illegal), "{from:?}→{other:?}");
            }
        }
    }

    #[test]
    fn cancel_by_owner_desk_or_manager_before_done() {
        for from in [New, Dispatched, Accepted, InProgress, Paused] {
            for w in [owner(), desk(), manager()] {
                assert_eq!(check(&order(from), Cancelled, &w, false, true), Ok(Move::Cancel));
            }
            for w in [engineer(), Who { is_assignee: true, ..engineer() }] {
                assert_eq!(check(&order(from), Cancelled, &w, false, true), Err(Refusal::Forbidden(CANCEL_WHO)));
            }
        }
        for from in [Done, Verified, Cancelled] {
            assert_eq!(check(&order(from), Cancelled, &manager(), false, true), Err(Refusal::Illegal));
        }
    }

    #[test]
    fn every_pair_outside_the_table_is_illegal_even_for_a_manager() {
        for from in WorkOrderStatus::iter() {
            let o = Order { resume_status: Some(Accepted), ..order(from) };
            let allowed = reachable_from(&o);
            for to in WorkOrderStatus::iter() {
                let r = check(&o, to, &manager(), true, true);
                assert_eq!(r.is_ok(), allowed.contains(&to), "{from:?} → {to:?}");
                if !allowed.contains(&to) {
                    assert_eq!(r, Err(Refusal::Illegal));
                }
            }
        }
    }
}
