//! Photos and documents on cases and work orders, stored in the database so every desk
//! sharing the data sees them. At most 10 MB each.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::common::{event, lock_case, open_for_writing, staff_names, text_field, time};
use crate::app::Cx;
use crate::db;
use crate::domain::CaseEventKind;
use crate::entities::{attachment, work_order};
use crate::error::{Error, Result};

pub const MAX_BYTES: usize = 10 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, TS)]
pub struct AttachmentRow {
    pub id: i32,
    pub case_id: i32,
    pub work_order_id: Option<i32>,
    pub file_name: String,
    pub mime: String,
    pub size: i32,
    pub created_by_name: String,
    pub created_at: String,
}

/// id, work order, file name, mime, size, created by, created at.
pub(crate) type Listed = (i32, Option<i32>, String, String, i32, i32, chrono::DateTime<chrono::Utc>);

pub(crate) async fn attachment_rows(db: &impl ConnectionTrait, case_id: i32) -> Result<Vec<AttachmentRow>> {
    let rows = load_attachments(db, case_id).await?;
    let names = staff_names(db, rows.iter().map(|r| r.5)).await?;
    Ok(render_attachments(case_id, rows, &names))
}

/// A case's attachments as listed (without their content), oldest first.
pub(crate) async fn load_attachments(db: &impl ConnectionTrait, case_id: i32) -> Result<Vec<Listed>> {
    // Without the content column: a list never reads the files.
    let rows: Vec<Listed> = attachment::Entity::find()
        .select_only()
        .columns([
            attachment::Column::Id,
            attachment::Column::WorkOrderId,
            attachment::Column::FileName,
            attachment::Column::Mime,
            attachment::Column::Size,
            attachment::Column::CreatedBy,
            attachment::Column::CreatedAt,
        ])
        .filter(attachment::Column::CaseId.eq(case_id))
        .order_by_asc(attachment::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows)
}

/// The staff who added the attachments.
pub(crate) fn attachment_staff(rows: &[Listed]) -> impl Iterator<Item = i32> + '_ {
    rows.iter().map(|r| r.5)
}

pub(crate) fn render_attachments(case_id: i32, rows: Vec<Listed>, names: &HashMap<i32, String>) -> Vec<AttachmentRow> {
    rows.into_iter()
        .map(|(id, work_order_id, file_name, mime, size, by, at)| AttachmentRow {
            id,
            case_id,
            work_order_id,
            file_name,
            mime,
            size,
            created_by_name: names.get(&by).cloned().unwrap_or_default(),
            created_at: time(at),
        })
        .collect()
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AttachmentAdd {
    pub case_id: i32,
    pub work_order_id: Option<i32>,
    pub file_name: String,
    pub mime: String,
    /// The file, base64 (standard alphabet, padded).
    pub content_base64: String,
}

pub async fn add(cx: Cx, input: AttachmentAdd) -> Result<AttachmentRow> {
    let actor = cx.actor()?;
    let file_name = text_field("file_name", &input.file_name, 255, true)?.unwrap_or_default();
    if file_name.contains(['/', '\\']) {
        return Err(Error::field("file_name", "validation.invalid"));
    }
    let mime = text_field("mime", &input.mime, 100, false)?.unwrap_or_else(|| "application/octet-stream".into());
    // 4 base64 characters carry 3 bytes: refuse an oversized file before decoding it.
    if input.content_base64.len() / 4 * 3 > MAX_BYTES + 3 {
        return Err(Error::field("content_base64", "validation.file_too_large"));
    }
    let content = base64_decode(input.content_base64.trim())
        .ok_or_else(|| Error::field("content_base64", "validation.invalid"))?;
    if content.len() > MAX_BYTES {
        return Err(Error::field("content_base64", "validation.file_too_large"));
    }
    let txn = db::begin_write(&cx.db).await?;
    let c = lock_case(&txn, input.case_id, None, cx.now).await?;
    open_for_writing(&c)?;
    if let Some(w) = input.work_order_id
        && work_order::Entity::find_by_id(w).one(&txn).await?.is_none_or(|w| w.case_id != c.id)
    {
        return Err(Error::field("work_order_id", "validation.not_found"));
    }
    let size = i32::try_from(content.len()).map_err(|_| Error::field("content_base64", "validation.file_too_large"))?;
    let a = attachment::ActiveModel {
        id: NotSet,
        case_id: Set(c.id),
        work_order_id: Set(input.work_order_id),
        file_name: Set(file_name),
        mime: Set(mime),
        size: Set(size),
        sha256: Set(hex::encode(Sha256::digest(&content))),
        content: Set(content),
        created_by: Set(actor.id()),
        created_at: Set(cx.now),
    }
    .insert(&txn)
    .await?;
    event(
        &txn,
        &c,
        input.work_order_id,
        cx.now,
        Some(actor.id()),
        CaseEventKind::AttachmentAdded,
        &a.file_name,
        serde_json::json!({
            "attachment_id": a.id, "size": a.size
        }),
    )
    .await?;
    txn.commit().await?;
    attachment_rows(&cx.db, c.id).await?.into_iter().find(|r| r.id == a.id).ok_or(Error::NotFound)
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AttachmentList {
    pub case_id: i32,
}

pub async fn list(cx: Cx, input: AttachmentList) -> Result<Vec<AttachmentRow>> {
    cx.actor()?;
    attachment_rows(&cx.db, input.case_id).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AttachmentGet {
    pub id: i32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AttachmentFile {
    pub file_name: String,
    pub mime: String,
    pub sha256: String,
    pub content_base64: String,
}

pub async fn get(cx: Cx, input: AttachmentGet) -> Result<AttachmentFile> {
    cx.actor()?;
    let a = attachment::Entity::find_by_id(input.id).one(&cx.db).await?.ok_or(Error::NotFound)?;
    Ok(AttachmentFile {
        file_name: a.file_name,
        mime: a.mime,
        sha256: a.sha256,
        content_base64: base64_encode(&a.content),
    })
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn base64_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Standard base64 with padding; white space is ignored; anything else fails.
pub fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let clean: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if !clean.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(clean.len() / 4 * 3);
    for (ci, chunk) in clean.chunks(4).enumerate() {
        let last = ci == clean.len() / 4 - 1;
        let pad = chunk.iter().rev().take_while(|b| **b == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n: u32 = 0;
        for &b in &chunk[..4 - pad] {
            let v = ALPHABET.iter().position(|a| *a == b)? as u32;
            n = (n << 6) | v;
        }
        n <<= 6 * pad as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        for data in [&b""[..], b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", "漏水照片".as_bytes()] {
            let e = base64_encode(data);
            assert_eq!(base64_decode(&e).as_deref(), Some(data), "{e}");
        }
        assert_eq!(base64_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64_encode(b"fo"), "Zm8=");
        assert_eq!(base64_decode("Zm8"), None);
        assert_eq!(base64_decode("Z=8="), None);
        assert_eq!(base64_decode("Zm9v!mFy"), None);
    }
}
