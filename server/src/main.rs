//! `steward-server`: see `steward-server help` and the README's "Office server".

use std::process::ExitCode;

use steward_server::cli::{Args, Command, USAGE};
use steward_server::tls::{Certificate, Source};
use steward_server::{Options, admin, data_dir, log_dir, logging};

fn main() -> ExitCode {
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if args.command == Command::Help {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "steward-server stopped");
            eprintln!("steward-server: {e}");
            ExitCode::FAILURE
        }
    }
}

fn certificate(args: &Args) -> Result<Certificate, String> {
    let data_dir = data_dir(args);
    match (&args.cert, &args.key) {
        (Some(cert), Some(key)) => Certificate::load(Source::Given { cert, key }),
        _ => Certificate::load(Source::SelfMade { data_dir: &data_dir }),
    }
}

async fn run(args: Args) -> Result<(), String> {
    match &args.command {
        Command::Fingerprint => {
            println!("{}", certificate(&args)?.fingerprint());
            Ok(())
        }
        Command::Init => {
            let core = steward_server::open_core(&args, true).await?;
            print!("{}", admin::init(&core).await?);
            Ok(())
        }
        Command::Backup => {
            let core = steward_server::open_core(&args, false).await?;
            let out = args.out.clone().unwrap_or_else(|| data_dir(&args).join("backups"));
            let file = admin::backup(&core, &out).await?;
            println!("backup written: {}", file.display());
            Ok(())
        }
        Command::Restore { from } => {
            let core = steward_server::open_core(&args, false).await?;
            let out = args.out.clone().unwrap_or_else(|| data_dir(&args).join("backups"));
            let kept = admin::restore(core, from, &out).await?;
            println!("restored from {}; the database before it was kept as {}", from.display(), kept.display());
            Ok(())
        }
        Command::Migrate => {
            steward_server::open_core(&args, true).await?;
            println!("the database schema is up to date");
            Ok(())
        }
        Command::CreateManager { username, name } => {
            let _log = logging::init(&log_dir(&args));
            let core = steward_server::open_core(&args, false).await?;
            let password = admin::manager_password()?;
            let locale = args.lang.clone().unwrap_or_else(|| "en".into());
            admin::create_manager(&core, username, name, password, &locale).await?;
            println!("manager `{username}` created");
            Ok(())
        }
        Command::Import(job) => {
            let _log = logging::init(&log_dir(&args));
            let core = steward_server::open_core(&args, false).await?;
            let password = admin::manager_password()?;
            let locale = args.lang.clone().unwrap_or_else(|| "en".into());
            print!("{}", admin::import(&core, job, password, &locale).await?);
            Ok(())
        }
        Command::Export(job) => {
            let _log = logging::init(&log_dir(&args));
            let core = steward_server::open_core(&args, false).await?;
            let password = admin::manager_password()?;
            let locale = args.lang.clone().unwrap_or_else(|| "en".into());
            print!("{}", admin::export(&core, job, password, &locale).await?);
            Ok(())
        }
        Command::Serve => serve(&args).await,
        Command::Help => Ok(()),
    }
}

async fn serve(args: &Args) -> Result<(), String> {
    let _log = logging::init(&log_dir(args));
    let data_dir = data_dir(args);
    tracing::info!(version = steward_server::VERSION, data = %data_dir.display(), "steward-server starting");
    // An office can add a language by dropping its catalog file in here (as in the app).
    match steward_core::locales::load_dir(&data_dir.join("locales")) {
        Ok(codes) if !codes.is_empty() => tracing::info!(?codes, "catalogs added from the data folder"),
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "the data folder's catalogs could not be read"),
    }
    let certificate = certificate(args)?;
    let core = steward_server::open_core(args, false).await?;
    let name = args.name.clone().or_else(steward_server::host_name).unwrap_or_else(|| "steward-server".into());
    let options = Options {
        listen: args.listen,
        name,
        certificate,
        session_rate: args.session_rate,
        address_rate: args.address_rate,
        sweep: true,
    };
    let mut running = steward_server::start(core, options).await?;
    println!("fingerprint SHA256 {}", running.fingerprint);
    println!("listening on https://{}", running.address);
    tracing::info!(address = %running.address, fingerprint = %running.fingerprint, "listening");
    tokio::select! {
        r = running.wait() => return r,
        _ = shutdown_signal() => {}
    }
    tracing::info!("stopping");
    running.stop().await;
    Ok(())
}

/// Ctrl-C, or SIGTERM from systemd / `sc stop` equivalents.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
