//! `cargo xtask test`: the options, the plan of steps, running them and the summary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use crate::Result;
use crate::paths::{exe_name, node_program, repo_root, target_dir};
use crate::postgres::Postgres;
use crate::prerequisites::{
    BUILD_PACKAGES, TEST_PACKAGES, build_ui, ensure_npm, ensure_system_packages, ensure_tauri_driver,
};
use crate::process::{Timing, WORKSPACE, build_workspace, cargo, npm, run, secs, stage, take_timings};
use crate::proofs;

const PG_CORE_TEST_DB: &str = "steward_core_test";
const XVFB_SCREEN: &str = "-screen 0 1280x800x24";
pub const USAGE: &str = "cargo xtask test [--skip-e2e] [--only core|ui|e2e] [--no-postgres]";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Xtask,
    Setup,
    StartPostgres,
    RustSqlite,
    RustPostgres,
    Proofs,
    Ui,
    BuildApp,
    E2eSqlite,
    E2ePostgres,
}

impl Step {
    fn title(self) -> &'static str {
        match self {
            Step::Xtask => "xtask unit tests (cargo test -p xtask)",
            Step::Setup => "prerequisites (system packages, npm ci, tauri-driver)",
            Step::StartPostgres => "start a private PostgreSQL",
            Step::RustSqlite => "Rust tests on SQLite (cargo test --workspace)",
            Step::RustPostgres => "core and server tests on PostgreSQL (cargo test --workspace --test suite)",
            Step::Proofs => "crash and race proofs (cargo xtask crash, cargo xtask race)",
            Step::Ui => "UI unit tests and type check (ui/)",
            Step::BuildApp => "build the app and server for E2E",
            Step::E2eSqlite => "E2E in the real window on SQLite",
            Step::E2ePostgres => "E2E in the real window on PostgreSQL",
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct TestOptions {
    pub core: bool,
    pub ui: bool,
    pub e2e: bool,
    pub postgres: bool,
}

pub fn parse_test_args(args: &[String]) -> Result<TestOptions> {
    let mut opts = TestOptions { core: true, ui: true, e2e: true, postgres: true };
    let mut only: Option<String> = None;
    let mut skip_e2e = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--skip-e2e" => skip_e2e = true,
            "--no-postgres" => opts.postgres = false,
            "--only" => {
                only = Some(it.next().cloned().ok_or("--only needs core, ui or e2e")?);
            }
            other if other.starts_with("--only=") => {
                only = Some(other.trim_start_matches("--only=").to_string());
            }
            other => return Err(format!("unknown option `{other}` for test")),
        }
    }
    if let Some(only) = only {
        opts.core = only == "core";
        opts.ui = only == "ui";
        opts.e2e = only == "e2e";
        if !(opts.core || opts.ui || opts.e2e) {
            return Err(format!("--only takes core, ui or e2e, not `{only}`"));
        }
    }
    if skip_e2e {
        opts.e2e = false;
    }
    Ok(opts)
}

/// The steps for these options, in order. The xtask unit tests always run (seconds).
pub fn plan(opts: &TestOptions) -> Vec<Step> {
    let mut plan = vec![Step::Xtask, Step::Setup];
    if opts.postgres && (opts.core || opts.e2e) {
        plan.push(Step::StartPostgres);
    }
    if opts.core {
        plan.push(Step::RustSqlite);
        if opts.postgres {
            plan.push(Step::RustPostgres);
        }
        plan.push(Step::Proofs);
    }
    if opts.ui {
        plan.push(Step::Ui);
    }
    if opts.e2e {
        plan.push(Step::BuildApp);
        plan.push(Step::E2eSqlite);
        if opts.postgres {
            plan.push(Step::E2ePostgres);
        }
    }
    plan
}

struct TestRun {
    root: PathBuf,
    opts: TestOptions,
    pg: Option<Postgres>,
    tauri_driver: Option<PathBuf>,
}

struct StepResult {
    step: Step,
    took: Duration,
    ok: bool,
    stages: Vec<Timing>,
}

pub fn cmd_test(args: &[String]) -> ExitCode {
    let opts = match parse_test_args(args) {
        Ok(opts) => opts,
        Err(e) => {
            eprintln!("xtask error: {e}\nusage: {USAGE}");
            return ExitCode::from(2);
        }
    };
    let plan = plan(&opts);
    let mut ctx = TestRun { root: repo_root(), opts, pg: None, tauri_driver: None };
    let total = plan.len();
    let started = Instant::now();
    let mut results: Vec<StepResult> = Vec::new();
    for (i, step) in plan.iter().copied().enumerate() {
        println!("\n==> [{}/{total}] {}", i + 1, step.title());
        let t = Instant::now();
        let result = run_step(step, &mut ctx);
        let took = t.elapsed();
        let ok = result.is_ok();
        if let Err(e) = result {
            eprintln!("\nxtask error: {e}");
        }
        println!("<== [{}/{total}] {} in {}", i + 1, if ok { "ok" } else { "FAILED" }, secs(took));
        results.push(StepResult { step, took, ok, stages: take_timings() });
        if !ok {
            break;
        }
    }
    if let Some(mut pg) = ctx.pg.take() {
        pg.stop();
    }

    println!("\n==> summary ({} total)", secs(started.elapsed()));
    for r in &results {
        println!("  {:<7} {:>8}  {}", if r.ok { "ok" } else { "FAILED" }, secs(r.took), r.step.title());
        // The timed parts of a step, when it has more than one.
        if r.stages.len() > 1 {
            for s in &r.stages {
                println!("  {:<7} {:>8}    - {}", "", secs(s.took), s.name);
            }
        }
    }
    for step in plan.iter().skip(results.len()) {
        println!("  {:<7} {:>8}  {}", "not run", "", step.title());
    }
    let passed = results.iter().filter(|r| r.ok).count();
    let failed = results.len() - passed;
    println!("{passed} passed, {failed} failed");
    if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn run_step(step: Step, ctx: &mut TestRun) -> Result {
    let root = ctx.root.clone();
    let ui = root.join("ui");
    let e2e_dir = root.join("tests").join("e2e");
    match step {
        // Only the unit-test binary: the running xtask executable is not rebuilt.
        Step::Xtask => run(cargo(&root).args(["test", "-p", "xtask", "--bins"])),
        Step::Setup => {
            let mut packages = BUILD_PACKAGES.to_vec();
            packages.extend_from_slice(TEST_PACKAGES);
            ensure_system_packages(&packages)?;
            ensure_npm(&ui)?;
            // The app crate embeds ui/dist at compile time, and the E2E tests run the app
            // that `cargo test` builds: the UI as it is now, before any cargo build.
            if ctx.opts.e2e || (ctx.opts.core && !ui.join("dist").join("index.html").is_file()) {
                build_ui(&root)?;
            }
            if ctx.opts.e2e {
                ensure_npm(&e2e_dir)?;
                if cfg!(target_os = "macos") {
                    return Err("E2E needs tauri-driver, which does not support macOS: \
                                pass --skip-e2e"
                        .into());
                }
                ctx.tauri_driver = Some(ensure_tauri_driver(&root)?);
            }
            Ok(())
        }
        Step::StartPostgres => {
            let pg = Postgres::start(&root)?;
            println!("STEWARD_TEST_PG_ADMIN_URL={}", pg.admin_url());
            ctx.pg = Some(pg);
            Ok(())
        }
        Step::RustSqlite => run(cargo(&root)
            .env_remove("STEWARD_TEST_DATABASE_URL")
            .env_remove("STEWARD_TEST_PG_ADMIN_URL")
            .arg("test")
            .args(WORKSPACE)),
        Step::RustPostgres => {
            let pg = ctx.pg.as_ref().ok_or("PostgreSQL is not running")?;
            pg.create_database(PG_CORE_TEST_DB)?;
            run(cargo(&root)
                .env("STEWARD_TEST_DATABASE_URL", pg.url(PG_CORE_TEST_DB))
                .env("STEWARD_TEST_PG_ADMIN_URL", pg.admin_url())
                // The same selection and features as on SQLite, so nothing is built again;
                // only the test binaries that take a database run.
                .arg("test")
                .args(WORKSPACE)
                .args(["--test", "suite"]))
        }
        Step::Proofs => {
            let exe = stage("build the proofs (core/examples/proofs.rs)", || proofs::build(&root))?;
            let kills = ["--kills".to_string(), proofs::CI_KILLS.to_string()];
            stage("crash --kills 200", || proofs::crash(&root, &exe, &kills))?;
            stage("race sqlite", || proofs::race_sqlite(&root, &exe, proofs::CI_UPDATES))?;
            match ctx.pg.as_ref() {
                Some(pg) => stage("race postgres", || proofs::race_postgres(pg, &exe, proofs::CI_UPDATES)),
                None => Ok(()),
            }
        }
        Step::Ui => {
            // CI=true keeps vitest out of watch mode whatever the script says.
            stage("UI unit tests (vitest)", || run(npm(&ui).env("CI", "true").arg("test")))?;
            stage("UI type check (tsc)", || run(npm(&ui).args(["run", "typecheck"])))
        }
        // The UI was built first (Setup) and `cargo test` built the app with it; this adds
        // what the tests did not need (the other binaries), in the same feature set.
        Step::BuildApp => {
            stage("app and server build (cargo build --bins --examples)", || build_workspace(&root, false))
        }
        Step::E2eSqlite => run_e2e(ctx, "sqlite"),
        Step::E2ePostgres => run_e2e(ctx, "postgres"),
    }
}

/// The E2E test files (`*.test.mjs`/`.js`/`.cjs` outside node_modules), sorted.
fn e2e_test_files(dir: &Path) -> Result<Vec<PathBuf>> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result {
        let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries.filter_map(|e| e.ok()) {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "node_modules" && !name.starts_with('.') {
                    walk(&path, out)?;
                }
            } else if [".test.mjs", ".test.js", ".test.cjs"].iter().any(|s| name.ends_with(s)) {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(dir, &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(format!("no *.test.mjs files in {}", dir.display()));
    }
    Ok(files)
}

fn run_e2e(ctx: &TestRun, db: &str) -> Result {
    let root = &ctx.root;
    let e2e_dir = root.join("tests").join("e2e");
    let app = target_dir(root).join("debug").join(exe_name("steward"));
    if !app.is_file() {
        return Err(format!("{} is missing (the build step should have made it)", app.display()));
    }
    let files = e2e_test_files(&e2e_dir)?;
    let mut cmd = if cfg!(target_os = "linux") {
        let mut cmd = Command::new("xvfb-run");
        cmd.args(["-a", "-s", XVFB_SCREEN, "node"]);
        cmd
    } else {
        Command::new(node_program())
    };
    cmd.current_dir(&e2e_dir)
        .env("STEWARD_APP", &app)
        .env("STEWARD_E2E_DB", db)
        .args(["--test", "--test-concurrency=1"]);
    for file in &files {
        cmd.arg(file.strip_prefix(&e2e_dir).unwrap_or(file));
    }
    if let Some(driver) = &ctx.tauri_driver {
        cmd.env("TAURI_DRIVER", driver);
    }
    if db == "postgres" {
        let pg = ctx.pg.as_ref().ok_or("PostgreSQL is not running")?;
        cmd.env("STEWARD_TEST_PG_ADMIN_URL", pg.admin_url()).env("STEWARD_PG_BIN", &pg.bin);
    } else {
        cmd.env_remove("STEWARD_TEST_PG_ADMIN_URL");
    }
    run(&mut cmd)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{args, error_of};

    fn parse(words: &[&str]) -> TestOptions {
        match parse_test_args(&args(words)) {
            Ok(opts) => opts,
            Err(e) => panic!("{words:?}: {e}"),
        }
    }

    #[test]
    fn everything_by_default() {
        let opts = parse(&[]);
        assert_eq!(opts, TestOptions { core: true, ui: true, e2e: true, postgres: true });
        assert_eq!(
            plan(&opts),
            vec![
                Step::Xtask,
                Step::Setup,
                Step::StartPostgres,
                Step::RustSqlite,
                Step::RustPostgres,
                Step::Proofs,
                Step::Ui,
                Step::BuildApp,
                Step::E2eSqlite,
                Step::E2ePostgres
            ]
        );
    }

    #[test]
    fn only_selects_one_part_in_both_spellings() {
        for words in [&["--only", "ui"][..], &["--only=ui"][..]] {
            let opts = parse(words);
            assert_eq!(opts, TestOptions { core: false, ui: true, e2e: false, postgres: true });
            assert_eq!(plan(&opts), vec![Step::Xtask, Step::Setup, Step::Ui]);
        }
        let core = parse(&["--only", "core"]);
        assert_eq!(
            plan(&core),
            vec![Step::Xtask, Step::Setup, Step::StartPostgres, Step::RustSqlite, Step::RustPostgres, Step::Proofs]
        );
        let e2e = parse(&["--only", "e2e", "--no-postgres"]);
        assert_eq!(plan(&e2e), vec![Step::Xtask, Step::Setup, Step::BuildApp, Step::E2eSqlite]);
    }

    #[test]
    fn no_postgres_and_skip_e2e() {
        let opts = parse(&["--no-postgres", "--skip-e2e"]);
        assert_eq!(opts, TestOptions { core: true, ui: true, e2e: false, postgres: false });
        assert_eq!(plan(&opts), vec![Step::Xtask, Step::Setup, Step::RustSqlite, Step::Proofs, Step::Ui]);
        // --skip-e2e wins over --only e2e: nothing but the cheap steps is left.
        assert!(!parse(&["--only", "e2e", "--skip-e2e"]).e2e);
        assert_eq!(
            plan(&parse(&["--only", "core", "--no-postgres"])),
            vec![Step::Xtask, Step::Setup, Step::RustSqlite, Step::Proofs]
        );
    }

    #[test]
    fn refuses_unknown_options_and_parts() {
        assert!(error_of(parse_test_args(&args(&["--only", "docs"]))).contains("core, ui or e2e"));
        assert!(error_of(parse_test_args(&args(&["--only"]))).contains("--only needs"));
        assert!(error_of(parse_test_args(&args(&["--quick"]))).contains("`--quick`"));
    }
}
