//! `run`, `bundle` and `gen`: the app itself, its installers and its TypeScript bindings.

use std::process::Command;
use std::time::Instant;

use crate::Result;
use crate::paths::{repo_root, target_dir};
use crate::prerequisites::{BUILD_PACKAGES, build_ui, ensure_npm, ensure_system_packages};
use crate::process::{cargo, print_timings, run, stage};

/// Splits at the first `--`: xtask's own options, then the arguments passed through.
fn split_at_dashes(args: &[String]) -> (&[String], &[String]) {
    match args.iter().position(|a| a == "--") {
        Some(i) => (&args[..i], &args[i + 1..]),
        None => (args, &[]),
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct RunOptions {
    pub release: bool,
    /// After `--`: passed to the app (after `--demo`).
    pub app_args: Vec<String>,
}

pub fn parse_run_args(args: &[String]) -> Result<RunOptions> {
    let (own, extra) = split_at_dashes(args);
    let mut release = false;
    for arg in own {
        match arg.as_str() {
            "--release" => release = true,
            other => return Err(format!("unknown option `{other}` for run (app args go after `--`)")),
        }
    }
    Ok(RunOptions { release, app_args: extra.to_vec() })
}

pub fn cmd_run(args: &[String]) -> Result {
    let opts = parse_run_args(args)?;
    let root = repo_root();
    ensure_system_packages(BUILD_PACKAGES)?;
    ensure_npm(&root.join("ui"))?;
    build_ui(&root)?;
    let mut cmd = cargo(&root);
    cmd.args(["run", "-p", "steward", "--features", "custom-protocol"]);
    if opts.release {
        cmd.arg("--release");
    }
    cmd.args(["--", "--demo"]).args(&opts.app_args);
    run(&mut cmd)
}

#[derive(Debug, PartialEq, Eq)]
pub struct BundleOptions {
    /// After `--`: passed to `tauri build`.
    pub tauri_args: Vec<String>,
}

pub fn parse_bundle_args(args: &[String]) -> Result<BundleOptions> {
    let (own, extra) = split_at_dashes(args);
    if let Some(other) = own.first() {
        return Err(format!("unknown option `{other}` for bundle (tauri args go after `--`)"));
    }
    Ok(BundleOptions { tauri_args: extra.to_vec() })
}

pub fn cmd_bundle(args: &[String]) -> Result {
    let opts = parse_bundle_args(args)?;
    let started = Instant::now();
    let root = repo_root();
    let result = (|| {
        ensure_system_packages(BUILD_PACKAGES)?;
        let ui = root.join("ui");
        ensure_npm(&ui)?;
        build_ui(&root)?;
        let tauri = ui.join("node_modules").join(".bin").join(if cfg!(windows) { "tauri.cmd" } else { "tauri" });
        if !tauri.is_file() {
            return Err(format!(
                "{} not found: add @tauri-apps/cli to ui/package.json devDependencies",
                tauri.display()
            ));
        }
        let mut cmd = Command::new(&tauri);
        cmd.current_dir(&root)
            // Tell the CLI where things are instead of letting it search the tree
            // (tests/e2e has a package.json too).
            .env("TAURI_APP_PATH", root.join("src-tauri"))
            .env("TAURI_FRONTEND_PATH", &ui)
            .arg("build");
        if cfg!(target_os = "linux") && !opts.tauri_args.iter().any(|a| a == "--bundles" || a == "-b") {
            cmd.args(["--bundles", "deb"]);
        }
        cmd.args(&opts.tauri_args);
        stage("app build and installers (tauri build)", || run(&mut cmd))
    })();
    print_timings("bundle", started);
    result?;
    let bundle_dir = target_dir(&root).join("release").join("bundle");
    println!("\nbundles are under {}", bundle_dir.display());
    Ok(())
}

/// `gen` takes no options.
pub fn parse_gen_args(args: &[String]) -> Result {
    match args.first() {
        Some(other) => Err(format!("unknown option `{other}` for gen")),
        None => Ok(()),
    }
}

pub fn cmd_gen(args: &[String]) -> Result {
    parse_gen_args(args)?;
    let root = repo_root();
    stage("generate the TypeScript bindings", || {
        run(cargo(&root).env("STEWARD_UPDATE_BINDINGS", "1").args([
            "test",
            "-p",
            "steward-core",
            "--test",
            "suite",
            "bindings",
        ]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{args, error_of};

    #[test]
    fn run_takes_release_and_passes_the_rest_to_the_app() {
        assert_eq!(parse_run_args(&[]), Ok(RunOptions { release: false, app_args: vec![] }));
        assert_eq!(
            parse_run_args(&args(&["--release", "--", "--lang", "en", "--release"])),
            Ok(RunOptions { release: true, app_args: args(&["--lang", "en", "--release"]) })
        );
        let err = error_of(parse_run_args(&args(&["--lang", "en"])));
        assert!(err.contains("`--lang`") && err.contains("after `--`"), "{err}");
    }

    #[test]
    fn bundle_passes_everything_after_dashes_to_tauri() {
        assert_eq!(parse_bundle_args(&[]), Ok(BundleOptions { tauri_args: vec![] }));
        assert_eq!(
            parse_bundle_args(&args(&["--", "--bundles", "appimage"])),
            Ok(BundleOptions { tauri_args: args(&["--bundles", "appimage"]) })
        );
        assert!(parse_bundle_args(&args(&["--bundles", "deb"])).is_err());
    }

    #[test]
    fn gen_takes_no_options() {
        assert_eq!(parse_gen_args(&[]), Ok(()));
        assert!(parse_gen_args(&args(&["--check"])).is_err());
    }
}
