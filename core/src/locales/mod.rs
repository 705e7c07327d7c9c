//! The languages are catalog files: the ones in `locales/` are compiled in, and more can be
//! dropped in at run time (`load_dir`); nothing else lists them.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{PoisonError, RwLock};

use serde_json::Value;

pub mod format;

type Messages = HashMap<String, String>;

/// Catalogs read at run time, by language code; they win over the compiled ones key by key.
static DROPPED: RwLock<BTreeMap<String, Messages>> = RwLock::new(BTreeMap::new());

/// The rust-i18n backend (`i18n!(…, backend = …)`) over the catalogs read at run time.
pub struct DroppedCatalogs;

impl rust_i18n::Backend for DroppedCatalogs {
    fn available_locales(&self) -> Vec<Cow<'_, str>> {
        DROPPED.read().unwrap_or_else(PoisonError::into_inner).keys().map(|c| Cow::Owned(c.clone())).collect()
    }

    fn translate(&self, locale: &str, key: &str) -> Option<Cow<'_, str>> {
        let all = DROPPED.read().unwrap_or_else(PoisonError::into_inner);
        all.get(locale)?.get(key).map(|t| Cow::Owned(t.clone()))
    }

    fn messages_for_locale(&self, locale: &str) -> Option<Vec<(Cow<'_, str>, Cow<'_, str>)>> {
        let all = DROPPED.read().unwrap_or_else(PoisonError::into_inner);
        let messages = all.get(locale)?;
        Some(messages.iter().map(|(k, v)| (Cow::Owned(k.clone()), Cow::Owned(v.clone()))).collect())
    }
}

/// A catalog file's texts by dotted key ("nav.home"), as `locales/*.json` nests them.
fn flatten(prefix: &str, value: &Value, out: &mut Messages) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&key, v, out);
            }
        }
        Value::String(text) => {
            out.insert(prefix.to_owned(), text.clone());
        }
        _ => {}
    }
}

/// A file name that can be a language code ("fr", "pt-BR", "zh-Hant").
fn is_code(name: &str) -> bool {
    !name.is_empty() && name.len() <= 35 && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Reads every `<code>.json` in `dir` (the nested shape of `locales/`) into the catalogs, so
/// `available()`, `t!` and the formats see the languages; a file for a compiled-in language
/// adds or replaces its texts key by key. A missing folder adds nothing; a file that is not a
/// catalog is skipped with a warning. Returns the codes read, sorted.
pub fn load_dir(dir: &Path) -> std::io::Result<Vec<String>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut read = BTreeMap::new();
    for entry in entries {
        let path = entry?.path();
        let Some(code) = path.file_stem().and_then(|s| s.to_str()).filter(|c| is_code(c)) else { continue };
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let parsed = std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|text| serde_json::from_str::<Value>(&text).map_err(|e| e.to_string()));
        match parsed {
            Ok(json @ Value::Object(_)) => {
                let mut messages = Messages::new();
                flatten("", &json, &mut messages);
                read.insert(code.to_owned(), messages);
            }
            Ok(_) => tracing::warn!(file = %path.display(), "catalog skipped: not a JSON object"),
            Err(error) => tracing::warn!(file = %path.display(), %error, "catalog skipped"),
        }
    }
    let codes: Vec<String> = read.keys().cloned().collect();
    let mut all = DROPPED.write().unwrap_or_else(PoisonError::into_inner);
    for (code, messages) in read {
        all.entry(code).or_default().extend(messages);
    }
    Ok(codes)
}

/// The catalogs read at run time, by code, each as its texts by dotted key (the window
/// registers them beside the ones it was built with).
pub fn dropped() -> BTreeMap<String, BTreeMap<String, String>> {
    let all = DROPPED.read().unwrap_or_else(PoisonError::into_inner);
    all.iter()
        .map(|(code, messages)| (code.clone(), messages.iter().map(|(k, v)| (k.clone(), v.clone())).collect()))
        .collect()
}

/// A catalog text in a language, English where the language has none, the key where no
/// catalog has it.
pub fn text(language: &str, key: &str) -> String {
    rust_i18n::t!(key, locale = language).into_owned()
}

/// (code, own name) of every catalog language, sorted by code.
pub fn available() -> Vec<(String, String)> {
    let mut codes = codes();
    codes.sort_unstable();
    codes
        .into_iter()
        .map(|c| {
            let name = rust_i18n::t!("locale.name", locale = &c).into_owned();
            (c, name)
        })
        .collect()
}

fn codes() -> Vec<String> {
    crate::_rust_i18n_available_locales().into_iter().map(|c| c.into_owned()).collect()
}

/// Whether a catalog (compiled in or dropped in) has this language.
pub fn is_available(code: &str) -> bool {
    codes().iter().any(|c| c == code)
}

/// The best catalog language for a requested one ("zh-Hans-CN", "zh_CN.UTF-8", "en-US"…); English otherwise.
pub fn resolve(requested: &str) -> String {
    let codes = codes();
    let req = requested.split('.').next().unwrap_or("").replace('_', "-");
    if let Some(exact) = codes.iter().find(|c| c.eq_ignore_ascii_case(&req)) {
        return exact.clone();
    }
    let lang = req.split('-').next().unwrap_or("").to_ascii_lowercase();
    codes
        .iter()
        .find(|c| c.split('-').next().is_some_and(|l| l.eq_ignore_ascii_case(&lang)))
        .cloned()
        .unwrap_or_else(|| "en".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_os_locales() {
        assert_eq!(resolve("zh-CN"), "zh-CN");
        assert_eq!(resolve("zh_CN.UTF-8"), "zh-CN");
        assert_eq!(resolve("zh-Hans-CN"), "zh-CN");
        assert_eq!(resolve("en-US"), "en");
        assert_eq!(resolve("fr-FR"), "en");
        assert_eq!(resolve(""), "en");
    }

    #[test]
    fn lists_catalog_languages_by_own_name() {
        let all = available();
        assert!(all.contains(&("zh-CN".to_owned(), "简体中文".to_owned())), "{all:?}");
        assert!(all.contains(&("en".to_owned(), "English".to_owned())), "{all:?}");
    }
}
