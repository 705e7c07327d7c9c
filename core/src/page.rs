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

/// The largest page a request may ask for.
pub const MAX_PAGE_SIZE: u32 = 200;

tokio::task_local! {
    /// A larger bound while an export reads a whole list through its list operation.
    static LARGEST_PAGE: u32;
}

/// Runs `f` with pages of up to `size` rows (an export: fewer calls, counts and skips).
pub async fn with_largest_page<F: std::future::Future>(size: u32, f: F) -> F::Output {
    LARGEST_PAGE.scope(size, f).await
}

fn largest_page() -> u32 {
    LARGEST_PAGE.try_with(|n| *n).unwrap_or(MAX_PAGE_SIZE)
}

/// 1-based page and size, bounded so a request cannot ask for everything.
pub fn paging(page: u32, page_size: u32) -> (u64, u64) {
    let size = page_size.clamp(1, largest_page()) as u64;
    let page = page.max(1) as u64;
    ((page - 1) * size, size)
}

pub fn page<T>(items: Vec<T>, total: u64, page: u32, page_size: u32) -> Page<T> {
    Page {
        items,
        total: u32::try_from(total).unwrap_or(u32::MAX),
        total_is_lower_bound: false,
        page: page.max(1),
        page_size: page_size.clamp(1, largest_page()),
    }
}
