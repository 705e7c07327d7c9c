//! Project automation for Steward (std only, so it compiles in seconds).
//!
//! ```text
//! cargo xtask run [--release] [-- <app args>]   run the app (demo property on first start)
//! cargo xtask test [--skip-e2e] [--only core|ui|e2e] [--no-postgres]
//! cargo xtask bench [--quick] [--db sqlite|postgres|both] [--keep]
//! cargo xtask bundle [-- <tauri build args>]     installers (.deb on Linux)
//! cargo xtask gen                               regenerate the TypeScript bindings
//! cargo xtask pg                                a throw-away PostgreSQL
//! cargo xtask crash [--kills N]                 SIGKILL a writer, check what was acknowledged
//! cargo xtask race [--db sqlite|postgres|both]  concurrent edits with row versions
//! ```
//!
//! On Debian/Ubuntu the system packages are installed with apt when missing; on Windows
//! and macOS that part is skipped and the same commands work with Rust and Node 20+.
//!
//! Modules: `process` (running, describing and timing commands), `paths`, `prerequisites`
//! (apt, Node/npm, tauri-driver), `postgres` (private servers), `test_plan` (`test`),
//! `app` (`run`, `bundle`, `gen`), `bench` (with `window_bench`, the window's figures).

mod app;
mod bench;
mod paths;
mod postgres;
mod prerequisites;
mod process;
mod proofs;
mod test_plan;
mod window_bench;

use std::env;
use std::process::ExitCode;

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let mut args = env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    let result = match command.as_str() {
        "run" => app::cmd_run(&rest),
        "test" => return test_plan::cmd_test(&rest),
        "bench" => bench::cmd_bench(&rest),
        "bundle" => app::cmd_bundle(&rest),
        "gen" => app::cmd_gen(&rest),
        "pg" => postgres::cmd_pg(&rest),
        "crash" => proofs::cmd_crash(&rest),
        "race" => proofs::cmd_race(&rest),
        "" | "help" | "-h" | "--help" => {
            print_usage();
            Ok(())
        }
        other => Err(format!("unknown command `{other}` (try `cargo xtask help`)")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn print_usage() {
    println!(
        "\
Steward project automation

USAGE:
    cargo xtask run [--release] [-- <app args>]
        Install what is missing, build the UI and run the app with --demo
        (the demo property is loaded on first start). App args, e.g.:
        --data-dir <path>, --lang <code>; env STEWARD_DATABASE_URL selects PostgreSQL.

    {test}
        Run every test suite: xtask's own, Rust on SQLite and PostgreSQL, UI unit tests
        and type check, end-to-end tests in the real window on SQLite and PostgreSQL.
        Prints the time of every step; ends with a line `N passed, N failed` and exits
        non-zero on the first failure.

    {bench}
        Build core/examples/bench.rs and server/examples/load.rs (20 desks against the
        office server) in release and run them on fresh SQLite files (under
        target/bench/) and on fresh databases of a private PostgreSQL (default both);
        --quick for a small run (CI); --keep keeps the SQLite files and leaves the
        PostgreSQL server running. With SQLite it also measures the window against a
        bare Tauri window (xtask/bare-window): cold_start (launch to the first screen)
        and memory_pss (app + WebKit processes after signing in to the demo and
        visiting Customers and Units), under a private Xvfb; release builds, or with
        --quick the E2E tests' debug app. Ends with every `bench <name> <db> p50_ms=…`
        line; exits non-zero when the benchmark failed.

    cargo xtask bundle [-- <tauri build args>]
        Build the installers (.deb on Linux, the platform defaults elsewhere).

    cargo xtask gen
        Regenerate the TypeScript bindings (STEWARD_UPDATE_BINDINGS=1).

    cargo xtask pg
        Start a private PostgreSQL (with an empty database `steward`) on a free port,
        print its URLs, stop it on Enter.

    {crash}
        Start a writer doing real desk work (cases, dispatch, completion, statements) on
        an SQLite file, SIGKILL it at a random moment N times (default {kills}), reopen
        and check: every acknowledged operation there, none half-done, integrity_check
        and foreign_key_check clean. Ends with `crash kills=N acknowledged=M lost=0
        integrity_failures=0`.

    {race}
        Two processes edit the same cases and customers with row versions (SQLite, and
        two clients of a private PostgreSQL). Ends with `race <db> updates=N lost=0
        conflicts=M`.

Needs Rust and Node {node}+. On Debian/Ubuntu missing system packages are
installed with apt-get (through sudo when not root).",
        test = test_plan::USAGE,
        bench = bench::USAGE,
        node = prerequisites::NODE_MIN_MAJOR,
        crash = proofs::CRASH_USAGE,
        kills = proofs::CI_KILLS,
        race = proofs::RACE_USAGE,
    );
}

#[cfg(test)]
fn args(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

#[cfg(test)]
fn error_of<T: std::fmt::Debug>(result: Result<T>) -> String {
    match result {
        Ok(value) => panic!("expected an error, got {value:?}"),
        Err(e) => e,
    }
}
