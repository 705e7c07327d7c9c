//! A private PostgreSQL server from the system's packages, for the tests and the benchmark.
//!
//! Every server gets its own folder `<target>/postgres/<port>/` (or the same under the
//! system temp folder when that path is too long for a socket or not reachable by the
//! `postgres` user), with a file `owner` holding the id of the xtask process that started
//! it. Several runs can therefore share one target folder; a folder whose owner is gone
//! (an interrupted run) is stopped and removed by the next run. Servers started by
//! anything else (another port, another folder) are never touched.

use std::env;
use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::Result;
use crate::paths::{exe_name, repo_root, target_dir, which};
use crate::prerequisites::is_root;
use crate::process::{describe, quote, run, run_quiet};

const FIRST_PORT: u16 = 55432;
const PORTS: u16 = 200;
const OWNER_FILE: &str = "owner";
/// Written into the owner file of a server left running on purpose (`bench --keep`).
const KEPT: &str = "kept";

/// A private PostgreSQL server, stopped and removed when dropped (unless kept).
pub struct Postgres {
    pub bin: PathBuf,
    base: PathBuf,
    data: PathBuf,
    pub port: u16,
    /// Running as root: the server runs as the `postgres` system user.
    as_postgres: bool,
    running: bool,
    kept: bool,
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

/// A PostgreSQL program, run as `postgres` when we are root.
fn tool(bin: &Path, as_postgres: bool, name: &str) -> Command {
    let program = bin.join(exe_name(name));
    if as_postgres {
        let mut cmd = Command::new("runuser");
        cmd.args(["-u", "postgres", "--"]).arg(program);
        cmd
    } else {
        Command::new(program)
    }
}

/// The folders that hold one sub-folder per private server, preferred first.
fn server_folders(root: &Path) -> [PathBuf; 2] {
    [target_dir(root).join("postgres"), env::temp_dir().join("steward-postgres")]
}

fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else if cfg!(unix) {
        Command::new("kill")
            .args(["-0", &pid.to_string()])
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    } else {
        false
    }
}

/// Stops and removes the servers under `folder` whose xtask process is gone.
fn remove_abandoned(folder: &Path, bin: &Path, as_postgres: bool) {
    let Ok(entries) = fs::read_dir(folder) else { return };
    for entry in entries.filter_map(|e| e.ok()) {
        let base = entry.path();
        let owner = fs::read_to_string(base.join(OWNER_FILE)).unwrap_or_default();
        let owner = owner.trim();
        if owner == KEPT || owner.parse().is_ok_and(process_alive) {
            continue;
        }
        let data = base.join("data");
        if data.join("postmaster.pid").is_file() {
            println!("postgres: stopping a server left over in {}", data.display());
            let _ = run_quiet(tool(bin, as_postgres, "pg_ctl").arg("-D").arg(&data).args([
                "-m",
                "immediate",
                "-w",
                "stop",
            ]));
        }
        let _ = fs::remove_dir_all(&base);
    }
}

impl Postgres {
    fn tool(&self, name: &str) -> Command {
        tool(&self.bin, self.as_postgres, name)
    }

    /// Starts a new private server on a free port (from 55432 up).
    pub fn start(root: &Path) -> Result<Postgres> {
        let bin = pg_bin_dir()?;
        let as_postgres = is_root();
        if as_postgres && which("runuser").is_none() {
            return Err("running as root needs `runuser` to start PostgreSQL as `postgres`".into());
        }
        let folders = server_folders(root);
        for folder in &folders {
            remove_abandoned(folder, &bin, as_postgres);
        }
        let mut problems = Vec::new();
        let mut claimed = None;
        for folder in &folders {
            // The socket `<folder>/<port>/.s.PGSQL.<port>` must stay under ~107 bytes.
            if folder.as_os_str().len() > 80 {
                problems.push(format!("{}: path too long for a socket", folder.display()));
                continue;
            }
            match claim(folder, as_postgres) {
                Ok(found) => {
                    claimed = Some(found);
                    break;
                }
                Err(e) => problems.push(e),
            }
        }
        let (base, port) =
            claimed.ok_or_else(|| format!("no folder for a private PostgreSQL:\n  {}", problems.join("\n  ")))?;
        let mut pg = Postgres { bin, data: base.join("data"), base, port, as_postgres, running: false, kept: false };
        pg.initdb()?;
        let log = pg.base.join("server.log");
        let mut start = pg.start_command(&log);
        if let Err(e) = run_quiet(&mut start) {
            let server_log = fs::read_to_string(&log).unwrap_or_default();
            let _ = fs::remove_dir_all(&pg.base);
            return Err(format!("{e}\nserver log:\n{server_log}"));
        }
        pg.running = true;
        println!("postgres: {} running on 127.0.0.1:{} (data {})", pg.bin.display(), pg.port, pg.data.display());
        Ok(pg)
    }

    fn start_command(&self, log: &Path) -> Command {
        let mut server_opts = format!(
            "-p {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
             -c full_page_writes=off",
            self.port
        );
        if cfg!(unix) {
            server_opts.push_str(&format!(" -k {}", quote(self.base.as_os_str())));
        }
        let mut start = self.tool("pg_ctl");
        start.arg("-D").arg(&self.data).arg("-l").arg(log).arg("-o").arg(server_opts).args(["-w", "-t", "60", "start"]);
        start
    }

    fn stop_command(&self) -> Command {
        let mut stop = self.tool("pg_ctl");
        stop.arg("-D").arg(&self.data).args(["-m", "fast", "-w", "-t", "60", "stop"]);
        stop
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

    pub fn url(&self, database: &str) -> String {
        format!("postgres://steward@127.0.0.1:{}/{database}", self.port)
    }

    pub fn admin_url(&self) -> String {
        self.url("postgres")
    }

    pub fn create_database(&self, name: &str) -> Result {
        let createdb = self.bin.join(exe_name("createdb"));
        run(Command::new(createdb)
            .args(["-h", "127.0.0.1", "-p"])
            .arg(self.port.to_string())
            .args(["-U", "steward", name]))
    }

    /// Leaves the server running after xtask ends; returns how to stop and remove it.
    pub fn keep(&mut self) -> String {
        self.kept = true;
        let _ = fs::write(self.base.join(OWNER_FILE), KEPT);
        let remove = format!("rm -rf {}", quote(self.base.as_os_str()));
        format!("{} && {remove}", describe(&self.stop_command()))
    }

    pub fn stop(&mut self) {
        if !self.running || self.kept {
            return;
        }
        self.running = false;
        match run_quiet(&mut self.stop_command()) {
            Ok(_) => println!("postgres: stopped"),
            Err(e) => eprintln!("postgres: could not stop cleanly: {e}"),
        }
        let _ = fs::remove_dir_all(&self.base);
    }
}

/// Creates `<folder>/<port>/` for the first port that is free and not taken by another
/// run, owned by whoever runs the server; returns it with the port.
fn claim(folder: &Path, as_postgres: bool) -> Result<(PathBuf, u16)> {
    fs::create_dir_all(folder).map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    let last = FIRST_PORT.saturating_add(PORTS);
    for port in FIRST_PORT..last {
        if TcpListener::bind(("127.0.0.1", port)).is_err() {
            continue;
        }
        let base = folder.join(port.to_string());
        // create_dir fails when another run holds this port's folder.
        if fs::create_dir(&base).is_err() {
            continue;
        }
        fs::write(base.join(OWNER_FILE), std::process::id().to_string())
            .map_err(|e| format!("cannot write in {}: {e}", base.display()))?;
        if as_postgres && let Err(e) = give_to_postgres(&base) {
            let _ = fs::remove_dir_all(&base);
            return Err(e);
        }
        return Ok((base, port));
    }
    Err(format!("no free TCP port in {FIRST_PORT}..{last}"))
}

fn give_to_postgres(base: &Path) -> Result {
    run_quiet(Command::new("chown").arg("-R").arg("postgres:").arg(base))?;
    // access(2) as postgres checks search permission on every parent too.
    run_quiet(Command::new("runuser").args(["-u", "postgres", "--", "test", "-w"]).arg(base))
        .map_err(|_| format!("{} is not reachable by user postgres", base.display()))?;
    Ok(())
}

impl Drop for Postgres {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `cargo xtask pg`: a server with an empty database `steward` until Enter.
pub fn cmd_pg(args: &[String]) -> Result {
    parse_pg_args(args)?;
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

/// `pg` takes no options.
pub fn parse_pg_args(args: &[String]) -> Result {
    match args.first() {
        Some(other) => Err(format!("unknown option `{other}` for pg")),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{args, error_of};

    #[test]
    fn pg_takes_no_options() {
        assert_eq!(parse_pg_args(&[]), Ok(()));
        assert!(error_of(parse_pg_args(&args(&["--port", "5499"]))).contains("`--port`"));
    }
}
