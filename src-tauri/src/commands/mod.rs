//! One `#[tauri::command]` per core operation, grouped by area. Each is a single call.

pub mod admin;
pub mod app;
pub mod auth;
pub mod directory;
pub mod staff;
