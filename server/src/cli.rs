//! The command line: a subcommand, then flags (`--name value` or `--name=value`).

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::limits::{DEFAULT_PORT, Rate};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Serve the commands over HTTPS (the default).
    Serve,
    /// Create or upgrade the database objects; print the least-privilege PostgreSQL setup.
    Init,
    /// Print the certificate's SHA-256 fingerprint.
    Fingerprint,
    /// A consistent copy of the database beside the data.
    Backup,
    /// Replace the database with a backup file (the server stopped).
    Restore {
        from: PathBuf,
    },
    /// Bring the database's schema up to date (as its owner).
    Migrate,
    /// The first manager of a fresh install.
    CreateManager {
        username: String,
        name: String,
    },
    /// Import a CSV or `.xlsx` file as the given manager: print each bad row, commit the good ones.
    Import(ImportJob),
    /// Write a list (with filters) to a CSV or `.xlsx` file as the given staff member.
    Export(ExportJob),
    Help,
}

/// `export --list customers --format csv --out FILE --username li [--query '{"vip":true}']`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExportJob {
    /// `cases`, `work_orders`, `customers`, `units` or `statements`.
    pub list: String,
    /// `csv` or `xlsx`.
    pub format: String,
    pub file: PathBuf,
    /// The list's filters as its screen sends them (JSON object); none: the whole list.
    pub query: Option<String>,
    /// Who exports (their password from STEWARD_MANAGER_PASSWORD or stdin); the list's read
    /// permission is theirs to have.
    pub username: String,
}

/// The lists `export` writes.
pub const EXPORT_LISTS: [&str; 5] = ["cases", "work_orders", "customers", "units", "statements"];

/// `import --kind customers --file x.csv [--mapping name,phone,,language] --username li [--dry-run]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportJob {
    /// `units`, `customers` or `occupancies`.
    pub kind: String,
    pub file: PathBuf,
    /// One field per column, in order; empty leaves a column out. None: the remembered mapping.
    pub mapping: Option<Vec<Option<String>>>,
    /// The manager the import is made as (their password from STEWARD_MANAGER_PASSWORD or stdin).
    pub username: String,
    /// Only print the preview.
    pub dry_run: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    pub command: Command,
    /// Data (SQLite file, certificate, backups) here instead of the OS data folder.
    pub data_dir: Option<PathBuf>,
    /// `postgres://…`; else `STEWARD_DATABASE_URL`; else the SQLite file in the data folder.
    pub database_url: Option<String>,
    pub listen: SocketAddr,
    /// An office CA-issued certificate and key (PEM) instead of the self-made one.
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
    /// The name `/v1/hello` reports (default: the host name).
    pub name: Option<String>,
    pub log_dir: Option<PathBuf>,
    /// Where `backup` writes (default: `<data dir>/backups`).
    pub out: Option<PathBuf>,
    /// The manager's language (`create-manager`).
    pub lang: Option<String>,
    pub session_rate: Rate,
    pub address_rate: Rate,
}

impl Default for Args {
    fn default() -> Self {
        Self {
            command: Command::Serve,
            data_dir: None,
            database_url: None,
            listen: SocketAddr::from(([0, 0, 0, 0], DEFAULT_PORT)),
            cert: None,
            key: None,
            name: None,
            log_dir: None,
            out: None,
            lang: None,
            session_rate: Rate::SESSION,
            address_rate: Rate::ADDRESS,
        }
    }
}

pub const USAGE: &str = "\
steward-server [serve|init|migrate|fingerprint|backup|restore|create-manager|import|export] [flags]

  serve            serve the commands over HTTPS (default)
  init             create or upgrade the database; print the PostgreSQL role setup
  fingerprint      print the certificate's SHA-256 fingerprint
  backup           copy the database (SQLite: VACUUM INTO + integrity check; PostgreSQL: pg_dump)
  restore          --from FILE: check the file, keep the current database in --out, then replace it
                   (stop the server first; PostgreSQL: pg_dump first, then pg_restore --clean)
  migrate          bring the database's schema up to date (as the database's owner)
  create-manager   --username NAME --name \"Display Name\" (password from STEWARD_MANAGER_PASSWORD or stdin)
  import           --kind units|customers|occupancies --file FILE.csv|.xlsx --username MANAGER
                   [--mapping name,phone,,language] [--dry-run]: prints each bad row, commits the
                   good ones (password from STEWARD_MANAGER_PASSWORD or stdin)
  export           --list cases|work_orders|customers|units|statements --format csv|xlsx --out FILE
                   --username NAME [--query '{\"vip\":true}']: writes the list with the filters
                   given (as its screen sends them), every page (password as for import)

flags:
  --data-dir DIR        data folder (default: the OS data folder)
  --database-url URL    postgres://… (else STEWARD_DATABASE_URL, else SQLite in the data folder)
  --listen ADDR:PORT    default 0.0.0.0:7443 (--port PORT changes the port only)
  --cert FILE --key FILE  an office CA-issued certificate instead of the self-made one
  --name NAME           the server's name shown to desks (default: the host name)
  --log-dir DIR         log folder (default: the OS log folder)
  --out DIR             backup folder (default: <data dir>/backups); export: the file written
  --from FILE           restore: the backup to restore
  --lang LOCALE         create-manager: the manager's language (default en)
  --session-rate N/B    requests per second / burst per session (default 50/100)
  --address-rate N/B    requests per second / burst per address before sign-in (default 20/40)
";

impl Args {
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Self, String> {
        let mut out = Self::default();
        let mut args = args.into_iter().peekable();
        let mut username = None;
        let mut display_name = None;
        let mut from = None;
        let mut job = ImportJob::default();
        let mut export = ExportJob::default();
        if let Some(first) = args.peek().filter(|a| !a.starts_with('-')).cloned() {
            args.next();
            out.command = match first.as_str() {
                "serve" => Command::Serve,
                "init" => Command::Init,
                "fingerprint" => Command::Fingerprint,
                "backup" => Command::Backup,
                "restore" => Command::Restore { from: PathBuf::new() },
                "migrate" => Command::Migrate,
                "create-manager" => Command::CreateManager { username: String::new(), name: String::new() },
                "import" => Command::Import(ImportJob::default()),
                "export" => Command::Export(ExportJob::default()),
                "help" => Command::Help,
                other => return Err(format!("unknown subcommand `{other}`")),
            };
        }
        while let Some(a) = args.next() {
            let (flag, inline) = match a.split_once('=') {
                Some((f, v)) => (f.to_owned(), Some(v.to_owned())),
                None => (a.clone(), None),
            };
            let mut value = || inline.clone().or_else(|| args.next()).ok_or(format!("{flag} needs a value"));
            match flag.as_str() {
                "--data-dir" => out.data_dir = Some(PathBuf::from(value()?)),
                "--database-url" => out.database_url = Some(value()?),
                "--listen" => {
                    let v = value()?;
                    out.listen = v.parse().map_err(|_| format!("--listen: `{v}` is not ADDRESS:PORT"))?;
                }
                "--port" => {
                    let v = value()?;
                    out.listen.set_port(v.parse().map_err(|_| format!("--port: `{v}` is not a port"))?);
                }
                "--cert" => out.cert = Some(PathBuf::from(value()?)),
                "--key" => out.key = Some(PathBuf::from(value()?)),
                "--name" => {
                    let v = value()?;
                    display_name = Some(v.clone());
                    out.name = Some(v);
                }
                "--username" => username = Some(value()?),
                "--log-dir" => out.log_dir = Some(PathBuf::from(value()?)),
                "--out" => out.out = Some(PathBuf::from(value()?)),
                "--lang" => out.lang = Some(value()?),
                "--from" => from = Some(PathBuf::from(value()?)),
                "--kind" => job.kind = value()?,
                "--file" => job.file = PathBuf::from(value()?),
                "--mapping" => {
                    let v = value()?;
                    job.mapping =
                        Some(v.split(',').map(|f| Some(f.trim().to_owned()).filter(|f| !f.is_empty())).collect());
                }
                "--dry-run" => job.dry_run = true,
                "--list" => export.list = value()?,
                "--format" => export.format = value()?,
                "--query" => export.query = Some(value()?),
                "--session-rate" => out.session_rate = Rate::parse(&value()?)?,
                "--address-rate" => out.address_rate = Rate::parse(&value()?)?,
                "-h" | "--help" => out.command = Command::Help,
                other => return Err(format!("unknown flag `{other}`")),
            }
        }
        if out.cert.is_some() != out.key.is_some() {
            return Err("--cert and --key go together".into());
        }
        if let Command::Restore { .. } = out.command {
            match from {
                Some(from) if !from.as_os_str().is_empty() => out.command = Command::Restore { from },
                _ => return Err("restore needs --from FILE".into()),
            }
        } else if from.is_some() {
            return Err("--from goes with restore".into());
        }
        if let Command::CreateManager { .. } = out.command {
            // `--name` names the manager here, not the server.
            out.name = None;
            match (username.take(), display_name) {
                (Some(username), Some(name)) => out.command = Command::CreateManager { username, name },
                _ => return Err("create-manager needs --username and --name".into()),
            }
        }
        if let Command::Import(_) = out.command {
            if !["units", "customers", "occupancies"].contains(&job.kind.as_str()) {
                return Err("import needs --kind units, customers or occupancies".into());
            }
            if job.file.as_os_str().is_empty() {
                return Err("import needs --file".into());
            }
            job.username = username.take().ok_or("import needs --username (a manager)")?;
            out.command = Command::Import(job);
        }
        if let Command::Export(_) = out.command {
            if !EXPORT_LISTS.contains(&export.list.as_str()) {
                return Err(format!("export needs --list {}", EXPORT_LISTS.join(", ")));
            }
            if !["csv", "xlsx"].contains(&export.format.as_str()) {
                return Err("export needs --format csv or xlsx".into());
            }
            if let Some(q) = &export.query {
                let object = serde_json::from_str::<serde_json::Value>(q).is_ok_and(|v| v.is_object());
                if !object {
                    return Err("--query must be a JSON object, e.g. {\"vip\":true}".into());
                }
            }
            export.file = out.out.take().ok_or("export needs --out FILE")?;
            export.username = username.ok_or("export needs --username")?;
            out.command = Command::Export(export);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Args, String> {
        Args::parse(args.iter().map(|a| (*a).to_owned()))
    }

    #[test]
    fn parses_subcommands_and_flags() {
        let a = parse(&[]).expect("no arguments");
        assert_eq!(a.command, Command::Serve);
        assert_eq!(a.listen.port(), 7443);

        let a =
            parse(&["serve", "--data-dir", "/srv/steward", "--port=8443", "--name", "Front office"]).expect("serve");
        assert_eq!(a.data_dir, Some(PathBuf::from("/srv/steward")));
        assert_eq!(a.listen.to_string(), "0.0.0.0:8443");
        assert_eq!(a.name.as_deref(), Some("Front office"));

        let a = parse(&["--listen", "127.0.0.1:0", "--session-rate", "5/10"]).expect("flags only");
        assert_eq!(a.command, Command::Serve);
        assert_eq!(a.session_rate, Rate { per_second: 5, burst: 10 });

        let a = parse(&["create-manager", "--username", "li", "--name", "李经理"]).expect("create-manager");
        assert_eq!(a.command, Command::CreateManager { username: "li".into(), name: "李经理".into() });
        assert_eq!(a.name, None);

        let a = parse(&["backup", "--database-url=postgres://u@h/db", "--out", "/b"]).expect("backup");
        assert_eq!(a.command, Command::Backup);
        assert_eq!(a.database_url.as_deref(), Some("postgres://u@h/db"));

        let a = parse(&["restore", "--from", "/b/steward-20261128T120000Z-manual.db", "--data-dir=/srv/s"])
            .expect("restore");
        assert_eq!(a.command, Command::Restore { from: PathBuf::from("/b/steward-20261128T120000Z-manual.db") });
        assert_eq!(
            parse(&["migrate", "--database-url", "postgres://o@h/db"]).expect("migrate").command,
            Command::Migrate
        );
    }

    #[test]
    fn parses_an_export() {
        let a = parse(&["export", "--list", "customers", "--format=xlsx", "--out", "客户.xlsx", "--username", "li"])
            .expect("export");
        assert_eq!(
            a.command,
            Command::Export(ExportJob {
                list: "customers".into(),
                format: "xlsx".into(),
                file: PathBuf::from("客户.xlsx"),
                query: None,
                username: "li".into(),
            })
        );
        let a = parse(&[
            "export",
            "--list=cases",
            "--format",
            "csv",
            "--query",
            r#"{"status":"new"}"#,
            "--out=c.csv",
            "--username=li",
        ])
        .expect("with a query");
        assert!(matches!(a.command, Command::Export(ExportJob { query: Some(ref q), .. }) if q.contains("new")));
        assert!(parse(&["export", "--list", "staff", "--format", "csv", "--out", "x", "--username", "li"]).is_err());
        assert!(parse(&["export", "--list", "units", "--format", "pdf", "--out", "x", "--username", "li"]).is_err());
        assert!(parse(&["export", "--list", "units", "--format", "csv", "--username", "li"]).is_err());
        assert!(parse(&["export", "--list", "units", "--format", "csv", "--out", "x"]).is_err());
        let bad = ["export", "--list", "units", "--format", "csv", "--out", "x", "--username", "li", "--query", "[1]"];
        assert!(parse(&bad).is_err());
    }

    #[test]
    fn parses_an_import() {
        let a = parse(&[
            "import",
            "--kind",
            "customers",
            "--file",
            "客户.csv",
            "--username=li",
            "--mapping",
            "name,phone,,language",
        ])
        .expect("import");
        assert_eq!(
            a.command,
            Command::Import(ImportJob {
                kind: "customers".into(),
                file: PathBuf::from("客户.csv"),
                mapping: Some(vec![Some("name".into()), Some("phone".into()), None, Some("language".into())]),
                username: "li".into(),
                dry_run: false,
            })
        );
        let a =
            parse(&["import", "--kind=units", "--file", "u.xlsx", "--username", "li", "--dry-run"]).expect("dry run");
        assert!(matches!(a.command, Command::Import(ImportJob { dry_run: true, mapping: None, .. })));
        assert!(parse(&["import", "--kind", "people", "--file", "x.csv", "--username", "li"]).is_err());
        assert!(parse(&["import", "--kind", "units", "--username", "li"]).is_err());
        assert!(parse(&["import", "--kind", "units", "--file", "x.csv"]).is_err());
    }

    #[test]
    fn refuses_what_it_does_not_know() {
        assert!(parse(&["frobnicate"]).is_err());
        assert!(parse(&["--bogus"]).is_err());
        assert!(parse(&["--port", "high"]).is_err());
        assert!(parse(&["--data-dir"]).is_err());
        assert!(parse(&["--cert", "c.pem"]).is_err());
        assert!(parse(&["create-manager", "--username", "li"]).is_err());
        assert!(parse(&["--session-rate", "0/0"]).is_err());
        assert!(parse(&["restore"]).is_err());
        assert!(parse(&["restore", "--from="]).is_err());
        assert!(parse(&["backup", "--from", "x.db"]).is_err());
    }
}
