use steward_core::ops::app::{self, AppStatus, SetupInput};
use steward_core::ops::auth::LoginResult;
use steward_core::{ApiError, Session};
use tauri::State;

use crate::Backend;

#[tauri::command]
pub async fn app_status(backend: State<'_, Backend>, session: Session) -> Result<AppStatus, ApiError> {
    backend.call(session, app::status).await
}

#[tauri::command]
pub async fn setup_first_manager(
    backend: State<'_, Backend>,
    session: Session,
    input: SetupInput,
) -> Result<LoginResult, ApiError> {
    backend.call(session, |cx| app::setup_first_manager(cx, input)).await
}
