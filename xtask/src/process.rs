//! Running programs: echo the command line, run it, time it.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::Result;
use crate::paths::{cargo_program, npm_program, repo_root};

/// The command line as a shell would take it (environment, program, arguments, folder).
pub fn describe(cmd: &Command) -> String {
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

/// Quotes a word for a POSIX shell when it needs it.
pub fn quote(s: &OsStr) -> String {
    let s = s.to_string_lossy();
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c)) {
        s.into_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

fn cannot_start(cmd: &Command, e: std::io::Error) -> String {
    format!("cannot start `{}`: {e}", cmd.get_program().to_string_lossy())
}

/// Runs a command with inherited stdio; an error when it cannot start or exits non-zero.
pub fn run(cmd: &mut Command) -> Result {
    println!("$ {}", describe(cmd));
    let status = cmd.status().map_err(|e| cannot_start(cmd, e))?;
    if status.success() { Ok(()) } else { Err(format!("`{}` failed ({status})", describe(cmd))) }
}

/// Runs a command quietly, returning its combined output; the output is shown on failure.
pub fn run_quiet(cmd: &mut Command) -> Result<String> {
    let output = cmd.stdin(Stdio::null()).output().map_err(|e| cannot_start(cmd, e))?;
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    if output.status.success() {
        Ok(text)
    } else {
        Err(format!("`{}` failed ({}):\n{}", describe(cmd), output.status, text.trim_end()))
    }
}

/// Runs a command, printing its standard output as it comes and handing every line to
/// `on_line` as well; stderr is inherited.
pub fn run_streaming(cmd: &mut Command, mut on_line: impl FnMut(&str)) -> Result {
    println!("$ {}", describe(cmd));
    let mut child = cmd.stdout(Stdio::piped()).spawn().map_err(|e| cannot_start(cmd, e))?;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line.map_err(|e| format!("cannot read the output of `{}`: {e}", describe(cmd)))?;
            println!("{line}");
            on_line(&line);
        }
    }
    let status = child.wait().map_err(|e| format!("cannot wait for `{}`: {e}", describe(cmd)))?;
    if status.success() { Ok(()) } else { Err(format!("`{}` failed ({status})", describe(cmd))) }
}

pub fn cargo(dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(cargo_program());
    cmd.current_dir(dir);
    cmd
}

/// The arguments every dev-profile build and test run shares: the whole workspace (less
/// xtask) with the app's `custom-protocol`. One feature set means one build: a package
/// selected alone (`-p steward-core`) or a build without the test-only dev-dependency
/// features (`tauri/test`) would compile the core or Tauri again, minutes each on CI.
pub const WORKSPACE: [&str; 5] = ["--workspace", "--exclude", "xtask", "--features", "steward/custom-protocol"];

/// `cargo build` of every binary and example in the tests' feature set (`--examples` brings
/// in the dev-dependencies, as `cargo test` does); `release` for the benchmarks' figures.
pub fn build_workspace(dir: &std::path::Path, release: bool) -> Result {
    let mut cmd = cargo(dir);
    cmd.arg("build");
    if release {
        cmd.arg("--release");
    }
    run(cmd.args(WORKSPACE).args(["--bins", "--examples"]))
}

pub fn npm(dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(npm_program());
    cmd.current_dir(dir);
    cmd
}

pub fn secs(d: Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}

/// One timed stage: its name, how long it took, whether it succeeded.
#[derive(Clone, Debug)]
pub struct Timing {
    pub name: String,
    pub took: Duration,
    pub ok: bool,
}

/// Stages finished since the last [`take_timings`], for the summaries.
static TIMINGS: Mutex<Vec<Timing>> = Mutex::new(Vec::new());

/// Runs `f` as a named stage: prints its start and, at the end, its duration.
pub fn stage<T>(name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    println!("--> {name}");
    let started = Instant::now();
    let result = f();
    let took = started.elapsed();
    let ok = result.is_ok();
    println!("<-- {name}: {} in {}", if ok { "ok" } else { "FAILED" }, secs(took));
    if let Ok(mut timings) = TIMINGS.lock() {
        timings.push(Timing { name: name.to_string(), took, ok });
    }
    result
}

/// The stages timed since the previous call, oldest first.
pub fn take_timings() -> Vec<Timing> {
    TIMINGS.lock().map(|mut t| std::mem::take(&mut *t)).unwrap_or_default()
}

/// Prints the table of the stages timed since the previous [`take_timings`].
pub fn print_timings(title: &str, started: Instant) {
    println!("\n==> {title} ({} total)", secs(started.elapsed()));
    for t in take_timings() {
        println!("  {:<7} {:>8}  {}", if t.ok { "ok" } else { "FAILED" }, secs(t.took), t.name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(quote(OsStr::new("--only=core")), "--only=core");
        assert_eq!(quote(OsStr::new("-screen 0 1280x800x24")), "'-screen 0 1280x800x24'");
        assert_eq!(quote(OsStr::new("it's")), r"'it'\''s'");
        assert_eq!(quote(OsStr::new("")), "''");
    }
}
