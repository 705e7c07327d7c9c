//! `cargo xtask bench`: the scale benchmark (`core/examples/bench.rs`) and the office
//! server's load benchmark (`server/examples/load.rs`) on SQLite and PostgreSQL, each on
//! a fresh database.
//!
//! Each example takes `--database-url <url>` and `--quick`, and prints one line per figure:
//! `bench <name> <sqlite|postgres> p50_ms=<x> p95_ms=<y> …`. With SQLite, `window_bench`
//! adds the window's `cold_start` and `memory_pss` against a bare Tauri window.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::Result;
use crate::paths::{exe_name, repo_root, shown, target_dir};
use crate::postgres::Postgres;
use crate::process::{build_workspace, print_timings, run_streaming, stage};
use crate::window_bench::bench_window;

pub const USAGE: &str = "cargo xtask bench [--quick] [--db sqlite|postgres|both] [--keep] [--window-only] [--no-build]";
const EXAMPLE: &str = "core/examples/bench.rs";
/// (example, PostgreSQL database, SQLite file stem): the core's scale benchmark
/// (core/examples/bench.rs), then 20 desks against the office server (server/examples/load.rs).
const EXAMPLES: [(&str, &str, &str); 2] =
    [("bench", "steward_bench", "bench"), ("load", "steward_bench_server", "load")];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Database {
    Sqlite,
    Postgres,
}

impl Database {
    fn name(self) -> &'static str {
        match self {
            Database::Sqlite => "sqlite",
            Database::Postgres => "postgres",
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct BenchOptions {
    /// Smaller data and fewer rounds (CI).
    pub quick: bool,
    pub databases: Vec<Database>,
    /// Keep the SQLite file and leave the PostgreSQL server running afterwards.
    pub keep: bool,
    /// Only the window's figures (cold_start, memory_pss).
    pub window_only: bool,
    /// Measure the window binaries already built (an earlier build, for a before/after).
    pub no_build: bool,
}

pub fn parse_bench_args(args: &[String]) -> Result<BenchOptions> {
    let mut opts = BenchOptions {
        quick: false,
        databases: vec![Database::Sqlite, Database::Postgres],
        keep: false,
        window_only: false,
        no_build: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let db = match arg.as_str() {
            "--quick" => {
                opts.quick = true;
                continue;
            }
            "--keep" => {
                opts.keep = true;
                continue;
            }
            "--window-only" => {
                opts.window_only = true;
                continue;
            }
            "--no-build" => {
                opts.no_build = true;
                continue;
            }
            "--db" => it.next().map(String::as_str).ok_or("--db needs sqlite, postgres or both")?,
            other if other.starts_with("--db=") => other.trim_start_matches("--db="),
            other => return Err(format!("unknown option `{other}` for bench")),
        };
        opts.databases = match db {
            "sqlite" => vec![Database::Sqlite],
            "postgres" => vec![Database::Postgres],
            "both" => vec![Database::Sqlite, Database::Postgres],
            other => return Err(format!("--db takes sqlite, postgres or both, not `{other}`")),
        };
    }
    Ok(opts)
}

pub fn cmd_bench(args: &[String]) -> Result {
    let opts = parse_bench_args(args)?;
    let root = repo_root();
    if opts.window_only {
        let started = Instant::now();
        let mut figures = Vec::new();
        let result = bench_window(&root, opts.quick, !opts.no_build, &mut figures);
        print_timings("bench", started);
        println!("\n==> bench figures ({}, window only)", if opts.quick { "quick" } else { "full" });
        figures.iter().for_each(|line| println!("{line}"));
        return result;
    }
    if !root.join(EXAMPLE).is_file() {
        return Err(format!(
            "{EXAMPLE} is missing: the benchmark is an example of steward-core that takes \
             `--database-url <url>` and `--quick` and prints `bench …` lines"
        ));
    }
    let started = Instant::now();
    let mut figures: Vec<String> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    // The quick run is CI's health check: it reuses the test build (dev profile) instead of
    // a 5-minute release build. The figures in the README come from the full, release run.
    let built = stage(if opts.quick { "bench build (dev profile)" } else { "bench build (release)" }, || {
        build_workspace(&root, !opts.quick)
    });
    match built {
        Err(e) => failures.push(e),
        Ok(()) => {
            for db in opts.databases.iter().copied() {
                let result = stage(&format!("bench on {}", db.name()), || {
                    let before = figures.len();
                    match db {
                        Database::Sqlite => bench_sqlite(&root, &opts, &mut figures)?,
                        Database::Postgres => bench_postgres(&root, &opts, &mut figures)?,
                    }
                    if figures.len() == before {
                        return Err(format!("the example printed no `bench ` line on {}", db.name()));
                    }
                    Ok(())
                });
                if let Err(e) = result {
                    eprintln!("\nxtask error: {e}");
                    failures.push(format!("{}: {e}", db.name()));
                }
            }
            // The window runs on this computer's SQLite database only.
            if opts.databases.contains(&Database::Sqlite)
                && let Err(e) = bench_window(&root, opts.quick, !opts.no_build, &mut figures)
            {
                eprintln!("\nxtask error: {e}");
                failures.push(format!("window: {e}"));
            }
        }
    }
    print_timings("bench", started);
    println!("\n==> bench figures ({})", if opts.quick { "quick" } else { "full" });
    for line in &figures {
        println!("{line}");
    }
    if failures.is_empty() { Ok(()) } else { Err(format!("the benchmark failed:\n{}", failures.join("\n"))) }
}

/// Runs an example against `url`, collecting its `bench ` lines.
fn run_example(root: &Path, example: &str, url: &str, quick: bool, figures: &mut Vec<String>) -> Result {
    let profile = if quick { "debug" } else { "release" };
    let mut cmd = Command::new(target_dir(root).join(profile).join("examples").join(exe_name(example)));
    cmd.current_dir(root).args(["--database-url", url]);
    if quick {
        cmd.arg("--quick");
    }
    run_streaming(&mut cmd, |line| {
        if line.starts_with("bench ") {
            figures.push(line.to_string());
        }
    })
}

fn bench_sqlite(root: &Path, opts: &BenchOptions, figures: &mut Vec<String>) -> Result {
    let dir = target_dir(root).join("bench");
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (example, _, stem) in EXAMPLES {
        // One file per run, so that two runs sharing a target folder do not meet.
        let file = dir.join(format!("{stem}-{}.db", std::process::id()));
        let remove = || {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut name = file.clone().into_os_string();
                name.push(suffix);
                let _ = fs::remove_file(name);
            }
        };
        remove();
        let result = run_example(root, example, &format!("sqlite://{}", file.display()), opts.quick, figures);
        if opts.keep {
            println!("bench: kept the SQLite database {}", shown(&file));
        } else {
            remove();
        }
        result?;
    }
    Ok(())
}

fn bench_postgres(root: &Path, opts: &BenchOptions, figures: &mut Vec<String>) -> Result {
    let mut pg = stage("start a private PostgreSQL", || Postgres::start(root))?;
    let mut result = Ok(());
    for (example, database, _) in EXAMPLES {
        pg.create_database(database)?;
        result = run_example(root, example, &pg.url(database), opts.quick, figures);
        if result.is_err() {
            break;
        }
    }
    if opts.keep {
        let stop = pg.keep();
        let urls: Vec<String> = EXAMPLES.iter().map(|(_, d, _)| pg.url(d)).collect();
        println!("bench: kept the PostgreSQL server with {}\n  stop and remove it with: {stop}", urls.join(" and "));
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{args, error_of};

    fn parse(words: &[&str]) -> BenchOptions {
        match parse_bench_args(&args(words)) {
            Ok(opts) => opts,
            Err(e) => panic!("{words:?}: {e}"),
        }
    }

    #[test]
    fn both_databases_in_full_by_default() {
        assert_eq!(
            parse(&[]),
            BenchOptions {
                quick: false,
                databases: vec![Database::Sqlite, Database::Postgres],
                keep: false,
                window_only: false,
                no_build: false,
            }
        );
    }

    #[test]
    fn quick_keep_and_one_database() {
        assert_eq!(
            parse(&["--quick", "--db", "postgres", "--keep"]),
            BenchOptions {
                quick: true,
                databases: vec![Database::Postgres],
                keep: true,
                window_only: false,
                no_build: false,
            }
        );
        let window = parse(&["--window-only", "--no-build"]);
        assert!(window.window_only && window.no_build);
        assert_eq!(parse(&["--db=sqlite"]).databases, vec![Database::Sqlite]);
        assert_eq!(parse(&["--db", "sqlite", "--db", "both"]).databases, vec![Database::Sqlite, Database::Postgres]);
    }

    #[test]
    fn refuses_unknown_databases_and_options() {
        assert!(error_of(parse_bench_args(&args(&["--db", "mysql"]))).contains("sqlite, postgres or both"));
        assert!(error_of(parse_bench_args(&args(&["--db"]))).contains("--db needs"));
        assert!(error_of(parse_bench_args(&args(&["--full"]))).contains("`--full`"));
    }
}
