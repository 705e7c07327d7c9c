//! The desk's knowledge base for consultations with foreign residents: answers by topic,
//! each in several languages, searchable in Chinese and Latin text the way cases are
//! (the same tokens; SQLite `kb_fts`, PostgreSQL `kb_answer.tok`). Using an answer on a
//! case writes it to the case's timeline in the customer's language.

use std::collections::HashMap;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, NotSet, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, Statement,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::cases::{CaseDetail, detail, may_manage};
use super::common::{event, lock_case, open_for_writing, time};
use super::rules::text;
use crate::accounts::staff::staff_language_ok;
use crate::app::Cx;
use crate::db;
use crate::directory::customers::ChangeEntry;
use crate::domain::{CaseEventKind, ChangeAction, ConsultationTopic, HistoryEntity, validate};
use crate::entities::{change_log, kb_answer, kb_answer_text, service_case};
use crate::error::{Error, Problems, Result};
use crate::page::{Page, page, paging};
use crate::record::history::{self, FieldChange};
use crate::record::versioned;

/// The language a text falls back to when the customer's is missing.
const FALLBACK_LANGUAGE: &str = "zh-CN";

/// An answer's title and body in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KbText {
    pub language: String,
    pub title: String,
    pub body: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct KbQuery {
    /// Words or characters of a title or body, in any language.
    pub search: Option<String>,
    pub topic: Option<ConsultationTopic>,
    #[serde(default)]
    pub include_inactive: bool,
    /// Show titles in this language when the answer has it (the customer's).
    pub language: Option<String>,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct KbRow {
    pub id: i32,
    pub version: i32,
    pub topic: ConsultationTopic,
    pub active: bool,
    /// In the language asked for, else the caller's, else Chinese, else the first.
    pub title: String,
    pub body: String,
    /// The language `title` and `body` are in.
    pub language: String,
    pub languages: Vec<String>,
    /// Catalog languages the answer has no text in yet.
    pub missing_languages: Vec<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct KbAnswerDetail {
    pub id: i32,
    pub version: i32,
    pub topic: ConsultationTopic,
    pub active: bool,
    pub texts: Vec<KbText>,
    pub missing_languages: Vec<String>,
    pub history: Vec<ChangeEntry>,
    pub created_at: String,
    pub updated_at: String,
}

fn catalog_languages() -> Vec<String> {
    crate::locales::available().into_iter().map(|(code, _)| code).collect()
}

fn missing(texts: &[KbText]) -> Vec<String> {
    catalog_languages().into_iter().filter(|l| !texts.iter().any(|t| &t.language == l)).collect()
}

/// The text in `wanted`, else in `second`, else Chinese, else the first; and whether it fell back.
fn pick<'a>(texts: &'a [KbText], wanted: &str, second: &str) -> Option<(&'a KbText, bool)> {
    if let Some(t) = texts.iter().find(|t| t.language == wanted) {
        return Some((t, false));
    }
    texts
        .iter()
        .find(|t| t.language == second)
        .or_else(|| texts.iter().find(|t| t.language == FALLBACK_LANGUAGE))
        .or_else(|| texts.first())
        .map(|t| (t, true))
}

async fn texts_of(db: &impl ConnectionTrait, ids: Vec<i32>) -> Result<HashMap<i32, Vec<KbText>>> {
    let mut out: HashMap<i32, Vec<KbText>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let rows = kb_answer_text::Entity::find()
        .filter(kb_answer_text::Column::AnswerId.is_in(ids))
        .order_by_asc(kb_answer_text::Column::Id)
        .all(db)
        .await?;
    for r in rows {
        out.entry(r.answer_id).or_default().push(KbText { language: r.language, title: r.title, body: r.body });
    }
    Ok(out)
}

pub async fn list(cx: Cx, q: KbQuery) -> Result<Page<KbRow>> {
    cx.actor()?;
    let mut select = kb_answer::Entity::find();
    if !q.include_inactive {
        select = select.filter(kb_answer::Column::Active.eq(true));
    }
    if let Some(t) = q.topic {
        select = select.filter(kb_answer::Column::Topic.eq(t));
    }
    let tokens = text::query_tokens(q.search.as_deref().unwrap_or(""));
    if !tokens.is_empty() {
        select = match cx.db.get_database_backend() {
            DbBackend::Postgres => {
                select.filter(Expr::cust_with_values("tok @@ to_tsquery('simple', $1)", [text::tsquery(&tokens)]))
            }
            _ => select.filter(Expr::cust_with_values(
                "kb_answer.id IN (SELECT rowid FROM kb_fts WHERE kb_fts MATCH ?)",
                [text::fts5_phrase(&tokens)],
            )),
        };
    }
    let select = select.order_by_asc(kb_answer::Column::Topic).order_by_asc(kb_answer::Column::Id);
    let total = select.clone().count(&cx.db).await?;
    let (offset, limit) = paging(q.page, q.page_size);
    let rows = select.offset(offset).limit(limit).all(&cx.db).await?;
    let mut texts = texts_of(&cx.db, rows.iter().map(|r| r.id).collect()).await?;
    let wanted = q.language.as_deref().map(str::trim).filter(|l| !l.is_empty()).unwrap_or(cx.locale()).to_owned();
    let items = rows
        .into_iter()
        .map(|a| {
            let texts = texts.remove(&a.id).unwrap_or_default();
            let (title, body, language) = pick(&texts, &wanted, cx.locale())
                .map(|(t, _)| (t.title.clone(), t.body.clone(), t.language.clone()))
                .unwrap_or_default();
            KbRow {
                missing_languages: missing(&texts),
                languages: texts.iter().map(|t| t.language.clone()).collect(),
                updated_at: time(a.updated_at),
                id: a.id,
                version: a.version,
                topic: a.topic,
                active: a.active,
                title,
                body,
                language,
            }
        })
        .collect();
    Ok(page(items, total, q.page, q.page_size))
}

async fn history_of(db: &impl ConnectionTrait, id: i32) -> Result<Vec<ChangeEntry>> {
    let entries = change_log::Entity::find()
        .filter(change_log::Column::Entity.eq(HistoryEntity::KbAnswer.as_str()))
        .filter(change_log::Column::EntityId.eq(id))
        .order_by_desc(change_log::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let names = super::common::staff_names(db, entries.iter().filter_map(|e| e.staff_id)).await?;
    Ok(entries
        .into_iter()
        .map(|e| ChangeEntry {
            staff_name: e.staff_id.and_then(|s| names.get(&s).cloned()).unwrap_or_default(),
            changes: serde_json::from_str(&e.changes).unwrap_or_default(),
            id: e.id,
            at: e.at.to_rfc3339(),
            action: e.action,
            entity: HistoryEntity::KbAnswer,
        })
        .collect())
}

async fn answer_detail(db: &impl ConnectionTrait, id: i32) -> Result<KbAnswerDetail> {
    let a = kb_answer::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound)?;
    let texts = texts_of(db, vec![id]).await?.remove(&id).unwrap_or_default();
    Ok(KbAnswerDetail {
        missing_languages: missing(&texts),
        history: history_of(db, id).await?,
        created_at: time(a.created_at),
        updated_at: time(a.updated_at),
        id: a.id,
        version: a.version,
        topic: a.topic,
        active: a.active,
        texts,
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct KbGet {
    pub id: i32,
}

pub async fn get(cx: Cx, input: KbGet) -> Result<KbAnswerDetail> {
    cx.actor()?;
    answer_detail(&cx.db, input.id).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct KbAnswerInput {
    pub topic: ConsultationTopic,
    pub active: bool,
    /// Languages left blank (no title and no body) are left out.
    pub texts: Vec<KbText>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct KbAnswerUpdate {
    pub id: i32,
    pub version: i32,
    pub answer: KbAnswerInput,
}

/// The texts to store: blank ones dropped; each needs a known language (once), a title
/// and a body; at least one.
fn clean_texts(texts: &[KbText]) -> Result<Vec<KbText>> {
    let mut p = Problems::default();
    let mut out: Vec<KbText> = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        if t.title.trim().is_empty() && t.body.trim().is_empty() {
            continue;
        }
        let lang = t.language.trim();
        p.check(
            staff_language_ok(lang) && !out.iter().any(|o| o.language == lang),
            &format!("texts.{i}.language"),
            "validation.language",
        );
        let title = validate::text(&t.title, 200, true).unwrap_or_else(|k| {
            p.add(&format!("texts.{i}.title"), k);
            None
        });
        let body = validate::text(&t.body, 8000, true).unwrap_or_else(|k| {
            p.add(&format!("texts.{i}.body"), k);
            None
        });
        out.push(KbText {
            language: lang.to_owned(),
            title: title.unwrap_or_default(),
            body: body.unwrap_or_default(),
        });
    }
    p.check(!out.is_empty(), "texts", "validation.kb_text_required");
    p.into_result()?;
    Ok(out)
}

fn snapshot(topic: ConsultationTopic, active: bool, texts: &[KbText]) -> Vec<(String, Option<String>)> {
    let mut out =
        vec![("topic".to_owned(), Some(topic.as_str().to_owned())), ("active".to_owned(), Some(active.to_string()))];
    for t in texts {
        out.push((format!("title.{}", t.language), Some(t.title.clone())));
        out.push((format!("body.{}", t.language), Some(t.body.clone())));
    }
    out
}

fn diff(old: &[(String, Option<String>)], new: &[(String, Option<String>)]) -> Vec<FieldChange> {
    let value =
        |list: &[(String, Option<String>)], f: &str| list.iter().find(|(k, _)| k == f).and_then(|(_, v)| v.clone());
    let mut fields: Vec<&String> = new.iter().map(|(k, _)| k).collect();
    fields.extend(old.iter().map(|(k, _)| k).filter(|k| !new.iter().any(|(n, _)| n == *k)));
    fields
        .into_iter()
        .map(|f| FieldChange { field: f.clone(), old: value(old, f), new: value(new, f) })
        .filter(|c| c.old != c.new)
        .collect()
}

/// Writes the answer's texts and its search entry (every language's title and body).
async fn write_texts(db: &impl ConnectionTrait, id: i32, texts: &[KbText]) -> Result<()> {
    kb_answer_text::Entity::delete_many().filter(kb_answer_text::Column::AnswerId.eq(id)).exec(db).await?;
    let rows = texts.iter().map(|t| kb_answer_text::ActiveModel {
        id: NotSet,
        answer_id: Set(id),
        language: Set(t.language.clone()),
        title: Set(t.title.clone()),
        body: Set(t.body.clone()),
    });
    kb_answer_text::Entity::insert_many(rows).exec_without_returning(db).await?;
    let plain: Vec<&str> = texts.iter().flat_map(|t| [t.title.as_str(), t.body.as_str()]).collect();
    let spaced = text::index_text(&plain.join("\n"));
    match db.get_database_backend() {
        DbBackend::Postgres => {
            db.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE kb_answer SET tok = to_tsvector('simple', $1) WHERE id = $2",
                [spaced.into(), id.into()],
            ))
            .await?;
        }
        _ => {
            db.execute_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "DELETE FROM kb_fts WHERE rowid = ?",
                [id.into()],
            ))
            .await?;
            db.execute_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "INSERT INTO kb_fts (rowid, text) VALUES (?, ?)",
                [id.into(), spaced.into()],
            ))
            .await?;
        }
    }
    Ok(())
}

/// Creates an answer in the caller's transaction (the demo loads its answers this way).
pub(crate) async fn insert(
    db: &impl ConnectionTrait,
    now: chrono::DateTime<chrono::Utc>,
    staff_id: i32,
    input: &KbAnswerInput,
) -> Result<(i32, Vec<KbText>)> {
    let texts = clean_texts(&input.texts)?;
    let a = kb_answer::ActiveModel {
        id: NotSet,
        topic: Set(input.topic),
        active: Set(input.active),
        created_by: Set(staff_id),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    write_texts(db, a.id, &texts).await?;
    Ok((a.id, texts))
}

pub async fn create(cx: Cx, input: KbAnswerInput) -> Result<KbAnswerDetail> {
    let actor = cx.actor()?;
    let txn = db::begin_write(&cx.db).await?;
    let (id, texts) = insert(&txn, cx.now, actor.id(), &input).await?;
    let changes = diff(&[], &snapshot(input.topic, input.active, &texts));
    history::by(&txn, cx.now, actor, HistoryEntity::KbAnswer, id, ChangeAction::Create, changes).await?;
    txn.commit().await?;
    answer_detail(&cx.db, id).await
}

pub async fn update(cx: Cx, input: KbAnswerUpdate) -> Result<KbAnswerDetail> {
    let actor = cx.actor()?;
    let texts = clean_texts(&input.answer.texts)?;
    let txn = db::begin_write(&cx.db).await?;
    let old = kb_answer::Entity::find_by_id(input.id).one(&txn).await?.ok_or(Error::NotFound)?;
    let old_texts = texts_of(&txn, vec![old.id]).await?.remove(&old.id).unwrap_or_default();
    let new = versioned::update::<kb_answer::Entity>(
        &txn,
        input.id,
        input.version,
        kb_answer::ActiveModel {
            topic: Set(input.answer.topic),
            active: Set(input.answer.active),
            updated_at: Set(cx.now),
            ..Default::default()
        },
    )
    .await?;
    write_texts(&txn, new.id, &texts).await?;
    let changes = diff(&snapshot(old.topic, old.active, &old_texts), &snapshot(new.topic, new.active, &texts));
    history::by(&txn, cx.now, actor, HistoryEntity::KbAnswer, new.id, ChangeAction::Update, changes).await?;
    txn.commit().await?;
    answer_detail(&cx.db, input.id).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct KbUse {
    pub case_id: i32,
    pub answer_id: i32,
}

/// Writes the answer, in the case's language (else a fallback, flagged), to the case's
/// timeline: the log shows what the customer was told.
pub async fn use_on_case(cx: Cx, input: KbUse) -> Result<CaseDetail> {
    let actor = cx.actor()?;
    let current = service_case::Entity::find_by_id(input.case_id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    may_manage(&cx, actor, &current).await?;
    let answer = kb_answer::Entity::find_by_id(input.answer_id)
        .one(&cx.db)
        .await?
        .filter(|a| a.active)
        .ok_or_else(|| Error::field("answer_id", "validation.not_found"))?;
    let texts = texts_of(&cx.db, vec![answer.id]).await?.remove(&answer.id).unwrap_or_default();
    let (t, fallback) = pick(&texts, &current.language, FALLBACK_LANGUAGE)
        .ok_or_else(|| Error::field("answer_id", "validation.not_found"))?;
    let txn = db::begin_write(&cx.db).await?;
    let c = lock_case(&txn, input.case_id, None, cx.now).await?;
    open_for_writing(&c)?;
    event(
        &txn,
        &c,
        None,
        cx.now,
        Some(actor.id()),
        CaseEventKind::Note,
        &format!("{}\n\n{}", t.title, t.body),
        serde_json::json!({
            "kb_answer_id": answer.id, "kb_answer_version": answer.version, "topic": answer.topic.as_str(),
            "title": t.title, "language": t.language, "case_language": c.language, "fallback": fallback,
        }),
    )
    .await?;
    txn.commit().await?;
    detail(&cx, actor, input.case_id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(l: &str) -> KbText {
        KbText { language: l.to_owned(), title: format!("t-{l}"), body: String::new() }
    }

    #[test]
    fn picks_the_customers_language_then_falls_back() {
        let texts = vec![t("en"), t("zh-CN")];
        assert_eq!(pick(&texts, "en", "zh-CN").map(|(t, f)| (t.language.as_str(), f)), Some(("en", false)));
        assert_eq!(pick(&texts, "ja", "zh-CN").map(|(t, f)| (t.language.as_str(), f)), Some(("zh-CN", true)));
        assert_eq!(pick(&[t("ko")], "ja", "zh-CN").map(|(t, f)| (t.language.as_str(), f)), Some(("ko", true)));
        assert!(pick(&[], "ja", "zh-CN").is_none());
    }
}
