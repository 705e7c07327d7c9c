//! Shared write helpers: change history, the audit trail and the row-version check.

pub mod audit;
pub mod history;
pub mod versioned;
