use steward_core::ops::Page;
use steward_core::ops::customers::{
    self, CustomerDetail, CustomerGet, CustomerInput, CustomerQuery, CustomerRevealId, CustomerRow, CustomerUpdate,
    RevealedId,
};
use steward_core::ops::occupancy::{self, OccupancyAdd, OccupancyEnd};
use steward_core::ops::units::{self, Building, UnitDetail, UnitGet, UnitQuery, UnitRow, UnitUpdate};
use steward_core::{ApiError, Session};
use tauri::State;

use crate::Backend;

#[tauri::command]
pub async fn building_list(backend: State<'_, Backend>, session: Session) -> Result<Vec<Building>, ApiError> {
    backend.call(session, units::building_list).await
}

#[tauri::command]
pub async fn unit_list(
    backend: State<'_, Backend>,
    session: Session,
    input: UnitQuery,
) -> Result<Page<UnitRow>, ApiError> {
    backend.call(session, |cx| units::unit_list(cx, input)).await
}

#[tauri::command]
pub async fn unit_get(backend: State<'_, Backend>, session: Session, input: UnitGet) -> Result<UnitDetail, ApiError> {
    backend.call(session, |cx| units::unit_get(cx, input)).await
}

#[tauri::command]
pub async fn unit_update(
    backend: State<'_, Backend>,
    session: Session,
    input: UnitUpdate,
) -> Result<UnitDetail, ApiError> {
    backend.call(session, |cx| units::unit_update(cx, input)).await
}

#[tauri::command]
pub async fn customer_list(
    backend: State<'_, Backend>,
    session: Session,
    input: CustomerQuery,
) -> Result<Page<CustomerRow>, ApiError> {
    backend.call(session, |cx| customers::list(cx, input)).await
}

#[tauri::command]
pub async fn customer_get(
    backend: State<'_, Backend>,
    session: Session,
    input: CustomerGet,
) -> Result<CustomerDetail, ApiError> {
    backend.call(session, |cx| customers::get(cx, input)).await
}

#[tauri::command]
pub async fn customer_create(
    backend: State<'_, Backend>,
    session: Session,
    input: CustomerInput,
) -> Result<CustomerDetail, ApiError> {
    backend.call(session, |cx| customers::create(cx, input)).await
}

#[tauri::command]
pub async fn customer_update(
    backend: State<'_, Backend>,
    session: Session,
    input: CustomerUpdate,
) -> Result<CustomerDetail, ApiError> {
    backend.call(session, |cx| customers::update(cx, input)).await
}

#[tauri::command]
pub async fn customer_reveal_id(
    backend: State<'_, Backend>,
    session: Session,
    input: CustomerRevealId,
) -> Result<RevealedId, ApiError> {
    backend.call(session, |cx| customers::reveal_id(cx, input)).await
}

#[tauri::command]
pub async fn occupancy_add(
    backend: State<'_, Backend>,
    session: Session,
    input: OccupancyAdd,
) -> Result<CustomerDetail, ApiError> {
    backend.call(session, |cx| occupancy::add(cx, input)).await
}

#[tauri::command]
pub async fn occupancy_end(
    backend: State<'_, Backend>,
    session: Session,
    input: OccupancyEnd,
) -> Result<CustomerDetail, ApiError> {
    backend.call(session, |cx| occupancy::end(cx, input)).await
}
