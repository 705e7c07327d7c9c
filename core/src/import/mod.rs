//! Import of an office's existing lists (units, customers, occupancies) from CSV or `.xlsx`:
//! a preview (columns, suggested mapping, each bad row's problems in the caller's language)
//! and a commit that writes the good rows in one transaction, in bulk. Rows already in the
//! database (by their natural key) are left alone, so importing a file again creates nothing.
//!
//! The file travels in the input as base64 (the desk reads the file the person picked; the
//! office server gets the same bytes), at most [`file::MAX_FILE_BYTES`].

pub mod file;
pub mod plan;
pub mod runs;
pub mod values;
pub mod write;

use std::collections::HashMap;
use std::sync::atomic::Ordering;

use base64::Engine;
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::app::Cx;
use crate::db;
use crate::domain::ImportKind;
use crate::entities::setting;
use crate::error::{Error, Result};

/// The file and how its columns map to fields.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ImportFile {
    pub kind: ImportKind,
    /// The picked file's name: ".xlsx" reads Excel, anything else CSV.
    pub file_name: String,
    /// The file's bytes, base64 (standard alphabet, padded).
    pub content_base64: String,
    /// One entry per column: the field it fills, or null to leave it out. Null for the
    /// remembered (or guessed) mapping.
    pub mapping: Option<Vec<Option<String>>>,
}

/// One problem of one row.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportRowError {
    /// The row in the file (the header is row 1), as Excel numbers it.
    pub row: u32,
    /// The column's header, when the problem is in one column.
    pub column: Option<String>,
    /// Catalog key: `import.error.bad_phone`, `unknown_unit`, `invalid_date`, `duplicate`,
    /// `unsupported_language`, `unknown_customer`, `required`, `invalid`.
    pub code: String,
    /// Translated for the caller.
    pub message: String,
    /// The offending text.
    pub value: String,
}

/// At most this many row problems are returned (`error_count` has them all).
const ERRORS_SHOWN: usize = 1000;

#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportPreview {
    pub kind: ImportKind,
    /// What the file was read as: "UTF-8", "GBK", "UTF-16LE", "xlsx".
    pub encoding: String,
    pub columns: Vec<String>,
    /// The first data rows as read (at most 5), for the mapping screen.
    pub sample: Vec<Vec<String>>,
    /// The fields of this kind (the UI's choices), the required ones first.
    pub fields: Vec<String>,
    pub required: Vec<String>,
    /// The mapping used: remembered, guessed from the headers, or the one sent.
    pub mapping: Vec<Option<String>>,
    /// Data rows in the file.
    pub rows: u32,
    /// Rows that would be created.
    pub to_create: u32,
    /// Rows already in the database: left alone.
    pub existing: u32,
    /// Rows with problems: left out.
    pub bad_rows: u32,
    pub error_count: u32,
    pub errors: Vec<ImportRowError>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ImportCommit {
    pub file: ImportFile,
    /// Chosen by the caller (any unique text) to read progress and cancel while this runs.
    pub run: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportResult {
    pub created: u32,
    /// Buildings created for units whose building was not there yet.
    pub buildings_created: u32,
    pub existing: u32,
    /// Rows left out for their problems.
    pub bad_rows: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ImportRunGet {
    pub run: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportProgress {
    /// Rows written so far (the transaction is not committed until `finished`).
    pub done: u32,
    pub total: u32,
    pub finished: bool,
    pub cancelled: bool,
}

fn decode_file(f: &ImportFile) -> Result<file::Table> {
    // 4 base64 characters carry 3 bytes: refuse an oversized file before decoding it.
    if f.content_base64.len() / 4 * 3 > file::MAX_FILE_BYTES + 3 {
        return Err(Error::TooLarge);
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(f.content_base64.trim())
        .map_err(|_| Error::field("content_base64", "validation.invalid"))?;
    file::read(&f.file_name, &bytes)
}

fn setting_key(kind: ImportKind) -> String {
    format!("import.mapping.{}", kind.as_str())
}

fn header_word(h: &str) -> String {
    values::narrow(h).to_lowercase()
}

/// The mapping remembered for `kind` (header → field) applied to `columns`, else the guess.
async fn remembered(db: &impl ConnectionTrait, kind: ImportKind, columns: &[String]) -> Result<Vec<Option<String>>> {
    let guess = plan::suggest(kind, columns);
    let Some(row) = setting::Entity::find_by_id(setting_key(kind)).one(db).await? else { return Ok(guess) };
    let saved: HashMap<String, Option<String>> = serde_json::from_str(&row.value).unwrap_or_default();
    Ok(columns
        .iter()
        .zip(guess)
        .map(|(c, g)| match saved.get(&header_word(c)) {
            Some(field) => field.clone(),
            None => g,
        })
        .collect())
}

async fn remember(
    db: &impl ConnectionTrait,
    kind: ImportKind,
    columns: &[String],
    mapping: &[Option<String>],
) -> Result<()> {
    let saved: HashMap<String, Option<String>> =
        columns.iter().zip(mapping).map(|(c, f)| (header_word(c), f.clone())).collect();
    let value = serde_json::to_string(&saved).map_err(|e| Error::Internal(e.to_string()))?;
    setting::Entity::delete_by_id(setting_key(kind)).exec(db).await?;
    setting::Entity::insert(setting::ActiveModel { key: Set(setting_key(kind)), value: Set(value) }).exec(db).await?;
    Ok(())
}

/// The mapping sent, checked: one entry per column, known fields, each field (but phone)
/// once, the required ones present.
fn checked_mapping(kind: ImportKind, columns: &[String], mapping: Vec<Option<String>>) -> Result<Vec<Option<String>>> {
    let (required, optional) = plan::fields(kind);
    if mapping.len() != columns.len() {
        return Err(Error::field("mapping", "validation.invalid"));
    }
    let mut seen = Vec::new();
    for f in mapping.iter().flatten() {
        if !required.iter().chain(optional).any(|k| k == f) {
            return Err(Error::field("mapping", "validation.invalid"));
        }
        if f != "phone" && seen.contains(f) {
            return Err(Error::field("mapping", "import.error.mapped_twice"));
        }
        seen.push(f.clone());
    }
    Ok(mapping)
}

fn missing_required(kind: ImportKind, mapping: &[Option<String>]) -> Option<&'static str> {
    plan::fields(kind).0.iter().copied().find(|r| !mapping.iter().any(|m| m.as_deref() == Some(*r)))
}

fn row_errors(problems: &[plan::Problem], locale: &str) -> Vec<ImportRowError> {
    problems
        .iter()
        .take(ERRORS_SHOWN)
        .map(|p| ImportRowError {
            row: p.row,
            column: p.column.clone(),
            code: p.key.to_owned(),
            message: rust_i18n::t!(p.key, locale = locale).into_owned(),
            value: p.value.clone(),
        })
        .collect()
}

pub async fn preview(cx: Cx, input: ImportFile) -> Result<ImportPreview> {
    let table = decode_file(&input)?;
    let mapping = match input.mapping {
        Some(m) => checked_mapping(input.kind, &table.columns, m)?,
        None => remembered(&cx.db, input.kind, &table.columns).await?,
    };
    let (required, optional) = plan::fields(input.kind);
    let mut out = ImportPreview {
        kind: input.kind,
        encoding: table.encoding.clone(),
        columns: table.columns.clone(),
        sample: table.rows.iter().take(5).cloned().collect(),
        fields: required.iter().chain(optional).map(|f| (*f).to_owned()).collect(),
        required: required.iter().map(|f| (*f).to_owned()).collect(),
        mapping: mapping.clone(),
        rows: 0,
        to_create: 0,
        existing: 0,
        bad_rows: 0,
        error_count: 0,
        errors: Vec::new(),
    };
    if missing_required(input.kind, &mapping).is_some() {
        // The person maps the columns first; nothing to check yet.
        out.rows = table.rows.iter().filter(|r| r.iter().any(|c| !c.is_empty())).count() as u32;
        return Ok(out);
    }
    let p = plan::plan(&cx.db, input.kind, &table, &mapping).await?;
    out.rows = p.rows;
    out.to_create = p.good();
    out.existing = p.existing;
    out.bad_rows = p.bad_rows;
    out.error_count = p.problems.len() as u32;
    out.errors = row_errors(&p.problems, cx.locale());
    Ok(out)
}

/// Writes the good rows (all of them or, on any failure or cancel, none) and remembers the mapping.
pub async fn commit(cx: Cx, input: ImportCommit) -> Result<ImportResult> {
    let actor = cx.actor()?;
    let run_id = input.run.trim();
    if run_id.is_empty() || run_id.len() > 100 {
        return Err(Error::field("run", "validation.invalid"));
    }
    let run = cx.imports.start(run_id, actor.id());
    let result = async {
        let table = decode_file(&input.file)?;
        let kind = input.file.kind;
        let mapping = match input.file.mapping {
            Some(m) => checked_mapping(kind, &table.columns, m)?,
            None => remembered(&cx.db, kind, &table.columns).await?,
        };
        if let Some(field) = missing_required(kind, &mapping) {
            return Err(Error::field(&format!("mapping.{field}"), "import.error.unmapped"));
        }
        let txn = db::begin_write(&cx.db).await?;
        let cache = db::BulkCache::enlarge(&txn).await?;
        let out = async {
            let p = plan::plan(&txn, kind, &table, &mapping).await?;
            let (existing, bad_rows) = (p.existing, p.bad_rows);
            run.total.store(p.good(), Ordering::Relaxed);
            let written = write::write(&txn, p, &run, actor.id(), cx.now, cx.locale()).await?;
            remember(&txn, kind, &table.columns, &mapping).await?;
            Ok::<_, Error>((written, existing, bad_rows))
        }
        .await;
        // Restored whatever happened: the connection goes back to the pool.
        cache.restore(&txn).await?;
        let (written, existing, bad_rows) = out?;
        txn.commit().await?;
        tracing::info!(
            kind = kind.as_str(),
            created = written.created,
            existing,
            bad_rows,
            staff = actor.id(),
            "import committed"
        );
        Ok(ImportResult { created: written.created, buildings_created: written.buildings, existing, bad_rows })
    }
    .await;
    run.finished.store(true, Ordering::Relaxed);
    result
}

pub async fn progress(cx: Cx, input: ImportRunGet) -> Result<ImportProgress> {
    let actor = cx.actor()?;
    let run = cx.imports.get(&input.run, actor.id()).ok_or(Error::NotFound)?;
    Ok(ImportProgress {
        done: run.done.load(Ordering::Relaxed),
        total: run.total.load(Ordering::Relaxed),
        finished: run.finished.load(Ordering::Relaxed),
        cancelled: run.cancelled(),
    })
}

/// Asks the running commit to stop: it rolls back at its next batch.
pub async fn cancel(cx: Cx, input: ImportRunGet) -> Result<ImportProgress> {
    let actor = cx.actor()?;
    let run = cx.imports.get(&input.run, actor.id()).ok_or(Error::NotFound)?;
    run.cancel.store(true, Ordering::Relaxed);
    progress(cx, input).await
}
