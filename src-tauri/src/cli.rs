//! Command-line flags. Unknown flags are ignored so the WebDriver and the OS can add theirs.

use std::path::PathBuf;

#[derive(Debug, Default, Clone)]
pub struct Flags {
    /// Load the demo property at first start.
    pub demo: bool,
    /// Keep data (database, settings) here instead of the OS app-data folder.
    pub data_dir: Option<PathBuf>,
    /// Force the UI language for this run.
    pub lang: Option<String>,
    /// Use this database (postgres://… or sqlite://path) for this run.
    pub database_url: Option<String>,
    /// Tests: the shell's clock can be moved forward (`test_clock_advance`) and saved
    /// documents are not opened in the OS viewer.
    pub test_clock: bool,
}

impl Flags {
    pub fn parse(args: impl IntoIterator<Item = String>) -> Self {
        let mut flags = Self::default();
        let mut args = args.into_iter();
        while let Some(a) = args.next() {
            let (name, inline) = match a.split_once('=') {
                Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
                None => (a.clone(), None),
            };
            let mut value = || inline.clone().or_else(|| args.next());
            match name.as_str() {
                "--demo" => flags.demo = true,
                "--data-dir" => flags.data_dir = value().map(PathBuf::from),
                "--lang" => flags.lang = value(),
                "--database-url" => flags.database_url = value(),
                "--test-clock" => flags.test_clock = true,
                _ => {}
            }
        }
        flags
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_flags() {
        let f = Flags::parse(["--demo", "--data-dir", "/tmp/x", "--lang=zh-CN", "--other"].map(String::from));
        assert!(f.demo);
        assert_eq!(f.data_dir, Some(PathBuf::from("/tmp/x")));
        assert_eq!(f.lang.as_deref(), Some("zh-CN"));
        assert_eq!(f.database_url, None);
        assert!(!f.test_clock);
        assert!(Flags::parse(["--test-clock".to_owned()]).test_clock);
    }
}
