//! The relevance fixture (tests/corpus/*.json) and its expectations; shared
//! by the relevance test and the benchmark's FTS5 comparison.

use std::path::{Path, PathBuf};

use search::{DocumentEntry, Entity, Filters, TaskEntry, UnitEntry};
use serde::Deserialize;

/// The fixture corpus and its queries.
pub struct Corpus {
    pub documents: Vec<DocumentEntry>,
    pub units: Vec<UnitEntry>,
    pub tasks: Vec<TaskEntry>,
    pub cases: Vec<Case>,
}

impl Corpus {
    /// Every entity, documents first.
    pub fn entities(&self) -> Vec<Entity> {
        let mut v: Vec<Entity> = self
            .documents
            .iter()
            .cloned()
            .map(Entity::Document)
            .collect();
        v.extend(self.units.iter().cloned().map(Entity::Unit));
        v.extend(self.tasks.iter().cloned().map(Entity::Task));
        v
    }
}

/// One query and what must come back.
#[derive(Debug, Deserialize)]
pub struct Case {
    pub q: String,
    pub category: String,
    /// Key (`document:1`) that must rank first.
    #[serde(default)]
    pub top: Option<String>,
    /// Keys that must all be within the first `within` results.
    #[serde(default, rename = "in")]
    pub within_keys: Vec<String>,
    #[serde(default)]
    pub within: usize,
    /// Keys that must not appear at all.
    #[serde(default)]
    pub not: Vec<String>,
    /// Unit path of the searcher.
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub filters: Filters,
    /// Every result must be of this kind.
    #[serde(default)]
    pub all_kind: Option<String>,
}

impl Case {
    /// Checks a ranked list of keys (`kind:id`, best first).
    pub fn check(&self, ranked: &[String]) -> Result<(), String> {
        if ranked.is_empty() {
            return Err("no results".into());
        }
        if let Some(top) = &self.top
            && ranked.first() != Some(top)
        {
            return Err(format!("expected {top} first"));
        }
        for k in &self.within_keys {
            if !ranked.iter().take(self.within).any(|r| r == k) {
                return Err(format!("expected {k} within the first {}", self.within));
            }
        }
        for k in &self.not {
            if ranked.contains(k) {
                return Err(format!("{k} must not be found"));
            }
        }
        if let Some(kind) = &self.all_kind
            && let Some(bad) = ranked.iter().find(|r| !r.starts_with(&format!("{kind}:")))
        {
            return Err(format!("{bad} is not a {kind}"));
        }
        Ok(())
    }
}

fn read<T: for<'de> Deserialize<'de>>(dir: &Path, name: &str) -> T {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Loads tests/corpus.
pub fn load() -> Corpus {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("corpus");
    Corpus {
        documents: read(&dir, "documents.json"),
        units: read(&dir, "units.json"),
        tasks: read(&dir, "tasks.json"),
        cases: read(&dir, "queries.json"),
    }
}
