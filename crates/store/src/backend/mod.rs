//! The implementation, written once and compiled per engine: each engine
//! module sets `Db`, `DbPool`, its migrations and the few statements that
//! differ, then includes the shared files.

/// Columns of a [`crate::Unit`] selected from `units u`.
macro_rules! unit_cols {
    () => {
        "u.id, u.parent_id, u.kind, u.code, u.name, u.abbrev, u.depth, u.members_direct, u.members_subtree"
    };
}

/// Columns of a [`crate::Task`] selected from `tasks t`.
macro_rules! task_cols {
    () => {
        "t.id, t.campaign_id, t.document_id, t.section, t.title, t.lead_unit_id, t.due_at, t.recurrence, t.state, t.progress, t.completed_at, t.extension_until, t.extension_reason, t.sent_back_reason, t.created_at, t.updated_at"
    };
}

/// Columns of a [`crate::DocSummary`] selected from `documents d`.
macro_rules! doc_summary_cols {
    () => {
        "d.id, d.number, d.doc_type, d.issuer, d.issued_at, d.title, d.unit_id"
    };
}

/// Columns of a [`crate::Campaign`] selected from `campaigns c`.
macro_rules! campaign_cols {
    () => {
        "c.id, c.name, c.document_id, c.scope_unit_id, c.plan_due, c.study_due, c.coverage_target, c.report_recurrence, c.report_first_due, c.created_at"
    };
}

/// Columns of a [`crate::Account`] selected from `accounts a`.
macro_rules! account_cols {
    () => {
        "a.id, a.username, a.display_name, a.password_hash, a.unit_id, a.role, a.member_id, a.created_at, a.disabled_at"
    };
}

/// Columns of a [`crate::Report`] selected from `reports r`.
macro_rules! report_cols {
    () => {
        "r.id, r.campaign_id, r.unit_id, r.period_due, r.figures, r.body, r.status, r.submitted_at, r.created_at, r.updated_at"
    };
}

pub(crate) mod sqlite {
    //! SQLite.
    pub(crate) type Db = sqlx::Sqlite;
    pub(crate) type DbPool = sqlx::SqlitePool;
    pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

    /// Write transactions take the write lock at once (no deadlock on upgrade).
    async fn begin(p: &DbPool) -> crate::Result<sqlx::Transaction<'static, Db>> {
        Ok(p.begin_with("BEGIN IMMEDIATE").await?)
    }

    const TABLE_EXISTS: &str =
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1";
    const LIST_TABLES: &str = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
    const LIST_COLUMNS: &str = "SELECT name FROM pragma_table_info($1) ORDER BY cid";
    /// A column as comparable text (`quote` also renders blobs).
    const FINGERPRINT_COL: &str = "quote(\"{c}\")";

    include!("common.rs");
    include!("units.rs");
    include!("accounts.rs");
    include!("documents.rs");
    include!("campaigns.rs");
    include!("tasks.rs");
    include!("sessions.rs");
    include!("reports.rs");
    include!("audit.rs");
}

pub(crate) mod pg {
    //! PostgreSQL.
    pub(crate) type Db = sqlx::Postgres;
    pub(crate) type DbPool = sqlx::PgPool;
    pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

    async fn begin(p: &DbPool) -> crate::Result<sqlx::Transaction<'static, Db>> {
        Ok(p.begin().await?)
    }

    const TABLE_EXISTS: &str = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1";
    const LIST_TABLES: &str = "SELECT CAST(table_name AS TEXT) FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1";
    const LIST_COLUMNS: &str = "SELECT CAST(column_name AS TEXT) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position";
    const FINGERPRINT_COL: &str = "CAST(\"{c}\" AS TEXT)";

    include!("common.rs");
    include!("units.rs");
    include!("accounts.rs");
    include!("documents.rs");
    include!("campaigns.rs");
    include!("tasks.rs");
    include!("sessions.rs");
    include!("reports.rs");
    include!("audit.rs");
}
