//! The desk's connection choice, kept in a small JSON file beside the data (not in the
//! database it chooses): this computer's own database, or an office server pinned by the
//! fingerprint of its certificate. No database address or password is kept on a desk.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Where this desk's data lives.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Connection {
    /// The SQLite file in the data folder.
    #[default]
    Local,
    /// An office server (`https://host:port`), accepted only with this certificate
    /// fingerprint, or by the office CA in `ca_file` when one is given.
    Server {
        address: String,
        fingerprint: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ca_file: Option<String>,
    },
}

impl Connection {
    /// What the audit log and the screens call it: `local`, or the server's address.
    pub fn describe(&self) -> String {
        match self {
            Self::Local => "local".to_owned(),
            Self::Server { address, .. } => address.clone(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsFile {
    #[serde(default)]
    pub connection: Connection,
    /// A second folder (USB disk, network share) that receives a copy of each backup.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_copy_folder: Option<String>,
}

/// Something the desk should tell once, after loading the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsNotice {
    /// The file named a PostgreSQL database (desks connected to it directly before the
    /// office server): the address was removed and the desk starts on this computer.
    DirectDatabaseRemoved,
}

impl SettingsNotice {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DirectDatabaseRemoved => "direct_database_removed",
        }
    }
}

/// The settings as loaded: whether there was a file at all, and a notice to show once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedSettings {
    pub settings: SettingsFile,
    /// No file yet: this desk has never chosen.
    pub first_start: bool,
    pub notice: Option<SettingsNotice>,
}

/// Why the file could not be used. The app must not guess then (it would open an empty
/// local database where the office expects its server).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsProblem {
    #[error("the settings file cannot be read: {0}")]
    Unreadable(String),
    #[error("the settings file is damaged: {0}")]
    Corrupt(String),
}

impl SettingsFile {
    /// A missing file means defaults (first start); an unreadable or damaged one is an
    /// error. An old `database_url` entry is removed from the file (and never logged).
    pub fn load(path: &Path) -> Result<LoadedSettings, SettingsProblem> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(LoadedSettings { settings: Self::default(), first_start: true, notice: None });
            }
            Err(e) => return Err(SettingsProblem::Unreadable(e.kind().to_string())),
        };
        let mut value: Value = serde_json::from_str(&text).map_err(|e| SettingsProblem::Corrupt(e.to_string()))?;
        let Some(object) = value.as_object_mut() else {
            return Err(SettingsProblem::Corrupt("not a JSON object".to_owned()));
        };
        let had_url = object.remove("database_url").is_some_and(|url| !url.is_null());
        let settings: Self = serde_json::from_value(value).map_err(|e| SettingsProblem::Corrupt(e.to_string()))?;
        let notice = had_url.then_some(SettingsNotice::DirectDatabaseRemoved);
        if had_url {
            // Rewritten at once, so the password leaves the disk even if the desk never
            // connects again; the notice is shown at this start.
            match settings.save(path) {
                Ok(()) => tracing::warn!("settings: the direct database address was removed"),
                Err(e) => tracing::warn!(error = %e.kind(), "settings: the old database address could not be removed"),
            }
        }
        Ok(LoadedSettings { settings, first_start: false, notice })
    }

    /// Written to a temporary file and renamed, so a crash leaves the old file whole.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("json.tmp");
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, path)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used)]
    use super::*;

    fn temp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("steward-settings-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        dir.join("settings.json")
    }

    #[test]
    fn missing_file_is_a_first_start() {
        let path = temp("missing");
        let _ = std::fs::remove_file(&path);
        let loaded = SettingsFile::load(&path).expect("defaults");
        assert!(loaded.first_start);
        assert_eq!(loaded.settings.connection, Connection::Local);
    }

    #[test]
    fn server_choice_round_trips() {
        let path = temp("server");
        let chosen = SettingsFile {
            connection: Connection::Server {
                address: "https://office:7443".into(),
                fingerprint: "AB:CD".into(),
                ca_file: None,
            },
            ..Default::default()
        };
        chosen.save(&path).expect("saved");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains("\"kind\": \"server\""), "{text}");
        let loaded = SettingsFile::load(&path).expect("loaded");
        assert_eq!(loaded.settings, chosen);
        assert!(!loaded.first_start);
        assert_eq!(loaded.notice, None);
    }

    #[test]
    fn old_database_url_is_removed_with_a_notice() {
        let path = temp("migrate");
        std::fs::write(&path, r#"{"database_url":"postgres://desk:s3cret@10.0.0.5/steward"}"#).expect("write");
        let loaded = SettingsFile::load(&path).expect("migrated");
        assert_eq!(loaded.notice, Some(SettingsNotice::DirectDatabaseRemoved));
        assert_eq!(loaded.settings.connection, Connection::Local);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(!text.contains("s3cret") && !text.contains("database_url"), "{text}");
        assert_eq!(SettingsFile::load(&path).expect("again").notice, None, "told once");
    }

    #[test]
    fn damaged_file_is_an_error() {
        let path = temp("corrupt");
        std::fs::write(&path, "{ not json").expect("write");
        assert!(matches!(SettingsFile::load(&path), Err(SettingsProblem::Corrupt(_))));
        std::fs::write(&path, r#"{"connection":{"kind":"server"}}"#).expect("write");
        assert!(matches!(SettingsFile::load(&path), Err(SettingsProblem::Corrupt(_))));
        std::fs::write(&path, "[]").expect("write");
        assert!(matches!(SettingsFile::load(&path), Err(SettingsProblem::Corrupt(_))));
    }
}
