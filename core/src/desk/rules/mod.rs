//! The desk's rules as plain functions: no database, no clock. The operations feed them
//! facts and store what they decide.

pub mod consultation;
pub mod due;
pub mod escalation;
pub mod follow_up;
pub mod language;
/// Exact money moved to `domain::money` when the catalog needed it too.
pub use crate::domain::money;
pub mod status;
pub mod text;
pub mod transitions;
