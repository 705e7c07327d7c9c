//! Steward's core: domain, operations and data access. No Tauri here: the shell and the
//! tests drive the same functions.

rust_i18n::i18n!("../locales", fallback = "en", backend = crate::locales::DroppedCatalogs);

pub mod accounts;
pub mod api;
pub mod app;
pub mod backups;
pub mod convenience;
pub mod db;
pub mod demo;
pub mod desk;
pub mod directory;
pub mod domain;
pub mod entities;
pub mod error;
pub mod export;
pub mod import;
pub mod leasing;
pub mod locales;
pub mod menus;
pub mod notices;
pub mod page;
pub mod print;
pub mod record;
pub mod settings_file;

pub use app::{Cx, Environment, Session, Steward};
pub use error::{ApiError, Error, ErrorCode, Result};
pub use sea_orm;
