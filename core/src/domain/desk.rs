//! The service desk's vocabularies. The migration keeps its own copies of these lists
//! for its CHECK constraints; `tests/suite/desk.rs` compares the two.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::enums::Vocabulary;

vocabulary!(CaseKind = "case_kind" {
    Repair = "repair",
    Complaint = "complaint",
    Suggestion = "suggestion",
    Inquiry = "inquiry",
    ServiceRequest = "service_request",
    Praise = "praise",
});
vocabulary!(Channel = "channel" {
    Hotline = "hotline",
    WalkIn = "walk_in",
    Letter = "letter",
    Online = "online",
    Patrol = "patrol",
    Other = "other",
});
vocabulary!(Priority = "priority" { Low = "low", Normal = "normal", High = "high", Urgent = "urgent" });
vocabulary!(CaseStatus = "case_status" {
    New = "new",
    InProgress = "in_progress",
    AwaitingFollowUp = "awaiting_follow_up",
    Closed = "closed",
});
vocabulary!(WorkOrderStatus = "work_order_status" {
    New = "new",
    Dispatched = "dispatched",
    Accepted = "accepted",
    InProgress = "in_progress",
    Paused = "paused",
    Done = "done",
    Verified = "verified",
    Cancelled = "cancelled",
});
vocabulary!(ChargeKind = "charge_kind" { Labour = "labour", Material = "material", Other = "other" });
vocabulary!(CaseEventKind = "case_event_kind" {
    Received = "received",
    Edited = "edited",
    Dispatched = "dispatched",
    Accepted = "accepted",
    Started = "started",
    Paused = "paused",
    Resumed = "resumed",
    Done = "done",
    Verified = "verified",
    SentBack = "sent_back",
    Cancelled = "cancelled",
    HandedOver = "handed_over",
    Escalated = "escalated",
    FollowUpAttempt = "follow_up_attempt",
    FollowedUp = "followed_up",
    Reopened = "reopened",
    Closed = "closed",
    Resolved = "resolved",
    AttachmentAdded = "attachment_added",
    ChargeAdded = "charge_added",
    Note = "note",
});
vocabulary!(FollowUpStatus = "follow_up_status" { Pending = "pending", Done = "done", Unreachable = "unreachable" });
vocabulary!(AttemptOutcome = "attempt_outcome" { NoAnswer = "no_answer", Busy = "busy", WrongNumber = "wrong_number", Reached = "reached" });
vocabulary!(AlertKind = "alert_kind" {
    OverdueResponse = "overdue_response",
    OverdueCompletion = "overdue_completion",
    OverdueWorkOrder = "overdue_work_order",
    Dissatisfied = "dissatisfied",
});
vocabulary!(
    /// Levels 3 and 4 of escalation: people of the branch and of head-office quality.
    EscalationTier = "escalation_tier" { Branch = "branch", HeadOffice = "head_office" }
);

impl WorkOrderStatus {
    /// Work still to do or under way: counts against the assignee and keeps the case open.
    pub fn is_active(self) -> bool {
        !matches!(self, Self::Verified | Self::Cancelled)
    }
}

impl CaseStatus {
    pub fn is_open(self) -> bool {
        self != Self::Closed
    }
}

vocabulary!(
    /// How well a staff member speaks a language; `working` and up count as a speaker.
    LanguageLevel = "language_level" { Native = "native", Fluent = "fluent", Working = "working", Basic = "basic" }
);
vocabulary!(
    /// Consultation services for foreign residents: what an inquiry is about, and the
    /// knowledge base's shelves.
    ConsultationTopic = "consultation_topic" {
        Shopping = "shopping",
        Transport = "transport",
        Travel = "travel",
        EverydayLife = "everyday_life",
        CarRental = "car_rental",
        Medical = "medical",
        Schools = "schools",
        Visas = "visas",
        Other = "other",
    }
);
