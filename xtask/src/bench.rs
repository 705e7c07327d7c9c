//! `cargo xtask bench`: the scale benchmark (`core/examples/bench.rs`) on SQLite and
//! PostgreSQL, each on a fresh database.
//!
//! The example takes `--database-url <url>` and `--quick`, and prints one line per figure:
//! `bench <name> <sqlite|postgres> p50_ms=<x> p95_ms=<y> raw_ratio=<r>`.

use std::fs;
use std::path::Path;
use std::time::Instant;

use crate::Result;
use crate::paths::{repo_root, shown, target_dir};
use crate::postgres::Postgres;
use crate::process::{cargo, print_timings, run, run_streaming, stage};

pub const USAGE: &str = "cargo xtask bench [--quick] [--db sqlite|postgres|both] [--keep]";
const EXAMPLE: &str = "core/examples/bench.rs";
const PG_DATABASE: &str = "steward_bench";

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
}

pub fn parse_bench_args(args: &[String]) -> Result<BenchOptions> {
    let mut opts = BenchOptions { quick: false, databases: vec![Database::Sqlite, Database::Postgres], keep: false };
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
    if !root.join(EXAMPLE).is_file() {
        return Err(format!(
            "{EXAMPLE} is missing: the benchmark is an example of steward-core that takes \
             `--database-url <url>` and `--quick` and prints `bench …` lines"
        ));
    }
    let started = Instant::now();
    let mut figures: Vec<String> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    let built = stage("bench build (cargo build --release --example bench)", || {
        run(cargo(&root).args(["build", "--release", "-p", "steward-core", "--example", "bench"]))
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
        }
    }
    print_timings("bench", started);
    println!("\n==> bench figures ({})", if opts.quick { "quick" } else { "full" });
    for line in &figures {
        println!("{line}");
    }
    if failures.is_empty() { Ok(()) } else { Err(format!("the benchmark failed:\n{}", failures.join("\n"))) }
}

/// Runs the example against `url`, collecting its `bench ` lines.
fn run_example(root: &Path, url: &str, quick: bool, figures: &mut Vec<String>) -> Result {
    let mut cmd = cargo(root);
    cmd.args(["run", "--release", "-p", "steward-core", "--example", "bench", "--", "--database-url", url]);
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
    // One file per run, so that two runs sharing a target folder do not meet.
    let file = dir.join(format!("bench-{}.db", std::process::id()));
    let remove = || {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = file.clone().into_os_string();
            name.push(suffix);
            let _ = fs::remove_file(name);
        }
    };
    remove();
    let result = run_example(root, &format!("sqlite://{}", file.display()), opts.quick, figures);
    if opts.keep {
        println!("bench: kept the SQLite database {}", shown(&file));
    } else {
        remove();
    }
    result
}

fn bench_postgres(root: &Path, opts: &BenchOptions, figures: &mut Vec<String>) -> Result {
    let mut pg = stage("start a private PostgreSQL", || Postgres::start(root))?;
    pg.create_database(PG_DATABASE)?;
    let result = run_example(root, &pg.url(PG_DATABASE), opts.quick, figures);
    if opts.keep {
        let stop = pg.keep();
        println!("bench: kept the PostgreSQL server with {}\n  stop and remove it with: {stop}", pg.url(PG_DATABASE));
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
            BenchOptions { quick: false, databases: vec![Database::Sqlite, Database::Postgres], keep: false }
        );
    }

    #[test]
    fn quick_keep_and_one_database() {
        assert_eq!(
            parse(&["--quick", "--db", "postgres", "--keep"]),
            BenchOptions { quick: true, databases: vec![Database::Postgres], keep: true }
        );
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
