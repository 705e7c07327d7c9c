//! The Tauri shell: window, single instance, logging, the escalation timer, the desk's
//! connection (this computer or an office server), and the command `call` that hands every
//! request to the core's `dispatch` or to the server (plus the desktop-only `save_document`
//! and, in test runs, `test_clock_advance`). No business logic here.

pub mod backend;
mod backup_timer;
mod cli;
mod clock;
pub mod commands;
pub mod connection;
mod documents;
mod escalation;
mod live;
mod logging;
pub mod server_client;

use std::path::PathBuf;
use std::time::Instant;

use tauri::Manager;

pub use backend::Backend;
pub use cli::Flags;
pub use clock::ShellClock;

/// What the shell itself keeps: its clock, where this run keeps data, and who is signed in
/// (for OS notifications).
pub struct Shell {
    pub clock: ShellClock,
    pub data_dir: Option<PathBuf>,
    pub watcher: escalation::Watcher,
    /// Server mode: the signed-in session for the event stream, and the server's reachability.
    pub link: live::Link,
    /// When `run` began: `ui_ready` logs the time from here to the first screen.
    pub started: Instant,
    /// Set by the first `ui_ready`: a reload of the page logs nothing again.
    pub ui_ready: std::sync::atomic::AtomicBool,
}

impl Shell {
    pub fn new(flags: &Flags) -> Self {
        Self {
            clock: ShellClock::new(flags.test_clock),
            data_dir: flags.data_dir.clone(),
            watcher: escalation::Watcher::default(),
            link: live::Link::default(),
            started: Instant::now(),
            ui_ready: Default::default(),
        }
    }
}

/// Registers the shell's commands: `call` serves every command of the core. The same
/// names are the application manifest in `build.rs` (any other command is refused).
#[macro_export]
macro_rules! handlers {
    () => {
        tauri::generate_handler![
            $crate::commands::call,
            $crate::commands::test_clock_advance,
            $crate::commands::save_document,
            $crate::commands::ui_ready,
            $crate::connection::connection_status,
            $crate::connection::connection_probe,
            $crate::connection::connection_choose,
            $crate::connection::connection_retry
        ]
    };
}

pub fn run() {
    let flags = Flags::parse(std::env::args().skip(1));
    let shell = Shell::new(&flags);
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
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_opener::init())
        .manage(shell)
        .setup(move |app| {
            let (data_dir, log_dir) = folders(app, &flags)?;
            let guard = logging::init(&log_dir);
            app.manage(guard);
            tracing::info!(version = env!("CARGO_PKG_VERSION"), data = %data_dir.display(), "Steward starting");
            // An office can add a language by dropping its catalog file in here.
            match steward_core::locales::load_dir(&data_dir.join("locales")) {
                Ok(codes) if !codes.is_empty() => tracing::info!(?codes, "catalogs added from the data folder"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "the data folder's catalogs could not be read"),
            }
            let database_override = flags
                .database_url
                .clone()
                .or_else(|| std::env::var("STEWARD_DATABASE_URL").ok())
                .filter(|u| !u.trim().is_empty());
            let options = backend::StartOptions {
                data_dir,
                database_override,
                demo: flags.demo,
                os_locale: flags.lang.clone().or_else(sys_locale::get_locale).unwrap_or_else(|| "en".into()),
            };
            app.manage(Backend::connecting(options));
            // Opened off the UI thread: the window shows "connecting…" meanwhile and its
            // first calls wait for the outcome.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move { connection::open(&handle).await });
            escalation::start(app.handle().clone());
            backup_timer::start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(handlers!())
        .build(tauri::generate_context!());
    match result {
        Ok(app) => app.run(|handle, event| {
            if let tauri::RunEvent::Exit = event {
                backup_timer::on_exit(handle);
            }
        }),
        Err(e) => {
            eprintln!("Steward could not start: {e}");
            std::process::exit(1);
        }
    }
}

fn folders(app: &tauri::App, flags: &Flags) -> Result<(PathBuf, PathBuf), tauri::Error> {
    Ok(match &flags.data_dir {
        Some(dir) => (dir.clone(), dir.join("logs")),
        None => (app.path().app_data_dir()?, app.path().app_log_dir()?),
    })
}
