//! Names in lists as a person expects them: every name keeps its script on screen and
//! sorts by one key. Chinese characters read as toneless pinyin, one word a syllable
//! (王磊 → "wang lei", between "walter" and "yamada"); Latin letters lower case with
//! accents folded (Émile → "emile"); kana, hangul and other scripts keep their own text,
//! which sorts after every Latin letter. Keys compare byte-wise (SQLite's default,
//! `COLLATE "C"` on PostgreSQL), so both databases and Rust agree on the order.
//!
//! The key is stored on every write of a customer or staff member. When the rule below
//! changes, bump [`RULE`]: the core recomputes every stored key once at startup
//! ([`refresh_sort_keys`]), since the migrations cannot call this function.

use pinyin::ToPinyin;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::entities::{customer, setting, staff};

/// The version of the rule the stored keys follow (kept in `setting`).
pub const RULE: &str = "2";
const RULE_SETTING: &str = "directory.sort_key_rule";
const MAX_KEY: usize = 400;

/// Latin letters that do not decompose into a base letter and a mark.
fn fold_special(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        _ => return None,
    })
}

fn is_latin(c: char) -> bool {
    matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

/// Characters that separate words in a name: spaces, hyphens, the middle dots of
/// transliterated names (迈克尔·杰克逊), commas.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '‐' | '·' | '・' | '•' | ',' | '、' | '/' | '_' | '.')
}

/// The key that orders a name in a list. Pure; see the module comment for the rule.
pub fn sort_key(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for (c, reading) in name.chars().zip(name.to_pinyin()) {
        if let Some(p) = reading {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            // ü as Chinese keyboards type it: lü sorts after lu, before lw.
            words.push(p.plain().replace('ü', "v"));
        } else if is_separator(c) {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
        } else if let Some(s) = fold_special(c) {
            word.push_str(s);
        } else if is_latin(c) {
            word.extend(c.nfd().filter(|m| !is_combining_mark(*m)).flat_map(char::to_lowercase));
        } else if c.is_alphanumeric() || is_combining_mark(c) {
            // ASCII, and every other script in its own text (kana, hangul, Cyrillic…).
            word.extend(c.to_lowercase());
        }
        // Apostrophes and other punctuation do not count: O'Brien sorts as obrien.
    }
    if !word.is_empty() {
        words.push(word);
    }
    words.join(" ").chars().take(MAX_KEY).collect()
}

/// A customer's key: their name's, else (a name of punctuation only) the Latin name's.
pub fn customer_sort_key(name: &str, latin: Option<&str>) -> String {
    let key = sort_key(name);
    if key.is_empty() { latin.map(sort_key).unwrap_or_default() } else { key }
}

/// Sets `table.sort_key` for (id, key) pairs, a few hundred rows a statement.
async fn store_keys(
    db: &impl ConnectionTrait,
    table: &str,
    id_column: &str,
    keys: &[(i32, String)],
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    for chunk in keys.chunks(300) {
        let mut values = Vec::with_capacity(chunk.len() * 2);
        let mut rows = Vec::with_capacity(chunk.len());
        for (id, key) in chunk {
            let (a, b) = if backend == sea_orm::DbBackend::Postgres {
                (format!("${}", values.len() + 1), format!("${}", values.len() + 2))
            } else {
                ("?".to_owned(), "?".to_owned())
            };
            rows.push(format!("(CAST({a} AS INTEGER), CAST({b} AS VARCHAR(400)))"));
            values.push(sea_orm::Value::from(*id));
            values.push(sea_orm::Value::from(key.clone()));
        }
        let sql = format!(
            "UPDATE {table} SET sort_key = v.column2 FROM (VALUES {}) AS v WHERE {table}.{id_column} = v.column1",
            rows.join(", ")
        );
        db.execute_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
    }
    Ok(())
}

/// Brings every stored sort key to the current [`RULE`], once, in one transaction: the
/// customers (and their search prefix rows, which carry the key for list order) and
/// the staff. Runs at startup after the migrations; does nothing when already current.
pub async fn refresh_sort_keys(db: &sea_orm::DatabaseConnection) -> Result<(), DbErr> {
    let current = setting::Entity::find_by_id(RULE_SETTING.to_owned()).one(db).await?;
    if current.as_ref().is_some_and(|s| s.value == RULE) {
        return Ok(());
    }
    let txn = crate::db::begin_write(db).await?;
    let mut changed = 0usize;
    let mut after = 0;
    loop {
        let rows: Vec<(i32, String, Option<String>, String)> = customer::Entity::find()
            .select_only()
            .column(customer::Column::Id)
            .column(customer::Column::Name)
            .column(customer::Column::NameLatin)
            .column(customer::Column::SortKey)
            .filter(customer::Column::Id.gt(after))
            .order_by_asc(customer::Column::Id)
            .limit(5000)
            .into_tuple()
            .all(&txn)
            .await?;
        let Some(last) = rows.last() else { break };
        after = last.0;
        let keys: Vec<(i32, String)> = rows
            .into_iter()
            .filter_map(|(id, name, latin, old)| {
                let key = customer_sort_key(&name, latin.as_deref());
                (key != old).then_some((id, key))
            })
            .collect();
        changed += keys.len();
        store_keys(&txn, "customer", "id", &keys).await?;
    }
    if changed > 0 {
        // The prefix rows carry the key in their primary key (no customer index): one pass.
        txn.execute_unprepared(
            "UPDATE customer_search_prefix SET sort_key = c.sort_key FROM customer c \
             WHERE c.id = customer_search_prefix.customer_id AND customer_search_prefix.sort_key <> c.sort_key",
        )
        .await?;
    }
    let staff: Vec<(i32, String, String)> = staff::Entity::find()
        .select_only()
        .column(staff::Column::Id)
        .column(staff::Column::DisplayName)
        .column(staff::Column::SortKey)
        .into_tuple()
        .all(&txn)
        .await?;
    let keys: Vec<(i32, String)> = staff
        .into_iter()
        .filter_map(|(id, name, old)| {
            let key = sort_key(&name);
            (key != old).then_some((id, key))
        })
        .collect();
    changed += keys.len();
    store_keys(&txn, "staff", "id", &keys).await?;
    if current.is_some() {
        setting::Entity::update_many()
            .col_expr(setting::Column::Value, Expr::value(RULE))
            .filter(setting::Column::Key.eq(RULE_SETTING))
            .exec(&txn)
            .await?;
    } else {
        setting::Entity::insert(setting::ActiveModel {
            key: sea_orm::Set(RULE_SETTING.to_owned()),
            value: sea_orm::Set(RULE.to_owned()),
        })
        .exec(&txn)
        .await?;
    }
    txn.commit().await?;
    tracing::info!(changed, rule = RULE, "name sort keys brought up to date");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_reads_as_pinyin_syllables() {
        assert_eq!(sort_key("王磊"), "wang lei");
        assert_eq!(sort_key("吕晓明"), "lv xiao ming");
        assert_eq!(sort_key("迈克尔·杰克逊"), "mai ke er jie ke xun");
    }

    #[test]
    fn latin_folds_case_and_accents() {
        assert_eq!(sort_key("Émile  Zola"), "emile zola");
        assert_eq!(sort_key("Jürgen Straße"), "jurgen strasse");
        assert_eq!(sort_key("O'Brien-Smith"), "obrien smith");
        assert_eq!(sort_key("Nguyễn Văn Ánh"), "nguyen van anh");
    }

    #[test]
    fn mixed_list_sorts_as_a_person_expects() {
        let mut names =
            vec!["Yamada Taro", "王磊", "Walter", "やまだ はなこ", "김민수", "李娜", "Émile", "林", "Zoë", "王芳"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(
            names,
            ["Émile", "李娜", "林", "Walter", "王芳", "王磊", "Yamada Taro", "Zoë", "やまだ はなこ", "김민수"]
        );
    }

    #[test]
    fn customer_key_falls_back_to_latin() {
        assert_eq!(customer_sort_key("—", Some("Anna")), "anna");
        assert_eq!(customer_sort_key("张三", Some("Zhang San")), "zhang san");
    }
}
