//! Paged lists shared by the areas.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u32,
    /// Set when counting stopped early: there are at least `total` items (show "1000+").
    pub total_is_lower_bound: bool,
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
        total_is_lower_bound: false,
        page: page.max(1),
        page_size: page_size.clamp(1, 200),
    }
}
