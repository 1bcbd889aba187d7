//! `store` keeps trienkhai's state in SQLite (embedded, the default) or
//! PostgreSQL behind one type, [`Store`], picked by URL (`sqlite://PATH`,
//! `postgres://…`). The records it reads and writes are in [`types`]; the
//! words and rules (statuses, roll-up arithmetic) come from [`domain`].
//!
//! # One code path, two engines
//!
//! [`Store`] wraps an enum of `SqlitePool`/`PgPool`. The implementation is
//! written once (`src/backend/*.rs`) against a type alias `Db` and compiled
//! twice, once per engine; a small `dispatch!` macro routes each public
//! method. The SQL text is the same for both (`$N` placeholders, `ON
//! CONFLICT`, `RETURNING`, `UPDATE … FROM`); each engine has its own
//! append-only migrations (`migrations/sqlite`, `migrations/postgres`).
//! [`Store::open`] refuses a database whose schema is older than the binary
//! ([`Error::SchemaOutdated`]) until `trienkhai migrate` runs
//! [`Store::migrate`].
//!
//! # Roll-ups whose cost does not grow with members
//!
//! The unit tree is kept with a closure table `unit_ancestors(ancestor,
//! descendant, depth)` (self at depth 0; ≈ 6 rows per unit nationally).
//! For every campaign, `campaign_unit_stats` holds one row per unit in scope
//! with **subtree totals**: members, distinct members who attended, units
//! owing a plan, plans on time, plans late, tasks done on time/late. Every
//! write that changes a figure updates the rows of the unit's ancestors
//! (found through `unit_ancestors`) in the same transaction: a member's
//! first attendance in a campaign (detected by inserting into
//! `campaign_attendees`, whose primary key makes repeats no-ops) adds one to
//! `attended` on ≈ 6 rows, whatever the country's size. A dashboard
//! ([`Store::rollup`]) then reads one row for the unit and one per direct
//! child: its cost depends on the number of children, never on members or
//! attendance rows.
//!
//! Task status depends on the clock (a task becomes overdue by itself), so
//! open tasks are counted in `campaign_task_open` buckets keyed by (unit,
//! current deadline, started); "overdue" is `due_at < now` summed at read
//! time. A recurring task's `due_at` is its current period's deadline and
//! advances when that period is completed. Reports are counted per period
//! in `campaign_report_stats`.
//!
//! # Durability and audit
//!
//! SQLite runs in WAL mode with `synchronous=FULL`: a committed transaction
//! survives a crash or `kill -9`. Every write is one transaction that also
//! appends to the hash-chained `audit_log` (each row's hash is
//! `sha256(prev_hash ‖ canonical row)`, serialised through the single-row
//! `audit_head`, which also makes concurrent writers on PostgreSQL chain in
//! order) and, for documents, units and tasks, to the `changes` feed that
//! search indexers follow. [`Store::audit_verify`] names the first entry
//! that does not check out.
//!
//! Bulk tables (`members`, `attendance`, `unit_ancestors`) carry no foreign
//! keys, for load speed; the store checks references itself before writing.

mod audit;
mod backend;
pub mod bulk;
mod resolve;
pub mod types;
mod web_support;

pub use bulk::sqlite_vacuum_into;
pub use sqlx::{PgPool, SqlitePool};
pub use types::*;

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

/// Most rows a list call returns at once (keeps pages and memory bounded).
pub const MAX_PAGE: i64 = 1_000;
/// Most rows in one attendance batch: 4 bound values per row stay well under
/// SQLite's 32,766 bound-parameter limit.
pub const MAX_BATCH: usize = 5_000;
/// How long a writer waits for SQLite's write lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections per pool; SQLite has one writer anyway, readers share WAL.
pub const POOL_SIZE: u32 = 8;
/// The default database when neither `--db` nor `TRIENKHAI_DB` is given.
pub const DEFAULT_URL: &str = "sqlite://trienkhai.db";

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database URL is neither `sqlite:` nor `postgres:`.
    #[error("unsupported database URL {0:?}: use sqlite://PATH or postgres://…")]
    BadUrl(String),
    /// The database's schema is older than this binary.
    #[error(
        "the database schema is at version {applied}, this program needs {expected}: run `trienkhai migrate --db …` first"
    )]
    SchemaOutdated {
        /// Latest migration applied.
        applied: i64,
        /// Latest migration this binary knows.
        expected: i64,
    },
    /// The database's schema is newer than this binary.
    #[error(
        "the database schema is at version {applied}, newer than this program ({expected}): upgrade trienkhai"
    )]
    SchemaNewer {
        /// Latest migration applied.
        applied: i64,
        /// Latest migration this binary knows.
        expected: i64,
    },
    /// A referenced record does not exist.
    #[error("{what} {id} not found")]
    NotFound {
        /// Kind of record.
        what: &'static str,
        /// Its id.
        id: i64,
    },
    /// The request breaks a rule (message says which).
    #[error("invalid: {0}")]
    Invalid(String),
    /// A unique value is already taken.
    #[error("already exists: {0}")]
    Conflict(String),
    /// A row of an import is wrong; nothing was imported.
    #[error("row {row}: {message} (nothing was imported)")]
    Row {
        /// The row's number in the source file (as the caller counts it).
        row: u64,
        /// What is wrong with it.
        message: String,
    },
    /// The database failed.
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    /// Applying migrations failed.
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Stored JSON could not be read.
    #[error("stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A stored code is not a known value.
    #[error("stored value: {0}")]
    Domain(#[from] domain::ParseError),
}

/// Result with the store's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Which engine a [`Store`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// SQLite (embedded file).
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

#[derive(Debug, Clone)]
enum Pool {
    Sqlite(SqlitePool),
    Pg(PgPool),
}

/// trienkhai's persistent state; cheap to clone (a pool handle).
#[derive(Debug, Clone)]
pub struct Store {
    pool: Pool,
}

/// Calls the same-named function of the active backend with the pool first.
macro_rules! dispatch {
    ($self:ident, $f:ident($($arg:expr),* $(,)?)) => {
        match &$self.pool {
            Pool::Sqlite(p) => backend::sqlite::$f(p, $($arg),*).await,
            Pool::Pg(p) => backend::pg::$f(p, $($arg),*).await,
        }
    };
}

/// Current time as UTC epoch seconds.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// SHA-256 of `bytes` as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

impl Store {
    /// Connects and checks that the schema is current (see [`Error::SchemaOutdated`]).
    pub async fn open(url: &str) -> Result<Store> {
        let store = Store::connect(url).await?;
        store.check_schema().await?;
        Ok(store)
    }

    /// Connects without checking the schema (for `migrate`, `gen`, tests).
    /// A SQLite file is created if missing.
    pub async fn connect(url: &str) -> Result<Store> {
        if url.starts_with("sqlite:") {
            let memory = url.contains(":memory:") || url.contains("mode=memory");
            let opts = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(BUSY_TIMEOUT)
                .foreign_keys(true)
                .pragma("cache_size", "-65536")
                .pragma("temp_store", "memory")
                .pragma("mmap_size", "1073741824");
            let pool = SqlitePoolOptions::new()
                .max_connections(if memory { 1 } else { POOL_SIZE })
                .connect_with(opts)
                .await?;
            Ok(Store {
                pool: Pool::Sqlite(pool),
            })
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let pool = PgPoolOptions::new()
                .max_connections(POOL_SIZE)
                .connect(url)
                .await?;
            Ok(Store {
                pool: Pool::Pg(pool),
            })
        } else {
            Err(Error::BadUrl(url.to_owned()))
        }
    }

    /// The engine in use.
    pub fn engine(&self) -> Engine {
        match self.pool {
            Pool::Sqlite(_) => Engine::Sqlite,
            Pool::Pg(_) => Engine::Postgres,
        }
    }

    /// The SQLite pool, for engine-specific tools (bulk load, backup).
    pub fn sqlite_pool(&self) -> Option<&SqlitePool> {
        match &self.pool {
            Pool::Sqlite(p) => Some(p),
            Pool::Pg(_) => None,
        }
    }

    /// The PostgreSQL pool, for engine-specific tools (COPY, backup).
    pub fn pg_pool(&self) -> Option<&PgPool> {
        match &self.pool {
            Pool::Pg(p) => Some(p),
            Pool::Sqlite(_) => None,
        }
    }

    /// Closes the pool (waits for connections to finish).
    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(p) => p.close().await,
            Pool::Pg(p) => p.close().await,
        }
    }

    /// Applies pending migrations; returns the schema version after.
    pub async fn migrate(&self) -> Result<i64> {
        match &self.pool {
            Pool::Sqlite(p) => backend::sqlite::MIGRATOR.run(p).await?,
            Pool::Pg(p) => backend::pg::MIGRATOR.run(p).await?,
        }
        self.schema_version().await
    }

    /// The latest applied migration (0 for an empty database).
    pub async fn schema_version(&self) -> Result<i64> {
        dispatch!(self, schema_version())
    }

    /// The latest migration this binary carries.
    pub fn expected_version(&self) -> i64 {
        let m = match self.pool {
            Pool::Sqlite(_) => &backend::sqlite::MIGRATOR,
            Pool::Pg(_) => &backend::pg::MIGRATOR,
        };
        m.iter().map(|m| m.version).max().unwrap_or(0)
    }

    /// Fails unless the schema is exactly the binary's.
    pub async fn check_schema(&self) -> Result<()> {
        let applied = self.schema_version().await?;
        let expected = self.expected_version();
        if applied < expected {
            Err(Error::SchemaOutdated { applied, expected })
        } else if applied > expected {
            Err(Error::SchemaNewer { applied, expected })
        } else {
            Ok(())
        }
    }

    // ---- units and members -------------------------------------------------

    /// Creates a unit under its parent (closure rows, campaign counters and
    /// the change feed in the same transaction).
    pub async fn unit_create(&self, actor: &str, unit: &NewUnit) -> Result<i64> {
        dispatch!(self, unit_create(actor, unit))
    }

    /// One unit.
    pub async fn unit(&self, id: i64) -> Result<Option<Unit>> {
        dispatch!(self, unit(id))
    }

    /// A unit by its code.
    pub async fn unit_by_code(&self, code: &str) -> Result<Option<Unit>> {
        dispatch!(self, unit_by_code(code))
    }

    /// The root unit(s) (no parent).
    pub async fn unit_roots(&self) -> Result<Vec<Unit>> {
        dispatch!(self, unit_roots())
    }

    /// Direct children of a unit, by name.
    pub async fn unit_children(&self, id: i64) -> Result<Vec<Unit>> {
        dispatch!(self, unit_children(id))
    }

    /// The path from the root down to the unit (inclusive).
    pub async fn unit_path(&self, id: i64) -> Result<Vec<Unit>> {
        dispatch!(self, unit_path(id))
    }

    /// Whether `unit` is `ancestor` or lies in its subtree (access checks).
    pub async fn is_within(&self, ancestor: i64, unit: i64) -> Result<bool> {
        dispatch!(self, is_within(ancestor, unit))
    }

    /// Units whose name contains `query` (diacritic-insensitive), optionally
    /// only within a subtree; at most `limit`.
    pub async fn unit_search(
        &self,
        query: &str,
        within: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Unit>> {
        dispatch!(self, unit_search(query, within, limit))
    }

    /// Adds members (one transaction; counters on ancestors updated).
    pub async fn members_add(&self, actor: &str, members: &[NewMember]) -> Result<Vec<i64>> {
        dispatch!(self, members_add(actor, members))
    }

    /// Imports units (parents by code, earlier rows or stored units) in one
    /// transaction: all or nothing, errors name the row.
    pub async fn units_import(&self, actor: &str, rows: &[ImportUnit]) -> Result<Vec<i64>> {
        dispatch!(self, units_import(actor, rows))
    }

    /// Imports members (units by code) in one transaction: all or nothing,
    /// errors name the row. Returns how many were added.
    pub async fn members_import(&self, actor: &str, rows: &[ImportMember]) -> Result<u64> {
        dispatch!(self, members_import(actor, rows))
    }

    /// One member.
    pub async fn member(&self, id: i64) -> Result<Option<Member>> {
        dispatch!(self, member(id))
    }

    /// Members directly in a unit, by name, paged; `name` filters (folded contains).
    pub async fn members_of(
        &self,
        unit: i64,
        name: Option<&str>,
        offset: i64,
        limit: i64,
    ) -> Result<Page<Member>> {
        dispatch!(self, members_of(unit, name, offset, limit))
    }

    // ---- accounts, sessions, tokens -----------------------------------------

    /// Creates an account.
    pub async fn account_create(&self, actor: &str, account: &NewAccount) -> Result<i64> {
        dispatch!(self, account_create(actor, account))
    }

    /// An account by id.
    pub async fn account(&self, id: i64) -> Result<Option<Account>> {
        dispatch!(self, account(id))
    }

    /// An account by user name.
    pub async fn account_by_username(&self, username: &str) -> Result<Option<Account>> {
        dispatch!(self, account_by_username(username))
    }

    /// Accounts bound to units within a subtree.
    pub async fn accounts_within(&self, unit: i64) -> Result<Vec<Account>> {
        dispatch!(self, accounts_within(unit))
    }

    /// Replaces an account's password hash.
    pub async fn account_set_password(
        &self,
        actor: &str,
        id: i64,
        password_hash: &str,
    ) -> Result<()> {
        dispatch!(self, account_set_password(actor, id, password_hash))
    }

    /// Disables an account (and ends its sessions).
    pub async fn account_disable(&self, actor: &str, id: i64) -> Result<()> {
        dispatch!(self, account_disable(actor, id))
    }

    /// Stores a web session for `token` (only its SHA-256 is kept).
    pub async fn web_session_create(
        &self,
        account_id: i64,
        token: &str,
        expires_at: i64,
    ) -> Result<()> {
        dispatch!(self, web_session_create(account_id, token, expires_at))
    }

    /// The enabled account of an unexpired session token.
    pub async fn web_session_account(&self, token: &str, now: i64) -> Result<Option<Account>> {
        dispatch!(self, web_session_account(token, now))
    }

    /// Ends a session.
    pub async fn web_session_delete(&self, token: &str) -> Result<()> {
        dispatch!(self, web_session_delete(token))
    }

    /// Deletes expired sessions; returns how many.
    pub async fn web_sessions_purge(&self, now: i64) -> Result<u64> {
        dispatch!(self, web_sessions_purge(now))
    }

    /// Stores an API token (hashed) for an account.
    pub async fn api_token_create(
        &self,
        actor: &str,
        account_id: i64,
        name: &str,
        token: &str,
    ) -> Result<i64> {
        dispatch!(self, api_token_create(actor, account_id, name, token))
    }

    /// The enabled account of an unrevoked API token.
    pub async fn api_token_account(&self, token: &str) -> Result<Option<Account>> {
        dispatch!(self, api_token_account(token))
    }

    /// An account's tokens.
    pub async fn api_tokens_of(&self, account_id: i64) -> Result<Vec<ApiToken>> {
        dispatch!(self, api_tokens_of(account_id))
    }

    /// Revokes a token.
    pub async fn api_token_revoke(&self, actor: &str, id: i64) -> Result<()> {
        dispatch!(self, api_token_revoke(actor, id))
    }

    // ---- documents ----------------------------------------------------------

    /// Stores a document and its original bytes in one transaction, resolves
    /// its references, resolves earlier documents' dangling references to
    /// it, and links it as a unit's plan when it implements a campaign's
    /// directive or a plan. The same bytes again are a no-op.
    pub async fn document_insert(
        &self,
        actor: &str,
        doc: &NewDocument,
        bytes: &[u8],
    ) -> Result<DocumentInserted> {
        dispatch!(self, document_insert(actor, doc, bytes))
    }

    /// One document.
    pub async fn document(&self, id: i64) -> Result<Option<Document>> {
        dispatch!(self, document(id))
    }

    /// The original bytes of a document.
    pub async fn document_bytes(&self, id: i64) -> Result<Option<Vec<u8>>> {
        dispatch!(self, document_bytes(id))
    }

    /// Documents, newest first; `unit` limits to those issued within a subtree.
    pub async fn documents(
        &self,
        within: Option<i64>,
        offset: i64,
        limit: i64,
    ) -> Result<Page<DocSummary>> {
        dispatch!(self, documents(within, offset, limit))
    }

    /// Documents with this number (normalised), any date.
    pub async fn documents_by_number(&self, number: &str) -> Result<Vec<DocSummary>> {
        dispatch!(self, documents_by_number(number))
    }

    /// A document's relations (resolved or not).
    pub async fn relations_of(&self, id: i64) -> Result<Vec<Relation>> {
        dispatch!(self, relations_of(id))
    }

    /// A document's place in the cascade.
    pub async fn cascade(&self, id: i64) -> Result<Cascade> {
        dispatch!(self, cascade(id))
    }

    /// Tasks vanban extracted from a document (proposals).
    pub async fn extracted_tasks(&self, id: i64) -> Result<Vec<ExtractedTask>> {
        let Some(doc) = self.document(id).await? else {
            return Err(Error::NotFound {
                what: "document",
                id,
            });
        };
        let model: serde_json::Value = serde_json::from_str(&doc.model)?;
        let tasks = model
            .get("tasks")
            .cloned()
            .unwrap_or(serde_json::Value::Null);
        Ok(serde_json::from_value(tasks).unwrap_or_default())
    }

    // ---- campaigns and roll-ups ---------------------------------------------

    /// Starts a campaign: fills its counters for every unit in scope.
    pub async fn campaign_create(&self, actor: &str, c: &NewCampaign) -> Result<i64> {
        dispatch!(self, campaign_create(actor, c))
    }

    /// One campaign.
    pub async fn campaign(&self, id: i64) -> Result<Option<Campaign>> {
        dispatch!(self, campaign(id))
    }

    /// Campaigns whose scope contains `unit` (or all with `None`).
    pub async fn campaigns_for(&self, unit: Option<i64>) -> Result<Vec<Campaign>> {
        dispatch!(self, campaigns_for(unit))
    }

    /// The dashboard figures of a campaign at a unit, at time `now`.
    pub async fn rollup(&self, campaign: i64, unit: i64, now: i64) -> Result<Rollup> {
        dispatch!(self, rollup(campaign, unit, now))
    }

    /// Units owing a plan, directly under `parent`, that have none yet.
    pub async fn units_without_plan(&self, campaign: i64, parent: i64) -> Result<Vec<Unit>> {
        dispatch!(self, units_without_plan(campaign, parent))
    }

    // ---- tasks --------------------------------------------------------------

    /// Creates a task (counters and change feed in the same transaction).
    pub async fn task_create(&self, actor: &str, t: &NewTask) -> Result<i64> {
        dispatch!(self, task_create(actor, t))
    }

    /// One task (with its coordinating units in the second value).
    pub async fn task(&self, id: i64) -> Result<Option<(Task, Vec<i64>)>> {
        dispatch!(self, task(id))
    }

    /// Tasks matching a filter, soonest deadline first.
    pub async fn tasks(&self, f: &TaskFilter, now: i64) -> Result<Page<Task>> {
        dispatch!(self, tasks(f, now))
    }

    /// A task's history.
    pub async fn task_updates(&self, id: i64) -> Result<Vec<TaskUpdate>> {
        dispatch!(self, task_updates(id))
    }

    /// Records progress (0..=100) with a note and optional evidence.
    pub async fn task_progress(
        &self,
        actor: &str,
        id: i64,
        progress: i64,
        note: &str,
        evidence: Option<&str>,
        at: i64,
    ) -> Result<()> {
        dispatch!(self, task_progress(actor, id, progress, note, evidence, at))
    }

    /// Asks for a later deadline.
    pub async fn task_request_extension(
        &self,
        actor: &str,
        id: i64,
        until: i64,
        reason: &str,
        at: i64,
    ) -> Result<()> {
        dispatch!(self, task_request_extension(actor, id, until, reason, at))
    }

    /// Approves (moves the deadline) or rejects the pending extension.
    pub async fn task_decide_extension(
        &self,
        actor: &str,
        id: i64,
        approve: bool,
        note: &str,
        at: i64,
    ) -> Result<()> {
        dispatch!(self, task_decide_extension(actor, id, approve, note, at))
    }

    /// Reports completion (a recurring task completes its current period
    /// and moves to the next deadline).
    pub async fn task_complete(
        &self,
        actor: &str,
        id: i64,
        note: &str,
        evidence: Option<&str>,
        at: i64,
    ) -> Result<()> {
        dispatch!(self, task_complete(actor, id, note, evidence, at))
    }

    /// Accepts a reported completion.
    pub async fn task_accept(&self, actor: &str, id: i64, at: i64) -> Result<()> {
        dispatch!(self, task_accept(actor, id, at))
    }

    /// Sends a reported completion back with a reason (reopens the task).
    pub async fn task_send_back(&self, actor: &str, id: i64, reason: &str, at: i64) -> Result<()> {
        dispatch!(self, task_send_back(actor, id, reason, at))
    }

    // ---- study sessions and attendance --------------------------------------

    /// Creates a session with its bridge points.
    pub async fn session_create(&self, actor: &str, s: &NewSession) -> Result<i64> {
        dispatch!(self, session_create(actor, s))
    }

    /// One session with its bridge points.
    pub async fn session(&self, id: i64) -> Result<Option<StudySession>> {
        dispatch!(self, session(id))
    }

    /// Sessions organised within a subtree (newest first), optionally of one campaign.
    pub async fn sessions_within(
        &self,
        unit: i64,
        campaign: Option<i64>,
        limit: i64,
    ) -> Result<Vec<StudySession>> {
        dispatch!(self, sessions_within(unit, campaign, limit))
    }

    /// One check-in; a repeat is reported as [`CheckIn::Duplicate`] and ignored.
    pub async fn check_in(&self, actor: &str, session: i64, row: AttendanceRow) -> Result<CheckIn> {
        let out = dispatch!(
            self,
            check_in_batch(actor, session, std::slice::from_ref(&row))
        )?;
        Ok(if out.inserted == 1 {
            CheckIn::Inserted
        } else {
            CheckIn::Duplicate
        })
    }

    /// A batch of check-ins in one durable transaction (at most [`MAX_BATCH`]).
    /// Every member must exist, or nothing is written.
    pub async fn check_in_batch(
        &self,
        actor: &str,
        session: i64,
        rows: &[AttendanceRow],
    ) -> Result<BatchOutcome> {
        dispatch!(self, check_in_batch(actor, session, rows))
    }

    /// Members of a unit's subtree who have not attended any session of the
    /// campaign (for make-up sessions), by unit then name, paged.
    pub async fn absentees(
        &self,
        campaign: i64,
        unit: i64,
        offset: i64,
        limit: i64,
    ) -> Result<Page<Member>> {
        dispatch!(self, absentees(campaign, unit, offset, limit))
    }

    // ---- reports, inspections, commendations ---------------------------------

    /// Creates or refreshes a unit's draft report for the current period
    /// with figures from the live roll-up; returns it.
    pub async fn report_draft(
        &self,
        actor: &str,
        campaign: i64,
        unit: i64,
        now: i64,
    ) -> Result<Report> {
        dispatch!(self, report_draft(actor, campaign, unit, now))
    }

    /// Replaces a draft's text.
    pub async fn report_edit(&self, actor: &str, id: i64, body: &str, at: i64) -> Result<()> {
        dispatch!(self, report_edit(actor, id, body, at))
    }

    /// Submits a report upward.
    pub async fn report_submit(&self, actor: &str, id: i64, at: i64) -> Result<()> {
        dispatch!(self, report_submit(actor, id, at))
    }

    /// One report.
    pub async fn report(&self, id: i64) -> Result<Option<Report>> {
        dispatch!(self, report(id))
    }

    /// The current-period reports of a unit's direct children (None = missing).
    pub async fn reports_of_children(
        &self,
        campaign: i64,
        unit: i64,
        now: i64,
    ) -> Result<Vec<ChildReport>> {
        dispatch!(self, reports_of_children(campaign, unit, now))
    }

    /// Records an inspection.
    pub async fn inspection_create(&self, actor: &str, i: &NewInspection) -> Result<i64> {
        dispatch!(self, inspection_create(actor, i))
    }

    /// Inspections of units within a subtree, newest first.
    pub async fn inspections_within(&self, unit: i64, limit: i64) -> Result<Vec<Inspection>> {
        dispatch!(self, inspections_within(unit, limit))
    }

    /// Records a commendation.
    pub async fn commendation_create(&self, actor: &str, c: &NewCommendation) -> Result<i64> {
        dispatch!(self, commendation_create(actor, c))
    }

    /// Commendations of units within a subtree, newest first.
    pub async fn commendations_within(&self, unit: i64, limit: i64) -> Result<Vec<Commendation>> {
        dispatch!(self, commendations_within(unit, limit))
    }

    // ---- audit, change feed, maintenance ------------------------------------

    /// Recomputes the audit chain; names the first entry that does not check out.
    pub async fn audit_verify(&self) -> Result<AuditVerdict> {
        dispatch!(self, audit_verify())
    }

    /// Audit entries of one entity, oldest first.
    pub async fn audit_of(&self, entity: &str, entity_id: i64) -> Result<Vec<AuditEntry>> {
        dispatch!(self, audit_of(entity, entity_id))
    }

    /// Change-feed entries after `seq`, at most `limit`.
    pub async fn changes_since(&self, seq: i64, limit: i64) -> Result<Vec<Change>> {
        dispatch!(self, changes_since(seq, limit))
    }

    /// Row counts and content checksums of every table (compares states).
    pub async fn fingerprint(&self) -> Result<Fingerprint> {
        dispatch!(self, fingerprint())
    }
}
