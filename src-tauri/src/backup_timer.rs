//! Automatic backups of this computer's database: every minute the core is asked whether
//! one is due (something changed and the newest backup is 30 minutes old), and once more
//! when the app exits. The rule and the files are the core's; only the timer is here.

use std::time::Duration;

use tauri::{AppHandle, Manager, Runtime};

use crate::{Backend, Shell};

const EVERY: Duration = Duration::from_secs(60);

pub fn start<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        let mut every = tokio::time::interval(EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            tick(&app).await;
        }
    });
}

async fn tick<R: Runtime>(app: &AppHandle<R>) {
    let (Some(backend), Some(shell)) = (app.try_state::<Backend>(), app.try_state::<Shell>()) else { return };
    let Some(core) = backend.core() else { return };
    let made: std::pin::Pin<Box<dyn std::future::Future<Output = _> + Send + '_>> =
        Box::pin(steward_core::backups::automatic(&core, shell.clock.now()));
    if let Err(e) = made.await {
        tracing::error!(error = %e, "automatic backup failed");
    }
}

/// The exit backup, made before the process ends (blocking: the runtime is going away).
pub fn on_exit<R: Runtime>(app: &AppHandle<R>) {
    let (Some(backend), Some(shell)) = (app.try_state::<Backend>(), app.try_state::<Shell>()) else { return };
    let Some(core) = backend.core() else { return };
    let now = shell.clock.now();
    match tauri::async_runtime::block_on(steward_core::backups::on_exit(&core, now)) {
        Ok(Some(made)) => tracing::info!(name = %made.file.name, "backup on exit"),
        Ok(None) => {}
        Err(e) => tracing::error!(error = %e, "backup on exit failed"),
    }
}
