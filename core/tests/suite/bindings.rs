//! The UI's TypeScript types are generated from the Rust ones; a stale file fails here.
//! `cargo xtask gen` (STEWARD_UPDATE_BINDINGS=1) rewrites it.

use std::path::PathBuf;

#[test]
fn typescript_bindings_are_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/backend/bindings.ts");
    let generated = steward_core::api::bindings();
    if std::env::var_os("STEWARD_UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).expect("write bindings");
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "ui/src/lib/backend/bindings.ts is stale: run `cargo xtask gen` and commit the result"
    );
}

#[test]
fn every_command_has_a_signature() {
    let b = steward_core::api::bindings();
    for name in steward_core::api::COMMANDS {
        assert!(b.contains(&format!("  {name}: {{ input: ")), "{name} missing from Commands");
    }
    assert!(b.contains("export const ERROR_CODES = [\"validation\", "), "error codes are generated");
    assert!(b.contains("  role: [\"manager\", \"desk\", \"department\", \"leasing\"],"), "vocabularies are generated");
}
