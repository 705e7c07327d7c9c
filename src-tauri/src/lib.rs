//! The Tauri shell: window, single instance, logging, and one command, `call`, that
//! hands every request to the core's `dispatch`. No business logic here.

mod backend;
mod cli;
pub mod commands;
mod logging;

use std::path::PathBuf;

use tauri::Manager;

pub use backend::Backend;
pub use cli::Flags;

/// Registers the shell's one command, `call`, which serves every command of the core.
#[macro_export]
macro_rules! handlers {
    () => {
        tauri::generate_handler![$crate::commands::call]
    };
}

pub fn run() {
    let flags = Flags::parse(std::env::args().skip(1));
    let mut builder = tauri::Builder::default();
    // One window per data folder: a second start focuses the first. A run with its own
    // --data-dir (tests, a second office) is independent.
    if flags.data_dir.is_none() {
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }));
    }
    let result = builder
        .setup(move |app| {
            let (data_dir, log_dir) = folders(app, &flags)?;
            let guard = logging::init(&log_dir);
            app.manage(guard);
            tracing::info!(version = env!("CARGO_PKG_VERSION"), data = %data_dir.display(), "Steward starting");
            let backend = tauri::async_runtime::block_on(Backend::open(&flags, &data_dir));
            app.manage(backend);
            Ok(())
        })
        .invoke_handler(handlers!())
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Steward could not start: {e}");
        std::process::exit(1);
    }
}

fn folders(app: &tauri::App, flags: &Flags) -> Result<(PathBuf, PathBuf), tauri::Error> {
    Ok(match &flags.data_dir {
        Some(dir) => (dir.clone(), dir.join("logs")),
        None => (app.path().app_data_dir()?, app.path().app_log_dir()?),
    })
}
