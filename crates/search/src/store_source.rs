//! The store as a [`ChangeSource`] (feature `store`): its `changes` feed,
//! and documents, units and tasks loaded in the index's terms.

use std::collections::HashMap;

use crate::entity::{
    BoxFuture, ChangeOp, ChangeRecord, ChangeSource, DocumentEntry, Entity, EntityKind,
    SourceError, TaskEntry, UnitEntry,
};
use crate::query::Scope;

/// Longest document text taken from the parsed model, in bytes: the index
/// and the snippets need the words, not megabytes of annexes.
pub const MAX_DOCUMENT_TEXT: usize = 512 * 1024;

/// How often [`follow`] polls the change feed: a quarter of the 2 s
/// freshness target, leaving room for the commit and a slow poll.
pub const FOLLOW_PERIOD: std::time::Duration = std::time::Duration::from_millis(500);

/// Keeps `search` current with the store for as long as it runs: what
/// `serve` spawns beside the web server. Failures of the store are retried
/// at the next period; it ends only when another process holds the index
/// writer ([`SearchError::Busy`]), which no retry can fix.
pub async fn follow(
    search: std::sync::Arc<crate::Search>,
    source: StoreSource,
    period: std::time::Duration,
) -> crate::SearchError {
    loop {
        if let Err(crate::SearchError::Busy) = search.catch_up(&source).await {
            return crate::SearchError::Busy;
        }
        tokio::time::sleep(period).await;
    }
}

/// The store's change feed and entities, for [`crate::Search::catch_up`].
#[derive(Debug, Clone)]
pub struct StoreSource {
    store: store::Store,
}

impl StoreSource {
    /// Wraps a store handle (cheap to clone).
    pub fn new(store: store::Store) -> Self {
        StoreSource { store }
    }
}

/// The access scope of a unit: its path of ids from the root.
pub async fn unit_scope(store: &store::Store, unit_id: i64) -> Result<Scope, store::Error> {
    Ok(Scope::Unit(path_of(store, unit_id).await?))
}

async fn path_of(store: &store::Store, unit_id: i64) -> Result<String, store::Error> {
    let path = store.unit_path(unit_id).await?;
    Ok(path
        .iter()
        .map(|u| u.id.to_string())
        .collect::<Vec<_>>()
        .join("/"))
}

/// `(year, month, day)` of a UTC epoch time.
fn civil(secs: i64) -> (i64, u32, u32) {
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Every string of the parsed model (headings, section text, tasks,
/// recipients), in order: the searchable full text.
fn model_text(model: &str) -> String {
    fn walk(v: &serde_json::Value, out: &mut String) {
        match v {
            serde_json::Value::String(s) if out.len() + s.len() < MAX_DOCUMENT_TEXT => {
                out.push_str(s);
                out.push('\n');
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = String::new();
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(model) {
        walk(&v, &mut out);
    }
    out
}

impl StoreSource {
    async fn document(
        &self,
        id: i64,
        campaigns: &HashMap<i64, Vec<i64>>,
    ) -> Result<Option<Entity>, store::Error> {
        let Some(d) = self.store.document(id).await? else {
            return Ok(None);
        };
        let (unit_path, level) = match d.unit_id {
            Some(u) => {
                let path = self.store.unit_path(u).await?;
                let level = path.last().map(|u| u.kind.as_str().to_owned());
                (
                    Some(
                        path.iter()
                            .map(|u| u.id.to_string())
                            .collect::<Vec<_>>()
                            .join("/"),
                    ),
                    level,
                )
            }
            None => (None, None),
        };
        Ok(Some(Entity::Document(DocumentEntry {
            id: d.id,
            number: d.number,
            doc_type: d.doc_type,
            issuer: d.issuer,
            title: d.title.unwrap_or_default(),
            text: model_text(&d.model),
            year: d.issued_at.and_then(|t| i32::try_from(civil(t).0).ok()),
            level,
            campaigns: campaigns.get(&d.id).cloned().unwrap_or_default(),
            unit_path,
            recipient_paths: Vec::new(),
        })))
    }

    async fn unit(&self, id: i64) -> Result<Option<Entity>, store::Error> {
        let Some(u) = self.store.unit(id).await? else {
            return Ok(None);
        };
        Ok(Some(Entity::Unit(UnitEntry {
            id: u.id,
            name: u.name,
            abbreviation: Some(u.abbrev).filter(|a| !a.is_empty()),
            path: path_of(&self.store, id).await?,
            level: Some(u.kind.as_str().to_owned()),
        })))
    }

    async fn task(&self, id: i64) -> Result<Option<Entity>, store::Error> {
        let Some((t, _support)) = self.store.task(id).await? else {
            return Ok(None);
        };
        let lead = self.store.unit(t.lead_unit_id).await?;
        let lead_path = path_of(&self.store, t.lead_unit_id).await?;
        let (document_number, unit_path) = match t.document_id {
            Some(doc) => match self.store.document(doc).await? {
                Some(d) => {
                    let path = match d.unit_id {
                        Some(u) => Some(path_of(&self.store, u).await?),
                        None => None,
                    };
                    (d.number, path)
                }
                None => (None, None),
            },
            None => (None, None),
        };
        Ok(Some(Entity::Task(TaskEntry {
            id: t.id,
            text: t.title,
            lead: lead.map(|u| u.name),
            lead_path: Some(lead_path),
            status: Some(t.state.as_str().to_owned()),
            deadline: t.due_at.map(|d| {
                let (y, m, d) = civil(d);
                format!("{y:04}-{m:02}-{d:02}")
            }),
            document_id: t.document_id,
            document_number,
            unit_path,
        })))
    }
}

impl ChangeSource for StoreSource {
    fn changes_since(
        &self,
        after: u64,
        limit: usize,
    ) -> BoxFuture<'_, Result<Vec<ChangeRecord>, SourceError>> {
        Box::pin(async move {
            let after = i64::try_from(after).unwrap_or(i64::MAX);
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            let rows = self.store.changes_since(after, limit).await?;
            Ok(rows
                .into_iter()
                .map(|c| {
                    let kind = EntityKind::parse(&c.kind);
                    ChangeRecord {
                        seq: u64::try_from(c.seq).unwrap_or(0),
                        kind: kind.unwrap_or(EntityKind::Document),
                        id: c.entity_id,
                        op: match (kind, c.op.as_str()) {
                            (None, _) => ChangeOp::Skip,
                            (Some(_), "delete") => ChangeOp::Delete,
                            _ => ChangeOp::Upsert,
                        },
                    }
                })
                .collect())
        })
    }

    fn load<'a>(
        &'a self,
        kind: EntityKind,
        ids: &'a [i64],
    ) -> BoxFuture<'a, Result<Vec<Entity>, SourceError>> {
        Box::pin(async move {
            let mut out = Vec::with_capacity(ids.len());
            let campaigns: HashMap<i64, Vec<i64>> = if kind == EntityKind::Document {
                let mut m: HashMap<i64, Vec<i64>> = HashMap::new();
                for c in self.store.campaigns_for(None).await? {
                    m.entry(c.document_id).or_default().push(c.id);
                }
                m
            } else {
                HashMap::new()
            };
            for &id in ids {
                let e = match kind {
                    EntityKind::Document => self.document(id, &campaigns).await?,
                    EntityKind::Unit => self.unit(id).await?,
                    EntityKind::Task => self.task(id).await?,
                };
                out.extend(e);
            }
            Ok(out)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_to_civil_date() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(1_686_787_200), (2023, 6, 15));
        assert_eq!(civil(-86_400), (1969, 12, 31));
    }

    #[test]
    fn model_text_gathers_every_string() {
        let t = model_text(
            r#"{"title":"Kế hoạch","sections":[{"id":"I","heading":"Mục đích"}],"n":3}"#,
        );
        assert!(t.contains("Kế hoạch") && t.contains("Mục đích") && t.contains('I'));
    }
}
