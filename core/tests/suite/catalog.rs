//! The one catalog: every language has every key, and every key the core emits exists.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::Value;
use steward_core::domain::*;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn flatten(prefix: &str, v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&key, v, out);
            }
        }
        _ => {
            out.insert(prefix.to_owned());
        }
    }
}

fn catalogs() -> Vec<(String, BTreeSet<String>)> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(root().join("locales")).expect("locales folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).expect("read catalog");
            let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let mut keys = BTreeSet::new();
            flatten("", &json, &mut keys);
            all.push((path.file_stem().expect("name").to_string_lossy().into_owned(), keys));
        }
    }
    all.sort();
    all
}

#[test]
fn every_language_has_every_key() {
    let all = catalogs();
    assert!(all.iter().any(|(l, _)| l == "zh-CN") && all.iter().any(|(l, _)| l == "en"), "zh-CN and en ship");
    let union: BTreeSet<String> = all.iter().flat_map(|(_, k)| k.iter().cloned()).collect();
    for (lang, keys) in &all {
        let missing: Vec<_> = union.difference(keys).collect();
        assert!(missing.is_empty(), "{lang} is missing {missing:?}");
    }
}

fn keys_emitted_by_the_core() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for code in steward_core::ErrorCode::ALL {
        keys.insert(format!("error.{}", code.as_str()));
    }
    for (name, values) in VOCABULARIES {
        for v in *values {
            keys.insert(format!("enum.{name}.{v}"));
        }
    }
    for lang in CUSTOMER_LANGUAGES {
        keys.insert(format!("language.{lang}"));
    }
    // Every "validation.…" literal in the core's source.
    let mut stack = vec![root().join("core/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).expect("src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("source");
                for (i, _) in text.match_indices("\"validation.") {
                    let rest = &text[i + 1..];
                    let end = rest.find('"').expect("closing quote");
                    keys.insert(rest[..end].to_owned());
                }
            }
        }
    }
    keys
}

#[test]
fn every_key_the_core_emits_is_translated() {
    let emitted = keys_emitted_by_the_core();
    assert!(emitted.contains("validation.password_common"), "the scan found the core's keys");
    for (lang, keys) in catalogs() {
        let missing: Vec<_> = emitted.iter().filter(|k| !keys.contains(*k)).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
    }
}

fn texts(prefix: &str, v: &Value, out: &mut std::collections::BTreeMap<String, String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                texts(&key, v, out);
            }
        }
        Value::String(s) => {
            out.insert(prefix.to_owned(), s.clone());
        }
        other => panic!("{prefix} is {other}, not a text"),
    }
}

/// The "%{name}" interpolations of a text, each once.
fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split("%{").skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name)).collect()
}

#[test]
fn every_text_is_written_with_the_placeholders_english_has() {
    let read = |name: &str| {
        let path = root().join("locales").join(name);
        let json: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("catalog")).expect("json");
        let mut out = std::collections::BTreeMap::new();
        texts("", &json, &mut out);
        out
    };
    let english = read("en.json");
    let mut problems = Vec::new();
    for (lang, _) in catalogs() {
        for (key, text) in read(&format!("{lang}.json")) {
            if text.trim().is_empty() {
                problems.push(format!("{lang} {key} is empty"));
            }
            if let Some(reference) = english.get(&key)
                && placeholders(reference) != placeholders(&text)
            {
                problems.push(format!(
                    "{lang} {key}: {:?} where English has {:?}",
                    placeholders(&text),
                    placeholders(reference)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
