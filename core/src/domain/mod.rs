//! Domain nouns: the closed vocabularies of the office, stored as checked strings.

mod enums;
pub mod permission;
pub mod validate;

pub use enums::*;
pub use permission::Permission;
