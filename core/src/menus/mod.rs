//! Personalized service menus (PRODUCT.md §2). So far: the catalog of services the
//! office sells, their names per language and their prices over time. Operations take
//! `(Cx, Input)`; the money rules are pure, in `domain::money`.

pub mod catalog;
pub mod format;
pub mod packages;
pub mod recurrence;
pub mod schedule;
pub mod settings;
pub mod statement_print;
pub mod statements;
