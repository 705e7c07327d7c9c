//! The race proof: editors in separate processes count up the same cases and customers
//! with their row versions. Every save is either acknowledged (and counted exactly once)
//! or refused with `conflict`; at the end each row's count equals the acknowledged saves,
//! and its history holds one entry per save.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::Utc;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use steward_core::accounts::auth::LoginInput;
use steward_core::api::run;
use steward_core::db::DatabaseTarget;
use steward_core::desk::cases::{CaseEdit, CaseGet, CaseOpen};
use steward_core::directory::customers::{CustomerGet, CustomerInput, CustomerUpdate};
use steward_core::domain::{CaseKind, Channel, CustomerKind, Priority};
use steward_core::sea_orm::{ConnectionTrait, Statement};
use steward_core::{Error, Session, Steward};

use crate::{PASSWORD, arg, cx, fail, number, office, open};

const ROWS: usize = 3;

/// "edits=N" → N.
fn edits(text: &str) -> Option<u64> {
    text.strip_prefix("edits=").and_then(|n| n.parse().ok())
}

fn ids(args: &[String], name: &str) -> Vec<i32> {
    arg(args, name).unwrap_or_default().split(',').filter_map(|s| s.parse().ok()).collect()
}

pub async fn harness(args: &[String]) -> i32 {
    let url = arg(args, "--database-url").unwrap_or_else(|| fail("race needs --database-url"));
    let target = DatabaseTarget::parse(&url).unwrap_or_else(|| fail("--database-url: sqlite://path or postgres://…"));
    let updates = number(args, "--updates", 200);
    let processes = number(args, "--processes", 2);
    let kind = match &target {
        DatabaseTarget::Sqlite(path) => {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
            "sqlite"
        }
        DatabaseTarget::Postgres(_) => "postgres",
    };
    let now = Utc::now();
    let core = open(&target, now).await;
    let manager = office(&core, now, &[]).await.remove(0);
    let (mut cases, mut customers) = (Vec::new(), Vec::new());
    for i in 0..ROWS {
        let input = CustomerInput {
            kind: CustomerKind::Person,
            name: format!("李{i}"),
            name_latin: None,
            phones: vec![format!("1390000{i:04}")],
            email: None,
            nationality: None,
            preferred_language: "zh-CN".into(),
            vip: false,
            id_document_kind: None,
            id_document_number: None,
            notes: "edits=0".into(),
        };
        let c = run::customer_create(cx(&core, &manager, now), input).await.expect("customer");
        customers.push(c.id.to_string());
        let input = CaseOpen {
            kind: CaseKind::Complaint,
            channel: Channel::Hotline,
            priority: Priority::Normal,
            title: format!("噪音 noise {i}"),
            description: "edits=0".into(),
            customer_id: Some(c.id),
            unit_id: None,
            caller_name: None,
            caller_phone: None,
            language: None,
            consultation_topic: None,
        };
        cases.push(run::case_open(cx(&core, &manager, now), input).await.expect("case").case.id.to_string());
    }

    let exe = std::env::current_exe().expect("own path");
    let editors: Vec<_> = (0..processes)
        .map(|k| {
            Command::new(&exe)
                .args(["race-editor", "--database-url", &url, "--updates", &updates.to_string()])
                .args(["--seed", &k.to_string(), "--cases", &cases.join(","), "--customers", &customers.join(",")])
                .stdout(Stdio::piped())
                .spawn()
                .expect("start an editor")
        })
        .collect();
    let (mut acknowledged, mut conflicts, mut failed) = (0u64, 0u64, false);
    for mut editor in editors {
        let mut last = String::new();
        if let Some(out) = editor.stdout.take() {
            for line in BufReader::new(out).lines().map_while(std::result::Result::ok) {
                last = line;
            }
        }
        let status = editor.wait().expect("editor");
        let field = |name: &str| {
            last.split(' ').find_map(|w| w.strip_prefix(name)).and_then(|n| n.parse::<u64>().ok()).unwrap_or(0)
        };
        acknowledged += field("updates=");
        conflicts += field("conflicts=");
        failed |= !status.success();
    }

    // What the rows hold, and their history: one entry per acknowledged save.
    let (mut counted, mut history_mismatches) = (0u64, 0u64);
    let db = &core.db;
    for id in &cases {
        let n = value(db, &format!("SELECT description FROM service_case WHERE id = {id}")).await;
        let events =
            total(db, &format!("SELECT COUNT(*) FROM case_event WHERE case_id = {id} AND kind = 'edited'")).await;
        counted += n;
        history_mismatches += u64::from(events != n);
    }
    for id in &customers {
        let n = value(db, &format!("SELECT notes FROM customer WHERE id = {id}")).await;
        let entries = total(
            db,
            &format!(
                "SELECT COUNT(*) FROM change_log WHERE entity = 'customer' AND entity_id = {id} AND action = 'update'"
            ),
        )
        .await;
        counted += n;
        history_mismatches += u64::from(entries != n);
    }
    let lost = acknowledged.saturating_sub(counted);
    let unacknowledged = counted.saturating_sub(acknowledged);
    if unacknowledged > 0 || history_mismatches > 0 {
        eprintln!(
            "race: {unacknowledged} saves counted that no editor was told of; {history_mismatches} rows whose history differs"
        );
    }
    println!("race {kind} updates={acknowledged} lost={lost} conflicts={conflicts}");
    let expected = updates * processes;
    i32::from(failed || lost > 0 || unacknowledged > 0 || history_mismatches > 0 || acknowledged != expected)
}

async fn value(db: &steward_core::sea_orm::DatabaseConnection, sql: &str) -> u64 {
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql.to_owned())).await.expect("read");
    let text: String = row.expect("row").try_get_by_index(0).expect("text");
    edits(&text).unwrap_or_else(|| fail(&format!("not a count: {text}")))
}

async fn total(db: &steward_core::sea_orm::DatabaseConnection, sql: &str) -> u64 {
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql.to_owned())).await.expect("read");
    let n: i64 = row.expect("row").try_get_by_index(0).expect("count");
    u64::try_from(n).unwrap_or(0)
}

/// Counts up random rows until `--updates` saves were acknowledged; prints
/// `edited updates=N conflicts=M`. Any refusal other than `conflict` ends it with an error.
pub async fn editor(args: &[String]) -> i32 {
    let url = arg(args, "--database-url").unwrap_or_else(|| fail("race-editor needs --database-url"));
    let target = DatabaseTarget::parse(&url).unwrap_or_else(|| fail("bad --database-url"));
    let updates = number(args, "--updates", 200);
    let mut rng = StdRng::seed_from_u64(number(args, "--seed", 0));
    let (cases, customers) = (ids(args, "--cases"), ids(args, "--customers"));
    let core = open(&target, Utc::now()).await;
    let public = core.cx(Session::of(None, "en"), Utc::now());
    let login = LoginInput { username: "manager".into(), password: PASSWORD.into() };
    let token = run::login(public, login).await.expect("sign in").token;
    let (mut acknowledged, mut conflicts) = (0u64, 0u64);
    let mut per_row: HashMap<String, u64> = HashMap::new();
    while acknowledged < updates {
        let on_case = rng.gen_bool(0.5);
        let rows = if on_case { &cases } else { &customers };
        let id = rows[rng.gen_range(0..rows.len())];
        // Sometimes wait between reading and saving, as a person at a form does.
        let pause = rng.gen_bool(0.3).then(|| Duration::from_millis(rng.gen_range(0..3)));
        let saved = if on_case {
            edit_case(&core, &token, id, pause).await
        } else {
            edit_customer(&core, &token, id, pause).await
        };
        match saved {
            Ok(()) => {
                acknowledged += 1;
                *per_row.entry(format!("{}{id}", if on_case { "case" } else { "customer" })).or_default() += 1;
            }
            Err(Error::Conflict) => conflicts += 1,
            Err(e) => {
                eprintln!("race editor: a save failed with {} (only conflict is allowed): {e}", e.code().as_str());
                println!("edited updates={acknowledged} conflicts={conflicts}");
                return 1;
            }
        }
    }
    println!("edited updates={acknowledged} conflicts={conflicts}");
    0
}

async fn edit_case(core: &Steward, token: &str, id: i32, pause: Option<Duration>) -> Result<(), Error> {
    let c = run::case_get(cx(core, token, Utc::now()), CaseGet { id }).await?.case;
    let n = edits(&c.description).ok_or(Error::NotFound)?;
    if let Some(p) = pause {
        tokio::time::sleep(p).await;
    }
    let input = CaseEdit {
        id,
        version: c.version,
        kind: c.kind,
        channel: c.channel,
        priority: c.priority,
        title: c.title,
        description: format!("edits={}", n + 1),
        customer_id: c.customer_id,
        unit_id: c.unit_id,
        caller_name: c.caller_name,
        caller_phone: c.caller_phone,
        language: Some(c.language),
        consultation_topic: c.consultation_topic,
    };
    run::case_edit(cx(core, token, Utc::now()), input).await.map(|_| ())
}

async fn edit_customer(core: &Steward, token: &str, id: i32, pause: Option<Duration>) -> Result<(), Error> {
    let c = run::customer_get(cx(core, token, Utc::now()), CustomerGet { id }).await?;
    let n = edits(&c.notes).ok_or(Error::NotFound)?;
    if let Some(p) = pause {
        tokio::time::sleep(p).await;
    }
    let customer = CustomerInput {
        kind: c.kind,
        name: c.name,
        name_latin: c.name_latin,
        phones: c.phones,
        email: c.email,
        nationality: c.nationality,
        preferred_language: c.preferred_language,
        vip: c.vip,
        id_document_kind: c.id_document_kind,
        id_document_number: None,
        notes: format!("edits={}", n + 1),
    };
    run::customer_update(cx(core, token, Utc::now()), CustomerUpdate { id, version: c.version, customer })
        .await
        .map(|_| ())
}
