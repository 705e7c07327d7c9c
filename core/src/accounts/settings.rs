//! This desk's connection (this computer or an office server) is chosen by the shell and
//! kept in the desk's settings file; a change made while signed in is recorded here first,
//! under the current connection's rules (a manager), then the shell switches.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::app::Cx;
use crate::db;
use crate::domain::AuditEvent;
use crate::error::{Problems, Result};
use crate::record::audit;

/// Old → new connection, as addresses only: `local` or `https://host:port`.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ConnectionChange {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ConnectionChangeRecorded {
    pub detail: String,
}

/// `local` or an `https://` address with no user or password in it.
fn is_address(text: &str) -> bool {
    text == "local"
        || (text.starts_with("https://")
            && text.len() <= 200
            && !text.contains('@')
            && !text.chars().any(|c| c.is_whitespace() || c.is_control()))
}

/// Records the change in the audit log (the shell then saves and switches).
pub async fn change_record(cx: Cx, input: ConnectionChange) -> Result<ConnectionChangeRecorded> {
    let actor = cx.actor()?;
    let mut problems = Problems::default();
    problems.check(is_address(&input.from), "from", "validation.invalid");
    problems.check(is_address(&input.to), "to", "validation.invalid");
    problems.into_result()?;
    let detail = format!("{} → {}", input.from, input.to);
    let txn = db::begin_write(&cx.db).await?;
    audit::by(&txn, cx.now, actor, AuditEvent::ConnectionChanged, &detail).await?;
    txn.commit().await?;
    tracing::info!(from = %input.from, to = %input.to, "connection change recorded");
    Ok(ConnectionChangeRecorded { detail })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_only() {
        assert!(is_address("local"));
        assert!(is_address("https://10.0.0.5:7443"));
        assert!(!is_address("postgres://desk:pw@10.0.0.5/steward"));
        assert!(!is_address("https://desk:pw@10.0.0.5:7443"));
        assert!(!is_address("http://10.0.0.5:7443"));
    }
}
