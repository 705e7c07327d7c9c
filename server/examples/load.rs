//! `bench server_load_20desks`: 20 desks, each its own signed-in session over HTTPS on
//! loopback, each sending 5 commands a second of a desk's usual mix (lists, a case, a
//! customer, alerts or the dashboard, counts; one write in ten) for 60 s (`--quick`: 10 s),
//! while holding its event stream open. Prints
//! `bench server_load_20desks <sqlite|postgres> p50_ms=<x> p95_ms=<y> errors=<n>`.
//!
//! `cargo run --release -p steward-server --example load -- --database-url <url> [--quick]`

// A benchmark's own setup failing ends the run: expect() says where.
#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "../tests/suite/pinned.rs"]
mod pinned;

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use steward_server::cli::Args;
use steward_server::limits::Rate;
use steward_server::tls::{Certificate, Source};
use steward_server::{Options, is_postgres};

const DESKS: usize = 20;
const PER_SECOND: u64 = 5;
const PASSWORD: &str = "Lotus-Garden-7";

struct Desk {
    client: reqwest::Client,
    base: String,
    token: String,
}

impl Desk {
    async fn call(&self, command: &str, input: &Value) -> Result<Value, String> {
        let resp = self
            .client
            .post(format!("{}/v1/call/{command}", self.base))
            .bearer_auth(&self.token)
            .header("Accept-Language", "zh-CN")
            .json(input)
            .send()
            .await
            .map_err(|e| format!("{command}: {e}"))?;
        let status = resp.status();
        let body: Value = resp.json().await.map_err(|e| format!("{command}: {e}"))?;
        if status.is_success() { Ok(body) } else { Err(format!("{command}: {status} {body}")) }
    }
}

async fn post(client: &reqwest::Client, base: &str, token: Option<&str>, command: &str, input: Value) -> Value {
    let mut req = client.post(format!("{base}/v1/call/{command}")).json(&input);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let resp = req.send().await.unwrap_or_else(|e| panic!("{command}: {e}"));
    let status = resp.status();
    let body: Value = resp.json().await.unwrap_or_else(|e| panic!("{command}: {e}"));
    assert!(status.is_success(), "{command}: {status} {body}");
    body
}

/// The n-th request of a desk: mostly reads, a case opened one time in ten; desks 0 and
/// 10 are the office's managers, who look at the dashboard where the others check alerts.
fn request(n: u64, desk: usize, cases: &[i64], customers: &[i64]) -> (&'static str, Value) {
    let pick = |ids: &[i64]| ids.get((n as usize * 7 + desk * 13) % ids.len().max(1)).copied().unwrap_or(1);
    let now = chrono::Utc::now();
    match n % 10 {
        0 | 5 => ("case_list", json!({ "page": 1, "page_size": 50, "status": null })),
        1 | 6 => ("case_get", json!({ "id": pick(cases) })),
        2 => (
            "customer_list",
            json!({ "page": 1, "page_size": 50, "search": if n % 20 == 2 { json!("王") } else { Value::Null } }),
        ),
        3 => ("customer_get", json!({ "id": pick(customers) })),
        4 if !desk.is_multiple_of(10) => ("alert_list", json!({ "unread_only": true, "page": 1, "page_size": 20 })),
        4 => (
            "desk_dashboard",
            json!({ "from": (now - chrono::Duration::days(30)).to_rfc3339(), "to": now.to_rfc3339() }),
        ),
        7 => ("case_kanban_counts", json!({})),
        8 => ("desk_badges", Value::Null),
        _ => (
            "case_open",
            json!({
                "kind": "repair", "channel": "hotline", "priority": "normal", "title": format!("漏水 {desk}-{n}"),
                "description": "卫生间漏水，请尽快处理。", "customer_id": pick(customers), "unit_id": null,
                "caller_name": null, "caller_phone": null, "language": null
            }),
        ),
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let mut url = None;
    let mut quick = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--database-url" => url = args.next(),
            "--quick" => quick = true,
            other => panic!("unknown argument {other}"),
        }
    }
    let url = url.expect("--database-url");
    let seconds = if quick { 10 } else { 60 };
    let data_dir = std::env::temp_dir().join(format!("steward-load-{}", std::process::id()));
    let server_args = Args { database_url: Some(url), data_dir: Some(data_dir.clone()), ..Args::default() };
    let core = steward_server::open_core(&server_args, true).await.expect("open the database");
    let db = if is_postgres(&core) { "postgres" } else { "sqlite" };
    let certificate = Certificate::load(Source::SelfMade { data_dir: &data_dir }).expect("certificate");
    // The real per-session limit; sign-ins from one address get room for 20 desks.
    let options = Options {
        listen: "127.0.0.1:0".parse().expect("address"),
        name: "load".into(),
        certificate,
        session_rate: Rate::SESSION,
        address_rate: Rate { per_second: 50, burst: 100 },
        sweep: true,
    };
    let running = steward_server::start(core, options).await.expect("server");
    let base = format!("https://127.0.0.1:{}", running.address.port());
    let setup = pinned::client(&running.fingerprint);
    let manager = post(
        &setup,
        &base,
        None,
        "setup_first_manager",
        json!({ "username": "manager", "display_name": "李经理", "password": PASSWORD, "locale": "zh-CN", "load_demo": true }),
    )
    .await["token"]
        .as_str()
        .expect("token")
        .to_owned();
    let cases: Vec<i64> = post(&setup, &base, Some(&manager), "case_list", json!({ "page": 1, "page_size": 200 }))
        .await["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|c| c["id"].as_i64()).collect())
        .unwrap_or_default();
    let customers: Vec<i64> =
        post(&setup, &base, Some(&manager), "customer_list", json!({ "page": 1, "page_size": 200 })).await["items"]
            .as_array()
            .map(|a| a.iter().filter_map(|c| c["id"].as_i64()).collect())
            .unwrap_or_default();
    let mut desks = Vec::new();
    for i in 0..DESKS {
        let username = format!("desk{i:02}");
        post(
            &setup,
            &base,
            Some(&manager),
            "staff_create",
            json!({ "username": username, "display_name": format!("前台 {i}"),
                    "role": if i.is_multiple_of(10) { "manager" } else { "desk" },
                    "department": if i.is_multiple_of(10) { "management" } else { "customer_service" },
                    "languages": [{ "language": "zh-CN", "level": "native" }], "password": PASSWORD }),
        )
        .await;
        let client = pinned::client(&running.fingerprint);
        let token =
            post(&client, &base, None, "login", json!({ "username": username, "password": PASSWORD })).await["token"]
                .as_str()
                .expect("token")
                .to_owned();
        desks.push(Desk { client, base: base.clone(), token });
    }
    eprintln!(
        "load: {DESKS} desks signed in on {db}; {} cases, {} customers; {seconds} s",
        cases.len(),
        customers.len()
    );

    let until = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for (i, desk) in desks.into_iter().enumerate() {
        let (cases, customers) = (cases.clone(), customers.clone());
        tasks.push(tokio::spawn(async move {
            // Each desk listens for changes, as the app does.
            let events = desk.client.get(format!("{}/v1/events", desk.base)).bearer_auth(&desk.token).send().await;
            let listener = tokio::spawn(async move {
                if let Ok(mut stream) = events {
                    while let Ok(Some(_)) = stream.chunk().await {}
                }
            });
            // Desks start spread over the first interval rather than all at once.
            let every = Duration::from_millis(1000 / PER_SECOND);
            tokio::time::sleep(every * i as u32 / DESKS as u32).await;
            let mut tick = tokio::time::interval(every);
            let (mut latencies, mut errors) = (Vec::new(), Vec::new());
            let mut n = 0;
            while Instant::now() < until {
                tick.tick().await;
                let (command, input) = request(n, i, &cases, &customers);
                let started = Instant::now();
                if let Err(e) = desk.call(command, &input).await {
                    errors.push(e);
                }
                latencies.push((command, started.elapsed().as_secs_f64() * 1000.0));
                n += 1;
            }
            listener.abort();
            (latencies, errors)
        }));
    }
    let mut timed: Vec<(&str, f64)> = Vec::new();
    let mut errors = Vec::new();
    for t in tasks {
        let (l, e) = t.await.expect("desk");
        timed.extend(l);
        errors.extend(e);
    }
    // Per command on stderr, to see where the time goes.
    let mut commands: Vec<&str> = timed.iter().map(|(c, _)| *c).collect();
    commands.sort_unstable();
    commands.dedup();
    for command in commands {
        let mut ms: Vec<f64> = timed.iter().filter(|(c, _)| *c == command).map(|(_, ms)| *ms).collect();
        ms.sort_by(f64::total_cmp);
        eprintln!(
            "load: {command:<20} n={:<5} p50_ms={:.1} p95_ms={:.1}",
            ms.len(),
            percentile(&ms, 0.5),
            percentile(&ms, 0.95)
        );
    }
    let mut latencies: Vec<f64> = timed.iter().map(|(_, ms)| *ms).collect();
    latencies.sort_by(f64::total_cmp);
    for e in errors.iter().take(5) {
        eprintln!("load error: {e}");
    }
    eprintln!("load: {} requests", latencies.len());
    println!(
        "bench server_load_20desks {db} p50_ms={:.1} p95_ms={:.1} errors={}",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.95),
        errors.len()
    );
    running.stop().await;
    let _ = std::fs::remove_dir_all(&data_dir);
}
