//! The crash proof: a writer doing real desk work, killed with SIGKILL at random moments;
//! after each kill the database is reopened and checked against what the core had
//! acknowledged (the writer logs an operation, and fsyncs the log, only after the core
//! returned `Ok`).

use std::collections::{HashMap, HashSet};
use std::fs::{self, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::{DateTime, Datelike, Months, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use steward_core::api::run;
use steward_core::db::{self, DatabaseTarget};
use steward_core::desk::cases::CaseOpen;
use steward_core::desk::work_orders::{WorkOrderChargeAdd, WorkOrderDispatch, WorkOrderTransition};
use steward_core::directory::customers::CustomerInput;
use steward_core::domain::{
    CaseKind, CaseStatus, Channel, ChargeKind, CustomerKind, Department, Priority, Role, WorkOrderStatus,
};
use steward_core::entities::{customer, service_case, work_order, work_order_charge};
use steward_core::menus::statements::StatementRun;
use steward_core::sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement,
};
use steward_core::{Error, Steward};

use crate::{arg, cx, fail, number, office, open};

/// The writer's clock: each acknowledged operation moves it on by 8 hours, so months
/// pass and statement runs have something to bill.
fn clock(acknowledged: usize) -> DateTime<Utc> {
    let start = Utc.with_ymd_and_hms(2026, 1, 5, 1, 0, 0).single().expect("valid time");
    start + chrono::Duration::hours(8 * i64::try_from(acknowledged).unwrap_or(i64::MAX / 1000))
}

struct Paths {
    db: PathBuf,
    acks: PathBuf,
    tokens: PathBuf,
}

fn paths(dir: &Path) -> Paths {
    Paths { db: dir.join("steward.db"), acks: dir.join("acknowledged.log"), tokens: dir.join("tokens") }
}

/// The complete lines of the log (a line the kill cut short was never acknowledged).
fn acknowledged(path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap_or_default();
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    lines.pop(); // after the last '\n': empty, or an unfinished line
    lines
}

pub async fn harness(args: &[String]) -> i32 {
    let dir = PathBuf::from(arg(args, "--dir").unwrap_or_else(|| fail("crash needs --dir")));
    let kills = number(args, "--kills", 200);
    let max_delay = number(args, "--max-delay-ms", 150);
    let seed = match arg(args, "--seed") {
        Some(_) => number(args, "--seed", 0),
        None => u64::from(Utc::now().timestamp_subsec_nanos()),
    };
    // A soak restarts on a fresh office every `--segment` kills: the check after each kill
    // reads the whole database and every acknowledgement, so one ever-growing file would
    // make kill n cost O(n); segments keep each kill's cost flat.
    let segment = number(args, "--segment", 0);
    let p = paths(&dir);
    let target = DatabaseTarget::Sqlite(p.db.clone());
    fresh_office(&dir, &p, &target).await;
    println!("crash: seed={seed} folder={}", dir.display());
    let mut earlier_segments = 0usize;

    let exe = std::env::current_exe().expect("own path");
    let mut rng = StdRng::seed_from_u64(seed);
    let (mut lost, mut integrity_failures) = (0usize, 0usize);
    for k in 0..kills {
        if segment > 0 && k > 0 && k % segment == 0 {
            earlier_segments += acknowledged(&p.acks).len();
            println!("crash: {k} kills, {earlier_segments} acknowledged so far, lost={lost}; a fresh office");
            fresh_office(&dir, &p, &target).await;
        }
        let mut child = Command::new(&exe)
            .arg("crash-writer")
            .arg("--dir")
            .arg(&dir)
            .args(["--seed", &(seed.wrapping_add(k)).to_string()])
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the writer");
        let mut ready = String::new();
        if let Some(out) = child.stdout.take() {
            let _ = BufReader::new(out).read_line(&mut ready);
        }
        if ready.trim() != "ready" {
            let _ = child.kill();
            let status = child.wait();
            eprintln!("crash: the writer did not start ({status:?})");
            return 1;
        }
        std::thread::sleep(Duration::from_millis(rng.gen_range(0..=max_delay)));
        if let Ok(Some(status)) = child.try_wait() {
            eprintln!("crash: the writer stopped by itself ({status}) before kill {}", k + 1);
            return 1;
        }
        // SIGKILL on Unix: no destructor, no flush, no rollback by the process.
        child.kill().expect("kill the writer");
        let _ = child.wait();
        let report = check(&target, &p.acks).await;
        for problem in &report.problems {
            eprintln!("crash: after kill {}: {problem}", k + 1);
        }
        lost = lost.max(report.lost);
        integrity_failures += report.integrity_failures;
    }
    let acknowledged = earlier_segments + acknowledged(&p.acks).len();
    println!("crash kills={kills} acknowledged={acknowledged} lost={lost} integrity_failures={integrity_failures}");
    i32::from(lost > 0 || integrity_failures > 0 || acknowledged == 0)
}

/// A new crash folder: the office with its staff and their sessions, an empty log.
async fn fresh_office(dir: &Path, p: &Paths, target: &DatabaseTarget) {
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir).expect("crash folder");
    let core = open(target, clock(0)).await;
    let staff =
        [("desk1", Role::Desk, Department::CustomerService), ("eng1", Role::Department, Department::Engineering)];
    let tokens = office(&core, clock(0), &staff).await;
    fs::write(&p.tokens, tokens.join("\n")).expect("tokens");
    core.db.close().await.expect("close");
    fs::write(&p.acks, "").expect("log");
}

/// Checks a crash folder as it is (after a soak, or by hand after changing it).
pub async fn check_only(args: &[String]) -> i32 {
    let dir = PathBuf::from(arg(args, "--dir").unwrap_or_else(|| fail("crash-check needs --dir")));
    let p = paths(&dir);
    let report = check(&DatabaseTarget::Sqlite(p.db.clone()), &p.acks).await;
    for problem in &report.problems {
        eprintln!("crash: {problem}");
    }
    let acknowledged = acknowledged(&p.acks).len();
    println!("crash acknowledged={acknowledged} lost={} integrity_failures={}", report.lost, report.integrity_failures);
    i32::from(report.lost > 0 || report.integrity_failures > 0)
}

struct Tokens {
    manager: String,
    desk: String,
    engineer: String,
}

/// Appends an acknowledged operation to the log and makes it durable before the next one.
struct Acks {
    file: fs::File,
    count: usize,
}

impl Acks {
    fn ack(&mut self, line: String) {
        self.file.write_all(format!("{line}\n").as_bytes()).expect("log");
        self.file.sync_data().expect("fsync log");
        self.count += 1;
    }

    fn now(&self) -> DateTime<Utc> {
        clock(self.count)
    }
}

pub async fn writer(args: &[String]) -> i32 {
    let dir = PathBuf::from(arg(args, "--dir").unwrap_or_else(|| fail("crash-writer needs --dir")));
    let seed = number(args, "--seed", 0);
    let p = paths(&dir);
    let tokens: Vec<String> = fs::read_to_string(&p.tokens).expect("tokens").lines().map(str::to_owned).collect();
    let [manager, desk, engineer] = <[String; 3]>::try_from(tokens).expect("three tokens");
    let tokens = Tokens { manager, desk, engineer };
    let count = acknowledged(&p.acks).len();
    let core = open(&DatabaseTarget::Sqlite(p.db.clone()), clock(count)).await;
    let file = OpenOptions::new().append(true).open(&p.acks).expect("log");
    let mut acks = Acks { file, count };
    println!("ready");
    let _ = std::io::stdout().flush();
    let mut rng = StdRng::seed_from_u64(seed);
    loop {
        if let Err(e) = step(&core, &tokens, &mut rng, &mut acks).await {
            eprintln!("crash writer: an operation failed: {e}");
            return 3;
        }
    }
}

fn customer_input(n: usize) -> CustomerInput {
    let languages = ["zh-CN", "en", "ja", "ko"];
    CustomerInput {
        kind: CustomerKind::Person,
        name: format!("王{n}号"),
        name_latin: Some(format!("Wang {n}")),
        phones: vec![format!("1380000{:04}", n % 10_000)],
        email: None,
        nationality: None,
        preferred_language: languages[n % languages.len()].into(),
        vip: false,
        id_document_kind: None,
        id_document_number: None,
        notes: String::new(),
    }
}

/// One or more operations (a statement run is a call per batch), each acknowledged.
async fn step(core: &Steward, t: &Tokens, rng: &mut StdRng, acks: &mut Acks) -> Result<(), Error> {
    let db = &core.db;
    let roll = rng.gen_range(0..100);
    let customers: Vec<i32> =
        customer::Entity::find().select_only().column(customer::Column::Id).into_tuple().all(db).await?;
    if customers.len() < 3 || roll < 10 {
        let c = run::customer_create(cx(core, &t.desk, acks.now()), customer_input(acks.count)).await?;
        acks.ack(format!("customer {}", c.id));
        return Ok(());
    }
    if roll < 14 {
        return statements(core, t, acks).await;
    }
    let new_cases: Vec<i32> = service_case::Entity::find()
        .select_only()
        .column(service_case::Column::Id)
        .filter(service_case::Column::Status.eq(CaseStatus::New))
        .limit(10)
        .into_tuple()
        .all(db)
        .await?;
    if roll < 55 && !new_cases.is_empty() {
        let case_id = new_cases[rng.gen_range(0..new_cases.len())];
        let input = WorkOrderDispatch {
            case_id,
            department: Some(Department::Engineering),
            supplier_id: None,
            assignee_id: None,
            instructions: "检查并维修 check and repair".into(),
            priority: None,
            due_at: None,
            draft: false,
        };
        let d = run::work_order_dispatch(cx(core, &t.desk, acks.now()), input).await?;
        let wo = d.work_orders.last().map(|w| w.id).ok_or(Error::NotFound)?;
        acks.ack(format!("dispatch {wo}"));
        return Ok(());
    }
    let active =
        [WorkOrderStatus::Dispatched, WorkOrderStatus::Accepted, WorkOrderStatus::InProgress, WorkOrderStatus::Done];
    let orders = work_order::Entity::find()
        .filter(work_order::Column::Status.is_in(active))
        .order_by_asc(work_order::Column::Id)
        .limit(20)
        .all(db)
        .await?;
    if roll < 40 || orders.is_empty() {
        let input = CaseOpen {
            kind: CaseKind::Repair,
            channel: Channel::Hotline,
            priority: Priority::Normal,
            title: format!("漏水 leak {}", acks.count),
            description: "厨房水管漏水 kitchen pipe".into(),
            customer_id: Some(customers[rng.gen_range(0..customers.len())]),
            unit_id: None,
            caller_name: None,
            caller_phone: None,
            language: None,
            consultation_topic: None,
        };
        let d = run::case_open(cx(core, &t.desk, acks.now()), input).await?;
        acks.ack(format!("case {}", d.case.id));
        return Ok(());
    }
    let w = &orders[rng.gen_range(0..orders.len())];
    if w.status == WorkOrderStatus::InProgress && rng.gen_bool(0.5) {
        let input = WorkOrderChargeAdd {
            work_order_id: w.id,
            kind: ChargeKind::Labour,
            description: "人工 labour".into(),
            quantity: "1.5".into(),
            unit_price: "80".into(),
        };
        let d = run::work_order_charge_add(cx(core, &t.engineer, acks.now()), input).await?;
        let charge = d.work_orders.iter().find(|o| o.id == w.id).and_then(|o| o.charges.iter().map(|c| c.id).max());
        acks.ack(format!("charge {}", charge.ok_or(Error::NotFound)?));
        return Ok(());
    }
    let (to, token) = match w.status {
        WorkOrderStatus::Dispatched => (WorkOrderStatus::Accepted, &t.engineer),
        WorkOrderStatus::Accepted => (WorkOrderStatus::InProgress, &t.engineer),
        WorkOrderStatus::InProgress => (WorkOrderStatus::Done, &t.engineer),
        _ => (WorkOrderStatus::Verified, &t.desk),
    };
    let input = WorkOrderTransition {
        id: w.id,
        version: w.version,
        to,
        result: Some("换了阀门 valve replaced".into()),
        reason: None,
    };
    run::work_order_transition(cx(core, token, acks.now()), input).await?;
    acks.ack(format!("move {} {}", w.id, to.as_str()));
    Ok(())
}

/// The previous month's statements, a batch per call until done.
async fn statements(core: &Steward, t: &Tokens, acks: &mut Acks) -> Result<(), Error> {
    let last_month = acks.now().date_naive().with_day(1).and_then(|d| d.checked_sub_months(Months::new(1)));
    let month = last_month.map(|d| d.format("%Y-%m").to_string()).ok_or(Error::NotFound)?;
    let mut after = None;
    loop {
        let input = StatementRun { month: month.clone(), after, batch: Some(5) };
        let p = run::statement_run(cx(core, &t.manager, acks.now()), input).await?;
        acks.ack(format!("statement {month} {}", p.issued));
        if p.done || p.next_after.is_none() {
            return Ok(());
        }
        after = p.next_after;
    }
}

#[derive(Default)]
pub struct Report {
    pub lost: usize,
    pub integrity_failures: usize,
    pub problems: Vec<String>,
}

/// The progress of a work order along the writer's path.
fn rank(status: &str) -> u8 {
    match status {
        "dispatched" => 1,
        "accepted" => 2,
        "in_progress" => 3,
        "done" => 4,
        "verified" => 5,
        _ => 0,
    }
}

/// Things no committed operation leaves half-done: each a count of rows breaking it.
const WHOLE: &[(&str, &str)] = &[
    (
        "customer without its history or search terms",
        "SELECT COUNT(*) FROM customer c WHERE NOT EXISTS (SELECT 1 FROM change_log h WHERE h.entity = 'customer' \
         AND h.entity_id = c.id) OR NOT EXISTS (SELECT 1 FROM customer_search_term t WHERE t.customer_id = c.id)",
    ),
    (
        "case without its received event or search entry",
        "SELECT COUNT(*) FROM service_case c WHERE NOT EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id \
         AND e.kind = 'received') OR NOT EXISTS (SELECT 1 FROM case_fts f WHERE f.rowid = c.id)",
    ),
    (
        "case in progress without its work order",
        "SELECT COUNT(*) FROM service_case c WHERE c.status = 'in_progress' \
         AND NOT EXISTS (SELECT 1 FROM work_order w WHERE w.case_id = c.id)",
    ),
    (
        "work order without the events of its moves",
        "SELECT COUNT(*) FROM work_order w WHERE NOT EXISTS (SELECT 1 FROM case_event e WHERE e.work_order_id = w.id \
         AND e.kind = 'dispatched') OR (w.status IN ('done', 'verified') AND NOT EXISTS (SELECT 1 FROM case_event e \
         WHERE e.work_order_id = w.id AND e.kind = 'done')) OR (w.status = 'verified' AND NOT EXISTS \
         (SELECT 1 FROM case_event e WHERE e.work_order_id = w.id AND e.kind = 'verified'))",
    ),
    (
        "verified work order whose case has no follow-up",
        "SELECT COUNT(*) FROM work_order w JOIN service_case c ON c.id = w.case_id WHERE w.status = 'verified' \
         AND c.status = 'awaiting_follow_up' AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.case_id = c.id)",
    ),
    (
        "charge without its event",
        "SELECT COUNT(*) FROM work_order_charge ch WHERE NOT EXISTS (SELECT 1 FROM case_event e \
         WHERE e.work_order_id = ch.work_order_id AND e.kind = 'charge_added')",
    ),
    (
        "statement without lines, or whose total is not its lines' sum",
        "SELECT COUNT(*) FROM statement s WHERE NOT EXISTS (SELECT 1 FROM statement_line l WHERE l.statement_id = s.id) \
         OR s.total_cents <> (SELECT SUM(l.gross_cents) FROM statement_line l WHERE l.statement_id = s.id)",
    ),
    (
        "billed charge without a statement",
        "SELECT COUNT(*) FROM work_order_charge ch WHERE ch.statement_id IS NOT NULL \
         AND NOT EXISTS (SELECT 1 FROM statement s WHERE s.id = ch.statement_id)",
    ),
];

async fn count(db: &DatabaseConnection, sql: &str) -> Result<i64, Error> {
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql.to_owned())).await?;
    Ok(row.map(|r| r.try_get_by_index::<i64>(0)).transpose()?.unwrap_or(0))
}

async fn texts(db: &DatabaseConnection, sql: &str) -> Result<Vec<String>, Error> {
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql.to_owned())).await?;
    Ok(rows.iter().map(|r| r.try_get_by_index::<String>(0).unwrap_or_else(|_| "(row)".into())).collect())
}

/// Reopens the database and checks it: every acknowledged operation is there, no
/// operation is half-done, SQLite's own checks pass.
pub async fn check(target: &DatabaseTarget, acks: &Path) -> Report {
    let mut report = Report::default();
    let db = match db::connect(target).await {
        Ok(db) => db,
        Err(e) => {
            report.integrity_failures = 1;
            report.problems.push(format!("cannot reopen the database: {e}"));
            return report;
        }
    };
    if let Err(e) = check_open(&db, acks, &mut report).await {
        report.integrity_failures += 1;
        report.problems.push(format!("cannot read the database: {e}"));
    }
    let _ = db.close().await;
    report
}

async fn check_open(db: &DatabaseConnection, acks: &Path, report: &mut Report) -> Result<(), Error> {
    let integrity = texts(db, "PRAGMA integrity_check").await?;
    if integrity != ["ok"] {
        report.integrity_failures += 1;
        report.problems.push(format!("integrity_check: {}", integrity.join("; ")));
    }
    let foreign =
        texts(db, "SELECT \"table\" || ' row ' || rowid || ' -> ' || parent FROM pragma_foreign_key_check").await?;
    if !foreign.is_empty() {
        report.integrity_failures += 1;
        report.problems.push(format!("foreign_key_check: {}", foreign.join("; ")));
    }
    for (what, sql) in WHOLE {
        let n = count(db, sql).await?;
        if n > 0 {
            report.integrity_failures += 1;
            report.problems.push(format!("half-done: {n} {what}"));
        }
    }
    let mismatched = counts_mismatched(db).await?;
    if mismatched > 0 {
        report.integrity_failures += 1;
        report.problems.push(format!("half-done: {mismatched} maintained desk counts differ from a fresh count"));
    }

    let customers: HashSet<i32> = customer::Entity::find()
        .select_only()
        .column(customer::Column::Id)
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let cases: HashSet<i32> = service_case::Entity::find()
        .select_only()
        .column(service_case::Column::Id)
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let orders: HashMap<i32, &'static str> =
        work_order::Entity::find().all(db).await?.into_iter().map(|w| (w.id, w.status.as_str())).collect();
    let charges: HashSet<i32> = work_order_charge::Entity::find()
        .select_only()
        .column(work_order_charge::Column::Id)
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut issued: HashMap<String, i64> = HashMap::new();
    let mut missing = Vec::new();
    for line in acknowledged(acks) {
        let words: Vec<&str> = line.split(' ').collect();
        let id = |i: usize| words.get(i).and_then(|w| w.parse::<i32>().ok()).unwrap_or(-1);
        let there = match words.first().copied() {
            Some("customer") => customers.contains(&id(1)),
            Some("case") => cases.contains(&id(1)),
            Some("dispatch") => orders.contains_key(&id(1)),
            Some("move") => orders.get(&id(1)).is_some_and(|s| rank(s) >= rank(words.get(2).copied().unwrap_or(""))),
            Some("charge") => charges.contains(&id(1)),
            Some("statement") => {
                *issued.entry(words.get(1).copied().unwrap_or("").to_owned()).or_default() += i64::from(id(2).max(0));
                true
            }
            _ => false,
        };
        if !there {
            missing.push(line);
        }
    }
    for (month, n) in issued {
        let sql = format!("SELECT COUNT(*) FROM statement WHERE month = '{}'", month.replace('\'', ""));
        let found = count(db, &sql).await?;
        if found < n {
            missing.push(format!("statement {month}: {n} issued, {found} found"));
        }
    }
    report.lost = missing.len();
    if !missing.is_empty() {
        report.problems.push(format!("lost: {}", missing.join(", ")));
    }
    Ok(())
}

/// How many maintained desk counts differ from a fresh GROUP BY (the check of the suite's
/// `assert_counts`, as a number).
async fn counts_mismatched(db: &DatabaseConnection) -> Result<usize, Error> {
    let mut expected: HashMap<(String, String), i64> = HashMap::new();
    for (scope, sql) in [
        ("case_status", "SELECT status, COUNT(*) FROM service_case GROUP BY status"),
        (
            "owner_status",
            "SELECT CAST(owner_id AS TEXT) || ':' || status, COUNT(*) FROM service_case GROUP BY owner_id, status",
        ),
        ("work_order_status", "SELECT status, COUNT(*) FROM work_order GROUP BY status"),
        (
            "department_status",
            "SELECT department || ':' || status, COUNT(*) FROM work_order WHERE department IS NOT NULL \
             GROUP BY department, status",
        ),
        (
            "assignee_status",
            "SELECT CAST(assignee_id AS TEXT) || ':' || status, COUNT(*) FROM work_order \
             WHERE assignee_id IS NOT NULL GROUP BY assignee_id, status",
        ),
        (
            "follow_up_status",
            "SELECT CAST(owner_id AS TEXT) || ':' || status, COUNT(*) FROM follow_up GROUP BY owner_id, status",
        ),
    ] {
        for r in db.query_all_raw(Statement::from_string(db.get_database_backend(), sql.to_owned())).await? {
            expected.insert((scope.to_owned(), r.try_get_by_index(0)?), r.try_get_by_index(1)?);
        }
    }
    let mut kept: HashMap<(String, String), i64> = HashMap::new();
    let sql = "SELECT scope, key, n FROM desk_count WHERE n <> 0";
    for r in db.query_all_raw(Statement::from_string(db.get_database_backend(), sql.to_owned())).await? {
        kept.insert((r.try_get_by_index(0)?, r.try_get_by_index(1)?), r.try_get_by_index(2)?);
    }
    let keys: HashSet<&(String, String)> = expected.keys().chain(kept.keys()).collect();
    Ok(keys.into_iter().filter(|k| expected.get(*k) != kept.get(*k)).count())
}
