//! Staff accounts: first start, sign-in and sessions, passwords, staff, settings, the audit log.

pub mod app;
pub mod audit;
pub mod auth;
pub mod limits;
pub mod lock;
pub mod password;
pub mod session;
pub mod settings;
pub mod staff;
pub mod throttle;

pub use session::Actor;
