//! Domain nouns: the closed vocabularies of the office, stored as checked strings.

#[macro_use]
mod enums;
mod contacts;
mod convenience;
mod desk;
mod leasing;
mod menus;
pub mod money;
mod notices;
pub mod permission;
pub mod validate;

pub use contacts::*;
pub use convenience::*;
pub use desk::*;
pub use enums::*;
pub use leasing::*;
pub use menus::*;
pub use notices::*;
pub use permission::Permission;
