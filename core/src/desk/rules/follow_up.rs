//! Follow-up results: 1–2 reopen and escalate, 3 needs a remark, 4–5 close.

/// Unreachable attempts after which a case may be closed without a result.
pub const DEFAULT_UNREACHABLE_AFTER: i32 = 3;
/// Level a dissatisfied follow-up escalates to at once.
pub const DISSATISFIED_LEVEL: i32 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Reopen the case and alert up to `DISSATISFIED_LEVEL`.
    Reopen,
    Close,
}

/// What a score means, or the (field, key) of what is missing.
pub fn result(satisfaction: i32, remark: Option<&str>) -> Result<Outcome, (&'static str, &'static str)> {
    let has_remark = remark.is_some_and(|r| !r.trim().is_empty());
    match satisfaction {
        1 | 2 => Ok(Outcome::Reopen),
        3 if !has_remark => Err(("remark", "validation.remark_required")),
        3..=5 => Ok(Outcome::Close),
        _ => Err(("satisfaction", "validation.satisfaction")),
    }
}

/// Whether a case may be closed as "customer unreachable".
pub fn may_close_unreachable(failed_attempts: i32, needed: i32) -> bool {
    failed_attempts >= needed.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores() {
        assert_eq!(result(1, Some("漏水又来了")), Ok(Outcome::Reopen));
        assert_eq!(result(2, None), Ok(Outcome::Reopen));
        assert_eq!(result(3, None), Err(("remark", "validation.remark_required")));
        assert_eq!(result(3, Some("  ")), Err(("remark", "validation.remark_required")));
        assert_eq!(result(3, Some("ok")), Ok(Outcome::Close));
        assert_eq!(result(4, None), Ok(Outcome::Close));
        assert_eq!(result(5, None), Ok(Outcome::Close));
        assert_eq!(result(0, Some("x")), Err(("satisfaction", "validation.satisfaction")));
        assert_eq!(result(6, None), Err(("satisfaction", "validation.satisfaction")));
    }

    #[test]
    fn unreachable_after_n_attempts() {
        assert!(!may_close_unreachable(2, 3));
        assert!(may_close_unreachable(3, 3));
        assert!(!may_close_unreachable(0, 0));
        assert!(may_close_unreachable(1, 0));
    }
}
