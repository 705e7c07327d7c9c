//! The service desk: cases, work orders, follow-ups, escalation, suppliers, settings.

pub mod rules;
