//! The shell's commands: `call`, the one door to the core's command list (this computer's
//! core or the office server), and two that belong to the desktop only: `save_document` and
//! (with `--test-clock`) `test_clock_advance`. The connection's own are in `connection`.

use serde_json::Value;
use steward_core::{ApiError, ErrorCode, Session};
use tauri::{AppHandle, Manager, Runtime, State};

use crate::{Backend, Shell, documents, escalation, live};

fn refused(code: ErrorCode, message: impl Into<String>) -> ApiError {
    ApiError { code, message: message.into(), fields: None }
}

/// Runs `command` from `steward_core::api::COMMANDS` at the shell's time; a missing
/// `input` reads as null.
#[tauri::command]
pub async fn call<R: Runtime>(
    app: AppHandle<R>,
    backend: State<'_, Backend>,
    shell: State<'_, Shell>,
    command: String,
    session: Session,
    input: Option<Value>,
) -> Result<Value, ApiError> {
    let result = backend.call(&command, session.clone(), input.unwrap_or(Value::Null), shell.clock.now()).await;
    shell.link.saw(&session);
    match &result {
        Ok(_) if command == "logout" => {
            if let Some(token) = &session.token {
                shell.watcher.forget(token);
            }
            shell.link.signed_out(session.token.as_deref());
        }
        Ok(_) => shell.watcher.saw(&session),
        Err(e) if e.code == ErrorCode::Unauthenticated => shell.link.signed_out(session.token.as_deref()),
        Err(_) => {}
    }
    if backend.server().is_some() {
        live::after_call(&app, result.as_ref().err().map(|e| e.code));
    }
    if command == "backup_restore" && result.is_ok() && backend.core().is_some() {
        crate::connection::reopen_after_restore(&app).await;
    }
    result
}

/// Moves the test clock forward by `minutes` (0: only reads it) and runs the escalation
/// sweep at the new time. Refused unless the app was started with `--test-clock`.
/// Returns the shell's new time (RFC 3339).
#[tauri::command]
pub async fn test_clock_advance<R: Runtime>(app: AppHandle<R>, minutes: i64) -> Result<String, ApiError> {
    let shell = app.state::<Shell>();
    let now = shell.clock.advance(minutes).map_err(|m| refused(ErrorCode::Forbidden, m))?;
    tracing::info!(minutes, now = %now.to_rfc3339(), "test clock moved");
    escalation::tick(&app).await;
    Ok(shell.clock.now().to_rfc3339())
}

/// Saves a document the UI produced (`base64` of a PDF) as `file_name` in the documents
/// folder and returns its path; opens it in the OS viewer except in test runs.
#[tauri::command]
pub async fn save_document<R: Runtime>(
    app: AppHandle<R>,
    file_name: String,
    base64: String,
) -> Result<String, ApiError> {
    let shell = app.state::<Shell>();
    let folder = documents::folder(shell.data_dir.as_deref(), app.path().document_dir().ok())
        .ok_or_else(|| refused(ErrorCode::Internal, "no documents folder on this system"))?;
    let path = documents::save(&folder, &file_name, &base64).map_err(|m| {
        tracing::warn!(error = %m, "document not saved");
        refused(ErrorCode::Validation, m)
    })?;
    tracing::info!(path = %path.display(), "document saved");
    if !shell.clock.is_movable() {
        use tauri_plugin_opener::OpenerExt;
        if let Err(e) = app.opener().open_path(path.to_string_lossy(), None::<&str>) {
            tracing::warn!(error = %e, "document not opened in the OS viewer");
        }
    }
    Ok(path.to_string_lossy().into_owned())
}

/// The UI's first screen is on display: logs `ui_ready` with the milliseconds since the
/// process started (once; `cargo xtask bench` reads it for `cold_start`) and, as the page
/// measured them, since it began loading (the rest is the shell and WebKit starting).
#[tauri::command]
pub fn ui_ready(shell: State<'_, Shell>, page_ms: Option<u64>) {
    let first = !shell.ui_ready.swap(true, std::sync::atomic::Ordering::Relaxed);
    if first {
        tracing::info!(ms = shell.started.elapsed().as_millis() as u64, page_ms, "ui_ready");
    }
}
