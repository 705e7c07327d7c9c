//! Any list, with the filters the screen has set, written to CSV or `.xlsx`.
//!
//! One command serves every list: its input names the list and carries that list's own
//! query, so the rows are exactly the ones the list screen shows (its filters, its order,
//! its masking of personal data) across all pages. The rows come from the list's own
//! operation, a page at a time, so no more than a page is held as rows at once.
//! The command is open to any signed-in staff member; the permission to read the list
//! asked for is checked here.

mod columns;
mod sheet;

use rust_i18n::t;
use serde::Deserialize;
use ts_rs::TS;

use crate::app::Cx;
use crate::desk::cases::CaseQuery;
use crate::desk::slip::Document;
use crate::desk::work_orders::WorkOrderQuery;
use crate::directory::customers::CustomerQuery;
use crate::directory::units::UnitQuery;
use crate::domain::permission::Permission;
use crate::error::Result;
use crate::menus::statements::StatementQuery;

pub use sheet::{Cell, Column};

/// The file kind written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// UTF-8 with a byte-order mark (Excel then reads Chinese correctly), comma-separated.
    Csv,
    Xlsx,
}

/// Which list, its query as the list screen sends it (`page` and `page_size` are ignored:
/// every page is written), and the file kind.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "list", rename_all = "snake_case")]
pub enum ListExport {
    Cases { query: CaseQuery, format: ExportFormat },
    WorkOrders { query: WorkOrderQuery, format: ExportFormat },
    Customers { query: CustomerQuery, format: ExportFormat },
    Units { query: UnitQuery, format: ExportFormat },
    Statements { query: StatementQuery, format: ExportFormat },
}

impl ListExport {
    fn name(&self) -> &'static str {
        match self {
            Self::Cases { .. } => "cases",
            Self::WorkOrders { .. } => "work_orders",
            Self::Customers { .. } => "customers",
            Self::Units { .. } => "units",
            Self::Statements { .. } => "statements",
        }
    }

    /// Reading the list needs what its list command needs.
    fn permission(&self) -> Permission {
        match self {
            Self::Cases { .. } | Self::WorkOrders { .. } => Permission::CaseRead,
            Self::Customers { .. } => Permission::CustomerRead,
            Self::Units { .. } => Permission::UnitRead,
            Self::Statements { .. } => Permission::StatementRead,
        }
    }

    fn format(&self) -> ExportFormat {
        match self {
            Self::Cases { format, .. }
            | Self::WorkOrders { format, .. }
            | Self::Customers { format, .. }
            | Self::Units { format, .. }
            | Self::Statements { format, .. } => *format,
        }
    }
}

/// Rows asked of the list operation per call: fewer calls (each counts and skips) than
/// with the screens' largest page, and still a bounded number of rows in memory.
pub(crate) const CHUNK: u32 = 2_000;

pub async fn list_export(cx: Cx, input: ListExport) -> Result<Document> {
    cx.authorize(input.permission()).await?;
    let format = input.format();
    let name = input.name();
    let zone = crate::menus::settings::time_zone(&cx.db).await?;
    let mut out = sheet::Writer::new(format, zone, cx.locale());
    columns::write(&cx, input, &mut out).await?;
    let bytes = out.finish(&t!(format!("export.list.{name}"), locale = cx.locale()))?;
    let day = crate::menus::recurrence::office_today(cx.now, zone);
    let (extension, mime) = match format {
        ExportFormat::Csv => ("csv", "text/csv"),
        ExportFormat::Xlsx => ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    };
    Ok(Document {
        file_name: format!("{name}-{day}.{extension}"),
        mime: mime.into(),
        base64: crate::desk::attachments::base64_encode(&bytes),
    })
}
