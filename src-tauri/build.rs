/// The shell's commands, as registered in `handlers!` (src/lib.rs). Listing them here makes
/// Tauri generate one permission each (`allow-call`, …); the capability grants exactly these
/// to the main window and any other command is refused.
const COMMANDS: &[&str] = &[
    "call",
    "test_clock_advance",
    "save_document",
    "ui_ready",
    "connection_status",
    "connection_probe",
    "connection_choose",
    "connection_retry",
];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    if let Err(e) = tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)) {
        panic!("tauri build: {e:#}");
    }
}
