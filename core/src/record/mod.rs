//! Shared write helpers: change history and the audit trail.

pub mod audit;
pub mod history;
