//! The service desk figures: a fill of cases with their work orders, timeline, follow-ups,
//! search index and maintained counts, written in bulk SQL shaped as the core's own writes
//! leave them (migration m20261127_000002_service_desk, `desk::common::settle`), and the
//! entries for the desk's hot reads through `api::run::case_list`, `case_get` and
//! `case_kanban_counts`.

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use steward_core::api::run::{case_get, case_kanban_counts, case_list};
use steward_core::desk::cases::{CaseGet, CaseQuery, KanbanQuery};
use steward_core::desk::rules::text;
use steward_core::domain::{CaseStatus, Department};
use steward_core::sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use steward_core::{Session, Steward};

use super::{Dice, Entry, current_unit, exec, insert_rows, q};

/// SQLite keeps sqlx's RFC 3339 text of a UTC time; PostgreSQL reads the same literal.
fn at(t: DateTime<Utc>) -> String {
    format!("'{}'", t.format("%Y-%m-%dT%H:%M:%S+00:00"))
}

fn opt_at(t: Option<DateTime<Utc>>) -> String {
    t.map(at).unwrap_or_else(|| "NULL".into())
}

/// (kind, weight per mille, titles). Mostly Chinese, some English (the office's foreign
/// residents), so `漏`, `漏水`, `厨房水管漏` and `leak` hit about as often as at a real desk.
const KINDS: &[(&str, u32, &[&str])] = &[
    (
        "repair",
        560,
        &[
            "厨房水管漏水",
            "卫生间漏水到楼下",
            "卫生间下水道堵塞",
            "客厅灯不亮",
            "空调不制冷",
            "空调外机漏水",
            "入户门锁损坏",
            "电梯故障停运",
            "楼道灯坏了",
            "窗户玻璃破裂",
            "热水器不出热水",
            "阳台渗水",
            "屋顶漏雨",
            "厨房水管漏水，地面积水",
            "马桶水箱漏水",
            "暖气片漏水",
            "墙面开裂脱落",
            "门禁卡失灵",
            "插座没电",
            "水龙头关不紧",
            "Kitchen pipe leak",
            "Water leaking from the ceiling",
            "Air conditioner not cooling",
            "Bathroom drain blocked",
            "Front door lock broken",
        ],
    ),
    (
        "complaint",
        180,
        &[
            "楼上噪音扰民",
            "车位被占用",
            "垃圾未及时清运",
            "宠物粪便未清理",
            "装修噪音",
            "楼上漏水没人处理",
            "保安态度不好",
            "Noise from upstairs at night",
        ],
    ),
    (
        "inquiry",
        120,
        &["物业费缴纳方式", "停车卡办理", "快递代收时间", "装修申请流程", "How to pay the service charge"],
    ),
    ("suggestion", 50, &["建议增加儿童游乐设施", "建议小区增设充电桩", "建议延长泳池开放时间"]),
    ("service_request", 70, &["预约开荒保洁", "申请临时停车", "预约搬家电梯", "申请开具证明"]),
    ("praise", 20, &["表扬保安热心帮助", "感谢维修师傅及时处理", "Thanks to the cleaning team"]),
];
const DETAILS: &[&str] = &[
    "请尽快安排师傅上门",
    "业主下午在家",
    "已经持续两天",
    "影响正常生活",
    "联系电话见登记",
    "上次维修后又出现",
    "晚上七点以后方便",
    "家里有老人，请先电话联系",
    "钥匙放在物业前台",
    "情况比较紧急",
    "Please call before coming, the leak is getting worse",
    "Tenant is home after 6 pm",
];
const REMARKS: &[&str] = &["业主表示满意", "师傅态度好，处理及时", "希望以后响应快一点", "Very happy with the repair"];
const CHANNELS: &[&str] =
    &["hotline", "hotline", "hotline", "walk_in", "letter", "online", "online", "patrol", "other"];
const PRIORITIES: &[&str] = &["low", "normal", "normal", "normal", "normal", "high", "urgent"];
const DEPARTMENTS: &[&str] = &["engineering", "cleaning", "security", "landscaping", "customer_service"];

fn department_for(kind: &str, d: &mut Dice) -> &'static str {
    match kind {
        "repair" if d.below(10) < 8 => "engineering",
        "repair" => "cleaning",
        "complaint" => ["security", "cleaning", "customer_service", "engineering"][d.below(4)],
        _ => DEPARTMENTS[d.below(DEPARTMENTS.len())],
    }
}

/// The rows of one chunk of cases, in the shape of each table's INSERT.
#[derive(Default)]
struct Rows {
    cases: Vec<String>,
    fts: Vec<String>,
    orders: Vec<String>,
    events: Vec<String>,
    follow_ups: Vec<String>,
    departments: Vec<String>,
}

const CASE_HEAD: &str = "INSERT INTO service_case (id, kind, channel, priority, status, title, description, \
    customer_id, unit_id, caller_name, caller_phone, language, received_by, owner_id, received_at, response_due_at, \
    completion_due_at, due_at, responded_at, completed_at, closed_at, reopened_at, escalation_level, escalated_at, \
    next_escalation_at, reopen_count, satisfaction, search_text, version, created_at, updated_at";
const ORDER_HEAD: &str = "INSERT INTO work_order (id, case_id, seq, department, supplier_id, assignee_id, \
    instructions, priority, status, resume_status, due_at, result, reason, dispatched_at, accepted_at, started_at, \
    done_at, verified_at, cancelled_at, escalation_level, next_escalation_at, created_by, version, created_at, updated_at)";
const EVENT_HEAD: &str = "INSERT INTO case_event (case_id, work_order_id, at, staff_id, kind, note, data)";
const FOLLOW_UP_HEAD: &str = "INSERT INTO follow_up (case_id, owner_id, status, due_at, attempts, satisfaction, \
    remark, language, done_at, done_by, version, created_at, updated_at)";

/// `n` cases over the last three years (newest = highest id), their work orders, timeline,
/// follow-ups, search index and the maintained counts; the manager (staff 1) received and
/// owns them all.
pub async fn fill(
    db: &DatabaseConnection,
    n: usize,
    customers: &[(String, Option<String>)],
    unit_labels: &[String],
    now: DateTime<Utc>,
) {
    let pg = db.get_database_backend() == DbBackend::Postgres;
    let mut d = Dice(20261128);
    let span = Duration::days(3 * 365).num_seconds();
    let started = now - Duration::days(3 * 365);
    let mut counts: BTreeMap<(&str, String), i64> = BTreeMap::new();
    let mut order_id = 0usize;
    let mut rows = Rows::default();
    let (mut t_cases, mut t_orders, mut t_events, mut t_follow, mut t_fts) = (0u128, 0u128, 0u128, 0u128, 0u128);
    let (mut n_orders, mut n_events, mut n_follow) = (0usize, 0usize, 0usize);
    const CHUNK: usize = 50_000;
    for i in 1..=n {
        // At most a minute before `now`, so nothing is received in the future.
        let received = started + Duration::seconds((span - 60) * i as i64 / n as i64);
        let roll = d.below(1000) as u32;
        let mut acc = 0;
        let (kind, titles) = KINDS
            .iter()
            .find(|(_, w, _)| {
                acc += w;
                roll < acc
            })
            .map(|(k, _, t)| (*k, *t))
            .unwrap_or((KINDS[0].0, KINDS[0].2));
        let title = *d.pick(titles);
        let description = format!("{title}，{}。{}", d.pick(DETAILS), d.pick(DETAILS));
        let customer = d.below(customers.len()) + 1;
        let unit = current_unit(customer - 1, unit_labels.len());
        // The newest hundredth is the open work; older cases are closed but for stragglers.
        let status = if i * 100 > n * 99 {
            ["new", "in_progress", "in_progress", "awaiting_follow_up", "closed"][d.below(5)]
        } else if d.below(500) == 0 {
            "in_progress"
        } else {
            "closed"
        };
        let priority = *d.pick(PRIORITIES);
        let channel = *d.pick(CHANNELS);
        let response_due = received + Duration::hours(2);
        let completion_due = received + Duration::days(1);
        let responded = (status != "new").then(|| received + Duration::minutes(20));
        let completed = matches!(status, "awaiting_follow_up" | "closed").then(|| received + Duration::hours(20));
        let closed_at = (status == "closed").then(|| received + Duration::days(2));
        // `settle`: the pending due time, escalating from level 0 at that time.
        let due = match status {
            "new" => Some(response_due),
            "in_progress" => Some(completion_due),
            _ => None,
        };
        let satisfaction = (status == "closed").then(|| 3 + d.below(3));
        let (customer_name, customer_latin) = &customers[customer - 1];
        let mut text = vec![text::case_number(i as i32), title.to_owned(), description.clone(), customer_name.clone()];
        text.extend(customer_latin.clone());
        text.extend(unit.map(|u| unit_labels[u - 1].clone()));
        rows.events.push(format!(
            "({i}, NULL, {}, 1, 'received', '', {})",
            at(received),
            q(&format!(r#"{{"channel":"{channel}","kind":"{kind}","priority":"{priority}"}}"#))
        ));
        let order_count = match status {
            "new" => 0,
            _ if d.below(4) == 0 => 2,
            _ => 1,
        };
        let mut case_departments: Vec<&str> = Vec::new();
        for seq in 1..=order_count {
            order_id += 1;
            let department = department_for(kind, &mut d);
            // `note_department`: one row per case and department.
            if !case_departments.contains(&department) {
                case_departments.push(department);
                rows.departments.push(format!("({i}, {}, {}, {})", q(department), q(status), at(received)));
            }
            let wo_status = match status {
                "in_progress" => ["dispatched", "accepted", "in_progress"][d.below(3)],
                _ => "verified",
            };
            let dispatched = received + Duration::minutes(20);
            let accepted = (wo_status != "dispatched").then(|| received + Duration::minutes(40));
            let begun = matches!(wo_status, "in_progress" | "verified").then(|| received + Duration::hours(1));
            let done = completed.map(|c| c - Duration::hours(1));
            let instructions = match unit {
                Some(u) => format!("{title}：请到{}处理", unit_labels[u - 1]),
                None => format!("{title}：请尽快处理"),
            };
            let result = (wo_status == "verified").then_some("已处理完毕，业主确认");
            text.push(instructions.clone());
            text.extend(result.map(str::to_owned));
            rows.orders.push(format!(
                "({order_id}, {i}, {seq}, {}, NULL, NULL, {}, {}, {}, NULL, {}, {}, NULL, {}, {}, {}, {}, {}, NULL, 0, {}, 1, 1, {}, {})",
                q(department),
                q(&instructions),
                q(priority),
                q(wo_status),
                at(completion_due),
                result.map(q).unwrap_or_else(|| "NULL".into()),
                at(dispatched),
                opt_at(accepted),
                opt_at(begun),
                opt_at(done),
                opt_at(completed),
                opt_at((wo_status != "verified").then_some(completion_due)),
                at(dispatched),
                at(completed.unwrap_or(dispatched)),
            ));
            rows.events.push(format!(
                "({i}, {order_id}, {}, 1, 'dispatched', '', {})",
                at(dispatched),
                q(&format!(r#"{{"department":"{department}"}}"#))
            ));
            *counts.entry(("work_order_status", wo_status.to_owned())).or_default() += 1;
            *counts.entry(("department_status", format!("{department}:{wo_status}"))).or_default() += 1;
        }
        if let Some(completed) = completed {
            let done = status == "closed";
            let remark = (done && d.below(5) == 0).then(|| *d.pick(REMARKS));
            text.extend(remark.map(str::to_owned));
            let follow_status = if done { "done" } else { "pending" };
            rows.follow_ups.push(format!(
                "({i}, 1, '{follow_status}', {}, {}, {}, {}, 'zh-CN', {}, {}, 1, {}, {})",
                at(completed + Duration::hours(24)),
                if done { 1 } else { 0 },
                satisfaction.map_or("NULL".into(), |s| s.to_string()),
                remark.map(q).unwrap_or_else(|| "NULL".into()),
                opt_at(closed_at),
                if done { "1" } else { "NULL" },
                at(completed),
                at(closed_at.unwrap_or(completed)),
            ));
            *counts.entry(("follow_up_status", format!("1:{follow_status}"))).or_default() += 1;
        }
        if let Some(closed_at) = closed_at {
            rows.events.push(format!("({i}, NULL, {}, 1, 'closed', '', '{{}}')", at(closed_at)));
        }
        *counts.entry(("case_status", status.to_owned())).or_default() += 1;
        *counts.entry(("owner_status", format!("1:{status}"))).or_default() += 1;
        let search_text = text.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join("\n");
        let spaced = text::index_text(&search_text);
        let tok = if pg { format!(", to_tsvector('simple', {})", q(&spaced)) } else { String::new() };
        rows.cases.push(format!(
            "({i}, {}, {}, {}, {}, {}, {}, {customer}, {}, NULL, NULL, 'zh-CN', 1, 1, {}, {}, {}, {}, {}, {}, {}, NULL, 0, NULL, {}, 0, {}, {}, 1, {}, {}{tok})",
            q(kind),
            q(channel),
            q(priority),
            q(status),
            q(title),
            q(&description),
            unit.map_or("NULL".into(), |u| u.to_string()),
            at(received),
            at(response_due),
            at(completion_due),
            opt_at(due),
            opt_at(responded),
            opt_at(completed),
            opt_at(closed_at),
            opt_at(due),
            satisfaction.map_or("NULL".into(), |s| s.to_string()),
            q(&search_text),
            at(received),
            at(closed_at.or(completed).unwrap_or(received)),
        ));
        if !pg {
            rows.fts.push(format!("({i}, {})", q(&spaced)));
        }
        if i % CHUNK == 0 || i == n {
            let r = std::mem::take(&mut rows);
            n_orders += r.orders.len();
            n_events += r.events.len();
            n_follow += r.follow_ups.len();
            let t = Instant::now();
            let tok_col = if pg { ", tok)" } else { ")" };
            insert_rows(db, &format!("{CASE_HEAD}{tok_col}"), r.cases).await;
            t_cases += t.elapsed().as_millis();
            let t = Instant::now();
            insert_rows(db, ORDER_HEAD, r.orders).await;
            insert_rows(
                db,
                "INSERT INTO case_department (case_id, department, case_status, received_at)",
                r.departments,
            )
            .await;
            t_orders += t.elapsed().as_millis();
            let t = Instant::now();
            insert_rows(db, EVENT_HEAD, r.events).await;
            t_events += t.elapsed().as_millis();
            let t = Instant::now();
            insert_rows(db, FOLLOW_UP_HEAD, r.follow_ups).await;
            t_follow += t.elapsed().as_millis();
            let t = Instant::now();
            if !pg {
                insert_rows(db, "INSERT INTO case_fts (rowid, text)", r.fts).await;
            }
            t_fts += t.elapsed().as_millis();
        }
    }
    println!("fill service_case rows={n} ms={t_cases}");
    println!("fill work_order rows={n_orders} ms={t_orders}");
    println!("fill case_event rows={n_events} ms={t_events}");
    println!("fill follow_up rows={n_follow} ms={t_follow}");
    if !pg {
        println!("fill case_fts rows={n} ms={t_fts}");
    }
    // The counts `recount` would have left after these writes.
    exec(db, "DELETE FROM desk_count").await;
    let count_rows = counts.into_iter().map(|((scope, key), n)| format!("({}, {}, {n})", q(scope), q(&key)));
    insert_rows(db, "INSERT INTO desk_count (scope, key, n)", count_rows).await;
    if pg {
        for t in ["service_case", "work_order", "case_event", "follow_up"] {
            exec(db, &format!("SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT MAX(id) FROM {t}))")).await;
        }
    }
}

/// The columns of a case row as the screen shows it, by hand: the case with its
/// customer, unit and staff names (`c` is the case).
const ROW: &str = "SELECT c.*, cu.name AS customer_name, b.name AS building_name, u.number AS unit_number, \
    o.display_name AS owner_name, r.display_name AS received_by_name FROM ";
const ROW_JOINS: &str = " LEFT JOIN customer cu ON cu.id = c.customer_id LEFT JOIN unit u ON u.id = c.unit_id \
    LEFT JOIN building b ON b.id = u.building_id JOIN staff o ON o.id = c.owner_id JOIN staff r ON r.id = c.received_by";

fn query(search: Option<&str>, department: Option<Department>, status: Option<CaseStatus>) -> CaseQuery {
    CaseQuery {
        search: search.map(str::to_owned),
        kind: None,
        status,
        department,
        owner_id: None,
        building_id: None,
        customer_id: None,
        unit_id: None,
        overdue: None,
        received_from: None,
        received_to: None,
        channel: None,
        language: None,
        page: 1,
        page_size: 50,
    }
}

/// A page of search hits by hand: the capped count and the newest 50 rows.
fn search_raw(backend: DbBackend, search: &str) -> Vec<String> {
    let tokens = text::query_tokens(search);
    if backend == DbBackend::Postgres {
        // As the core does it: the newest 2,000 cases scanned, not the GIN index (whose
        // recheck of a common phrase reads tens of thousands of rows).
        let hits = format!(
            "SELECT r.id FROM (SELECT id, tok FROM service_case ORDER BY id DESC LIMIT 2000) r \
             WHERE r.tok @@ to_tsquery('simple', {}) ORDER BY r.id DESC",
            q(&text::tsquery(&tokens))
        );
        vec![
            format!("{hits} LIMIT 1001"),
            format!("{ROW}({hits} LIMIT 50) p JOIN service_case c ON c.id = p.id{ROW_JOINS} ORDER BY c.id DESC"),
        ]
    } else {
        let m = format!("case_fts MATCH {}", q(&text::fts5_phrase(&tokens)));
        vec![
            format!("SELECT COUNT(*) FROM (SELECT 1 FROM case_fts WHERE {m} LIMIT 1001) x"),
            // The page of ids first: joined to the rest, SQLite's planner may start from
            // the staff table and run the MATCH once per case.
            format!(
                "{ROW}(SELECT rowid FROM case_fts WHERE {m} ORDER BY rowid DESC LIMIT 50) f \
                 JOIN service_case c ON c.id = f.rowid{ROW_JOINS} ORDER BY c.id DESC"
            ),
        ]
    }
}

/// Fills `cases` cases (unless `reused`) and returns the desk entries.
#[allow(clippy::too_many_arguments)]
pub async fn entries(
    db: &DatabaseConnection,
    core: &Steward,
    token: &str,
    now: DateTime<Utc>,
    cases: usize,
    customers: &[(String, Option<String>)],
    unit_labels: &[String],
    reused: bool,
) -> Vec<Entry> {
    let start = Instant::now();
    let backend = db.get_database_backend();
    // Filled by an earlier run with `--reuse`; analysed again all the same (for new indexes).
    if !reused {
        fill(db, cases, customers, unit_labels, now).await;
    }
    if backend == DbBackend::Postgres {
        for t in ["service_case", "work_order", "case_event", "follow_up", "desk_count", "case_department"] {
            exec(db, &format!("VACUUM ANALYZE {t}")).await;
        }
    } else {
        exec(db, "ANALYZE").await;
    }
    println!("fill total cases={cases} ms={}", start.elapsed().as_millis());
    let stmts = |sql: Vec<String>| sql.into_iter().map(|s| Statement::from_string(backend, s)).collect::<Vec<_>>();
    let session = || Session { token: Some(token.to_owned()), locale: "zh-CN".into(), background: false, source: None };
    let mut out = Vec::new();

    // The department's kanban list: its work in progress, newest first.
    let open = "d.department = 'engineering' AND d.case_status = 'in_progress'";
    let (core_, s) = (core.clone(), session());
    out.push(Entry {
        name: "desk_list_page",
        core: Box::new(move || {
            let cx = core_.cx(s.clone(), now);
            Box::pin(async move {
                let page = case_list(cx, query(None, Some(Department::Engineering), Some(CaseStatus::InProgress)))
                    .await
                    .expect("case_list");
                assert_eq!(page.items.len(), 50);
                std::hint::black_box(page);
            })
        }),
        raw: stmts(vec![
            format!("SELECT COUNT(*) FROM (SELECT 1 FROM case_department d WHERE {open} LIMIT 1001) x"),
            format!(
                "{ROW}(SELECT case_id FROM case_department d WHERE {open} \
                 ORDER BY d.received_at DESC, d.case_id DESC LIMIT 50) p \
                 JOIN service_case c ON c.id = p.case_id{ROW_JOINS} ORDER BY c.received_at DESC, c.id DESC"
            ),
        ]),
    });

    // A closed case with two work orders, its timeline and follow-up.
    let id = {
        let sql = format!(
            "SELECT case_id FROM work_order WHERE seq = 2 AND case_id >= {} ORDER BY case_id LIMIT 1",
            cases / 2
        );
        let row = db.query_one_raw(Statement::from_string(backend, sql)).await.expect("a case").expect("a row");
        row.try_get_by_index::<i32>(0).expect("id")
    };
    let (core_, s) = (core.clone(), session());
    out.push(Entry {
        name: "desk_case_by_id",
        core: Box::new(move || {
            let cx = core_.cx(s.clone(), now);
            Box::pin(async move {
                let detail = case_get(cx, CaseGet { id }).await.expect("case_get");
                assert_eq!(detail.work_orders.len(), 2);
                std::hint::black_box(detail);
            })
        }),
        raw: stmts(vec![
            format!("{ROW}service_case c{ROW_JOINS} WHERE c.id = {id}"),
            format!(
                "SELECT w.*, a.display_name, s.name FROM work_order w LEFT JOIN staff a ON a.id = w.assignee_id \
                 LEFT JOIN supplier s ON s.id = w.supplier_id WHERE w.case_id = {id} ORDER BY w.seq"
            ),
            format!(
                "SELECT ch.*, s.display_name FROM work_order_charge ch JOIN work_order w ON w.id = ch.work_order_id \
                 JOIN staff s ON s.id = ch.created_by WHERE w.case_id = {id} ORDER BY ch.id"
            ),
            format!(
                "SELECT e.*, s.display_name FROM case_event e LEFT JOIN staff s ON s.id = e.staff_id \
                 WHERE e.case_id = {id} ORDER BY e.id"
            ),
            format!(
                "SELECT f.*, o.display_name, d.display_name FROM follow_up f JOIN staff o ON o.id = f.owner_id \
                 LEFT JOIN staff d ON d.id = f.done_by WHERE f.case_id = {id} ORDER BY f.id"
            ),
            format!(
                "SELECT a.*, s.display_name FROM follow_up_attempt a JOIN follow_up f ON f.id = a.follow_up_id \
                 JOIN staff s ON s.id = a.staff_id WHERE f.case_id = {id} ORDER BY a.id"
            ),
            format!(
                "SELECT a.id, a.work_order_id, a.file_name, a.mime, a.size, a.created_at, s.display_name \
                 FROM attachment a JOIN staff s ON s.id = a.created_by WHERE a.case_id = {id} ORDER BY a.id"
            ),
        ]),
    });

    for (name, text) in [
        ("desk_search_1ch", "漏"),
        ("desk_search_2ch", "漏水"),
        ("desk_search_5ch", "厨房水管漏"),
        ("desk_search_latin", "leak"),
    ] {
        let (core_, s) = (core.clone(), session());
        out.push(Entry {
            name,
            core: Box::new(move || {
                let cx = core_.cx(s.clone(), now);
                Box::pin(async move {
                    let page = case_list(cx, query(Some(text), None, None)).await.expect("case search");
                    assert_eq!(page.items.len(), 50, "{text}");
                    std::hint::black_box(page);
                })
            }),
            raw: stmts(search_raw(backend, text)),
        });
    }

    // The department's board: case columns and its work-order columns.
    let (core_, s) = (core.clone(), session());
    out.push(Entry {
        name: "desk_kanban_counts",
        core: Box::new(move || {
            let cx = core_.cx(s.clone(), now);
            Box::pin(async move {
                let counts =
                    case_kanban_counts(cx, KanbanQuery { owner_id: None, department: Some(Department::Engineering) })
                        .await
                        .expect("case_kanban_counts");
                std::hint::black_box(counts);
            })
        }),
        raw: stmts(vec![
            "SELECT scope, key, n FROM desk_count WHERE scope = 'case_status' \
             OR (scope = 'department_status' AND key LIKE 'engineering:%')"
                .to_owned(),
        ]),
    });
    out
}
