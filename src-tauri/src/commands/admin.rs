use steward_core::ops::Page;
use steward_core::ops::audit::{self, AuditQuery, AuditRow};
use steward_core::ops::settings::{self, DatabaseSettings, DatabaseSettingsSave};
use steward_core::{ApiError, Session};
use tauri::State;

use crate::Backend;

#[tauri::command]
pub async fn audit_list(
    backend: State<'_, Backend>,
    session: Session,
    input: AuditQuery,
) -> Result<Page<AuditRow>, ApiError> {
    backend.call(session, |cx| audit::list(cx, input)).await
}

#[tauri::command]
pub async fn database_settings_get(
    backend: State<'_, Backend>,
    session: Session,
) -> Result<DatabaseSettings, ApiError> {
    backend.call(session, settings::get).await
}

#[tauri::command]
pub async fn database_settings_save(
    backend: State<'_, Backend>,
    session: Session,
    input: DatabaseSettingsSave,
) -> Result<DatabaseSettings, ApiError> {
    backend.call(session, |cx| settings::save(cx, input)).await
}
