//! Steward's benchmark: fills a fresh database through `core`'s schema and measures the
//! hot read paths, each through the `core` call and as hand-written SQL in the same run.
//!
//! cargo run --release -p steward-core --example bench -- --database-url <sqlite://path | postgres://…/name> [--quick] [--reuse]
//!
//! The database is recreated (the SQLite file is deleted, the PostgreSQL database dropped
//! and created), so its name must contain "bench". Prints `fill <what> …` lines, then one
//! line per figure: `bench <name> <sqlite|postgres> p50_ms=… p95_ms=… raw_ratio=…` where
//! raw_ratio is the core p95 divided by the raw SQL p95.
//!
//! `--reuse` (while tuning) keeps a database this example filled before (same `--quick`
//! or not): it is opened (pending migrations run) and measured without a new fill. A
//! database without the filled cases is recreated and filled as usual.
//!
//! To add a figure, fill its data in a `fill_*` function and push an [`Entry`] in `entries`:
//! a name, the core call and the SQL that gives the same answer by hand. The desk's fill and
//! entries are in `bench/desk.rs`.
//!
//! The statements figures (end of this file) are one timed whole-property run each, on a
//! database of their own: `bench statements_10k <db> total_ms=… budget_ms=10000 …`.
//! The schedule figures (`bench/schedule.rs`) are one timed run each, on a database of
//! their own: `bench schedule_10k <db> total_ms=… budget_ms=5000 visits=… cases=… packages=…`.

// A benchmark that cannot fill or read its own data has nothing to report: fail loudly.
#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "bench/desk.rs"]
mod desk;
#[path = "bench/export.rs"]
mod export;
#[path = "bench/import.rs"]
mod import;
#[path = "bench/schedule.rs"]
mod schedule;

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use steward_core::accounts::app::SetupInput;
use steward_core::accounts::auth::LoginInput;
use steward_core::api::run::{customer_list, login, setup_first_manager};
use steward_core::db::{self, DatabaseTarget};
use steward_core::directory::customers::CustomerQuery;
use steward_core::directory::{names, search};
use steward_core::sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement, TransactionTrait};
use steward_core::{Environment, Session, Steward};

type Job = Box<dyn Fn() -> Pin<Box<dyn Future<Output = ()> + Send>>>;

/// One figure: the core call, and the raw SQL statements (run in order) that give the same page.
struct Entry {
    name: &'static str,
    core: Job,
    raw: Vec<Statement>,
}

struct Args {
    url: String,
    quick: bool,
    reuse: bool,
}

fn args() -> Args {
    let mut url = None;
    let mut quick = false;
    let mut reuse = false;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--database-url" => url = it.next(),
            "--quick" => quick = true,
            "--reuse" => reuse = true,
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    let Some(url) = url else {
        eprintln!("usage: bench --database-url <sqlite://path | postgres://…/name> [--quick] [--reuse]");
        std::process::exit(2);
    };
    Args { url, quick, reuse }
}

/// A small deterministic generator (same data on every run and database).
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// Picks by weight (per mille).
    fn weighted<'a>(&mut self, items: &'a [(&'a str, u32)]) -> &'a str {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut r = self.below(total as usize) as u32;
        for (s, w) in items {
            if r < *w {
                return s;
            }
            r -= w;
        }
        items[0].0
    }
}

/// Common surnames with rough frequencies (per mille of Chinese names), 吕 and 律-like
/// names included so `lv` has hits.
const SURNAMES: &[(&str, u32)] = &[
    ("王", 72),
    ("李", 70),
    ("张", 67),
    ("刘", 54),
    ("陈", 45),
    ("杨", 31),
    ("黄", 22),
    ("赵", 20),
    ("吴", 20),
    ("周", 19),
    ("徐", 16),
    ("孙", 15),
    ("马", 15),
    ("朱", 14),
    ("胡", 13),
    ("郭", 12),
    ("何", 12),
    ("林", 11),
    ("高", 11),
    ("罗", 10),
    ("郑", 10),
    ("梁", 9),
    ("谢", 8),
    ("宋", 8),
    ("唐", 8),
    ("许", 7),
    ("韩", 7),
    ("冯", 7),
    ("邓", 7),
    ("曹", 7),
    ("彭", 6),
    ("曾", 6),
    ("肖", 6),
    ("田", 6),
    ("董", 6),
    ("袁", 5),
    ("潘", 5),
    ("于", 5),
    ("蒋", 5),
    ("蔡", 5),
    ("余", 5),
    ("杜", 5),
    ("叶", 5),
    ("程", 5),
    ("苏", 4),
    ("魏", 4),
    ("吕", 4),
    ("丁", 4),
    ("任", 4),
    ("沈", 4),
    ("姚", 4),
    ("卢", 4),
    ("姜", 4),
    ("崔", 3),
    ("钟", 3),
    ("谭", 3),
    ("陆", 3),
    ("汪", 3),
    ("范", 3),
    ("金", 3),
    ("石", 3),
    ("廖", 3),
    ("贾", 3),
    ("夏", 3),
    ("韦", 3),
    ("欧阳", 1),
    ("司马", 1),
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞",
    "平", "刚", "桂", "英", "晓", "建", "华", "志", "海", "燕", "文", "欣", "怡", "子", "涵", "浩", "然", "雨", "桐",
    "思", "远", "嘉", "俊", "婷", "宇", "轩", "梓", "萱", "一", "鸣", "若", "曦", "天", "佑", "玉", "兰", "红", "梅",
    "鹏", "飞", "辉", "波", "斌", "宁", "琳", "倩", "颖", "慧", "佳", "琪", "博", "旭", "阳", "凯", "林", "峰", "亮",
    "晨", "鑫", "丹", "雪", "绿", "律", "女", "略",
];
const EN_FIRST: &[&str] = &[
    "James", "Emily", "Oliver", "Sophie", "Daniel", "Hannah", "Michael", "Grace", "Thomas", "Chloe", "David", "Sarah",
    "William", "Laura", "Peter", "Anna", "Victor", "Olivia",
];
const EN_LAST: &[&str] = &[
    "Smith", "Clarke", "Walker", "Brown", "Wilson", "Taylor", "Evans", "Turner", "Hughes", "Baker", "Müller", "Martin",
    "Garcia", "Anderson", "Wright", "Lee",
];
const JA: &[(&str, &str)] = &[
    ("山田 太郎", "Taro Yamada"),
    ("佐藤 花子", "Hanako Sato"),
    ("鈴木 一郎", "Ichiro Suzuki"),
    ("高橋 美咲", "Misaki Takahashi"),
    ("田中 健", "Ken Tanaka"),
    ("伊藤 由美", "Yumi Ito"),
    ("渡辺 翔", "Sho Watanabe"),
    ("中村 愛", "Ai Nakamura"),
    ("こばやし さくら", "Sakura Kobayashi"),
];
const KO: &[(&str, &str)] = &[
    ("김민준", "Kim Min-jun"),
    ("이서연", "Lee Seo-yeon"),
    ("박지훈", "Park Ji-hoon"),
    ("최수빈", "Choi Su-bin"),
    ("정우진", "Jung Woo-jin"),
    ("강하은", "Kang Ha-eun"),
    ("조현우", "Cho Hyun-woo"),
    ("윤지아", "Yoon Ji-a"),
];
const COMPANY_WORDS: &[&str] = &["华信", "东方", "滨江", "明德", "云帆", "恒泰", "绿源", "嘉禾", "星辰", "瑞丰"];
const COMPANY_KIND: &[&str] = &["科技有限公司", "贸易有限公司", "律师事务所", "设计工作室", "餐饮管理有限公司"];

struct Person {
    kind: &'static str,
    name: String,
    latin: Option<String>,
    phones: Vec<String>,
    language: &'static str,
    nationality: Option<&'static str>,
}

fn person(d: &mut Dice) -> Person {
    let roll = d.below(100);
    let phone = |d: &mut Dice| {
        let prefix = *d.pick(&["138", "139", "135", "136", "150", "151", "186", "187", "177", "199"]);
        format!("{prefix}{:04}{:04}", d.below(10_000), d.below(10_000))
    };
    let mut phones = vec![phone(d)];
    if d.below(4) == 0 {
        phones.push(phone(d));
    }
    match roll {
        0..=87 => {
            let mut name = d.weighted(SURNAMES).to_owned();
            for _ in 0..1 + d.below(2) {
                name.push_str(d.pick::<&str>(GIVEN));
            }
            Person { kind: "person", name, latin: None, phones, language: "zh-CN", nationality: Some("CN") }
        }
        88..=92 => {
            let name = format!("{} {}", d.pick(EN_FIRST), d.pick(EN_LAST));
            let phones = vec![format!("+44 7700 {:06}", d.below(1_000_000))];
            Person { kind: "person", latin: Some(name.clone()), name, phones, language: "en", nationality: Some("GB") }
        }
        93..=95 => {
            let (ja, latin) = *d.pick(JA);
            Person {
                kind: "person",
                name: ja.to_owned(),
                latin: Some(latin.to_owned()),
                phones,
                language: "ja",
                nationality: Some("JP"),
            }
        }
        96..=97 => {
            let (ko, latin) = *d.pick(KO);
            Person {
                kind: "person",
                name: ko.to_owned(),
                latin: Some(latin.to_owned()),
                phones,
                language: "ko",
                nationality: Some("KR"),
            }
        }
        _ => {
            let name = format!("{}{}", d.pick(COMPANY_WORDS), d.pick(COMPANY_KIND));
            Person { kind: "company", name, latin: None, phones, language: "zh-CN", nationality: None }
        }
    }
}

/// As core writes it: the pinyin / Latin of the name, else of the Latin name.
fn sort_key(p: &Person) -> String {
    names::customer_sort_key(&p.name, p.latin.as_deref())
}

fn q(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn opt(s: Option<&str>) -> String {
    s.map(q).unwrap_or_else(|| "NULL".into())
}

async fn exec(db: &impl ConnectionTrait, sql: &str) {
    if let Err(e) = db.execute_unprepared(sql).await {
        panic!("{e}\n{}", &sql[..sql.len().min(400)]);
    }
}

/// Multi-row INSERTs in one transaction per batch.
async fn insert_rows(db: &DatabaseConnection, head: &str, rows: impl IntoIterator<Item = String>) {
    let mut batch: Vec<String> = Vec::with_capacity(1000);
    let mut txn = db.begin().await.expect("begin");
    let mut in_txn = 0;
    for row in rows {
        batch.push(row);
        if batch.len() == 1000 {
            exec(&txn, &format!("{head} VALUES {}", batch.join(","))).await;
            batch.clear();
            in_txn += 1;
            if in_txn == 50 {
                txn.commit().await.expect("commit");
                txn = db.begin().await.expect("begin");
                in_txn = 0;
            }
        }
    }
    if !batch.is_empty() {
        exec(&txn, &format!("{head} VALUES {}", batch.join(","))).await;
    }
    txn.commit().await.expect("commit");
}

/// Property, 40 buildings and their units; returns the unit labels ("3座 1205") by id.
async fn fill_units(db: &DatabaseConnection, customers: usize) -> Vec<String> {
    let now = "'2026-01-01T00:00:00Z'";
    exec(
        db,
        &format!(
            "INSERT INTO property (id, name, address, version, created_at, updated_at) VALUES (1, 'Bench Garden', 'Bench Road 1', 1, {now}, {now})"
        ),
    )
    .await;
    let buildings = 40;
    let floors = 30;
    let per_floor = (customers / buildings / floors).max(1) + 1;
    let rows = (1..=buildings).map(|b| format!("({b}, 1, 'B{b}', '{b}座', {floors}, 1, {now}, {now})"));
    insert_rows(
        db,
        "INSERT INTO building (id, property_id, code, name, floors, version, created_at, updated_at)",
        rows,
    )
    .await;
    let mut units = Vec::new();
    let mut labels = Vec::new();
    for b in 1..=buildings {
        for f in 1..=floors {
            for n in 1..=per_floor {
                labels.push(format!("{b}座 {f}{n:02}"));
                units.push(format!(
                    "({}, {b}, '{f}{n:02}', {f}, 9000, 'residential', 'occupied', 1, {now}, {now})",
                    units.len() + 1
                ));
            }
        }
    }
    insert_rows(
        db,
        "INSERT INTO unit (id, building_id, number, floor, area_centi_m2, use_kind, status, version, created_at, updated_at)",
        units,
    )
    .await;
    labels
}

/// Customers with their search terms (derived by core's own `search::customer_terms`) and
/// current occupancies; returns the names (and Latin names) by id.
async fn fill_customers(db: &DatabaseConnection, n: usize, units: usize) -> Vec<(String, Option<String>)> {
    let now = "'2026-01-01T00:00:00Z'";
    let mut d = Dice(20261127);
    let people: Vec<Person> = (0..n).map(|_| person(&mut d)).collect();
    let start = Instant::now();
    let rows = people.iter().enumerate().map(|(i, p)| {
        let key = sort_key(p);
        format!(
            "({}, {}, {}, {}, {}, {}, NULL, {}, {}, {}, NULL, NULL, '', 1, {now}, {now})",
            i + 1,
            q(p.kind),
            q(&p.name),
            opt(p.latin.as_deref()),
            q(&key),
            q(&serde_json::to_string(&p.phones).expect("json")),
            opt(p.nationality),
            q(p.language),
            if i % 50 == 0 { "TRUE" } else { "FALSE" },
        )
    });
    insert_rows(
        db,
        "INSERT INTO customer (id, kind, name, name_latin, sort_key, phones, email, nationality, preferred_language, vip, id_document_kind, id_document_number, notes, version, created_at, updated_at)",
        rows,
    )
    .await;
    println!("fill customers rows={n} ms={}", start.elapsed().as_millis());
    let start = Instant::now();
    let derived: Vec<(Vec<(&'static str, String)>, String)> = people
        .iter()
        .map(|p| {
            let key = sort_key(p);
            (search::customer_terms(&p.name, p.latin.as_deref(), &p.phones), key)
        })
        .collect();
    let terms: Vec<String> = derived
        .iter()
        .enumerate()
        .flat_map(|(i, (terms, _))| {
            terms.iter().map(move |(kind, term)| format!("({}, {}, {})", i + 1, q(kind), q(term)))
        })
        .collect();
    let count = terms.len();
    insert_rows(db, "INSERT INTO customer_search_term (customer_id, kind, term)", terms).await;
    println!("fill customer_search_term rows={count} ms={}", start.elapsed().as_millis());
    let start = Instant::now();
    let prefixes: Vec<String> = derived
        .iter()
        .enumerate()
        .flat_map(|(i, (terms, key))| {
            search::customer_prefixes(terms).into_iter().map(move |p| format!("({}, {}, {})", i + 1, q(&p), q(key)))
        })
        .collect();
    let count = prefixes.len();
    insert_rows(db, "INSERT INTO customer_search_prefix (customer_id, prefix, sort_key)", prefixes).await;
    println!("fill customer_search_prefix rows={count} ms={}", start.elapsed().as_millis());
    let start = Instant::now();
    let occ = (0..n).filter_map(|i| current_unit(i, units).map(|u| (i, u))).map(|(i, u)| {
        let role = ["owner", "tenant", "occupant"][i % 3];
        format!("({}, {}, {u}, '{role}', '2025-01-01', NULL, 1, {now}, {now})", i + 1, i + 1)
    });
    insert_rows(
        db,
        "INSERT INTO occupancy (id, customer_id, unit_id, role, start_date, end_date, version, created_at, updated_at)",
        occ,
    )
    .await;
    println!("fill occupancy ms={}", start.elapsed().as_millis());
    people.into_iter().map(|p| (p.name, p.latin)).collect()
}

/// The unit (id) customer `i` (0-based) lives in today: every tenth customer has none.
fn current_unit(i: usize, units: usize) -> Option<usize> {
    (i % 10 != 9).then_some((i % units) + 1)
}

/// Whether the database already holds `cases` filled cases (`--reuse`).
async fn filled(target: &DatabaseTarget, url: &str, cases: usize) -> bool {
    let url = match target {
        DatabaseTarget::Sqlite(path) if !path.exists() => return false,
        DatabaseTarget::Sqlite(path) => format!("sqlite://{}?mode=rw", path.display()),
        DatabaseTarget::Postgres(_) => url.to_owned(),
    };
    let Ok(conn) = Database::connect(url).await else { return false };
    let backend = conn.get_database_backend();
    let n = conn
        .query_one_raw(Statement::from_string(backend, "SELECT COUNT(*) FROM service_case"))
        .await
        .ok()
        .flatten()
        .and_then(|r| r.try_get_by_index::<i64>(0).ok());
    conn.close().await.ok();
    n == Some(cases as i64)
}

/// The database to measure, and whether it is reused as filled (else it was recreated).
async fn recreate(url: &str, reuse_cases: Option<usize>) -> (DatabaseTarget, bool) {
    let target = DatabaseTarget::parse(url).unwrap_or_else(|| {
        eprintln!("--database-url must be sqlite://path or postgres://…");
        std::process::exit(2);
    });
    if let Some(cases) = reuse_cases
        && filled(&target, url, cases).await
    {
        return (target, true);
    }
    match &target {
        DatabaseTarget::Sqlite(path) => {
            if !path.to_string_lossy().contains("bench") {
                eprintln!("refusing to recreate {}: the name must contain \"bench\"", path.display());
                std::process::exit(2);
            }
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
        DatabaseTarget::Postgres(url) => {
            let (base, name) = url.rsplit_once('/').expect("database URL has a path");
            let name = name.split('?').next().unwrap_or(name);
            if !name.contains("bench") || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                eprintln!("refusing to recreate database {name}: the name must contain \"bench\"");
                std::process::exit(2);
            }
            let admin = Database::connect(format!("{base}/postgres")).await.expect("connect to the postgres database");
            exec(&admin, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
            exec(&admin, &format!("CREATE DATABASE {name}")).await;
            admin.close().await.ok();
        }
    }
    (target, false)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

async fn time_runs<F, Fut>(runs: usize, mut f: F) -> (f64, f64)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = ()>,
{
    for _ in 0..(runs / 10).max(3) {
        f().await;
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        f().await;
        times.push(t.elapsed());
    }
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.95))
}

/// The shared runner: p50/p95 of the core call and of the raw SQL, one line per entry.
async fn run(db: &DatabaseConnection, backend: &str, entries: Vec<Entry>, runs: usize) {
    for e in entries {
        let (p50, p95) = time_runs(runs, || (e.core)()).await;
        let (_, raw95) = time_runs(runs, || async {
            for s in &e.raw {
                db.query_all_raw(s.clone()).await.expect("raw query");
            }
        })
        .await;
        println!("bench {} {backend} p50_ms={p50:.2} p95_ms={p95:.2} raw_ratio={:.1}", e.name, p95 / raw95.max(0.001));
    }
}

fn customer_entry(
    name: &'static str,
    text: &'static str,
    core: &Steward,
    token: &str,
    now: chrono::DateTime<Utc>,
    raw: Vec<Statement>,
) -> Entry {
    let core = core.clone();
    let token = token.to_owned();
    Entry {
        name,
        core: Box::new(move || {
            let cx = core.cx(
                Session { token: Some(token.clone()), locale: "zh-CN".into(), background: false, source: None },
                now,
            );
            Box::pin(async move {
                let page = customer_list(
                    cx,
                    CustomerQuery {
                        search: Some(text.into()),
                        kind: None,
                        language: None,
                        vip: None,
                        page: 1,
                        page_size: 50,
                    },
                )
                .await
                .expect("customer search");
                std::hint::black_box(page);
            })
        }),
        raw,
    }
}

/// The same page by hand: the page of customers, the bounded count, their current units.
fn customer_raw(backend: DbBackend, text: &str) -> Vec<Statement> {
    let units_of = |page: &str| {
        format!(
            "SELECT o.customer_id, b.name, u.number FROM occupancy o JOIN unit u ON u.id = o.unit_id \
             JOIN building b ON b.id = u.building_id WHERE o.end_date IS NULL AND o.customer_id IN ({page})"
        )
    };
    let sql: Vec<String> = if text.chars().all(|c| c.is_ascii_digit()) {
        let rev: String = text.chars().rev().collect();
        let hits = format!(
            "SELECT customer_id FROM customer_search_term WHERE kind = 'phone' AND term >= '{rev}' AND term < '{}' \
             UNION SELECT o.customer_id FROM occupancy o JOIN unit u ON u.id = o.unit_id \
             WHERE o.end_date IS NULL AND u.number >= '{text}' AND u.number < '{}'",
            search::prefix_end(&rev).expect("end"),
            search::prefix_end(text).expect("end"),
        );
        let page = format!("SELECT id FROM customer WHERE id IN ({hits}) ORDER BY sort_key, id LIMIT 50");
        vec![
            format!("SELECT * FROM customer WHERE id IN ({hits}) ORDER BY sort_key, id LIMIT 50"),
            format!("SELECT COUNT(*) FROM ({hits}) h"),
            units_of(&page),
        ]
    } else {
        let page = format!(
            "SELECT customer_id FROM customer_search_prefix WHERE prefix = {} ORDER BY sort_key, customer_id LIMIT 50",
            q(text)
        );
        vec![
            format!(
                "SELECT c.* FROM customer_search_prefix p JOIN customer c ON c.id = p.customer_id \
                 WHERE p.prefix = {} ORDER BY p.sort_key, p.customer_id LIMIT 50",
                q(text)
            ),
            format!(
                "SELECT COUNT(*) FROM (SELECT 1 FROM customer_search_prefix WHERE prefix = {} LIMIT 1001) x",
                q(text)
            ),
            units_of(&page),
        ]
    };
    sql.into_iter().map(|s| Statement::from_string(backend, s)).collect()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // BENCH_ONLY=import_100k runs only the import figures (`bench/import.rs`), and the
    // export figures on the customers it imported (`bench/export.rs`); so does export_100k.
    if std::env::var("BENCH_ONLY")
        .ok()
        .is_some_and(|o| !o.is_empty() && import::NAMES.iter().chain(export::NAMES).any(|n| n.starts_with(&o)))
    {
        let a = args();
        import::figures(&a.url, a.quick).await;
        return;
    }
    // The statements figures, on a database of their own (`statements_figures`, end of file).
    if statements_wanted() {
        let a = args();
        statements_figures(&a.url, a.quick).await;
        if statements_only() {
            return;
        }
    }
    let args = args();
    // BENCH_ONLY=schedule runs only the schedule figures, without the desk's fill.
    let only = std::env::var("BENCH_ONLY").ok().filter(|s| !s.is_empty());
    let schedule_only = only.as_deref().is_some_and(|o| schedule::NAMES.iter().any(|n| n.starts_with(o)));
    if !schedule_only {
        desk_figures(&args).await;
    }
    if only.is_none() || schedule_only {
        schedule::figures(&args.url, args.quick).await;
    }
    if only.is_none() {
        import::figures(&args.url, args.quick).await;
    }
}

/// The customer and desk figures on the database the arguments name.
async fn desk_figures(args: &Args) {
    let cases = if args.quick { 20_000 } else { 1_000_000 };
    let (target, reused) = recreate(&args.url, args.reuse.then_some(cases)).await;
    let backend_name = match target {
        DatabaseTarget::Sqlite(_) => "sqlite",
        DatabaseTarget::Postgres(_) => "postgres",
    };
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 9, 30, 0).single().expect("time");
    let start = Instant::now();
    let conn = db::open(&target, now).await.expect("open database");
    println!("fill schema ms={}", start.elapsed().as_millis());
    let dir = std::env::temp_dir().join(format!("steward-bench-{}", std::process::id()));
    let env = Environment {
        target: target.clone(),
        settings_file: dir.join("settings.json"),
        database_from_environment: true,
        demo_requested: false,
        os_locale: "zh-CN".into(),
        version: "bench".into(),
    };
    let core = Steward::new(conn.clone(), env);
    let cx = core.cx(Session { token: None, locale: "zh-CN".into(), background: false, source: None }, now);
    let token = if reused {
        println!("fill reused");
        login(cx, LoginInput { username: "manager".into(), password: "Lotus-Garden-7".into() })
            .await
            .expect("login")
            .token
    } else {
        setup_first_manager(
            cx,
            SetupInput {
                username: "manager".into(),
                display_name: "李经理".into(),
                password: "Lotus-Garden-7".into(),
                locale: "zh-CN".into(),
                load_demo: false,
            },
        )
        .await
        .expect("first manager")
        .token
    };

    let customers = if args.quick { 20_000 } else { 100_000 };
    let start = Instant::now();
    let (unit_labels, customer_names) = if reused {
        (Vec::new(), Vec::new())
    } else {
        let unit_labels = fill_units(&conn, customers).await;
        let customer_names = fill_customers(&conn, customers, unit_labels.len()).await;
        (unit_labels, customer_names)
    };
    if reused {
        // Filled before.
    } else if backend_name == "postgres" {
        for t in ["customer", "occupancy", "unit", "building"] {
            exec(&conn, &format!("SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT MAX(id) FROM {t}))"))
                .await;
        }
        exec(&conn, "VACUUM ANALYZE").await;
    } else {
        exec(&conn, "ANALYZE").await;
    }
    println!("fill total customers={customers} ms={}", start.elapsed().as_millis());

    let backend = conn.get_database_backend();
    let mut entries = Vec::new();
    for (name, text) in [
        ("customer_search_initials", "zs"),
        ("customer_search_1ch", "张"),
        ("customer_search_letter", "w"),
        ("customer_search_phone_tail", "5678"),
        ("customer_search_none", "zzq"),
    ] {
        entries.push(customer_entry(name, text, &core, &token, now, customer_raw(backend, text)));
    }
    entries.extend(desk::entries(&conn, &core, &token, now, cases, &customer_names, &unit_labels, reused).await);
    // BENCH_ONLY=desk_search runs only the figures whose name starts so (while tuning).
    if let Some(only) = std::env::var("BENCH_ONLY").ok().filter(|s| !s.is_empty()) {
        entries.retain(|e| e.name.starts_with(&only));
    }
    let runs = if args.quick { 40 } else { 200 };
    run(&conn, backend_name, entries, runs).await;
    if backend_name == "sqlite" && std::env::var("BENCH_ONLY").ok().is_none_or(|o| "backup_1m".starts_with(&o)) {
        backup_figure(&conn, &dir, cases, now).await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `bench backup_1m sqlite`: one automatic backup of the filled desk (1,000,000 cases with
/// their work orders; the quick database with `--quick`): `VACUUM INTO`, the copy's
/// `integrity_check`, and the retention pass, as the timer runs it.
async fn backup_figure(conn: &DatabaseConnection, dir: &std::path::Path, cases: usize, now: chrono::DateTime<Utc>) {
    use steward_core::backups::files::{self, BackupKind};
    let start = Instant::now();
    let made = files::write(conn, &dir.join("backups"), BackupKind::Automatic, now).await.expect("backup");
    let ms = start.elapsed().as_millis();
    let mb = made.size_bytes / 1_000_000;
    println!("bench backup_1m sqlite total_ms={ms} budget_ms=30000 cases={cases} mb={mb}");
}

// ---------------------------------------------------------------------------------------
// The statements figures (issue 6): `bench statements_10k <db> total_ms=… budget_ms=10000`.
// On a database of their own (the desk's name with a "_statements" tail), dropped at the end.

const STATEMENT_NAMES: &[&str] = &["statements_10k", "statements_10k_again"];

/// Whether `BENCH_ONLY` names the statements figures (then nothing else runs).
fn statements_only() -> bool {
    std::env::var("BENCH_ONLY").ok().is_some_and(|o| !o.is_empty() && STATEMENT_NAMES.iter().any(|n| n.starts_with(&o)))
}

/// Whether the statements figures run: without `BENCH_ONLY`, or when it names them.
fn statements_wanted() -> bool {
    std::env::var("BENCH_ONLY").ok().filter(|s| !s.is_empty()).is_none() || statements_only()
}

/// The statements database's URL: the desk's with a "_statements" tail on the file or database name.
fn statements_url(url: &str) -> String {
    let (path, query) = url.split_once('?').map_or((url, None), |(p, q)| (p, Some(q)));
    let path = match path.rsplit_once('.') {
        Some((stem, ext)) if path.starts_with("sqlite:") && !ext.contains('/') => format!("{stem}_statements.{ext}"),
        _ => format!("{path}_statements"),
    };
    query.map_or(path.clone(), |q| format!("{path}?{q}"))
}

async fn statements_count(db: &DatabaseConnection, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("count")
        .expect("a row")
        .try_get_by_index::<i64>(0)
        .expect("count")
}

/// 10,000 customers (1,000 with `--quick`), each with a package of weekly two-hour cleaning
/// (per hour, 60, then 65 from 15 December) and fortnightly plant care (per month, 120),
/// and December 2026 done: 4 cleaning and 2 plant visits whose work orders are verified,
/// in the month's package case. Then the whole property's December run as the screen
/// does it (`statement_run` with the default batch until done) on 2 January, and again.
async fn statements_figures(url: &str, quick: bool) {
    use chrono::NaiveDate;
    use steward_core::api::run::{catalog_create, catalog_get, catalog_price_set, statement_run};
    use steward_core::domain::{
        CaseKind, CaseStatus, Channel, Department, Priority, ServiceUnit, VisitStatus, WorkOrderStatus,
    };
    use steward_core::entities::{package, package_case, package_item, package_visit, service_case, staff, work_order};
    use steward_core::menus::catalog::{
        CatalogCreate, CatalogGet, CatalogInput, CatalogPriceSet, NewPrice, ServiceText,
    };
    use steward_core::menus::statements::StatementRun;
    use steward_core::sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

    let customers = if quick { 1_000 } else { 10_000 };
    let url = statements_url(url);
    let (target, _) = recreate(&url, None).await;
    let backend = match target {
        DatabaseTarget::Sqlite(_) => "sqlite",
        DatabaseTarget::Postgres(_) => "postgres",
    };
    let filled_at = Utc.with_ymd_and_hms(2026, 11, 1, 2, 0, 0).single().expect("time");
    let done_at = Utc.with_ymd_and_hms(2026, 12, 28, 8, 0, 0).single().expect("time");
    // The run after the month: Saturday 2 January 2027, 10:00 in Shanghai.
    let now = Utc.with_ymd_and_hms(2027, 1, 2, 2, 0, 0).single().expect("time");
    let start = Instant::now();
    let conn = db::open(&target, filled_at).await.expect("open the statements database");
    let dir = std::env::temp_dir().join(format!("steward-bench-statements-{}", std::process::id()));
    let env = Environment {
        target: target.clone(),
        settings_file: dir.join("settings.json"),
        database_from_environment: true,
        demo_requested: false,
        os_locale: "zh-CN".into(),
        version: "bench".into(),
    };
    let core = Steward::new(conn.clone(), env);
    let token = setup_first_manager(
        core.cx(Session { token: None, locale: "zh-CN".into(), background: false, source: None }, filled_at),
        SetupInput {
            username: "manager".into(),
            display_name: "李经理".into(),
            password: "Lotus-Garden-7".into(),
            locale: "zh-CN".into(),
            load_demo: false,
        },
    )
    .await
    .expect("first manager")
    .token;
    let cx = |at| {
        core.cx(Session { token: Some(token.clone()), locale: "zh-CN".into(), background: false, source: None }, at)
    };
    let units = fill_units(&conn, customers).await.len();
    fill_customers(&conn, customers, units).await;

    let mut services = Vec::new();
    for (zh, en, department, unit, price) in [
        ("入室保洁", "In-home cleaning", Department::Cleaning, ServiceUnit::PerHour, "60"),
        ("室内绿植养护", "Indoor plant care", Department::Landscaping, ServiceUnit::PerMonth, "120"),
    ] {
        let texts = vec![
            ServiceText { language: "zh-CN".into(), name: zh.into(), description: String::new() },
            ServiceText { language: "en".into(), name: en.into(), description: String::new() },
        ];
        let service = CatalogInput { texts, department, unit, tax_rate: Some("6".into()) };
        let price = Some(NewPrice { amount: price.into(), effective_from: "2026-01-01".into() });
        services.push(catalog_create(cx(filled_at), CatalogCreate { service, price }).await.expect("service").id);
    }
    // A second cleaning price mid-month: each visit is billed at its day's price.
    let version = catalog_get(cx(filled_at), CatalogGet { id: services[0] }).await.expect("service").version;
    let later = NewPrice { amount: "65".into(), effective_from: "2026-12-15".into() };
    catalog_price_set(cx(filled_at), CatalogPriceSet { id: services[0], version, price: later })
        .await
        .expect("later price");
    let owner: i32 = staff::Entity::find()
        .filter(staff::Column::Username.eq("manager"))
        .one(&conn)
        .await
        .expect("manager")
        .expect("manager")
        .id;

    // The rows the schedule and the desk leave for a done month (timeline, counts and the
    // department index aside: the run reads none of them), in bulk with known ids:
    // customer i has package i, items 2i-1 and 2i, case i, orders and visits 6(i-1)+1….
    let fill = Instant::now();
    let date = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d).expect("date");
    // (item offset, day, department, hours in thousandths)
    let visits: [(i32, u32, Department, i32); 6] = [
        (0, 1, Department::Cleaning, 2000),
        (1, 3, Department::Landscaping, 1000),
        (0, 8, Department::Cleaning, 2000),
        (0, 15, Department::Cleaning, 2000),
        (1, 17, Department::Landscaping, 1000),
        (0, 22, Department::Cleaning, 2000),
    ];
    let ids: Vec<i32> = (1..=customers as i32).collect();
    // 100 customers a statement: 600 orders of 25 columns stay under SQLite's 32,766 variables.
    for chunk in ids.chunks(100) {
        let txn = conn.begin().await.expect("begin");
        package::Entity::insert_many(chunk.iter().map(|&id| package::ActiveModel {
            id: Set(id),
            customer_id: Set(id),
            unit_id: Set(current_unit((id - 1) as usize, units).map(|u| u as i32)),
            owner_id: Set(owner),
            starts_on: Set(date(1)),
            ends_on: Set(None),
            window_start: Set(Some("09:00".into())),
            window_end: Set(Some("11:00".into())),
            notes: Set(String::new()),
            active: Set(true),
            version: Set(1),
            created_by: Set(owner),
            created_at: Set(filled_at),
            updated_at: Set(filled_at),
        }))
        .exec(&txn)
        .await
        .expect("packages");
        package_item::Entity::insert_many(chunk.iter().flat_map(|&id| {
            [(0, "FREQ=WEEKLY;BYDAY=TU", 2000), (1, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", 1000)].map(|(n, rule, q)| {
                package_item::ActiveModel {
                    id: Set(id * 2 - 1 + n),
                    package_id: Set(id),
                    service_id: Set(services[n as usize]),
                    rule: Set(rule.into()),
                    starts_on: Set(date(1)),
                    ends_on: Set(None),
                    window_start: Set(None),
                    window_end: Set(None),
                    quantity_milli: Set(q),
                    notes: Set(String::new()),
                    active: Set(true),
                    version: Set(1),
                    created_at: Set(filled_at),
                    updated_at: Set(filled_at),
                }
            })
        }))
        .exec(&txn)
        .await
        .expect("package items");
        service_case::Entity::insert_many(chunk.iter().map(|&id| service_case::ActiveModel {
            id: Set(id),
            kind: Set(CaseKind::ServiceRequest),
            channel: Set(Channel::Other),
            priority: Set(Priority::Normal),
            // Every visit verified: the month's case waits for its follow-up call.
            status: Set(CaseStatus::AwaitingFollowUp),
            title: Set("2026-12 服务套餐".into()),
            description: Set(format!("套餐 {id}")),
            customer_id: Set(Some(id)),
            unit_id: Set(None),
            caller_name: Set(None),
            caller_phone: Set(None),
            language: Set("zh-CN".into()),
            received_by: Set(owner),
            owner_id: Set(owner),
            received_at: Set(filled_at),
            response_due_at: Set(filled_at),
            completion_due_at: Set(done_at),
            due_at: Set(None),
            responded_at: Set(Some(filled_at)),
            completed_at: Set(Some(done_at)),
            closed_at: Set(None),
            reopened_at: Set(None),
            escalation_level: Set(0),
            escalated_at: Set(None),
            next_escalation_at: Set(None),
            reopen_count: Set(0),
            satisfaction: Set(None),
            search_text: Set(String::new()),
            foreign_language: Set(false),
            language_contact_id: Set(None),
            consultation_topic: Set(None),
            version: Set(1),
            created_at: Set(filled_at),
            updated_at: Set(done_at),
        }))
        .exec(&txn)
        .await
        .expect("cases");
        package_case::Entity::insert_many(chunk.iter().map(|&id| package_case::ActiveModel {
            package_id: Set(id),
            month: Set("2026-12".into()),
            case_id: Set(id),
        }))
        .exec(&txn)
        .await
        .expect("package cases");
        work_order::Entity::insert_many(chunk.iter().flat_map(|&id| {
            visits.iter().enumerate().map(move |(k, &(_, day, department, _))| {
                let due = Utc.with_ymd_and_hms(2026, 12, day, 3, 0, 0).single().expect("time");
                work_order::ActiveModel {
                    id: Set((id - 1) * 6 + k as i32 + 1),
                    case_id: Set(id),
                    seq: Set(k as i32 + 1),
                    department: Set(Some(department)),
                    supplier_id: Set(None),
                    assignee_id: Set(None),
                    instructions: Set(format!("2026-12-{day:02} 09:00–11:00")),
                    priority: Set(Priority::Normal),
                    status: Set(WorkOrderStatus::Verified),
                    resume_status: Set(None),
                    due_at: Set(due),
                    result: Set(Some("完成".into())),
                    reason: Set(None),
                    dispatched_at: Set(Some(filled_at)),
                    accepted_at: Set(Some(due)),
                    started_at: Set(Some(due)),
                    done_at: Set(Some(due)),
                    verified_at: Set(Some(due)),
                    cancelled_at: Set(None),
                    escalation_level: Set(0),
                    next_escalation_at: Set(None),
                    created_by: Set(owner),
                    version: Set(5),
                    created_at: Set(filled_at),
                    updated_at: Set(due),
                }
            })
        }))
        .exec(&txn)
        .await
        .expect("work orders");
        package_visit::Entity::insert_many(chunk.iter().flat_map(|&id| {
            visits.iter().enumerate().map(move |(k, &(item, day, _, quantity))| package_visit::ActiveModel {
                id: Set((id - 1) * 6 + k as i32 + 1),
                package_id: Set(id),
                package_item_id: Set(id * 2 - 1 + item),
                visit_date: Set(date(day)),
                seq: Set(0),
                status: Set(VisitStatus::Planned),
                work_order_id: Set(Some((id - 1) * 6 + k as i32 + 1)),
                quantity_milli: Set(quantity),
                reason: Set(None),
                statement_id: Set(None),
                version: Set(1),
                created_at: Set(filled_at),
                updated_at: Set(filled_at),
            })
        }))
        .exec(&txn)
        .await
        .expect("visits");
        txn.commit().await.expect("commit");
    }
    if backend == "postgres" {
        for t in [
            "customer",
            "occupancy",
            "unit",
            "building",
            "package",
            "package_item",
            "service_case",
            "work_order",
            "package_visit",
        ] {
            exec(&conn, &format!("SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT MAX(id) FROM {t}))"))
                .await;
        }
        exec(&conn, "VACUUM ANALYZE").await;
    } else {
        exec(&conn, "ANALYZE").await;
    }
    println!("fill statements customers={customers} visits={} ms={}", customers * 6, fill.elapsed().as_millis());
    println!("fill statements total ms={}", start.elapsed().as_millis());

    // The manager signs in again on 2 January (the November session has expired).
    let token = login(
        core.cx(Session { token: None, locale: "zh-CN".into(), background: false, source: None }, now),
        LoginInput { username: "manager".into(), password: "Lotus-Garden-7".into() },
    )
    .await
    .expect("login")
    .token;
    let cx = |at| {
        core.cx(Session { token: Some(token.clone()), locale: "zh-CN".into(), background: false, source: None }, at)
    };
    // As the screen does it: one call per batch (default size) until done.
    let whole_run = || async {
        let mut after = None;
        let mut calls = 0;
        loop {
            let p = statement_run(cx(now), StatementRun { month: "2026-12".into(), after, batch: None })
                .await
                .expect("statement run");
            calls += 1;
            if p.done {
                return calls;
            }
            after = p.next_after;
        }
    };
    let t = Instant::now();
    let calls = whole_run().await;
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let statements = statements_count(&conn, "SELECT COUNT(*) FROM statement").await;
    let lines = statements_count(&conn, "SELECT COUNT(*) FROM statement_line").await;
    assert_eq!(statements, customers as i64, "one statement per customer");
    println!(
        "bench statements_10k {backend} total_ms={ms:.0} budget_ms=10000 statements={statements} lines={lines} customers={customers} calls={calls}"
    );
    let t = Instant::now();
    whole_run().await;
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(statements_count(&conn, "SELECT COUNT(*) FROM statement").await, statements, "nothing twice");
    println!("bench statements_10k_again {backend} total_ms={ms:.0} budget_ms=10000");

    conn.close().await.ok();
    drop(core);
    let _ = std::fs::remove_dir_all(&dir);
    match &target {
        DatabaseTarget::Sqlite(path) => {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
        DatabaseTarget::Postgres(url) => {
            let (base, name) = url.rsplit_once('/').expect("database URL has a path");
            let name = name.split('?').next().unwrap_or(name);
            let admin = Database::connect(format!("{base}/postgres")).await.expect("connect to the postgres database");
            exec(&admin, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
            admin.close().await.ok();
        }
    }
}
