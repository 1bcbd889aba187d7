//! Errors of the search crate.

use crate::entity::SourceError;

/// Anything that can go wrong while indexing or searching.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SearchError {
    /// The query text is longer than [`crate::MAX_QUERY_CHARS`].
    #[error("query is {len} characters long; at most {max} are accepted")]
    QueryTooLong {
        /// Its length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The query has more words than [`crate::MAX_QUERY_TERMS`].
    #[error("query has {count} words; at most {max} are accepted")]
    TooManyTerms {
        /// Words found.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// `limit` is above [`crate::MAX_LIMIT`].
    #[error("limit {limit} is above the maximum {max}")]
    LimitTooLarge {
        /// Asked.
        limit: usize,
        /// The limit.
        max: usize,
    },
    /// `offset` is above [`crate::MAX_OFFSET`].
    #[error("offset {offset} is above the maximum {max}")]
    OffsetTooLarge {
        /// Asked.
        offset: usize,
        /// The limit.
        max: usize,
    },
    /// Another process holds the index writer lock.
    #[error("the search index is being written by another process")]
    Busy,
    /// The index was written by an incompatible version of this crate.
    #[error("the search index at {path} has an unknown format ({found}); run `trienkhai reindex`")]
    Incompatible {
        /// Index directory.
        path: String,
        /// What its commit payload says.
        found: String,
    },
    /// File-system trouble with the index directory.
    #[error("search index directory {path}: {source}")]
    Io {
        /// Index directory.
        path: String,
        /// Cause.
        source: std::io::Error,
    },
    /// The change source (the store) failed.
    #[error("change source: {0}")]
    Source(SourceError),
    /// The index engine failed.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
}

/// Result with [`SearchError`].
pub type Result<T, E = SearchError> = std::result::Result<T, E>;
