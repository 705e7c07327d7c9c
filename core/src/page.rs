//! Paged lists and the row-version check shared by the areas.

use serde::Serialize;
use ts_rs::TS;

use crate::error::Error;

#[derive(Debug, Clone, Serialize, TS)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u32,
    pub page: u32,
    pub page_size: u32,
}

/// 1-based page and size, bounded so a request cannot ask for everything.
pub fn paging(page: u32, page_size: u32) -> (u64, u64) {
    let size = page_size.clamp(1, 200) as u64;
    let page = page.max(1) as u64;
    ((page - 1) * size, size)
}

pub fn page<T>(items: Vec<T>, total: u64, page: u32, page_size: u32) -> Page<T> {
    Page {
        items,
        total: u32::try_from(total).unwrap_or(u32::MAX),
        page: page.max(1),
        page_size: page_size.clamp(1, 200),
    }
}

/// An update that matched no row at `version`: the row is gone or someone else saved first.
pub fn stale_or_missing(exists: bool) -> Error {
    if exists { Error::Conflict } else { Error::NotFound }
}
