//! Logs to a daily-rotated file in the log folder (two weeks kept) and to stderr.
//! Requests are logged with id, command, status and duration: never a body or token.

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{Builder, Rotation};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// Keeps the background writer alive while the server runs.
pub struct LogGuard(#[allow(dead_code)] Option<WorkerGuard>);

pub fn init(dir: &Path) -> LogGuard {
    let filter =
        || EnvFilter::try_from_env("STEWARD_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let stderr = tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_filter(filter());
    let appender = std::fs::create_dir_all(dir).ok().and_then(|_| {
        Builder::new()
            .rotation(Rotation::DAILY)
            .filename_prefix("steward-server")
            .filename_suffix("log")
            .max_log_files(14)
            .build(dir)
            .ok()
    });
    match appender {
        Some(appender) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            let file = tracing_subscriber::fmt::layer().with_writer(writer).with_ansi(false).with_filter(filter());
            let _ = tracing_subscriber::registry().with(stderr).with(file).try_init();
            LogGuard(Some(guard))
        }
        None => {
            let _ = tracing_subscriber::registry().with(stderr).try_init();
            eprintln!("no writable log folder at {}: logging to stderr only", dir.display());
            LogGuard(None)
        }
    }
}
