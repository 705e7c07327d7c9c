use steward_core::ops::auth::{self, ChangeMyPassword, LoginInput, LoginResult, Me, SetMyLocale};
use steward_core::{ApiError, Session};
use tauri::State;

use crate::Backend;

#[tauri::command]
pub async fn login(backend: State<'_, Backend>, session: Session, input: LoginInput) -> Result<LoginResult, ApiError> {
    backend.call(session, |cx| auth::login(cx, input)).await
}

#[tauri::command]
pub async fn logout(backend: State<'_, Backend>, session: Session) -> Result<(), ApiError> {
    backend.call(session, auth::logout).await
}

#[tauri::command]
pub async fn me(backend: State<'_, Backend>, session: Session) -> Result<Me, ApiError> {
    backend.call(session, auth::me).await
}

#[tauri::command]
pub async fn set_my_locale(backend: State<'_, Backend>, session: Session, input: SetMyLocale) -> Result<Me, ApiError> {
    backend.call(session, |cx| auth::set_my_locale(cx, input)).await
}

#[tauri::command]
pub async fn change_my_password(
    backend: State<'_, Backend>,
    session: Session,
    input: ChangeMyPassword,
) -> Result<(), ApiError> {
    backend.call(session, |cx| auth::change_my_password(cx, input)).await
}
