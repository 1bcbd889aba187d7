//! Vietnamese-aware full-text search over documents, units and tasks.
//!
//! * [`Search`] opens an index directory, keeps it current from a
//!   [`ChangeSource`] (the store's change log) with [`Search::catch_up`],
//!   rebuilds it with [`Search::reindex`], and answers a [`Query`] with
//!   [`Results`]: hits best first, facets, total.
//! * [`analyzer`] turns text into syllable tokens in two forms: exact
//!   (tone placement made canonical, `hoà` = `hòa`) and folded (no
//!   diacritics, `đ` → `d`); exact matches rank above folded ones.
//! * [`number`] turns every writing of a document number (`57-KL/TW`,
//!   `kl 57`, `KL57`, `ket luan 57`) into keys that find the document first.

//!
//! In an app (feature `store`):
//!
//! ```no_run
//! # #[cfg(feature = "store")]
//! # async fn app(store: store::Store) -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! use search::store_source::{FOLLOW_PERIOD, StoreSource, follow, unit_scope};
//! use search::{Query, Search};
//!
//! let search = Arc::new(Search::open("trienkhai.db.index")?);
//! tokio::spawn(follow(search.clone(), StoreSource::new(store.clone()), FOLLOW_PERIOD));
//! let results = search.query(&Query {
//!     text: "ket luan 57".into(),
//!     scope: unit_scope(&store, 42).await?,
//!     facets: true,
//!     ..Query::default()
//! })?;
//! for hit in &results.hits {
//!     println!("{:?} {:?} {} {}", hit.kind, hit.number, hit.title, hit.snippet);
//! }
//! # Ok(())
//! # }
//! ```

pub mod analyzer;
mod entity;
mod error;
mod facets;
mod index;
pub mod number;
mod query;
mod schema;
pub mod snippet;
#[cfg(feature = "store")]
pub mod store_source;

pub use entity::{
    BoxFuture, Change, ChangeOp, ChangeRecord, ChangeSource, DocumentEntry, Entity, EntityKind,
    SourceError, TaskEntry, UnitEntry,
};
pub use error::{Result, SearchError};
pub use facets::{FacetValue, Facets, MAX_FACET_VALUES};
pub use index::{
    CATCH_UP_BATCH, FOLLOW_WRITER_MEMORY, Hit, Reindex, Results, Search, WriterOptions,
};
pub use query::{
    Filters, MAX_LIMIT, MAX_OFFSET, MAX_QUERY_CHARS, MAX_QUERY_TERMS, Query, Scope, normalize_path,
};
pub use schema::SCHEMA_VERSION;
