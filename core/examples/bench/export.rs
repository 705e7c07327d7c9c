//! The export figures, on the import figures' office of 100,000 customers (10,000 with
//! `--quick`): the whole unfiltered customer list written by `list_export` as CSV (the
//! budgeted figure) and as `.xlsx`, as the manager in Chinese.

use std::time::Instant;

use base64::Engine;
use steward_core::Cx;
use steward_core::api::run::list_export;
use steward_core::directory::customers::CustomerQuery;
use steward_core::export::{ExportFormat, ListExport};

pub const NAMES: &[&str] = &["export_100k", "export_100k_xlsx"];

pub async fn figures(cx: impl Fn() -> Cx, backend: &str, rows: usize) {
    for (name, format) in [("export_100k", ExportFormat::Csv), ("export_100k_xlsx", ExportFormat::Xlsx)] {
        let query = CustomerQuery { search: None, kind: None, language: None, vip: None, page: 1, page_size: 50 };
        let t = Instant::now();
        let doc = list_export(cx(), ListExport::Customers { query, format }).await.expect("export");
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let bytes = base64::engine::general_purpose::STANDARD.decode(&doc.base64).expect("base64");
        if format == ExportFormat::Csv {
            let lines = bytes.iter().filter(|b| **b == b'\n').count();
            assert_eq!(lines, rows + 1, "the header and every customer");
        }
        println!("bench {name} {backend} total_ms={ms:.0} budget_ms=5000 rows={rows} file_bytes={}", bytes.len());
    }
}
