//! The manager's dashboard: open and overdue work by department, response and
//! completion times, satisfaction (every 1–2 listed), channels, first receivers.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::common::{parse_time, staff_names, time};
use super::rules::text;
use crate::app::Cx;
use crate::domain::{Channel, Department, FollowUpStatus, WorkOrderStatus};
use crate::entities::{follow_up, service_case, work_order};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Deserialize, TS)]
pub struct DashboardQuery {
    /// RFC 3339: cases received from (inclusive) to (exclusive); at most a year apart.
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct DepartmentLoad {
    pub department: Option<Department>,
    pub open: u32,
    pub overdue: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ChannelCount {
    pub channel: Channel,
    pub n: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ReceiverCount {
    pub staff_id: i32,
    pub staff_name: String,
    pub n: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct LowScore {
    pub case_id: i32,
    pub case_number: String,
    pub case_title: String,
    pub satisfaction: i32,
    pub remark: Option<String>,
    pub at: String,
}

/// Foreign-language cases received in the period, in one language.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LanguageCases {
    pub language: String,
    pub cases: u32,
    /// With a language contact who speaks it.
    pub with_speaker_contact: u32,
    /// Followed up by someone who speaks it.
    pub followed_up_by_speaker: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Dashboard {
    /// Work orders not yet verified or cancelled, now.
    pub by_department: Vec<DepartmentLoad>,
    pub cases_received: u32,
    /// Minutes, over cases received in the period that were responded to / completed.
    pub average_response_minutes: Option<u32>,
    pub average_completion_minutes: Option<u32>,
    /// Hundredths: 450 is 4.50.
    pub satisfaction_average_centi: Option<u32>,
    pub satisfaction_count: u32,
    pub low_scores: Vec<LowScore>,
    pub by_channel: Vec<ChannelCount>,
    pub by_receiver: Vec<ReceiverCount>,
    /// Foreign-language cases received in the period, by language.
    pub foreign_languages: Vec<LanguageCases>,
}

fn n(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

fn average_minutes(spans: &[i64]) -> Option<u32> {
    if spans.is_empty() {
        return None;
    }
    let sum: i128 = spans.iter().map(|s| i128::from(*s)).sum();
    let len = spans.len() as i128;
    // Seconds → minutes, rounded half-up.
    u32::try_from((sum + len * 30) / (len * 60)).ok()
}

pub async fn get(cx: Cx, q: DashboardQuery) -> Result<Dashboard> {
    cx.actor()?;
    let from = parse_time("from", &q.from)?;
    let to = parse_time("to", &q.to)?;
    if to <= from || to - from > chrono::Duration::days(366) {
        return Err(Error::field("to", "validation.period"));
    }

    let active: Vec<(Option<Department>, WorkOrderStatus, DateTime<Utc>)> = work_order::Entity::find()
        .select_only()
        .columns([work_order::Column::Department, work_order::Column::Status, work_order::Column::DueAt])
        .filter(work_order::Column::Status.is_not_in([WorkOrderStatus::Verified, WorkOrderStatus::Cancelled]))
        .into_tuple()
        .all(&cx.db)
        .await?;
    let mut load: BTreeMap<Option<&'static str>, (Option<Department>, u32, u32)> = BTreeMap::new();
    for (d, s, due) in active {
        let e = load.entry(d.map(|d| d.as_str())).or_insert((d, 0, 0));
        e.1 += 1;
        if due <= cx.now && s != WorkOrderStatus::Done {
            e.2 += 1;
        }
    }
    let by_department =
        load.into_values().map(|(department, open, overdue)| DepartmentLoad { department, open, overdue }).collect();

    type Times = (i32, Channel, DateTime<Utc>, Option<DateTime<Utc>>, Option<DateTime<Utc>>);
    let cases: Vec<Times> = service_case::Entity::find()
        .select_only()
        .columns([
            service_case::Column::ReceivedBy,
            service_case::Column::Channel,
            service_case::Column::ReceivedAt,
            service_case::Column::RespondedAt,
            service_case::Column::CompletedAt,
        ])
        .filter(service_case::Column::ReceivedAt.gte(from))
        .filter(service_case::Column::ReceivedAt.lt(to))
        .into_tuple()
        .all(&cx.db)
        .await?;
    let response: Vec<i64> = cases.iter().filter_map(|c| c.3.map(|r| (r - c.2).num_seconds())).collect();
    let completion: Vec<i64> = cases.iter().filter_map(|c| c.4.map(|r| (r - c.2).num_seconds())).collect();
    let mut channels: BTreeMap<&'static str, (Channel, u32)> = BTreeMap::new();
    let mut receivers: BTreeMap<i32, u32> = BTreeMap::new();
    for c in &cases {
        channels.entry(c.1.as_str()).or_insert((c.1, 0)).1 += 1;
        *receivers.entry(c.0).or_default() += 1;
    }
    let names = staff_names(&cx.db, receivers.keys().copied()).await?;
    let mut by_receiver: Vec<ReceiverCount> = receivers
        .into_iter()
        .map(|(staff_id, n)| ReceiverCount {
            staff_name: names.get(&staff_id).cloned().unwrap_or_default(),
            staff_id,
            n,
        })
        .collect();
    by_receiver.sort_by(|a, b| b.n.cmp(&a.n).then(a.staff_name.cmp(&b.staff_name)));

    let scores = follow_up::Entity::find()
        .filter(follow_up::Column::Status.eq(FollowUpStatus::Done))
        .filter(follow_up::Column::DoneAt.gte(from))
        .filter(follow_up::Column::DoneAt.lt(to))
        .order_by_asc(follow_up::Column::DoneAt)
        .all(&cx.db)
        .await?;
    let rated: Vec<i64> = scores.iter().filter_map(|f| f.satisfaction.map(i64::from)).collect();
    let satisfaction_average_centi = if rated.is_empty() {
        None
    } else {
        let len = rated.len() as i64;
        u32::try_from((rated.iter().sum::<i64>() * 100 * 2 + len) / (2 * len)).ok()
    };
    let low: Vec<&follow_up::Model> = scores.iter().filter(|f| f.satisfaction.is_some_and(|s| s <= 2)).collect();
    let titles: BTreeMap<i32, String> = service_case::Entity::find()
        .select_only()
        .column(service_case::Column::Id)
        .column(service_case::Column::Title)
        .filter(service_case::Column::Id.is_in(low.iter().map(|f| f.case_id).collect::<Vec<_>>()))
        .into_tuple::<(i32, String)>()
        .all(&cx.db)
        .await?
        .into_iter()
        .collect();
    let low_scores = low
        .into_iter()
        .map(|f| LowScore {
            case_id: f.case_id,
            case_number: text::case_number(f.case_id),
            case_title: titles.get(&f.case_id).cloned().unwrap_or_default(),
            satisfaction: f.satisfaction.unwrap_or_default(),
            remark: f.remark.clone(),
            at: f.done_at.map(time).unwrap_or_default(),
        })
        .collect();

    Ok(Dashboard {
        by_department,
        cases_received: n(cases.len()),
        average_response_minutes: average_minutes(&response),
        average_completion_minutes: average_minutes(&completion),
        satisfaction_average_centi,
        satisfaction_count: n(rated.len()),
        low_scores,
        by_channel: channels.into_values().map(|(channel, n)| ChannelCount { channel, n }).collect(),
        by_receiver,
        foreign_languages: foreign_languages(&cx.db, from, to).await?,
    })
}

/// Foreign-language cases of the period by language: how many, how many had a speaker
/// as language contact, how many were followed up by a speaker. One grouped query.
async fn foreign_languages(
    db: &impl ConnectionTrait,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<LanguageCases>> {
    let backend = db.get_database_backend();
    let (p1, p2) = if backend == DbBackend::Postgres { ("$1", "$2") } else { ("?", "?") };
    let sql = format!(
        "SELECT c.language, COUNT(*) AS cases,          SUM(CASE WHEN EXISTS (SELECT 1 FROM staff_language l WHERE l.staff_id = c.language_contact_id              AND l.language = c.language AND l.level IN ('native', 'fluent', 'working')) THEN 1 ELSE 0 END) AS contact,          SUM(CASE WHEN EXISTS (SELECT 1 FROM follow_up f WHERE f.case_id = c.id AND f.by_speaker = TRUE)              THEN 1 ELSE 0 END) AS followed          FROM service_case c WHERE c.foreign_language = TRUE AND c.received_at >= {p1} AND c.received_at < {p2}          GROUP BY c.language ORDER BY cases DESC, c.language"
    );
    let rows = db.query_all_raw(Statement::from_sql_and_values(backend, sql, [from.into(), to.into()])).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let count = |i: usize| -> Result<u32> { Ok(u32::try_from(r.try_get_by_index::<i64>(i)?).unwrap_or(u32::MAX)) };
        out.push(LanguageCases {
            language: r.try_get_by_index(0)?,
            cases: count(1)?,
            with_speaker_contact: count(2)?,
            followed_up_by_speaker: count(3)?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::average_minutes;

    #[test]
    fn averages_round_half_up() {
        assert_eq!(average_minutes(&[]), None);
        assert_eq!(average_minutes(&[60, 120]), Some(2)); // 1.5 min → 2
        assert_eq!(average_minutes(&[60, 60]), Some(1));
        assert_eq!(average_minutes(&[89]), Some(1));
    }
}
