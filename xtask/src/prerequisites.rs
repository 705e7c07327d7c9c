//! What must be installed: Debian packages, Node and npm packages, tauri-driver.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::Result;
use crate::paths::{exe_name, home_dir, mtime, node_program, npm_program, shown, which};
use crate::process::{cargo, npm, run, stage};

/// Debian packages needed to build the app.
pub const BUILD_PACKAGES: &[&str] = &[
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
/// screenshots, CJK font, PostgreSQL, pdftotext for the PDF tests).
pub const TEST_PACKAGES: &[&str] =
    &["xvfb", "xauth", "webkit2gtk-driver", "imagemagick", "fonts-wqy-microhei", "postgresql", "poppler-utils"];

pub const TAURI_DRIVER_VERSION: &str = "2.1.0";
pub const NODE_MIN_MAJOR: u32 = 20;

#[cfg(unix)]
pub fn is_root() -> bool {
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
pub fn is_root() -> bool {
    false
}

/// Installs the Debian packages of `packages` that are missing (Debian/Ubuntu only).
pub fn ensure_system_packages(packages: &[&str]) -> Result {
    stage("system packages (apt)", || install_missing_packages(packages))
}

fn install_missing_packages(packages: &[&str]) -> Result {
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
    let output = Command::new(node_program())
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
pub fn ensure_npm(dir: &Path) -> Result {
    stage(&format!("npm ci ({})", shown(dir)), || {
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
        if !stale && node_modules.is_dir() {
            println!("npm: {}/node_modules is up to date", shown(dir));
            return Ok(());
        }
        let verb = if lock.is_file() { "ci" } else { "install" };
        run(npm(dir).args([verb, "--ignore-scripts", "--no-audit", "--no-fund"]))
    })
}

/// `npm run build` in ui/ (the app embeds ui/dist at compile time).
pub fn build_ui(root: &Path) -> Result {
    stage("UI build (npm run build)", || run(npm(&root.join("ui")).args(["run", "build"])))
}

fn find_tauri_driver() -> Option<PathBuf> {
    which("tauri-driver").or_else(|| {
        let p = home_dir()?.join(".cargo").join("bin").join(exe_name("tauri-driver"));
        p.is_file().then_some(p)
    })
}

/// The tauri-driver executable, installed with `cargo install` when missing.
pub fn ensure_tauri_driver(root: &Path) -> Result<PathBuf> {
    stage("tauri-driver install", || {
        if let Some(path) = find_tauri_driver() {
            println!("tauri-driver: {}", path.display());
            return Ok(path);
        }
        run(cargo(root).args(["install", "tauri-driver", "--version", TAURI_DRIVER_VERSION, "--locked"]))?;
        find_tauri_driver()
            .ok_or_else(|| "tauri-driver was installed but is not on PATH nor in ~/.cargo/bin".to_string())
    })
}
