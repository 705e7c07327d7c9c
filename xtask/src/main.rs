//! Project automation for Steward (std only, so it compiles in seconds).
//!
//! ```text
//! cargo xtask run [--release] [-- <app args>]   run the app (demo property on first start)
//! cargo xtask test [--skip-e2e] [--only core|ui|e2e] [--no-postgres]
//! cargo xtask bundle [-- <tauri build args>]     installers (.deb on Linux)
//! cargo xtask gen                               regenerate the TypeScript bindings
//! ```
//!
//! On Debian/Ubuntu the system packages are installed with apt when missing; on Windows
//! and macOS that part is skipped and the same commands work with Rust and Node 20+.

use std::collections::HashSet;
use std::env;
use std::ffi::OsStr;
use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant, SystemTime};

type Result<T = ()> = std::result::Result<T, String>;

/// Debian packages needed to build the app.
const BUILD_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "curl",
    "wget",
    "file",
    "libxdo-dev",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "pkg-config",
];

/// Extra Debian packages needed to run every test (headless window, WebDriver,
/// screenshots, CJK font, PostgreSQL).
const TEST_PACKAGES: &[&str] =
    &["xvfb", "xauth", "webkit2gtk-driver", "imagemagick", "fonts-wqy-microhei", "postgresql"];

const TAURI_DRIVER_VERSION: &str = "2.1.0";
const NODE_MIN_MAJOR: u32 = 20;
const PG_FIRST_PORT: u16 = 55432;
const PG_CORE_TEST_DB: &str = "steward_core_test";
const XVFB_SCREEN: &str = "-screen 0 1280x800x24";

fn main() -> ExitCode {
    let mut args = env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    let result = match command.as_str() {
        "run" => cmd_run(&rest),
        "test" => return cmd_test(&rest),
        "bundle" => cmd_bundle(&rest),
        "gen" => cmd_gen(&rest),
        "pg" => cmd_pg(&rest),
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

    cargo xtask test [--skip-e2e] [--only core|ui|e2e] [--no-postgres]
        Run every test suite: Rust on SQLite and PostgreSQL, UI unit tests and type
        check, end-to-end tests in the real window on SQLite and PostgreSQL.
        Ends with a line `N passed, N failed`; exits non-zero on the first failure.

    cargo xtask bundle [-- <tauri build args>]
        Build the installers (.deb on Linux, the platform defaults elsewhere).

    cargo xtask gen
        Regenerate the TypeScript bindings (STEWARD_UPDATE_BINDINGS=1).

    cargo xtask pg
        Start the private test PostgreSQL (with an empty database `steward`),
        print its URLs, stop it on Enter.

Needs Rust and Node {NODE_MIN_MAJOR}+. On Debian/Ubuntu missing system packages are
installed with apt-get (through sudo when not root)."
    );
}

// ---------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------

fn repo_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

fn target_dir(root: &Path) -> PathBuf {
    match env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() { dir } else { root.join(dir) }
        }
        _ => root.join("target"),
    }
}

fn exe_name(name: &str) -> String {
    if cfg!(windows) { format!("{name}.exe") } else { name.to_string() }
}

/// npm and friends are batch files on Windows; `Command` only appends `.exe` itself.
fn npm_program() -> &'static str {
    if cfg!(windows) { "npm.cmd" } else { "npm" }
}

fn cargo_program() -> String {
    env::var("CARGO").unwrap_or_else(|_| "cargo".to_string())
}

fn home_dir() -> Option<PathBuf> {
    env::var_os("HOME").or_else(|| env::var_os("USERPROFILE")).filter(|h| !h.is_empty()).map(PathBuf::from)
}

/// Finds an executable on PATH (trying `.exe`/`.cmd` on Windows).
fn which(name: &str) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    let candidates: Vec<String> = if cfg!(windows) {
        vec![format!("{name}.exe"), format!("{name}.cmd"), name.to_string()]
    } else {
        vec![name.to_string()]
    };
    env::split_paths(&path).flat_map(|dir| candidates.iter().map(move |c| dir.join(c))).find(|p| p.is_file())
}

fn mtime(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

// ---------------------------------------------------------------------------------------
// Running commands
// ---------------------------------------------------------------------------------------

fn describe(cmd: &Command) -> String {
    let mut out = String::new();
    for (key, value) in cmd.get_envs() {
        if let Some(value) = value {
            out.push_str(&format!("{}={} ", key.to_string_lossy(), quote(value)));
        }
    }
    out.push_str(&quote(cmd.get_program()));
    for arg in cmd.get_args() {
        out.push(' ');
        out.push_str(&quote(arg));
    }
    if let Some(dir) = cmd.get_current_dir() {
        let root = repo_root();
        let shown = dir.strip_prefix(&root).unwrap_or(dir);
        if !shown.as_os_str().is_empty() {
            out.push_str(&format!("   (in {})", shown.display()));
        }
    }
    out
}

fn quote(s: &OsStr) -> String {
    let s = s.to_string_lossy();
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c)) {
        s.into_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Runs a command with inherited stdio; an error when it cannot start or exits non-zero.
fn run(cmd: &mut Command) -> Result {
    println!("$ {}", describe(cmd));
    let status = cmd.status().map_err(|e| format!("cannot start `{}`: {e}", cmd.get_program().to_string_lossy()))?;
    if status.success() { Ok(()) } else { Err(format!("`{}` failed ({status})", describe(cmd))) }
}

/// Runs a command quietly, returning its combined output; the output is shown on failure.
fn run_quiet(cmd: &mut Command) -> Result<String> {
    let output = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot start `{}`: {e}", cmd.get_program().to_string_lossy()))?;
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    if output.status.success() {
        Ok(text)
    } else {
        Err(format!("`{}` failed ({}):\n{}", describe(cmd), output.status, text.trim_end()))
    }
}

fn cargo(root: &Path) -> Command {
    let mut cmd = Command::new(cargo_program());
    cmd.current_dir(root);
    cmd
}

fn npm(dir: &Path) -> Command {
    let mut cmd = Command::new(npm_program());
    cmd.current_dir(dir);
    cmd
}

// ---------------------------------------------------------------------------------------
// Prerequisites
// ---------------------------------------------------------------------------------------

#[cfg(unix)]
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    match fs::metadata("/proc/self") {
        Ok(meta) => meta.uid() == 0,
        Err(_) => Command::new("id")
            .arg("-u")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
            .unwrap_or(false),
    }
}

#[cfg(not(unix))]
fn is_root() -> bool {
    false
}

/// Installs the Debian packages of `packages` that are missing (Debian/Ubuntu only).
fn ensure_system_packages(packages: &[&str]) -> Result {
    let dpkg_query = Path::new("/usr/bin/dpkg-query");
    if !cfg!(target_os = "linux") || !dpkg_query.exists() {
        println!("system packages: not a Debian/Ubuntu system, skipping apt");
        return Ok(());
    }
    // Prints only the packages dpkg knows; unknown ones make it exit 1, which is fine.
    let output = Command::new(dpkg_query)
        .arg("-W")
        .arg("-f=${Package}\t${db:Status-Status}\n")
        .args(packages)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run dpkg-query: {e}"))?;
    let installed: HashSet<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let (name, status) = line.split_once('\t')?;
            (status.trim() == "installed").then(|| name.trim().to_string())
        })
        .collect();
    let missing: Vec<&str> = packages.iter().copied().filter(|p| !installed.contains(*p)).collect();
    if missing.is_empty() {
        println!("system packages: all {} present", packages.len());
        return Ok(());
    }
    println!("system packages missing: {}", missing.join(" "));

    let apt = |args: &[&str]| -> Command {
        if is_root() {
            let mut cmd = Command::new("apt-get");
            cmd.env("DEBIAN_FRONTEND", "noninteractive").args(args);
            cmd
        } else {
            // sudo resets the environment; `env` sets the variable on the other side.
            let mut cmd = Command::new("sudo");
            cmd.args(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]).args(args);
            cmd
        }
    };
    if !is_root() && which("sudo").is_none() {
        return Err(format!(
            "missing system packages and no sudo to install them; as root run:\n  \
             apt-get update && apt-get install -y --no-install-recommends {}",
            missing.join(" ")
        ));
    }
    run(&mut apt(&["update"]))?;
    let mut install = vec!["install", "-y", "--no-install-recommends"];
    install.extend(missing.iter().copied());
    run(&mut apt(&install))
}

fn check_node() -> Result {
    let output = Command::new(if cfg!(windows) { "node.exe" } else { "node" })
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .map_err(|_| format!("Node.js not found: install Node {NODE_MIN_MAJOR}+ (with npm) and retry"))?;
    let version = String::from_utf8_lossy(&output.stdout).trim().to_string();
    let major: u32 = version.trim_start_matches('v').split('.').next().and_then(|m| m.parse().ok()).unwrap_or(0);
    if major < NODE_MIN_MAJOR {
        return Err(format!("Node {version} is too old: install Node {NODE_MIN_MAJOR}+"));
    }
    let npm_ok = Command::new(npm_program())
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !npm_ok {
        return Err(format!("npm not found: install Node {NODE_MIN_MAJOR}+ (it ships npm)"));
    }
    Ok(())
}

/// `npm ci` in `dir` when node_modules is missing or older than package-lock.json.
fn ensure_npm(dir: &Path) -> Result {
    check_node()?;
    if !dir.join("package.json").is_file() {
        return Err(format!("no package.json in {}", dir.display()));
    }
    let lock = dir.join("package-lock.json");
    let node_modules = dir.join("node_modules");
    // npm rewrites node_modules/.package-lock.json on every install.
    let marker = node_modules.join(".package-lock.json");
    let installed_at = mtime(&marker).or_else(|| mtime(&node_modules));
    let wanted_at = mtime(&lock).or_else(|| mtime(&dir.join("package.json")));
    let stale = match (installed_at, wanted_at) {
        (None, _) => true,
        (Some(installed), Some(wanted)) => installed < wanted,
        (Some(_), None) => false,
    };
    let shown = dir.strip_prefix(repo_root()).unwrap_or(dir).display().to_string();
    if !stale && node_modules.is_dir() {
        println!("npm: {shown}/node_modules is up to date");
        return Ok(());
    }
    let verb = if lock.is_file() { "ci" } else { "install" };
    run(npm(dir).args([verb, "--ignore-scripts", "--no-audit", "--no-fund"]))
}

fn build_ui(root: &Path) -> Result {
    run(npm(&root.join("ui")).args(["run", "build"]))
}

fn find_tauri_driver() -> Option<PathBuf> {
    which("tauri-driver").or_else(|| {
        let p = home_dir()?.join(".cargo").join("bin").join(exe_name("tauri-driver"));
        p.is_file().then_some(p)
    })
}

fn ensure_tauri_driver(root: &Path) -> Result<PathBuf> {
    if let Some(path) = find_tauri_driver() {
        println!("tauri-driver: {}", path.display());
        return Ok(path);
    }
    run(cargo(root).args(["install", "tauri-driver", "--version", TAURI_DRIVER_VERSION, "--locked"]))?;
    find_tauri_driver().ok_or_else(|| "tauri-driver was installed but is not on PATH nor in ~/.cargo/bin".to_string())
}

// ---------------------------------------------------------------------------------------
// run / bundle / gen
// ---------------------------------------------------------------------------------------

fn split_at_dashes(args: &[String]) -> (&[String], &[String]) {
    match args.iter().position(|a| a == "--") {
        Some(i) => (&args[..i], &args[i + 1..]),
        None => (args, &[]),
    }
}

fn cmd_run(args: &[String]) -> Result {
    let (own, extra) = split_at_dashes(args);
    let mut release = false;
    for arg in own {
        match arg.as_str() {
            "--release" => release = true,
            other => {
                return Err(format!("unknown option `{other}` for run (app args go after `--`)"));
            }
        }
    }
    let root = repo_root();
    ensure_system_packages(BUILD_PACKAGES)?;
    ensure_npm(&root.join("ui"))?;
    build_ui(&root)?;
    let mut cmd = cargo(&root);
    cmd.args(["run", "-p", "steward", "--features", "custom-protocol"]);
    if release {
        cmd.arg("--release");
    }
    cmd.args(["--", "--demo"]).args(extra);
    run(&mut cmd)
}

fn cmd_bundle(args: &[String]) -> Result {
    let (own, extra) = split_at_dashes(args);
    if let Some(other) = own.first() {
        return Err(format!("unknown option `{other}` for bundle (tauri args go after `--`)"));
    }
    let root = repo_root();
    ensure_system_packages(BUILD_PACKAGES)?;
    let ui = root.join("ui");
    ensure_npm(&ui)?;
    build_ui(&root)?;
    let tauri = ui.join("node_modules").join(".bin").join(if cfg!(windows) { "tauri.cmd" } else { "tauri" });
    if !tauri.is_file() {
        return Err(format!("{} not found: add @tauri-apps/cli to ui/package.json devDependencies", tauri.display()));
    }
    let mut cmd = Command::new(&tauri);
    cmd.current_dir(&root)
        // Tell the CLI where things are instead of letting it search the tree
        // (tests/e2e has a package.json too).
        .env("TAURI_APP_PATH", root.join("src-tauri"))
        .env("TAURI_FRONTEND_PATH", &ui)
        .arg("build");
    if cfg!(target_os = "linux") && !extra.iter().any(|a| a == "--bundles" || a == "-b") {
        cmd.args(["--bundles", "deb"]);
    }
    cmd.args(extra);
    run(&mut cmd)?;
    let bundle_dir = target_dir(&root).join("release").join("bundle");
    println!("\nbundles are under {}", bundle_dir.display());
    Ok(())
}

fn cmd_gen(args: &[String]) -> Result {
    if let Some(other) = args.first() {
        return Err(format!("unknown option `{other}` for gen"));
    }
    let root = repo_root();
    run(cargo(&root).env("STEWARD_UPDATE_BINDINGS", "1").args(["test", "-p", "steward-core", "--test", "suite", "bindings"]))
}

// ---------------------------------------------------------------------------------------
// PostgreSQL for the tests
// ---------------------------------------------------------------------------------------

/// A private PostgreSQL cluster, stopped when dropped.
struct Postgres {
    bin: PathBuf,
    base: PathBuf,
    data: PathBuf,
    port: u16,
    /// Running as root: the server runs as the `postgres` system user.
    as_postgres: bool,
    running: bool,
    temporary_base: bool,
}

fn pg_bin_dir() -> Result<PathBuf> {
    if let Some(dir) = env::var_os("STEWARD_PG_BIN").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    // Debian: /usr/lib/postgresql/<major>/bin; take the newest.
    if let Ok(entries) = fs::read_dir("/usr/lib/postgresql") {
        let newest = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let major: u32 = e.file_name().to_str()?.parse().ok()?;
                let bin = e.path().join("bin");
                bin.join("pg_ctl").is_file().then_some((major, bin))
            })
            .max_by_key(|(major, _)| *major);
        if let Some((_, bin)) = newest {
            return Ok(bin);
        }
    }
    if let Some(dir) = which("pg_ctl").as_deref().and_then(Path::parent) {
        return Ok(dir.to_path_buf());
    }
    Err("PostgreSQL not found (no /usr/lib/postgresql/*/bin, no pg_ctl on PATH): install \
         PostgreSQL 15+ (Debian: apt-get install postgresql), set STEWARD_PG_BIN to its bin \
         folder, or pass --no-postgres"
        .to_string())
}

fn free_port(first: u16) -> Result<u16> {
    (first..first.saturating_add(200))
        .find(|p| TcpListener::bind(("127.0.0.1", *p)).is_ok())
        .ok_or_else(|| format!("no free TCP port in {first}..{}", first.saturating_add(200)))
}

impl Postgres {
    fn tool(&self, name: &str) -> Command {
        let program = self.bin.join(exe_name(name));
        if self.as_postgres {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(program);
            cmd
        } else {
            Command::new(program)
        }
    }

    fn start(root: &Path) -> Result<Postgres> {
        let bin = pg_bin_dir()?;
        let as_postgres = is_root();
        if as_postgres && which("runuser").is_none() {
            return Err("running as root needs `runuser` to start PostgreSQL as `postgres`".into());
        }
        let mut pg = Postgres {
            bin,
            base: target_dir(root).join("pg"),
            data: PathBuf::new(),
            port: 0,
            as_postgres,
            running: false,
            temporary_base: false,
        };
        pg.data = pg.base.join("data");
        // A cluster left running by an interrupted run holds our port and data dir.
        pg.stop_stale();
        pg.port = free_port(PG_FIRST_PORT)?;

        // The socket path must stay short (~107 bytes) and, as root, every parent must be
        // traversable by `postgres`; otherwise use /tmp.
        let too_long = pg.base.as_os_str().len() > 80;
        if too_long || pg.prepare_base().is_err() {
            let tmp = env::temp_dir().join(format!("steward-pg-{}", pg.port));
            println!("postgres: using {} for the cluster", tmp.display());
            pg.base = tmp;
            pg.data = pg.base.join("data");
            pg.temporary_base = true;
            pg.stop_stale();
            pg.prepare_base()?;
        }

        pg.initdb()?;
        let log = pg.base.join("server.log");
        let mut server_opts = format!(
            "-p {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
             -c full_page_writes=off",
            pg.port
        );
        if cfg!(unix) {
            server_opts.push_str(&format!(" -k '{}'", pg.base.display()));
        }
        let mut start = pg.tool("pg_ctl");
        start.arg("-D").arg(&pg.data).arg("-l").arg(&log).arg("-o").arg(server_opts).args(["-w", "-t", "60", "start"]);
        if let Err(e) = run_quiet(&mut start) {
            let server_log = fs::read_to_string(&log).unwrap_or_default();
            return Err(format!("{e}\nserver log:\n{server_log}"));
        }
        pg.running = true;
        println!("postgres: {} running on 127.0.0.1:{} (data {})", pg.bin.display(), pg.port, pg.data.display());
        Ok(pg)
    }

    /// Creates an empty base folder owned by whoever runs the server.
    fn prepare_base(&self) -> Result {
        if self.base.exists() {
            fs::remove_dir_all(&self.base).map_err(|e| format!("cannot remove {}: {e}", self.base.display()))?;
        }
        fs::create_dir_all(&self.base).map_err(|e| format!("cannot create {}: {e}", self.base.display()))?;
        if self.as_postgres {
            run_quiet(Command::new("chown").arg("-R").arg("postgres:").arg(&self.base))?;
            // access(2) as postgres checks search permission on every parent too.
            run_quiet(Command::new("runuser").args(["-u", "postgres", "--", "test", "-w"]).arg(&self.base))
                .map_err(|_| format!("{} is not reachable by user postgres", self.base.display()))?;
        }
        Ok(())
    }

    fn initdb(&self) -> Result {
        let attempt = |locale: &str| {
            let _ = fs::remove_dir_all(&self.data);
            run_quiet(
                self.tool("initdb")
                    .arg("-D")
                    .arg(&self.data)
                    .args(["-U", "steward", "--auth=trust", "-E", "UTF8", "--no-sync"])
                    .arg(format!("--locale={locale}")),
            )
        };
        match attempt("C.UTF-8") {
            Ok(_) => Ok(()),
            Err(first) => {
                println!("postgres: initdb with C.UTF-8 failed, retrying with locale C");
                attempt("C").map(|_| ()).map_err(|e| format!("{first}\n{e}"))
            }
        }
    }

    fn stop_stale(&self) {
        if self.data.join("postmaster.pid").is_file() {
            println!("postgres: stopping a cluster left over in {}", self.data.display());
            let _ = run_quiet(self.tool("pg_ctl").arg("-D").arg(&self.data).args(["-m", "immediate", "-w", "stop"]));
        }
    }

    fn url(&self, database: &str) -> String {
        format!("postgres://steward@127.0.0.1:{}/{database}", self.port)
    }

    fn admin_url(&self) -> String {
        self.url("postgres")
    }

    fn create_database(&self, name: &str) -> Result {
        let createdb = self.bin.join(exe_name("createdb"));
        run(Command::new(createdb)
            .args(["-h", "127.0.0.1", "-p"])
            .arg(self.port.to_string())
            .args(["-U", "steward", name]))
    }

    fn stop(&mut self) {
        if !self.running {
            return;
        }
        self.running = false;
        match run_quiet(self.tool("pg_ctl").arg("-D").arg(&self.data).args(["-m", "fast", "-w", "-t", "60", "stop"])) {
            Ok(_) => println!("postgres: stopped"),
            Err(e) => eprintln!("postgres: could not stop cleanly: {e}"),
        }
        if self.temporary_base {
            let _ = fs::remove_dir_all(&self.base);
        }
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        self.stop();
    }
}

fn cmd_pg(args: &[String]) -> Result {
    if let Some(other) = args.first() {
        return Err(format!("unknown option `{other}` for pg"));
    }
    let pg = Postgres::start(&repo_root())?;
    pg.create_database("steward")?;
    println!("STEWARD_TEST_PG_ADMIN_URL={}", pg.admin_url());
    println!("STEWARD_DATABASE_URL={}", pg.url("steward"));
    println!("(createdb: {})", pg.bin.join(exe_name("createdb")).display());
    println!("press Enter to stop");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    drop(pg);
    Ok(())
}

// ---------------------------------------------------------------------------------------
// test
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Setup,
    StartPostgres,
    RustSqlite,
    RustPostgres,
    Ui,
    BuildApp,
    E2eSqlite,
    E2ePostgres,
}

impl Step {
    fn title(self) -> &'static str {
        match self {
            Step::Setup => "prerequisites (system packages, npm ci, tauri-driver)",
            Step::StartPostgres => "start a private PostgreSQL",
            Step::RustSqlite => "Rust tests on SQLite (cargo test --workspace)",
            Step::RustPostgres => "core tests on PostgreSQL (cargo test -p steward-core)",
            Step::Ui => "UI unit tests and type check (ui/)",
            Step::BuildApp => "build the UI and the app for E2E",
            Step::E2eSqlite => "E2E in the real window on SQLite",
            Step::E2ePostgres => "E2E in the real window on PostgreSQL",
        }
    }
}

#[derive(Default)]
struct TestOptions {
    core: bool,
    ui: bool,
    e2e: bool,
    postgres: bool,
}

fn parse_test_options(args: &[String]) -> Result<TestOptions> {
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

struct TestRun {
    root: PathBuf,
    opts: TestOptions,
    pg: Option<Postgres>,
    tauri_driver: Option<PathBuf>,
}

fn cmd_test(args: &[String]) -> ExitCode {
    let opts = match parse_test_options(args) {
        Ok(opts) => opts,
        Err(e) => {
            eprintln!("xtask error: {e}\nusage: cargo xtask test [--skip-e2e] [--only core|ui|e2e] [--no-postgres]");
            return ExitCode::from(2);
        }
    };
    let mut plan = vec![Step::Setup];
    let needs_pg = opts.postgres && (opts.core || opts.e2e);
    if needs_pg {
        plan.push(Step::StartPostgres);
    }
    if opts.core {
        plan.push(Step::RustSqlite);
        if opts.postgres {
            plan.push(Step::RustPostgres);
        }
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

    let mut ctx = TestRun { root: repo_root(), opts, pg: None, tauri_driver: None };
    let total = plan.len();
    let started = Instant::now();
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut results: Vec<(Step, Duration, bool)> = Vec::new();
    for (i, step) in plan.iter().copied().enumerate() {
        println!("\n==> [{}/{total}] {}", i + 1, step.title());
        let t = Instant::now();
        let result = run_step(step, &mut ctx);
        let took = t.elapsed();
        match result {
            Ok(()) => {
                passed += 1;
                println!("<== [{}/{total}] ok in {}", i + 1, secs(took));
                results.push((step, took, true));
            }
            Err(e) => {
                failed += 1;
                eprintln!("\nxtask error: {e}");
                println!("<== [{}/{total}] FAILED in {}", i + 1, secs(took));
                results.push((step, took, false));
                break;
            }
        }
    }
    if let Some(mut pg) = ctx.pg.take() {
        pg.stop();
    }

    println!("\n==> summary ({} total)", secs(started.elapsed()));
    for (step, took, ok) in &results {
        println!("  {:<7} {:>8}  {}", if *ok { "ok" } else { "FAILED" }, secs(*took), step.title());
    }
    for step in plan.iter().skip(results.len()) {
        println!("  {:<7} {:>8}  {}", "not run", "", step.title());
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn secs(d: Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}

fn run_step(step: Step, ctx: &mut TestRun) -> Result {
    let root = ctx.root.clone();
    let ui = root.join("ui");
    let e2e_dir = root.join("tests").join("e2e");
    match step {
        Step::Setup => {
            let mut packages = BUILD_PACKAGES.to_vec();
            packages.extend_from_slice(TEST_PACKAGES);
            ensure_system_packages(&packages)?;
            ensure_npm(&ui)?;
            // The app crate embeds ui/dist at compile time: have one before cargo test.
            if ctx.opts.core && !ui.join("dist").join("index.html").is_file() {
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
            .args(["test", "--workspace", "--exclude", "xtask"])),
        Step::RustPostgres => {
            let pg = ctx.pg.as_ref().ok_or("PostgreSQL is not running")?;
            pg.create_database(PG_CORE_TEST_DB)?;
            run(cargo(&root)
                .env("STEWARD_TEST_DATABASE_URL", pg.url(PG_CORE_TEST_DB))
                .env("STEWARD_TEST_PG_ADMIN_URL", pg.admin_url())
                .args(["test", "-p", "steward-core"]))
        }
        Step::Ui => {
            // CI=true keeps vitest out of watch mode whatever the script says.
            run(npm(&ui).env("CI", "true").arg("test"))?;
            run(npm(&ui).args(["run", "typecheck"]))
        }
        Step::BuildApp => {
            build_ui(&root)?;
            run(cargo(&root).args(["build", "-p", "steward", "--features", "custom-protocol"]))
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
        Command::new(if cfg!(windows) { "node.exe" } else { "node" })
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
