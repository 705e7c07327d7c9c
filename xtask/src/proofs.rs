//! `cargo xtask crash` and `cargo xtask race`: build `core/examples/proofs.rs` (debug,
//! the same build `cargo test --workspace` makes) and run its crash and race proofs.

use std::path::{Path, PathBuf};

use crate::Result;
use crate::paths::{exe_name, repo_root, target_dir};
use crate::postgres::Postgres;
use crate::process::{WORKSPACE, cargo, run};

pub const CRASH_USAGE: &str = "cargo xtask crash [--kills N] [--segment N] [--max-delay-ms MS] [--seed S]";
pub const RACE_USAGE: &str = "cargo xtask race [--db sqlite|postgres|both] [--updates N]";
/// The CI sizes (`cargo xtask test`): about 40 s for the kills, a few seconds a race.
pub const CI_KILLS: u32 = 200;
pub const CI_UPDATES: u32 = 150;
const PG_RACE_DB: &str = "steward_race";

/// Builds the proofs example with the workspace's features (no rebuild after `cargo test`).
pub fn build(root: &Path) -> Result<PathBuf> {
    run(cargo(root).arg("build").args(WORKSPACE).args(["--example", "proofs"]))?;
    Ok(target_dir(root).join("debug").join("examples").join(exe_name("proofs")))
}

fn proofs_dir(root: &Path) -> PathBuf {
    target_dir(root).join("proofs")
}

/// SIGKILLs a writer `kills` times; the example prints the `crash kills=…` line.
pub fn crash(root: &Path, exe: &Path, extra: &[String]) -> Result {
    let dir = proofs_dir(root).join("crash");
    run(std::process::Command::new(exe).arg("crash").arg("--dir").arg(&dir).args(extra))
}

/// Two editor processes on one database; the example prints the `race …` line.
pub fn race(exe: &Path, url: &str, updates: u32) -> Result {
    run(std::process::Command::new(exe).args(["race", "--database-url", url, "--updates", &updates.to_string()]))
}

pub fn race_sqlite(root: &Path, exe: &Path, updates: u32) -> Result {
    let dir = proofs_dir(root);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    race(exe, &format!("sqlite://{}", dir.join("race.db").display()), updates)
}

pub fn race_postgres(pg: &Postgres, exe: &Path, updates: u32) -> Result {
    pg.create_database(PG_RACE_DB)?;
    race(exe, &pg.url(PG_RACE_DB), updates)
}

pub fn cmd_crash(args: &[String]) -> Result {
    let mut extra = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--kills" | "--segment" | "--max-delay-ms" | "--seed" => {
                let value = it.next().ok_or_else(|| format!("{a} needs a number"))?;
                value.parse::<u64>().map_err(|_| format!("{a} takes a number, not `{value}`"))?;
                extra.extend([a.clone(), value.clone()]);
            }
            other => return Err(format!("unknown option `{other}`\nusage: {CRASH_USAGE}")),
        }
    }
    if !extra.iter().any(|a| a == "--kills") {
        extra.extend(["--kills".to_string(), CI_KILLS.to_string()]);
    }
    let root = repo_root();
    let exe = build(&root)?;
    crash(&root, &exe, &extra)
}

pub fn cmd_race(args: &[String]) -> Result {
    let (mut sqlite, mut postgres, mut updates) = (true, true, CI_UPDATES);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--db" => match it.next().map(String::as_str) {
                Some("sqlite") => postgres = false,
                Some("postgres") => sqlite = false,
                Some("both") => {}
                other => return Err(format!("--db takes sqlite, postgres or both, not {other:?}")),
            },
            "--updates" => {
                let value = it.next().ok_or("--updates needs a number")?;
                updates = value.parse().map_err(|_| format!("--updates takes a number, not `{value}`"))?;
            }
            other => return Err(format!("unknown option `{other}`\nusage: {RACE_USAGE}")),
        }
    }
    let root = repo_root();
    let exe = build(&root)?;
    if sqlite {
        race_sqlite(&root, &exe, updates)?;
    }
    if postgres {
        let mut pg = Postgres::start(&root)?;
        let result = race_postgres(&pg, &exe, updates);
        pg.stop();
        result?;
    }
    Ok(())
}
