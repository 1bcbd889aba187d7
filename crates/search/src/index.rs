//! [`Search`]: the index on disk, its writer, its follower and its searcher.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::Query as TQuery;
use tantivy::schema::Value;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Score, Searcher, TantivyDocument,
    Term,
};

use crate::analyzer::{EXACT_TOKENIZER, FOLDED_TOKENIZER, Form, VietnameseTokenizer, nfc};
use crate::entity::{Change, ChangeOp, ChangeSource, Entity, EntityKind};
use crate::error::{Result, SearchError};
use crate::facets::{FacetCollector, Facets};
use crate::number::document_keys;
use crate::query::{
    MAX_LIMIT, MAX_OFFSET, Mode, Query, build, normalize_path, owner_scope_terms, parse,
};
use crate::schema::{self, Fields, SCHEMA_VERSION};
use crate::snippet::snippet;

/// Indexing memory of the writer that follows the change log, in bytes:
/// changes arrive in small batches, and tantivy needs ≥ 15 MB per thread.
pub const FOLLOW_WRITER_MEMORY: usize = 32 << 20;

/// Change-log rows read per round trip while catching up: bounds the memory
/// of one batch and the size of one `load` call.
pub const CATCH_UP_BATCH: usize = 500;

/// Prefix of the commit payload that marks an index as ours.
const PAYLOAD_PREFIX: &str = "trienkhai-search";

/// How the index writer is sized.
#[derive(Clone, Copy, Debug)]
pub struct WriterOptions {
    /// Indexing threads.
    pub threads: usize,
    /// Indexing memory in bytes, shared by the threads (≥ 15 MB each).
    pub memory: usize,
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions {
            threads: 1,
            memory: FOLLOW_WRITER_MEMORY,
        }
    }
}

/// One result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// What it is.
    pub kind: EntityKind,
    /// Its store id.
    pub id: i64,
    /// Document number (for a task: its document's number).
    pub number: Option<String>,
    /// Title (document subject line, unit name, task text).
    pub title: String,
    /// Document type name.
    pub doc_type: Option<String>,
    /// Issuer.
    pub issuer: Option<String>,
    /// Year.
    pub year: Option<i32>,
    /// Task status.
    pub status: Option<String>,
    /// Task deadline.
    pub deadline: Option<String>,
    /// Relevance score (higher is better).
    pub score: f32,
    /// HTML snippet: escaped text, matches in `<mark>`.
    pub snippet: String,
}

/// The answer to a [`Query`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// The requested page, best first.
    pub hits: Vec<Hit>,
    /// Facet counts over all matches (empty unless asked for).
    pub facets: Facets,
    /// Number of matches.
    pub total: usize,
}

/// The search index: open it, keep it current, query it.
pub struct Search {
    path: Option<PathBuf>,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    options: WriterOptions,
    writer: Mutex<Option<IndexWriter>>,
    seq: AtomicU64,
    following: AtomicBool,
}

impl std::fmt::Debug for Search {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Search")
            .field("path", &self.path)
            .field("seq", &self.last_seq())
            .finish_non_exhaustive()
    }
}

fn payload(seq: u64) -> String {
    format!("{PAYLOAD_PREFIX} v{SCHEMA_VERSION} seq={seq}")
}

/// `(version, seq)` from a payload written by [`payload`].
fn parse_payload(p: &str) -> Option<(u32, u64)> {
    let rest = p.strip_prefix(PAYLOAD_PREFIX)?.trim();
    let (v, s) = rest.split_once(' ')?;
    let v = v.strip_prefix('v')?.parse().ok()?;
    let s = s.strip_prefix("seq=")?.parse().ok()?;
    Some((v, s))
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> SearchError + '_ {
    move |source| SearchError::Io {
        path: path.display().to_string(),
        source,
    }
}

impl Search {
    /// Opens (or creates) the index in `dir` with the default writer.
    pub fn open(dir: impl AsRef<Path>) -> Result<Search> {
        Search::open_with(dir, WriterOptions::default())
    }

    /// Opens (or creates) the index in `dir`. An index of an older schema
    /// version is emptied (the follower then replays the change log).
    pub fn open_with(dir: impl AsRef<Path>, options: WriterOptions) -> Result<Search> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let (schema, _) = schema::build();
        let mmap = MmapDirectory::open(dir).map_err(|e| SearchError::Io {
            path: dir.display().to_string(),
            source: std::io::Error::other(e.to_string()),
        })?;
        let exists = Index::exists(&mmap).map_err(tantivy::TantivyError::from)?;
        let index = if exists {
            let index = Index::open(mmap)?;
            let meta = index.load_metas()?;
            let ours = meta.payload.as_deref().and_then(parse_payload);
            let same_schema = index.schema() == schema;
            match (ours, same_schema) {
                (Some((v, _)), true) if v == SCHEMA_VERSION => index,
                (None, true) => index,
                (Some(_), _) => {
                    drop(index);
                    std::fs::remove_dir_all(dir).map_err(io_err(dir))?;
                    std::fs::create_dir_all(dir).map_err(io_err(dir))?;
                    Index::create_in_dir(dir, schema)?
                }
                (None, false) => {
                    return Err(SearchError::Incompatible {
                        path: dir.display().to_string(),
                        found: meta.payload.unwrap_or_else(|| "no payload".to_owned()),
                    });
                }
            }
        } else {
            Index::create_in_dir(dir, schema)?
        };
        Search::from_index(index, Some(dir.to_path_buf()), options)
    }

    /// An index in memory (tests, benchmarks).
    pub fn open_in_ram(options: WriterOptions) -> Result<Search> {
        let (schema, _) = schema::build();
        Search::from_index(Index::create_in_ram(schema), None, options)
    }

    fn from_index(index: Index, path: Option<PathBuf>, options: WriterOptions) -> Result<Search> {
        index.tokenizers().register(
            EXACT_TOKENIZER,
            TextAnalyzer::from(VietnameseTokenizer::new(Form::Exact)),
        );
        index.tokenizers().register(
            FOLDED_TOKENIZER,
            TextAnalyzer::from(VietnameseTokenizer::new(Form::Folded)),
        );
        let (_, fields) = schema::build();
        let seq = index
            .load_metas()?
            .payload
            .as_deref()
            .and_then(parse_payload)
            .map_or(0, |(_, s)| s);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Search {
            path,
            index,
            reader,
            fields,
            options,
            writer: Mutex::new(None),
            seq: AtomicU64::new(seq),
            following: AtomicBool::new(false),
        })
    }

    /// Directory of the index (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Last change-log sequence number applied.
    pub fn last_seq(&self) -> u64 {
        self.seq.load(Ordering::SeqCst)
    }

    /// Number of entities in the index (as of the last commit).
    pub fn num_entities(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Number of index segments (as of the last commit).
    pub fn num_segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    fn writer(&self) -> Result<MutexGuard<'_, Option<IndexWriter>>> {
        let mut guard = self
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if guard.is_none() {
            let w = self
                .index
                .writer_with_num_threads(self.options.threads.max(1), self.options.memory)
                .map_err(|e| match e {
                    tantivy::TantivyError::LockFailure(..) => SearchError::Busy,
                    e => SearchError::Index(e),
                })?;
            *guard = Some(w);
        }
        Ok(guard)
    }

    fn commit(&self, writer: &mut IndexWriter, seq: u64) -> Result<()> {
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&payload(seq));
        prepared.commit()?;
        self.reader.reload()?;
        self.seq.store(seq, Ordering::SeqCst);
        Ok(())
    }

    /// Applies changes (upserts replace by kind and id) and commits; they
    /// are searchable when it returns.
    pub fn apply(&self, changes: &[Change]) -> Result<()> {
        self.apply_upto(changes, self.last_seq())
    }

    fn apply_upto(&self, changes: &[Change], seq: u64) -> Result<()> {
        let mut guard = self.writer()?;
        let Some(w) = guard.as_mut() else {
            return Err(SearchError::Busy);
        };
        for change in changes {
            match change {
                Change::Upsert(e) => {
                    w.delete_term(self.key_term(e.kind(), e.id()));
                    w.add_document(to_doc(&self.fields, e))?;
                }
                Change::Delete { kind, id } => {
                    w.delete_term(self.key_term(*kind, *id));
                }
            }
        }
        self.commit(w, seq)
    }

    fn key_term(&self, kind: EntityKind, id: i64) -> Term {
        Term::from_field_text(self.fields.key, &entity_key(kind, id))
    }

    /// Rebuilds the index from `entities`, marking it current up to change
    /// `seq`; `progress` gets the count every 1 000 entities and at the end.
    pub fn reindex<I>(&self, entities: I, seq: u64, progress: &mut dyn FnMut(u64)) -> Result<u64>
    where
        I: IntoIterator<Item = Entity>,
    {
        let mut r = self.begin_reindex()?;
        for e in entities {
            r.add(&e)?;
            if r.count % 1000 == 0 {
                progress(r.count);
            }
        }
        let n = r.finish(seq)?;
        progress(n);
        Ok(n)
    }

    /// Starts a rebuild fed piece by piece (for async callers loading pages
    /// of entities); nothing changes for searchers until [`Reindex::finish`].
    pub fn begin_reindex(&self) -> Result<Reindex<'_>> {
        let guard = self.writer()?;
        if let Some(w) = guard.as_ref() {
            w.delete_all_documents()?;
        }
        Ok(Reindex {
            search: self,
            guard,
            count: 0,
        })
    }

    /// Waits for background segment merges to end (after a bulk load).
    pub fn wait_merges(&self) -> Result<()> {
        let mut guard = self
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(w) = guard.take() {
            w.wait_merging_threads()?;
        }
        self.reader.reload()?;
        Ok(())
    }

    /// Applies every change the source logged after [`Search::last_seq`].
    /// Returns the number of change-log rows read. Another catch-up already
    /// running in this process makes this one return 0 at once.
    pub async fn catch_up(&self, source: &dyn ChangeSource) -> Result<usize> {
        self.catch_up_with(source, &mut |_| {}).await
    }

    /// Empties the index and replays the whole change log into it;
    /// `progress` gets the number of change-log rows read so far.
    pub async fn rebuild(
        &self,
        source: &dyn ChangeSource,
        progress: &mut (dyn FnMut(usize) + Send),
    ) -> Result<usize> {
        {
            let mut guard = self.writer()?;
            let Some(w) = guard.as_mut() else {
                return Err(SearchError::Busy);
            };
            w.delete_all_documents()?;
            self.commit(w, 0)?;
        }
        self.catch_up_with(source, progress).await
    }

    /// [`Search::catch_up`], reporting the rows read after each batch.
    pub async fn catch_up_with(
        &self,
        source: &dyn ChangeSource,
        progress: &mut (dyn FnMut(usize) + Send),
    ) -> Result<usize> {
        if self.following.swap(true, Ordering::SeqCst) {
            return Ok(0);
        }
        let _reset = ResetOnDrop(&self.following);
        let mut read = 0;
        loop {
            let after = self.last_seq();
            let records = source
                .changes_since(after, CATCH_UP_BATCH)
                .await
                .map_err(SearchError::Source)?;
            let Some(last) = records.iter().map(|r| r.seq).max() else {
                break;
            };
            // The last operation on each entity wins.
            let mut latest: HashMap<(EntityKind, i64), ChangeOp> = HashMap::new();
            for r in records.iter().filter(|r| r.op != ChangeOp::Skip) {
                latest.insert((r.kind, r.id), r.op);
            }
            let mut changes = Vec::with_capacity(latest.len());
            let mut upserts: HashMap<EntityKind, Vec<i64>> = HashMap::new();
            for (&(kind, id), op) in &latest {
                match op {
                    ChangeOp::Upsert => upserts.entry(kind).or_default().push(id),
                    ChangeOp::Delete | ChangeOp::Skip => changes.push(Change::Delete { kind, id }),
                }
            }
            for (kind, ids) in upserts {
                let loaded = source.load(kind, &ids).await.map_err(SearchError::Source)?;
                let found: HashSet<i64> = loaded.iter().map(Entity::id).collect();
                changes.extend(loaded.into_iter().map(|e| Change::Upsert(Box::new(e))));
                changes.extend(
                    ids.into_iter()
                        .filter(|id| !found.contains(id))
                        .map(|id| Change::Delete { kind, id }),
                );
            }
            self.apply_upto(&changes, last.max(after))?;
            read += records.len();
            progress(read);
            if records.len() < CATCH_UP_BATCH {
                break;
            }
        }
        Ok(read)
    }

    /// Runs a query.
    pub fn query(&self, q: &Query) -> Result<Results> {
        if q.limit > MAX_LIMIT {
            return Err(SearchError::LimitTooLarge {
                limit: q.limit,
                max: MAX_LIMIT,
            });
        }
        if q.offset > MAX_OFFSET {
            return Err(SearchError::OffsetTooLarge {
                offset: q.offset,
                max: MAX_OFFSET,
            });
        }
        let parsed = parse(&q.text)?;
        let searcher = self.reader.searcher();
        let Some(tq) = build(&self.fields, &parsed, &q.scope, &q.filters, Mode::All) else {
            return Ok(Results::default());
        };
        let mut found = self.collect(&searcher, tq.as_ref(), q)?;
        if found.1 == 0
            && parsed.words.len() >= 2
            && let Some(tq) = build(&self.fields, &parsed, &q.scope, &q.filters, Mode::Most)
        {
            found = self.collect(&searcher, tq.as_ref(), q)?;
        }
        let (top, total, facets) = found;
        let terms: HashSet<String> = parsed.folded_terms().into_iter().collect();
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            hits.push(self.hit(&searcher, addr, score, &terms)?);
        }
        Ok(Results {
            hits,
            facets,
            total,
        })
    }

    #[allow(clippy::type_complexity)]
    fn collect(
        &self,
        searcher: &Searcher,
        tq: &dyn TQuery,
        q: &Query,
    ) -> Result<(Vec<(Score, DocAddress)>, usize, Facets)> {
        let top = TopDocs::with_limit(q.limit.max(1))
            .and_offset(q.offset)
            .order_by_score();
        let (mut docs, total, facets) = if q.facets {
            searcher.search(tq, &(top, Count, FacetCollector))?
        } else {
            let (d, c) = searcher.search(tq, &(top, Count))?;
            (d, c, Facets::default())
        };
        docs.truncate(q.limit);
        Ok((docs, total, facets))
    }

    fn hit(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
        score: Score,
        terms: &HashSet<String>,
    ) -> Result<Hit> {
        let f = &self.fields;
        let doc: TantivyDocument = searcher.doc(addr)?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let kind = text(f.kind)
            .as_deref()
            .and_then(EntityKind::parse)
            .unwrap_or(EntityKind::Document);
        let title = text(f.title).unwrap_or_default();
        let body = text(f.body).unwrap_or_default();
        let mut snip = snippet(&body, terms);
        if !snip.contains("<mark>") || body.is_empty() {
            let t = snippet(&title, terms);
            if t.contains("<mark>") || snip.is_empty() {
                snip = t;
            }
        }
        Ok(Hit {
            kind,
            id: doc
                .get_first(f.id)
                .and_then(|v| v.as_i64())
                .unwrap_or_default(),
            number: text(f.number),
            title,
            doc_type: text(f.doc_type),
            issuer: text(f.issuer),
            year: doc
                .get_first(f.year)
                .and_then(|v| v.as_i64())
                .and_then(|y| i32::try_from(y).ok()),
            status: text(f.status),
            deadline: text(f.deadline),
            score,
            snippet: snip,
        })
    }
}

struct ResetOnDrop<'a>(&'a AtomicBool);

impl Drop for ResetOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

/// A rebuild in progress (see [`Search::begin_reindex`]).
pub struct Reindex<'a> {
    search: &'a Search,
    guard: MutexGuard<'a, Option<IndexWriter>>,
    count: u64,
}

impl Reindex<'_> {
    /// Adds one entity.
    pub fn add(&mut self, e: &Entity) -> Result<()> {
        if let Some(w) = self.guard.as_ref() {
            w.add_document(to_doc(&self.search.fields, e))?;
            self.count += 1;
        }
        Ok(())
    }

    /// Entities added so far.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Commits the rebuild as current up to change `seq`.
    pub fn finish(mut self, seq: u64) -> Result<u64> {
        let Some(w) = self.guard.as_mut() else {
            return Err(SearchError::Busy);
        };
        self.search.commit(w, seq)?;
        Ok(self.count)
    }
}

/// Unique key of an entity in the index.
fn entity_key(kind: EntityKind, id: i64) -> String {
    format!("{}:{id}", kind.as_str())
}

fn join(parts: &[Option<&str>]) -> String {
    let mut s = String::new();
    for p in parts.iter().flatten() {
        if !p.is_empty() {
            if !s.is_empty() {
                s.push_str(" \n ");
            }
            s.push_str(p);
        }
    }
    s
}

/// The index document of an entity (all text NFC).
fn to_doc(f: &Fields, e: &Entity) -> TantivyDocument {
    let mut d = TantivyDocument::new();
    d.add_text(f.key, entity_key(e.kind(), e.id()));
    d.add_text(f.kind, e.kind().as_str());
    d.add_i64(f.id, e.id());
    let mut scope: Vec<String> = Vec::new();
    let (head, body) = match e {
        Entity::Document(doc) => {
            let title = nfc(&doc.title);
            let body = nfc(&doc.text);
            let head = nfc(&join(&[
                doc.doc_type.as_deref(),
                doc.number.as_deref(),
                Some(&doc.title),
                doc.issuer.as_deref(),
            ]));
            if let Some(n) = &doc.number {
                d.add_text(f.number, nfc(n));
                for k in document_keys(n) {
                    d.add_text(f.numkey, k);
                }
            }
            if let Some(t) = &doc.doc_type {
                d.add_text(f.doc_type, nfc(t));
            }
            if let Some(i) = &doc.issuer {
                d.add_text(f.issuer, nfc(i));
            }
            if let Some(l) = &doc.level {
                d.add_text(f.level, l);
            }
            if let Some(y) = doc.year {
                d.add_i64(f.year, i64::from(y));
            }
            for c in &doc.campaigns {
                d.add_text(f.campaign, c.to_string());
            }
            if let Some(p) = &doc.unit_path {
                scope.extend(owner_scope_terms(p));
            }
            for r in &doc.recipient_paths {
                scope.push(format!("r:{}", normalize_path(r)));
            }
            d.add_text(f.title, &title);
            (head, body)
        }
        Entity::Unit(u) => {
            let name = nfc(&u.name);
            if let Some(l) = &u.level {
                d.add_text(f.level, l);
            }
            scope.extend(owner_scope_terms(&u.path));
            d.add_text(f.title, &name);
            (
                nfc(&join(&[Some(&u.name), u.abbreviation.as_deref()])),
                String::new(),
            )
        }
        Entity::Task(t) => {
            let text = nfc(&t.text);
            if let Some(n) = &t.document_number {
                d.add_text(f.number, nfc(n));
            }
            if let Some(s) = &t.status {
                d.add_text(f.status, s);
            }
            if let Some(dl) = &t.deadline {
                d.add_text(f.deadline, dl);
            }
            for p in [&t.unit_path, &t.lead_path].into_iter().flatten() {
                scope.extend(owner_scope_terms(p));
            }
            d.add_text(f.title, &text);
            let body = nfc(&join(&[t.lead.as_deref(), t.document_number.as_deref()]));
            (text, body)
        }
    };
    scope.sort();
    scope.dedup();
    for s in scope {
        d.add_text(f.scope, s);
    }
    d.add_text(f.head_x, &head);
    d.add_text(f.head_f, &head);
    if !body.is_empty() {
        d.add_text(f.body_x, &body);
        d.add_text(f.body_f, &body);
        d.add_text(f.body, &body);
    }
    d
}
