//! The one Tauri command: every call goes through the core's command list.

use serde_json::Value;
use steward_core::{ApiError, Session};
use tauri::State;

use crate::Backend;

/// Runs `command` from `steward_core::api::COMMANDS`; a missing `input` reads as null.
#[tauri::command]
pub async fn call(
    backend: State<'_, Backend>,
    command: String,
    session: Session,
    input: Option<Value>,
) -> Result<Value, ApiError> {
    backend.call(&command, session, input.unwrap_or(Value::Null)).await
}
