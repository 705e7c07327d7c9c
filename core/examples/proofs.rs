//! Steward's crash and race proofs: real operations through the core (`api::run`) on a
//! real database, checked from outside. `cargo xtask crash` and `cargo xtask race` build
//! and run this; it can be run by hand too:
//!
//! ```text
//! proofs crash --dir <dir> --kills N [--max-delay-ms 150] [--seed S]
//! proofs crash-check --dir <dir>      (check a crash folder as it is)
//! proofs race --database-url <sqlite://path | postgres://…/name> [--updates 200] [--processes 2]
//! ```
//!
//! `crash` makes a fresh SQLite database in `dir` (WAL, synchronous=FULL: the app's own
//! connection settings), then N times starts itself as a writer, lets it work for a random
//! moment and kills it with SIGKILL, reopens the database and checks it against the
//! writer's log of acknowledged operations. Ends with
//! `crash kills=N acknowledged=M lost=0 integrity_failures=0` (non-zero exit otherwise).
//!
//! `race` fills the database with a few cases and customers, then starts itself
//! `--processes` times; each editor makes `--updates` counted edits of those rows with
//! their row versions, retrying on `conflict`. Ends with
//! `race <sqlite|postgres> updates=N lost=0 conflicts=M` (non-zero exit otherwise).

// A proof that cannot set up its own data has nothing to prove: fail loudly.
#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "proofs/crash.rs"]
mod crash;
#[path = "proofs/race.rs"]
mod race;

use std::path::Path;

use chrono::{DateTime, Utc};
use steward_core::accounts::app::SetupInput;
use steward_core::accounts::auth::LoginInput;
use steward_core::accounts::staff::{LanguageSkill, StaffInput};
use steward_core::api::run;
use steward_core::db::{self, DatabaseTarget};
use steward_core::domain::{Department, LanguageLevel, Role};
use steward_core::sea_orm::ConnectionTrait;
use steward_core::{Cx, Environment, Session, Steward};

pub const PASSWORD: &str = "Lotus-Garden-7";

/// The value of `--name` in `args`, if given.
pub fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

pub fn number(args: &[String], name: &str, default: u64) -> u64 {
    match arg(args, name) {
        Some(v) => v.parse().unwrap_or_else(|_| fail(&format!("{name} takes a number, not `{v}`"))),
        None => default,
    }
}

pub fn fail(message: &str) -> ! {
    eprintln!("proofs: {message}");
    std::process::exit(2);
}

/// The core on `target` (migrated), as the app opens it.
pub async fn open(target: &DatabaseTarget, now: DateTime<Utc>) -> Steward {
    let conn = db::open(target, now).await.expect("open database");
    let dir = match target {
        DatabaseTarget::Sqlite(p) => p.parent().unwrap_or(Path::new(".")).to_path_buf(),
        DatabaseTarget::Postgres(_) => std::env::temp_dir(),
    };
    let env = Environment {
        target: target.clone(),
        settings_file: dir.join("settings.json"),
        database_from_environment: false,
        demo_requested: false,
        os_locale: "en".into(),
        version: "proofs".into(),
    };
    Steward::new(conn, env)
}

pub fn cx(core: &Steward, token: &str, now: DateTime<Utc>) -> Cx {
    core.cx(Session::of(Some(token.to_owned()), "en"), now)
}

/// A first manager and the given staff, each signed in; the tokens in that order. The
/// session limits are lifted: the crash writer's clock moves by hours between calls.
pub async fn office(core: &Steward, now: DateTime<Utc>, staff: &[(&str, Role, Department)]) -> Vec<String> {
    core.db
        .execute_unprepared(
            "INSERT INTO setting (key, value) VALUES ('accounts.session_limits', \
             '{\"version\":0,\"idle_lock_minutes\":10000000,\"session_hours\":1000000}')",
        )
        .await
        .expect("lenient session limits");
    let setup = SetupInput {
        username: "manager".into(),
        display_name: "Manager".into(),
        password: PASSWORD.into(),
        locale: "en".into(),
        load_demo: false,
    };
    let public = || core.cx(Session::of(None, "en"), now);
    let manager = run::setup_first_manager(public(), setup).await.expect("first manager").token;
    let mut tokens = vec![manager.clone()];
    for (username, role, department) in staff {
        let input = StaffInput {
            supervisor: false,
            escalation_tier: None,
            username: (*username).into(),
            display_name: (*username).into(),
            role: *role,
            department: *department,
            languages: vec![LanguageSkill { language: "en".into(), level: LanguageLevel::Native }],
            password: Some(PASSWORD.into()),
        };
        run::staff_create(cx(core, &manager, now), input).await.expect("create staff");
        let login = LoginInput { username: (*username).into(), password: PASSWORD.into() };
        tokens.push(run::login(public(), login).await.expect("staff signs in").token);
    }
    tokens
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or_default();
    let code = match args.first().map(String::as_str) {
        Some("crash") => crash::harness(rest).await,
        Some("crash-writer") => crash::writer(rest).await,
        Some("crash-check") => crash::check_only(rest).await,
        Some("race") => race::harness(rest).await,
        Some("race-editor") => race::editor(rest).await,
        _ => fail("usage: proofs crash --dir <dir> --kills N | proofs race --database-url <url>"),
    };
    std::process::exit(code);
}
