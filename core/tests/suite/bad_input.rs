//! Bad input through the one door (`api::dispatch`), for every command in `COMMANDS`:
//! inputs shaped by each command's declared input type (read from the generated
//! TypeScript, so a new command is covered without touching this file) and filled with
//! what offices and attackers type: huge and empty strings, control characters,
//! right-to-left text, emoji, SQL metacharacters, out-of-range numbers, wrong JSON types,
//! missing and unknown fields. Each call, as the manager (every permission) on the demo
//! property, must not panic; a refusal must be a documented code other than
//! `database`/`internal`, with a translated message and catalog keys for its fields, and
//! must leave every table as it was and announce no change.
//!
//! CI runs a few cases per command (`PROPTEST_CASES`, default 4); a soak:
//! `PROPTEST_CASES=200 cargo test -p steward-core --test suite bad_input`.

use std::collections::{BTreeMap, HashSet};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Map, Value, json};
use steward_core::api::{self, COMMANDS};
use steward_core::sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use steward_core::{ErrorCode, Steward};

use crate::common::{ctx, session};

/// A TypeScript type as ts-rs writes it, enough to shape JSON.
#[derive(Debug, Clone)]
enum Ty {
    Str,
    Num,
    Bool,
    Null,
    Literal(String),
    Array(Box<Ty>),
    Tuple(Vec<Ty>),
    Object(Vec<(String, Ty)>),
    Union(Vec<Ty>),
    Named(String),
    Any,
}

/// Splits the generated TypeScript (comments removed) into tokens.
fn tokens(ts: &str) -> Vec<String> {
    let mut text = String::new();
    let mut rest = ts;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    let text: String = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c == '"' {
            let mut s = String::from('"');
            while let Some(d) = chars.next() {
                s.push(d);
                if d == '\\' {
                    if let Some(e) = chars.next() {
                        s.push(e);
                    }
                } else if d == '"' {
                    break;
                }
            }
            out.push(s);
        } else if c.is_alphanumeric() || c == '_' || c == '$' || c == '-' {
            let mut s = String::from(c);
            while let Some(&d) = chars.peek() {
                if d.is_alphanumeric() || d == '_' || d == '$' || d == '.' {
                    s.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(s);
        } else {
            out.push(c.to_string());
        }
    }
    out
}

struct Parser {
    t: Vec<String>,
    i: usize,
}

impl Parser {
    fn peek(&self) -> &str {
        self.t.get(self.i).map_or("", String::as_str)
    }
    fn next(&mut self) -> String {
        let t = self.peek().to_owned();
        self.i += 1;
        t
    }
    fn eat(&mut self, s: &str) -> bool {
        if self.peek() == s {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn ty(&mut self) -> Ty {
        self.eat("|");
        let mut parts = vec![self.primary()];
        while self.eat("|") {
            parts.push(self.primary());
        }
        if parts.len() == 1 { parts.remove(0) } else { Ty::Union(parts) }
    }

    fn primary(&mut self) -> Ty {
        let t = self.next();
        let ty = match t.as_str() {
            "string" => Ty::Str,
            "number" | "bigint" => Ty::Num,
            "boolean" => Ty::Bool,
            "null" | "undefined" => Ty::Null,
            "{" => {
                let mut fields = Vec::new();
                while !self.eat("}") && self.i < self.t.len() {
                    if self.eat("[") {
                        // An index signature: a map with any keys.
                        while !self.eat("]") {
                            self.next();
                        }
                        self.eat("?");
                        self.eat(":");
                        let value = self.ty();
                        fields.push(("some_key".to_owned(), value));
                    } else {
                        let name = self.next().trim_matches('"').to_owned();
                        self.eat("?");
                        self.eat(":");
                        fields.push((name, self.ty()));
                    }
                    if !self.eat(",") {
                        self.eat(";");
                    }
                }
                Ty::Object(fields)
            }
            "[" => {
                let mut items = Vec::new();
                while !self.eat("]") && self.i < self.t.len() {
                    items.push(self.ty());
                    self.eat(",");
                }
                Ty::Tuple(items)
            }
            "Array" => {
                self.eat("<");
                let inner = self.ty();
                self.eat(">");
                Ty::Array(Box::new(inner))
            }
            lit if lit.starts_with('"') => Ty::Literal(serde_json::from_str(lit).unwrap_or_default()),
            name => {
                if self.eat("<") {
                    // A generic other than Array: its shape is not needed for inputs.
                    let mut depth = 1;
                    while depth > 0 && self.i < self.t.len() {
                        match self.next().as_str() {
                            "<" => depth += 1,
                            ">" => depth -= 1,
                            _ => {}
                        }
                    }
                    Ty::Any
                } else if name.parse::<f64>().is_ok() {
                    Ty::Num
                } else {
                    Ty::Named(name.to_owned())
                }
            }
        };
        if self.eat("[") {
            self.eat("]");
            return Ty::Array(Box::new(ty));
        }
        ty
    }
}

/// Every declared type by name, and each command's input type.
fn declarations() -> (BTreeMap<String, Ty>, BTreeMap<String, Ty>) {
    let mut p = Parser { t: tokens(&api::bindings()), i: 0 };
    let (mut types, mut inputs) = (BTreeMap::new(), BTreeMap::new());
    while p.i < p.t.len() {
        match p.next().as_str() {
            "type" => {
                let name = p.next();
                if p.eat("<") {
                    while !p.eat(">") {
                        p.next();
                    }
                }
                p.eat("=");
                let ty = p.ty();
                types.insert(name, ty);
            }
            "interface" if p.peek() == "Commands" => {
                p.next();
                p.eat("{");
                while !p.eat("}") && p.i < p.t.len() {
                    let command = p.next();
                    p.eat(":");
                    p.eat("{");
                    p.eat("input");
                    p.eat(":");
                    inputs.insert(command, p.ty());
                    while !p.eat("}") {
                        p.next();
                    }
                    p.eat(";");
                }
            }
            _ => {}
        }
    }
    (types, inputs)
}

/// Text offices and attackers type.
fn nasty_text() -> BoxedStrategy<String> {
    let samples: Vec<String> = vec![
        String::new(),
        " ".into(),
        "\u{0}".into(),
        "a\u{0}b".into(),
        "\u{7}\u{1b}[31mred\u{1b}[0m".into(),
        "line\r\nline\u{2028}".into(),
        "\t\u{b}\u{c}".into(),
        "\u{202e}txt.exe\u{202c}".into(),
        "مرحبا بالعالم".into(),
        "שלום עולם".into(),
        "👨‍👩‍👧‍👦🏠💧\u{fe0f}".into(),
        "'; DROP TABLE customer; --".into(),
        "\" OR 1=1 --".into(),
        "%_\\%".into(),
        "Robert'); DELETE FROM staff;--".into(),
        "\u{feff}BOM".into(),
        "ｆｕｌｌ１２０３".into(),
        "2026-02-30".into(),
        "2026-13".into(),
        "9999-12-31T99:99:99Z".into(),
        "-1".into(),
        "NaN".into(),
        "1e309".into(),
        "C000001".into(),
        "\u{10ffff}\u{fffd}".into(),
        "../../etc/passwd".into(),
        "<script>alert(1)</script>".into(),
        "*".into(),
        "NULL".into(),
        "en".into(),
        "zh-CN".into(),
        "xx-YY".into(),
        "2026-11".into(),
        "2026-11-28".into(),
        "09:30".into(),
        "25:99".into(),
        "13800001111".into(),
        "+86 138 0000 1111".into(),
        "a@b".into(),
        "FREQ=DAILY;COUNT=100000".into(),
        "FREQ=SECONDLY".into(),
        "0.001".into(),
        "-5".into(),
        "99999999999999999999".into(),
        "1.5".into(),
        "Lotus-Garden-7".into(),
        "a".repeat(100_000),
        "名".repeat(5_000),
        "\u{301}".repeat(1_000),
    ];
    prop_oneof![
        6 => proptest::sample::select(samples),
        2 => any::<String>(),
        1 => proptest::collection::vec(any::<char>(), 0..400).prop_map(|c| c.into_iter().collect::<String>()),
    ]
    .boxed()
}

fn nasty_number() -> BoxedStrategy<Value> {
    let edges = vec![
        json!(0),
        json!(1),
        json!(2),
        json!(3),
        json!(-1),
        json!(i32::MAX),
        json!(i32::MIN),
        json!(i64::from(i32::MAX) + 1),
        json!(i64::MAX),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(1e300),
        json!(-1e300),
        json!(0.5),
        json!(1.5),
        json!(9_007_199_254_740_993_i64),
    ];
    prop_oneof![
        4 => proptest::sample::select(edges),
        3 => (0i64..6).prop_map(|n| json!(n)),
        1 => any::<i64>().prop_map(|n| json!(n)),
        1 => any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
    ]
    .boxed()
}

/// A value of the wrong JSON type.
fn any_leaf() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        nasty_number(),
        nasty_text().prop_map(Value::String),
        Just(json!([])),
        Just(json!({})),
        Just(json!([1, "x", null])),
    ]
    .boxed()
}

fn strategy(ty: &Ty, types: &BTreeMap<String, Ty>, depth: u32) -> BoxedStrategy<Value> {
    let shaped = match ty {
        Ty::Str => nasty_text().prop_map(Value::String).boxed(),
        Ty::Num => nasty_number(),
        Ty::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
        Ty::Null => Just(Value::Null).boxed(),
        Ty::Literal(s) => Just(Value::String(s.clone())).boxed(),
        Ty::Any => any_leaf(),
        Ty::Named(name) => match types.get(name) {
            Some(t) if depth < 8 => return strategy(t, types, depth + 1),
            _ => any_leaf(),
        },
        Ty::Array(inner) => {
            proptest::collection::vec(strategy(inner, types, depth + 1), 0..4).prop_map(Value::Array).boxed()
        }
        Ty::Tuple(items) => {
            let parts: Vec<BoxedStrategy<Value>> = items.iter().map(|t| strategy(t, types, depth + 1)).collect();
            parts.prop_map(Value::Array).boxed()
        }
        Ty::Union(options) => {
            let parts: Vec<BoxedStrategy<Value>> = options.iter().map(|t| strategy(t, types, depth + 1)).collect();
            proptest::strategy::Union::new(parts).boxed()
        }
        Ty::Object(fields) => {
            let names: Vec<String> = fields.iter().map(|(n, _)| n.clone()).collect();
            // Now and then a field is left out.
            let values: Vec<BoxedStrategy<Option<Value>>> = fields
                .iter()
                .map(|(_, t)| proptest::option::weighted(0.95, strategy(t, types, depth + 1)).boxed())
                .collect();
            (values, proptest::option::weighted(0.05, nasty_text()))
                .prop_map(move |(values, unknown)| {
                    let mut object = Map::new();
                    for (name, value) in names.iter().zip(values) {
                        if let Some(v) = value {
                            object.insert(name.clone(), v);
                        }
                    }
                    if let Some(u) = unknown {
                        object.insert("unexpected_field".into(), Value::String(u));
                    }
                    Value::Object(object)
                })
                .boxed()
        }
    };
    // Now and then the value is of the wrong type altogether.
    prop_oneof![12 => shaped, 1 => any_leaf()].boxed()
}

/// Every table's row count, and the sum of its row versions where it has them: a refused
/// call that inserted, deleted or saved a versioned row changes this. Sign-in failures,
/// sessions and the audit log are left out: a refusal may rightly record itself there.
async fn fingerprint(db: &DatabaseConnection) -> BTreeMap<String, (i64, i64)> {
    let backend = db.get_database_backend();
    let tables_sql = match backend {
        steward_core::sea_orm::DbBackend::Postgres => {
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' \
             AND table_type = 'BASE TABLE'"
        }
        _ => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE '%VIRTUAL%'"
        }
    };
    let tables: Vec<String> = db
        .query_all_raw(Statement::from_string(backend, tables_sql))
        .await
        .expect("tables")
        .iter()
        .map(|r| r.try_get_by_index(0).expect("name"))
        .filter(|t: &String| {
            !["audit_log", "session", "sign_in_failure", "seaql_migrations"].contains(&t.as_str())
                && !t.starts_with("case_fts")
                && !t.starts_with("kb_fts")
        })
        .collect();
    let versioned_sql = match backend {
        steward_core::sea_orm::DbBackend::Postgres => {
            "SELECT table_name::text FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'version'"
                .to_owned()
        }
        _ => "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' \
              AND c.name = 'version'"
            .to_owned(),
    };
    let versioned: HashSet<String> = db
        .query_all_raw(Statement::from_string(backend, versioned_sql))
        .await
        .expect("versioned tables")
        .iter()
        .map(|r| r.try_get_by_index(0).expect("name"))
        .collect();
    let parts: Vec<String> = tables
        .iter()
        .map(|t| {
            let sum = if versioned.contains(t) { "COALESCE(SUM(version), 0)" } else { "0" };
            format!("SELECT '{t}', COUNT(*), CAST({sum} AS BIGINT) FROM \"{t}\"")
        })
        .collect();
    db.query_all_raw(Statement::from_string(backend, parts.join(" UNION ALL ")))
        .await
        .expect("fingerprint")
        .iter()
        .map(|r| {
            (
                r.try_get_by_index(0).expect("table"),
                (r.try_get_by_index(1).expect("rows"), r.try_get_by_index(2).expect("sum")),
            )
        })
        .collect()
}

/// The flattened keys of the English catalog.
fn catalog() -> HashSet<String> {
    fn walk(prefix: &str, v: &Value, out: &mut HashSet<String>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                    walk(&key, v, out);
                }
            }
            _ => {
                out.insert(prefix.to_owned());
            }
        }
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../locales/en.json");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("catalog")).expect("json");
    let mut out = HashSet::new();
    walk("", &json, &mut out);
    out
}

#[test]
fn every_command_refuses_bad_input_cleanly() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let (c, manager_id) = rt.block_on(async {
        let c = ctx().await;
        let token = c.manager(true).await;
        let me = api::run::me(c.cx(Some(&token)), ()).await.expect("me");
        (c, me.id)
    });
    let (types, inputs) = declarations();
    let keys = catalog();
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(4);
    let core: Steward = c.core.clone();
    let now = c.now;
    let mut covered = 0;
    let tally = std::sync::Mutex::new(BTreeMap::<String, u32>::new());
    let count = |outcome: &str| *tally.lock().expect("tally").entry(outcome.to_owned()).or_default() += 1;
    for &command in COMMANDS {
        let input = inputs.get(command).unwrap_or_else(|| panic!("{command} has no input type in the bindings"));
        let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
        let result = runner.run(&strategy(input, &types, 0), |value| {
            rt.block_on(async {
                let db = &core.db;
                let token = steward_core::accounts::auth::open_session(db, manager_id, now).await.expect("session");
                let before = fingerprint(db).await;
                let mut feed = core.changes();
                let call = {
                    let core = core.clone();
                    let value = value.clone();
                    tokio::spawn(async move { api::dispatch(&core, command, session(Some(&token)), value, now).await })
                };
                let out = match call.await {
                    Ok(out) => out,
                    Err(e) => return Err(TestCaseError::fail(format!("{command} panicked: {e}"))),
                };
                let Err(e) = out else {
                    count("ok");
                    return Ok(());
                };
                count(e.code.as_str());
                if matches!(e.code, ErrorCode::Database | ErrorCode::Internal) {
                    return Err(TestCaseError::fail(format!("{command}: {} error: {}", e.code.as_str(), e.message)));
                }
                if e.message.is_empty() || e.message.starts_with("error.") || keys.contains(&e.message) {
                    return Err(TestCaseError::fail(format!("{command}: untranslated message {:?}", e.message)));
                }
                for (field, key) in e.fields.iter().flatten() {
                    if !keys.contains(key) {
                        return Err(TestCaseError::fail(format!(
                            "{command}: field {field} has no catalog entry {key}"
                        )));
                    }
                }
                let after = fingerprint(db).await;
                if before != after {
                    let changed: Vec<&String> = after.keys().filter(|t| before.get(*t) != after.get(*t)).collect();
                    return Err(TestCaseError::fail(format!(
                        "{command}: refused ({}) but changed {changed:?}",
                        e.code.as_str()
                    )));
                }
                if let Ok(change) = feed.try_recv() {
                    return Err(TestCaseError::fail(format!("{command}: refused but announced {change:?}")));
                }
                Ok(())
            })
        });
        if let Err(e) = result {
            panic!("{command}: {e}");
        }
        covered += 1;
    }
    assert_eq!(covered, COMMANDS.len());
    // What the calls came to (run with --nocapture): most refused, some accepted.
    eprintln!("bad_input: {} commands, {cases} cases each: {:?}", covered, tally.lock().expect("tally"));
}

#[tokio::test]
async fn a_nul_character_is_refused_on_its_field() {
    let c = ctx().await;
    let token = c.manager(false).await;
    let input = json!({ "language": "en\u{0}", "department": null });
    let e = api::dispatch(&c.core, "desk_speakers", session(Some(&token)), input, c.now).await.expect_err("refused");
    assert_eq!(e.code, ErrorCode::Validation);
    assert_eq!(e.fields.and_then(|f| f.get("language").cloned()).as_deref(), Some("validation.invalid"));
    let input = json!({ "kind": "person", "name": "王", "phones": ["138", "1\u{0}"] });
    let e = api::dispatch(&c.core, "customer_create", session(Some(&token)), input, c.now).await.expect_err("refused");
    assert!(e.fields.is_some_and(|f| f.contains_key("phones[1]")));
}
