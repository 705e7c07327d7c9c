//! Convenience services' vocabularies. The migration keeps its own copy of these lists for
//! its CHECK constraints; `tests/suite/convenience.rs` compares the two.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::enums::Vocabulary;

vocabulary!(
    /// What arrived for a unit.
    MailKind = "mail_kind" { Letter = "letter", Newspaper = "newspaper", Parcel = "parcel" }
);
vocabulary!(
    /// A mail item waits at the desk until it is handed over.
    MailStatus = "mail_status" { Waiting = "waiting", HandedOver = "handed_over" }
);
vocabulary!(
    /// A deposited item is stored until collected.
    StorageStatus = "storage_status" { Stored = "stored", Collected = "collected" }
);
vocabulary!(
    /// Kinds of things the desk lends.
    LendKind = "lend_kind" { Umbrella = "umbrella", Cart = "cart", PetBag = "pet_bag", Other = "other" }
);
vocabulary!(
    /// A loan is out until returned; "overdue" is not stored: out with its due time passed.
    LoanStatus = "loan_status" { Out = "out", Returned = "returned" }
);
