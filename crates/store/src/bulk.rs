//! Bulk loading for generators and benchmarks: multi-row `INSERT`s on
//! SQLite (≈300 rows per statement), `COPY … FROM STDIN` on PostgreSQL.
//!
//! Bulk loading bypasses the per-write counters and audit entries; a loader
//! must write consistent counters itself and record what it did with
//! [`Store::audit_note`](crate::Store::audit_note). Only the tables in
//! [`BULK_TABLES`] may be loaded.

use sqlx::QueryBuilder;

use crate::{Error, Result, Store};

/// Tables a bulk loader may write (table names are spliced into SQL, so
/// only these fixed names are accepted).
pub const BULK_TABLES: &[&str] = &[
    "units",
    "unit_ancestors",
    "members",
    "blobs",
    "documents",
    "doc_relations",
    "campaigns",
    "plans",
    "campaign_unit_stats",
    "campaign_task_open",
    "campaign_report_stats",
    "campaign_attendees",
    "tasks",
    "task_support",
    "task_updates",
    "study_sessions",
    "bridge_points",
    "attendance",
    "reports",
    "changes",
];

/// SQLite's limit on bound values per statement (SQLITE_MAX_VARIABLE_NUMBER).
const SQLITE_MAX_BINDS: usize = 32_766;
/// Rows per SQLite INSERT: larger statements stop paying off past ~300.
const SQLITE_ROWS_PER_STMT: usize = 300;

/// One value of a bulk row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An integer.
    Int(i64),
    /// Text.
    Text(String),
    /// Bytes.
    Bytes(Vec<u8>),
    /// NULL.
    Null,
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_owned())
    }
}
impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Self {
        v.map_or(Value::Null, Value::Int)
    }
}
impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Self {
        v.map_or(Value::Null, Value::Text)
    }
}

fn check(table: &str, columns: &[&str]) -> Result<()> {
    if !BULK_TABLES.contains(&table) {
        return Err(Error::Invalid(format!(
            "bulk load into {table} is not allowed"
        )));
    }
    if columns.is_empty()
        || !columns.iter().all(|c| {
            !c.is_empty()
                && c.chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
        })
    {
        return Err(Error::Invalid(
            "bulk columns must be plain lower-case names (a-z, 0-9, _)".into(),
        ));
    }
    Ok(())
}

/// Appends `v` to a COPY text-format line.
fn copy_field(out: &mut Vec<u8>, v: &Value) {
    match v {
        Value::Null => out.extend_from_slice(b"\\N"),
        Value::Int(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Value::Text(s) => {
            for b in s.bytes() {
                match b {
                    b'\\' => out.extend_from_slice(b"\\\\"),
                    b'\t' => out.extend_from_slice(b"\\t"),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    _ => out.push(b),
                }
            }
        }
        Value::Bytes(bytes) => {
            out.extend_from_slice(b"\\\\x");
            for b in bytes {
                out.extend_from_slice(format!("{b:02x}").as_bytes());
            }
        }
    }
}

impl Store {
    /// Inserts `rows` into `table` in one transaction.
    pub async fn bulk_insert(
        &self,
        table: &str,
        columns: &[&str],
        rows: &[Vec<Value>],
    ) -> Result<()> {
        check(table, columns)?;
        if rows.is_empty() {
            return Ok(());
        }
        if rows.iter().any(|r| r.len() != columns.len()) {
            return Err(Error::Invalid(
                "bulk row width differs from the columns".into(),
            ));
        }
        let head = format!("INSERT INTO {table} ({}) ", columns.join(", "));
        if let Some(p) = self.sqlite_pool() {
            let per = SQLITE_ROWS_PER_STMT
                .min(SQLITE_MAX_BINDS / columns.len())
                .max(1);
            let mut tx = p.begin().await?;
            for chunk in rows.chunks(per) {
                let mut qb: QueryBuilder<sqlx::Sqlite> = QueryBuilder::new(head.clone());
                qb.push_values(chunk, |mut b, row| {
                    for v in row {
                        match v {
                            Value::Int(i) => b.push_bind(*i),
                            Value::Text(s) => b.push_bind(s.clone()),
                            Value::Bytes(x) => b.push_bind(x.clone()),
                            Value::Null => b.push_bind(Option::<i64>::None),
                        };
                    }
                });
                qb.build().execute(&mut *tx).await?;
            }
            tx.commit().await?;
        } else if let Some(p) = self.pg_pool() {
            let mut conn = p.acquire().await?;
            let mut copy = conn
                .copy_in_raw(&format!("COPY {table} ({}) FROM STDIN", columns.join(", ")))
                .await?;
            let mut buf = Vec::with_capacity(1 << 20);
            for row in rows {
                for (i, v) in row.iter().enumerate() {
                    if i > 0 {
                        buf.push(b'\t');
                    }
                    copy_field(&mut buf, v);
                }
                buf.push(b'\n');
                if buf.len() > (1 << 20) {
                    copy.send(std::mem::take(&mut buf)).await?;
                }
            }
            if !buf.is_empty() {
                copy.send(buf).await?;
            }
            copy.finish().await?;
        }
        Ok(())
    }

    /// After a bulk load: moves PostgreSQL identity sequences past the
    /// loaded ids and refreshes planner statistics on both engines.
    pub async fn bulk_finish(&self) -> Result<()> {
        if let Some(p) = self.pg_pool() {
            let idents: Vec<(String, String)> = sqlx::query_as(
                "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND is_identity = 'YES'",
            )
            .fetch_all(p)
            .await?;
            for (t, c) in idents {
                if !BULK_TABLES.contains(&t.as_str()) {
                    continue;
                }
                let sql = format!(
                    "SELECT setval(pg_get_serial_sequence('{t}', '{c}'), COALESCE((SELECT MAX({c}) FROM {t}), 0) + 1, false)"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql)).execute(p).await?;
            }
            sqlx::query("ANALYZE").execute(p).await?;
        } else if let Some(p) = self.sqlite_pool() {
            sqlx::query("ANALYZE").execute(p).await?;
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(p)
                .await?;
        }
        Ok(())
    }

    /// Whether the database holds no units yet (a loader's precondition).
    pub async fn is_empty(&self) -> Result<bool> {
        Ok(self.unit_roots().await?.is_empty())
    }

    /// Records an operation done outside the per-write paths (a bulk load,
    /// a restore) in the audit chain.
    pub async fn audit_note(
        &self,
        actor: &str,
        entity: &str,
        entity_id: i64,
        op: &str,
        after: &serde_json::Value,
    ) -> Result<()> {
        match (self.sqlite_pool(), self.pg_pool()) {
            (Some(p), _) => {
                crate::backend::sqlite::audit_note(p, actor, entity, entity_id, op, after).await
            }
            (_, Some(p)) => {
                crate::backend::pg::audit_note(p, actor, entity, entity_id, op, after).await
            }
            _ => Ok(()),
        }
    }
}

/// Writes a consistent snapshot of a live SQLite database to `out`
/// (`VACUUM INTO`; readers and writers carry on meanwhile).
pub async fn sqlite_vacuum_into(p: &sqlx::SqlitePool, out: &str) -> Result<()> {
    sqlx::query("VACUUM INTO $1").bind(out).execute(p).await?;
    Ok(())
}
