//! Documents the app produces (work-order slips, later statements) saved as files.

use std::path::{Path, PathBuf};

use base64::Engine;

/// Where documents go: `<data-dir>/documents/` when the run has its own data folder,
/// else the user's documents folder under `Steward/`.
pub fn folder(data_dir: Option<&Path>, documents: Option<PathBuf>) -> Option<PathBuf> {
    match data_dir {
        Some(dir) => Some(dir.join("documents")),
        None => documents.map(|d| d.join("Steward")),
    }
}

/// A file name safe on every OS: no folders, no reserved characters, `.pdf` kept.
pub fn safe_name(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .map(|c| if c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*') { '_' } else { c })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    (!cleaned.is_empty()).then_some(cleaned)
}

/// Writes `base64` as `file_name` in `folder` (created if needed) and returns the path.
/// An existing file of that name is replaced (a re-printed slip is the same document).
pub fn save(folder: &Path, file_name: &str, base64: &str) -> Result<PathBuf, String> {
    let name = safe_name(file_name).ok_or("the file name is empty")?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(base64.trim())
        .map_err(|e| format!("the document is not valid base64: {e}"))?;
    std::fs::create_dir_all(folder).map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    let path = folder.join(name);
    std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_folders() {
        assert_eq!(safe_name("../../etc/WO-12.pdf").as_deref(), Some("WO-12.pdf"));
        assert_eq!(safe_name("派工单 WO:3?.pdf").as_deref(), Some("派工单 WO_3_.pdf"));
        assert_eq!(safe_name(" / "), None);
        assert_eq!(folder(Some(Path::new("/d")), None), Some(PathBuf::from("/d/documents")));
        assert_eq!(
            folder(None, Some(PathBuf::from("/home/a/Documents"))),
            Some(PathBuf::from("/home/a/Documents/Steward"))
        );
    }

    #[test]
    fn saves_decoded_bytes() {
        let dir = std::env::temp_dir().join(format!("steward-doc-{}", std::process::id()));
        let path = save(&dir, "slip.pdf", "JVBERi0xLjc=").expect("saved");
        assert_eq!(std::fs::read(&path).expect("read"), b"%PDF-1.7");
        assert!(save(&dir, "x.pdf", "not base64!").is_err());
        let _ = std::fs::remove_dir_all(dir);
    }
}
