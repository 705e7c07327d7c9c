//! Service menus' vocabularies. The migration keeps its own copy of these lists for its
//! CHECK constraints; `tests/suite/menus.rs` compares the two.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::enums::Vocabulary;

vocabulary!(
    /// What one unit of a catalog service's price buys.
    ServiceUnit = "service_unit" { PerVisit = "per_visit", PerHour = "per_hour", PerMonth = "per_month", PerItem = "per_item" }
);
vocabulary!(
    /// A package visit as the schedule keeps it; whether it was done is its work order's.
    VisitStatus = "visit_status" { Planned = "planned", Skipped = "skipped", Cancelled = "cancelled" }
);
