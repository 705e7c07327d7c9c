//! The service desk: cases, work orders, follow-ups, escalation, suppliers, settings.
//! Operations take `(Cx, Input)`; the pure rules they apply live in `rules`.

pub mod attachments;
pub mod cases;
pub(crate) mod common;
pub mod dashboard;
pub mod escalation;
pub mod follow_ups;
pub mod knowledge;
pub mod routing;
pub mod rules;
pub mod settings;
pub mod slip;
pub mod suppliers;
pub mod work_orders;

pub use common::CaseList;
