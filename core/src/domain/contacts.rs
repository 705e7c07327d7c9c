//! Communication records' vocabularies. The migration keeps its own copy of the kinds,
//! directions and channels for its CHECK constraints; `tests/suite/contacts.rs` compares them.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::enums::Vocabulary;

vocabulary!(
    /// How the office and a customer were in touch.
    ContactKind = "contact_kind" {
        Call = "call",
        Visit = "visit",
        Letter = "letter",
        Message = "message",
        Notice = "notice",
        Confirmation = "confirmation",
        Other = "other",
    }
);
vocabulary!(
    /// Who started it: the customer (in) or the office (out).
    ContactDirection = "contact_direction" { In = "in", Out = "out" }
);
vocabulary!(
    /// What a printed or copied confirmation is about.
    ConfirmationSubject = "confirmation_subject" {
        Case = "case",
        WorkOrder = "work_order",
        Statement = "statement",
        MailItem = "mail_item",
    }
);
vocabulary!(
    /// How a written contact reached the customer (Steward sends nothing itself).
    ContactChannel = "contact_channel" {
        Printed = "printed",
        Sms = "sms",
        MessagingApp = "messaging_app",
        Email = "email",
        InPerson = "in_person",
    }
);
