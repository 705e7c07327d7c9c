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
vocabulary!(
    /// What a statement line bills: a visit, a month's fee for a per-month service, a
    /// repair charge, or a correction carried from an earlier statement.
    LineKind = "line_kind" { Visit = "visit", MonthFee = "month_fee", Charge = "charge", Credit = "credit", Debit = "debit" }
);
vocabulary!(NoteKind = "note_kind" { Credit = "credit", Debit = "debit" });
vocabulary!(PaymentMethod = "payment_method" {
    Cash = "cash",
    BankTransfer = "bank_transfer",
    WechatPay = "wechat_pay",
    Alipay = "alipay",
    Card = "card",
    Other = "other",
});
