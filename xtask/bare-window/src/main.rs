//! The baseline of `cargo xtask bench` (cold_start, memory_pss): what a Tauri 2 window
//! costs with nothing in it but a static page. It prints `ui_ready ms=<x>` (milliseconds
//! since process start) when the page has loaded, as Steward logs its `ui_ready`.

use std::time::Instant;

fn main() {
    let started = Instant::now();
    let result = tauri::Builder::default()
        .on_page_load(move |_, payload| {
            if matches!(payload.event(), tauri::webview::PageLoadEvent::Finished) {
                println!("ui_ready ms={}", started.elapsed().as_millis());
            }
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("bare-window: {e}");
        std::process::exit(1);
    }
}
