use steward_core::ops::Page;
use steward_core::ops::staff::{self, StaffInput, StaffQuery, StaffRow, StaffSetPassword, StaffUpdate};
use steward_core::{ApiError, Session};
use tauri::State;

use crate::Backend;

#[tauri::command]
pub async fn staff_list(
    backend: State<'_, Backend>,
    session: Session,
    input: StaffQuery,
) -> Result<Page<StaffRow>, ApiError> {
    backend.call(session, |cx| staff::list(cx, input)).await
}

#[tauri::command]
pub async fn staff_create(
    backend: State<'_, Backend>,
    session: Session,
    input: StaffInput,
) -> Result<StaffRow, ApiError> {
    backend.call(session, |cx| staff::create(cx, input)).await
}

#[tauri::command]
pub async fn staff_update(
    backend: State<'_, Backend>,
    session: Session,
    input: StaffUpdate,
) -> Result<StaffRow, ApiError> {
    backend.call(session, |cx| staff::update(cx, input)).await
}

#[tauri::command]
pub async fn staff_set_password(
    backend: State<'_, Backend>,
    session: Session,
    input: StaffSetPassword,
) -> Result<(), ApiError> {
    backend.call(session, |cx| staff::set_password(cx, input)).await
}
