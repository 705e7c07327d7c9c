//! Personalized service menus (PRODUCT.md §2). So far: the catalog of services the
//! office sells, their names per language and their prices over time. Operations take
//! `(Cx, Input)`; the money rules are pure, in `domain::money`.

pub mod catalog;
/// The formats moved to `locales::format` (the catalog holds them); this path stays for callers.
pub use crate::locales::format;
pub mod packages;
pub mod recurrence;
pub mod schedule;
pub mod settings;
pub mod statement_print;
pub mod statements;
