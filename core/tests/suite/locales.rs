//! A language that is only a catalog file: `tests/fixtures/locales/fr.json` is in no code and
//! not in `locales/`, yet once its folder is read it is a language like the shipped ones.

use std::path::PathBuf;

use chrono::NaiveDate;
use steward_core::locales::{self, format};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/locales")
}

#[test]
fn a_catalog_file_dropped_in_is_a_language() {
    // Loading is process-wide: it runs in a process of its own so that the other tests of
    // this binary keep seeing only the shipped languages.
    let out = std::process::Command::new(std::env::current_exe().expect("this test binary"))
        .args(["--exact", "locales::dropped_in_language", "--ignored", "--test-threads=1"])
        .output()
        .expect("run the child process");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "the fixture language failed in its own process:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[ignore = "run in its own process by a_catalog_file_dropped_in_is_a_language"]
fn dropped_in_language() {
    let loaded = locales::load_dir(&fixtures()).expect("read the fixtures");
    assert_eq!(loaded, ["fr"]);

    assert!(locales::is_available("fr"));
    assert!(locales::available().contains(&("fr".to_owned(), "Français".to_owned())));
    assert_eq!(locales::resolve("fr_FR.UTF-8"), "fr");

    assert_eq!(locales::text("fr", "nav.my_cases"), "Mes dossiers");
    // What the file lacks reads as English.
    assert_eq!(locales::text("fr", "nav.cases"), "Cases");
    assert_eq!(locales::text("fr", "no.such.key"), "no.such.key");
    // The window is sent the same file (`locale_catalogs`), as texts by dotted key.
    let dropped = locales::dropped();
    assert_eq!(dropped.keys().collect::<Vec<_>>(), ["fr"]);
    assert_eq!(dropped["fr"]["nav.my_cases"], "Mes dossiers");
    assert_eq!(dropped["fr"]["locale.name"], "Français");

    // The formats are the file's CLDR patterns and symbols.
    let day = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
    assert_eq!(format::date(day, "fr"), "27 nov. 2026");
    assert_eq!(format::month(day, "fr"), "novembre 2026");
    let at = day.and_hms_opt(9, 5, 0).expect("time");
    assert_eq!(format::datetime(at, "fr"), "27 nov. 2026, 09:05");
    assert_eq!(format::money(-123_456_789, "EUR", "fr"), "-1\u{202f}234\u{202f}567,89\u{a0}€");
    assert_eq!(format::money(5, "CNY", "fr"), "0,05\u{a0}CNY");
    // A currency the file does not name takes English's sign.
    assert_eq!(format::money(100, "KRW", "fr"), "1,00\u{a0}₩");

    // The shipped languages are untouched.
    assert_eq!(locales::text("en", "nav.my_cases"), "My cases");
    assert_eq!(format::date(day, "en"), "Nov 27, 2026");
}

#[test]
fn a_missing_folder_adds_nothing_and_a_broken_file_is_skipped() {
    assert_eq!(locales::load_dir(&fixtures().join("absent")).expect("no folder"), Vec::<String>::new());
    let dir = std::env::temp_dir().join(format!("steward-locales-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("xx.json"), "{ not json").expect("write");
    std::fs::write(dir.join("notes.txt"), "{}").expect("write");
    std::fs::write(dir.join("yy.json"), r#"["a list"]"#).expect("write");
    assert_eq!(locales::load_dir(&dir).expect("read"), Vec::<String>::new());
    assert!(!locales::is_available("xx") && !locales::is_available("yy"));
    std::fs::remove_dir_all(&dir).expect("clean up");
}
