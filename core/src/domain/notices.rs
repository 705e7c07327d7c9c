//! Notices' vocabularies. The migration keeps its own copy of the stored lists for its
//! CHECK constraints; `tests/suite/notices.rs` compares the two.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::enums::Vocabulary;

vocabulary!(
    /// What a notice is about.
    NoticeKind = "notice_kind" {
        WaterCut = "water_cut",
        PowerCut = "power_cut",
        FireDrill = "fire_drill",
        HolidayHours = "holiday_hours",
        Event = "event",
        Maintenance = "maintenance",
        Other = "other",
    }
);
vocabulary!(
    /// A notice is written and changed as a draft; issuing fixes its text and its list of
    /// units; an issued notice is withdrawn, never edited.
    NoticeStatus = "notice_status" { Draft = "draft", Issued = "issued", Withdrawn = "withdrawn" }
);
vocabulary!(
    /// Who a notice goes to: every unit, one building, a floor range of one building, or listed units.
    NoticeAudience = "notice_audience" { All = "all", Building = "building", Floors = "floors", Units = "units" }
);
