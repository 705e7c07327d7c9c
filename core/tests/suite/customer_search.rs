//! Customer search: `v` for `ü`, bounded totals, phone tails, no match, list order and the
//! plans behind them. Runs on SQLite and on PostgreSQL.

use crate::common::{self, ctx, is_postgres};
use steward_core::api::run::customer_list as list;
use steward_core::db;
use steward_core::directory::customers::{CustomerInput, CustomerQuery, insert};
use steward_core::directory::names;
use steward_core::domain::CustomerKind;
use steward_core::sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};

fn person(name: &str, phone: &str) -> CustomerInput {
    CustomerInput {
        kind: CustomerKind::Person,
        name: name.into(),
        name_latin: None,
        phones: vec![phone.into()],
        email: None,
        nationality: Some("CN".into()),
        preferred_language: "zh-CN".into(),
        vip: false,
        id_document_kind: None,
        id_document_number: None,
        notes: String::new(),
    }
}

fn query(search: &str, page: u32, page_size: u32) -> CustomerQuery {
    CustomerQuery { search: Some(search.into()), kind: None, language: None, vip: None, page, page_size }
}

/// Inserts customers in one transaction, as the manager (staff 1).
async fn add(c: &common::Ctx, people: &[CustomerInput]) -> Vec<i32> {
    let txn = db::begin_write(&c.core.db).await.expect("begin");
    let mut ids = Vec::new();
    for p in people {
        ids.push(insert(&txn, 1, c.now, p).await.expect("insert").id);
    }
    txn.commit().await.expect("commit");
    ids
}

async fn names(c: &common::Ctx, m: &str, search: &str) -> Vec<String> {
    list(c.cx(Some(m)), query(search, 1, 50)).await.expect("search").items.into_iter().map(|r| r.name).collect()
}

#[tokio::test]
async fn v_types_u_umlaut_in_full_pinyin_and_initials() {
    let c = ctx().await;
    let m = c.manager(false).await;
    add(
        &c,
        &[
            person("吕晓明", "13800001111"),
            person("绿萍", "13800002222"),
            person("律文", "13800003333"),
            person("女娲", "13800004444"),
            person("李想", "13800005555"),
            person("陆明", "13800006666"),
        ],
    )
    .await;
    for (q, want) in [
        ("lv", vec!["律文", "绿萍", "吕晓明"]),
        ("lü", vec!["律文", "绿萍", "吕晓明"]),
        ("LV", vec!["律文", "绿萍", "吕晓明"]),
        ("lu:", vec!["律文", "绿萍", "吕晓明"]),
        ("lvxiaoming", vec!["吕晓明"]),
        ("lüxiaoming", vec!["吕晓明"]),
        ("lvxiao", vec!["吕晓明"]),
        ("lvx", vec!["吕晓明"]),
        ("lxm", vec!["吕晓明"]),
        ("lvping", vec!["绿萍"]),
        ("lp", vec!["绿萍"]),
        ("nv", vec!["女娲"]),
        ("nvwa", vec!["女娲"]),
        ("xiaoming", vec!["吕晓明"]),
    ] {
        let mut got = names(&c, &m, q).await;
        got.sort();
        let mut want: Vec<String> = want.into_iter().map(str::to_owned).collect();
        want.sort();
        assert_eq!(got, want, "{q}");
    }
    // `lu` stays `lu`: 陆, not 吕.
    assert_eq!(names(&c, &m, "lum").await, ["陆明"]);
}

#[tokio::test]
async fn many_hits_are_counted_up_to_a_bound_and_paged_in_list_order() {
    let c = ctx().await;
    let m = c.manager(false).await;
    let given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇"];
    let mut people = Vec::new();
    for i in 0..1010 {
        let name = format!("张{}{}", given[i % given.len()], given[(i / given.len()) % given.len()]);
        people.push(person(&name, &format!("1390000{i:04}")));
    }
    people.push(person("王伟", "13911112222"));
    add(&c, &people).await;

    for q in ["张", "zhang", "z", "zh"] {
        let p1 = list(c.cx(Some(&m)), query(q, 1, 50)).await.expect("search");
        assert_eq!(p1.total, 1000, "{q}");
        assert!(p1.total_is_lower_bound, "{q}");
        assert_eq!(p1.items.len(), 50);
        let p2 = list(c.cx(Some(&m)), query(q, 2, 50)).await.expect("page 2");
        let mut keys: Vec<String> = p1.items.iter().chain(&p2.items).map(|r| r.name.clone()).collect();
        let before = keys.clone();
        keys.sort_by_key(|n| names::sort_key(n));
        assert_eq!(before.len(), 100);
        assert_eq!(
            before.iter().map(|n| names::sort_key(n)).collect::<Vec<_>>(),
            keys.iter().map(|n| names::sort_key(n)).collect::<Vec<_>>(),
            "{q}: pages follow the name order"
        );
        let mut ids: Vec<i32> = p1.items.iter().chain(&p2.items).map(|r| r.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 100, "{q}: no customer on both pages");
    }
    // Fewer hits than the bound: exact.
    let few = list(c.cx(Some(&m)), query("张伟", 1, 50)).await.expect("search");
    assert!(!few.total_is_lower_bound);
    assert_eq!(few.total as usize, 92);
    assert!(few.items.iter().all(|r| r.name.starts_with("张伟")));
    for q in ["wangw", "wangwei", "王伟"] {
        let one = list(c.cx(Some(&m)), query(q, 1, 50)).await.expect("search");
        assert_eq!((one.total, one.total_is_lower_bound), (1, false), "{q}");
        assert_eq!(one.items[0].name, "王伟");
    }
    // 王伟 and the nine 张伟伟.
    let ww = list(c.cx(Some(&m)), query("ww", 1, 50)).await.expect("search");
    assert_eq!((ww.total, ww.items.len()), (10, 10));
    // The list without search counts everything.
    let all = list(
        c.cx(Some(&m)),
        CustomerQuery { search: None, kind: None, language: None, vip: None, page: 1, page_size: 10 },
    )
    .await
    .expect("list");
    assert_eq!((all.total, all.total_is_lower_bound), (1011, false));
    // Filters apply to the short-prefix path too.
    let vip = list(
        c.cx(Some(&m)),
        CustomerQuery {
            search: Some("张".into()),
            kind: None,
            language: None,
            vip: Some(true),
            page: 1,
            page_size: 10,
        },
    )
    .await
    .expect("vip");
    assert_eq!((vip.total, vip.items.len()), (0, 0));
}

#[tokio::test]
async fn phone_tails_and_queries_without_a_match() {
    let c = ctx().await;
    let m = c.manager(false).await;
    add(
        &c,
        &[
            person("赵敏", "138 1234 5678"),
            person("周芷若", "+86 139-0000-5678"),
            person("张无忌", "13700001234"),
            person("Emily Clarke", "+44 7700 900123"),
        ],
    )
    .await;
    let mut got = names(&c, &m, "5678").await;
    got.sort();
    assert_eq!(got, ["周芷若", "赵敏"]);
    assert_eq!(names(&c, &m, "12345678").await, ["赵敏"]);
    assert_eq!(names(&c, &m, "1234").await, ["张无忌"]);
    assert_eq!(names(&c, &m, "emily clarke").await, ["Emily Clarke"]);
    assert_eq!(names(&c, &m, "cla").await, ["Emily Clarke"]);
    for q in ["zzq", "9999", "lvzzz", "zhaominx", "赵敏敏", "x"] {
        let p = list(c.cx(Some(&m)), query(q, 1, 50)).await.expect("search");
        assert_eq!((p.total, p.total_is_lower_bound, p.items.len()), (0, false, 0), "{q}");
    }
    // A page past the end of the hits is empty but still counts them.
    let past = list(c.cx(Some(&m)), query("z", 4, 1)).await.expect("search");
    assert!(past.items.is_empty());
    assert_eq!(past.total, 3);
}

async fn plan(db: &impl ConnectionTrait, sql: &str) -> String {
    let pg = is_postgres();
    let backend = if pg { DbBackend::Postgres } else { DbBackend::Sqlite };
    let explain = if pg { format!("EXPLAIN {sql}") } else { format!("EXPLAIN QUERY PLAN {sql}") };
    let rows = db.query_all_raw(Statement::from_string(backend, explain)).await.expect("explain");
    rows.iter()
        .filter_map(|r| r.try_get_by_index::<String>(if pg { 0 } else { 3 }).ok())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The short-search page reads the prefix index in list order and stops after the page,
/// also under a generic plan on PostgreSQL (what the statement cache ends up with).
#[tokio::test]
async fn short_searches_read_one_index_range_in_list_order() {
    let c = ctx().await;
    c.manager(false).await;
    let page = "SELECT c.* FROM customer_search_prefix p CROSS JOIN customer c \
                WHERE c.id = p.customer_id AND p.prefix = 'zs' ORDER BY p.sort_key, p.customer_id LIMIT 50";
    let p = plan(&c.core.db, page).await;
    // The prefix rows' primary key (SQLite: the WITHOUT ROWID table itself).
    assert!(p.contains("PRIMARY KEY (prefix=?") || p.contains("pk_customer_search_prefix"), "{p}");
    assert!(!p.contains("TEMP B-TREE") && !p.contains("Sort"), "{p}");
    if is_postgres() {
        let txn = c.core.db.begin().await.expect("begin");
        let run = |sql: &str| Statement::from_string(DbBackend::Postgres, sql.to_owned());
        txn.execute_raw(run("SET LOCAL plan_cache_mode = force_generic_plan")).await.expect("set");
        txn.execute_raw(run(
            "PREPARE shortp (text) AS SELECT c.* FROM customer_search_prefix p CROSS JOIN customer c \
             WHERE c.id = p.customer_id AND p.prefix = $1 ORDER BY p.sort_key, p.customer_id LIMIT 50",
        ))
        .await
        .expect("prepare");
        let rows = txn.query_all_raw(run("EXPLAIN EXECUTE shortp('zs')")).await.expect("explain");
        let p: Vec<String> = rows.iter().filter_map(|r| r.try_get_by_index::<String>(0).ok()).collect();
        let p = p.join(" | ");
        assert!(p.contains("pk_customer_search_prefix") && !p.contains("Sort"), "{p}");
        txn.rollback().await.expect("rollback");
    }
}

/// A renamed customer leaves no prefix rows behind: the old name's short searches miss it,
/// the new name's find it, and its rows are exactly those its new terms give.
#[tokio::test]
async fn a_renamed_customer_keeps_only_its_new_prefix_rows() {
    use steward_core::api::run::customer_update as update;
    use steward_core::directory::customers::CustomerUpdate;
    use steward_core::directory::search;
    let c = ctx().await;
    let m = c.manager(false).await;
    let ids = add(&c, &[person("吕晓明", "13800001111"), person("王磊", "13800002222")]).await;
    assert_eq!(names(&c, &m, "lxm").await, ["吕晓明"]);
    let renamed = CustomerInput { name_latin: Some("Emily Clarke".into()), ..person("赵敏", "13800001111") };
    update(c.cx(Some(&m)), CustomerUpdate { id: ids[0], version: 1, customer: renamed }).await.expect("rename");
    for gone in ["lxm", "吕", "lv", "xiaomi"] {
        assert!(names(&c, &m, gone).await.is_empty(), "{gone} still finds the old name");
    }
    assert_eq!(names(&c, &m, "zm").await, ["赵敏"]);
    assert_eq!(names(&c, &m, "emily").await, ["赵敏"]);
    assert_eq!(names(&c, &m, "wl").await, ["王磊"]);
    let db = &c.core.db;
    let backend = db.get_database_backend();
    let stored = db
        .query_all_raw(Statement::from_string(
            backend,
            format!(
                "SELECT prefix, sort_key FROM customer_search_prefix WHERE customer_id = {} ORDER BY prefix",
                ids[0]
            ),
        ))
        .await
        .expect("rows");
    let stored: Vec<(String, String)> = stored
        .iter()
        .map(|r| (r.try_get_by_index::<String>(0).unwrap(), r.try_get_by_index::<String>(1).unwrap()))
        .collect();
    let terms = search::customer_terms("赵敏", Some("Emily Clarke"), &["13800001111".into()]);
    let want = search::customer_prefixes(&terms);
    assert_eq!(stored.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>(), want);
    assert!(stored.iter().all(|(_, k)| k == "zhao min"), "{stored:?}");
}
