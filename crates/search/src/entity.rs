//! What the index holds (documents, units, tasks) and how changes reach it.

use std::future::Future;
use std::pin::Pin;

use serde::{Deserialize, Serialize};

/// The kind of an indexed entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EntityKind {
    /// A document (văn bản).
    Document,
    /// A unit of the organisation tree (đơn vị).
    Unit,
    /// A task assigned by a document (nhiệm vụ).
    Task,
}

impl EntityKind {
    /// Short stable name used in keys and JSON (`document`, `unit`, `task`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Document => "document",
            EntityKind::Unit => "unit",
            EntityKind::Task => "task",
        }
    }

    /// Parses [`EntityKind::as_str`] (also `doc`).
    pub fn parse(s: &str) -> Option<EntityKind> {
        match s {
            "document" | "doc" => Some(EntityKind::Document),
            "unit" => Some(EntityKind::Unit),
            "task" => Some(EntityKind::Task),
            _ => None,
        }
    }
}

/// A document as the index needs it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DocumentEntry {
    /// Store id.
    pub id: i64,
    /// Number and symbol as written (`57-KL/TW`).
    pub number: Option<String>,
    /// Type name (`Kết luận`).
    pub doc_type: Option<String>,
    /// Issuing body (`Bộ Chính trị`).
    pub issuer: Option<String>,
    /// Subject line (trích yếu).
    pub title: String,
    /// Full text.
    pub text: String,
    /// Year of issue.
    pub year: Option<i32>,
    /// Level of the issuer (`central`, `province`, `commune`, ... as the store codes it).
    pub level: Option<String>,
    /// Campaigns the document belongs to.
    pub campaigns: Vec<i64>,
    /// Path of the owning unit in the unit tree (`1/5/23`).
    pub unit_path: Option<String>,
    /// Paths of the units it was sent to (nơi nhận).
    pub recipient_paths: Vec<String>,
}

/// A unit of the organisation tree.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UnitEntry {
    /// Store id.
    pub id: i64,
    /// Name (`Tỉnh ủy Quảng Ngãi`).
    pub name: String,
    /// Issuer abbreviation used in numbers (`TU`, `BTGTW`).
    pub abbreviation: Option<String>,
    /// Path in the unit tree (`1/5`).
    pub path: String,
    /// Level (`province`, `commune`, ...).
    pub level: Option<String>,
}

/// A task assigned by a document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskEntry {
    /// Store id.
    pub id: i64,
    /// What must be done.
    pub text: String,
    /// Lead unit name (đơn vị chủ trì).
    pub lead: Option<String>,
    /// Lead unit path.
    pub lead_path: Option<String>,
    /// Status (`dung-han`, `qua-han`, ...).
    pub status: Option<String>,
    /// Deadline, ISO date.
    pub deadline: Option<String>,
    /// Document that assigned it.
    pub document_id: Option<i64>,
    /// That document's number.
    pub document_number: Option<String>,
    /// Path of the unit owning the assigning document.
    pub unit_path: Option<String>,
}

/// Any indexed entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Entity {
    /// A document.
    Document(DocumentEntry),
    /// A unit.
    Unit(UnitEntry),
    /// A task.
    Task(TaskEntry),
}

impl Entity {
    /// Its kind.
    pub fn kind(&self) -> EntityKind {
        match self {
            Entity::Document(_) => EntityKind::Document,
            Entity::Unit(_) => EntityKind::Unit,
            Entity::Task(_) => EntityKind::Task,
        }
    }

    /// Its store id.
    pub fn id(&self) -> i64 {
        match self {
            Entity::Document(d) => d.id,
            Entity::Unit(u) => u.id,
            Entity::Task(t) => t.id,
        }
    }
}

/// One change to apply to the index.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Change {
    /// Insert or replace the entity with the same kind and id.
    Upsert(Box<Entity>),
    /// Remove the entity, if present.
    Delete {
        /// Its kind.
        kind: EntityKind,
        /// Its store id.
        id: i64,
    },
}

/// What happened to an entity, as the store's change log says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChangeOp {
    /// Created or modified.
    Upsert,
    /// Deleted.
    Delete,
    /// Something the index does not hold; only its sequence number counts.
    Skip,
}

/// One row of the store's change log (`changes` table).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeRecord {
    /// Increasing sequence number.
    pub seq: u64,
    /// Kind of the changed entity.
    pub kind: EntityKind,
    /// Its id.
    pub id: i64,
    /// What happened.
    pub op: ChangeOp,
}

/// Error of a [`ChangeSource`], boxed so any store can report its own.
pub type SourceError = Box<dyn std::error::Error + Send + Sync>;

/// A boxed future, so [`ChangeSource`] stays object-safe.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The store as the index follower sees it: a change log and entity loading.
pub trait ChangeSource: Send + Sync {
    /// Change-log rows with `seq > after`, oldest first, at most `limit`.
    fn changes_since(
        &self,
        after: u64,
        limit: usize,
    ) -> BoxFuture<'_, Result<Vec<ChangeRecord>, SourceError>>;

    /// The current state of the given entities; ids no longer present are
    /// simply missing from the answer (the follower deletes them).
    fn load<'a>(
        &'a self,
        kind: EntityKind,
        ids: &'a [i64],
    ) -> BoxFuture<'a, Result<Vec<Entity>, SourceError>>;
}
