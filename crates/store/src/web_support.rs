//! Store functions the web app needs beyond the core contract, kept in
//! their own file (owned by the web side): check-ins of many sessions in
//! one transaction with a per-row outcome (the HTTP group-commit writer),
//! and content-addressed blobs for task evidence files.
//!
//! The check-in path keeps the same counters as
//! [`Store::check_in_batch`]: `attendance`, `campaign_attendees`,
//! `campaign_unit_stats.attended` on every ancestor, `study_sessions.attended`
//! and one audit entry per session touched.

use std::collections::{HashMap, HashSet};

use crate::{AttendanceRow, CheckIn, Error, MAX_BATCH, Result, Store, sha256_hex};

/// Generates the engine-specific bodies from one text.
macro_rules! engine {
    ($name:ident, $db:ty, $pool:ty, $begin:ident($($arg:expr),*)) => {
        mod $name {
            use super::*;
            use sqlx::QueryBuilder;

            type Db = $db;
            type Tx = sqlx::Transaction<'static, Db>;

            async fn audit(tx: &mut Tx, actor: &str, entity: &str, entity_id: i64, op: &str, after: Option<String>) -> Result<()> {
                let at = crate::now();
                let (seq, prev): (i64, String) =
                    sqlx::query_as("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
                        .fetch_one(&mut **tx)
                        .await?;
                let hash = crate::audit::chain_hash(
                    &prev,
                    &crate::audit::Row { seq, at, actor, entity, entity_id, op, before: None, after: after.as_deref() },
                );
                sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1").bind(&hash).execute(&mut **tx).await?;
                sqlx::query(
                    "INSERT INTO audit_log (seq, at, actor, entity, entity_id, op, before, after, hash) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(seq)
                .bind(at)
                .bind(actor)
                .bind(entity)
                .bind(entity_id)
                .bind(op)
                .bind(None::<String>)
                .bind(after)
                .bind(hash)
                .execute(&mut **tx)
                .await?;
                Ok(())
            }

            /// Inserts one session's unique rows; returns the members newly recorded.
            async fn one_session(tx: &mut Tx, actor: &str, session: i64, rows: &[AttendanceRow]) -> Result<HashSet<i64>> {
                let campaign: Option<Option<i64>> =
                    sqlx::query_scalar("SELECT campaign_id FROM study_sessions WHERE id = $1")
                        .bind(session)
                        .fetch_optional(&mut **tx)
                        .await?;
                let Some(campaign) = campaign else {
                    return Err(Error::NotFound { what: "session", id: session });
                };
                let mut qb: QueryBuilder<Db> = QueryBuilder::new("SELECT COUNT(*) FROM members WHERE id IN (");
                {
                    let mut sep = qb.separated(", ");
                    for r in rows {
                        sep.push_bind(r.member_id);
                    }
                }
                qb.push(")");
                let known: i64 = qb.build_query_scalar().fetch_one(&mut **tx).await?;
                if known != rows.len() as i64 {
                    return Err(Error::Invalid(format!(
                        "{} of {} members do not exist",
                        rows.len() as i64 - known,
                        rows.len()
                    )));
                }
                let mut qb: QueryBuilder<Db> = QueryBuilder::new("INSERT INTO attendance (session_id, member_id, method, at) ");
                qb.push_values(rows, |mut b, r| {
                    b.push_bind(session).push_bind(r.member_id).push_bind(r.method.as_str()).push_bind(r.at);
                });
                qb.push(" ON CONFLICT (session_id, member_id) DO NOTHING RETURNING member_id");
                let inserted: Vec<i64> = qb.build_query_scalar().fetch_all(&mut **tx).await?;
                if let (Some(c), false) = (campaign, inserted.is_empty()) {
                    let mut qb: QueryBuilder<Db> = QueryBuilder::new("INSERT INTO campaign_attendees (campaign_id, member_id) ");
                    qb.push_values(&inserted, |mut b, m| {
                        b.push_bind(c).push_bind(*m);
                    });
                    qb.push(" ON CONFLICT (campaign_id, member_id) DO NOTHING RETURNING member_id");
                    let first_time: Vec<i64> = qb.build_query_scalar().fetch_all(&mut **tx).await?;
                    if !first_time.is_empty() {
                        let mut qb: QueryBuilder<Db> = QueryBuilder::new(
                            "UPDATE campaign_unit_stats SET attended = attended + d.n FROM \
                             (SELECT x.ancestor AS unit_id, COUNT(*) AS n FROM members m \
                              JOIN unit_ancestors x ON x.descendant = m.unit_id WHERE m.id IN (",
                        );
                        {
                            let mut sep = qb.separated(", ");
                            for m in &first_time {
                                sep.push_bind(*m);
                            }
                        }
                        qb.push(") GROUP BY x.ancestor) AS d WHERE campaign_unit_stats.campaign_id = ")
                            .push_bind(c)
                            .push(" AND campaign_unit_stats.unit_id = d.unit_id");
                        qb.build().execute(&mut **tx).await?;
                    }
                }
                if !inserted.is_empty() {
                    sqlx::query("UPDATE study_sessions SET attended = attended + $1 WHERE id = $2")
                        .bind(inserted.len() as i64)
                        .bind(session)
                        .execute(&mut **tx)
                        .await?;
                    let after = serde_json::json!({"members": inserted, "method": rows.first().map(|r| r.method.as_str())});
                    audit(tx, actor, "attendance", session, "check_in", serde_json::to_string(&after).ok()).await?;
                }
                Ok(inserted.into_iter().collect())
            }

            pub(super) async fn check_in_many(p: &$pool, actor: &str, rows: &[(i64, AttendanceRow)]) -> Result<Vec<CheckIn>> {
                // Group by session, first row per (session, member) wins.
                let mut order: Vec<i64> = Vec::new();
                let mut groups: HashMap<i64, Vec<AttendanceRow>> = HashMap::new();
                let mut seen: HashSet<(i64, i64)> = HashSet::with_capacity(rows.len());
                for (s, r) in rows {
                    if seen.insert((*s, r.member_id)) {
                        groups.entry(*s).or_insert_with(|| {
                            order.push(*s);
                            Vec::new()
                        }).push(*r);
                    }
                }
                let mut tx: Tx = p.$begin($($arg),*).await?;
                let mut new: HashSet<(i64, i64)> = HashSet::new();
                for s in order {
                    let g = &groups[&s];
                    for chunk in g.chunks(MAX_BATCH) {
                        for m in one_session(&mut tx, actor, s, chunk).await? {
                            new.insert((s, m));
                        }
                    }
                }
                tx.commit().await?;
                Ok(rows
                    .iter()
                    .map(|(s, r)| if new.remove(&(*s, r.member_id)) { CheckIn::Inserted } else { CheckIn::Duplicate })
                    .collect())
            }

            pub(super) async fn blob_put(p: &$pool, bytes: &[u8]) -> Result<String> {
                let sha = sha256_hex(bytes);
                sqlx::query("INSERT INTO blobs (sha256, bytes, size) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING")
                    .bind(&sha)
                    .bind(bytes)
                    .bind(bytes.len() as i64)
                    .execute(p)
                    .await?;
                Ok(sha)
            }

            pub(super) async fn blob_get(p: &$pool, sha: &str) -> Result<Option<Vec<u8>>> {
                Ok(sqlx::query_scalar("SELECT bytes FROM blobs WHERE sha256 = $1").bind(sha).fetch_optional(p).await?)
            }

            pub(super) async fn member_within(p: &$pool, member: i64, ancestor: i64) -> Result<Option<(i64, String)>> {
                Ok(sqlx::query_as(
                    "SELECT m.unit_id, m.name FROM members m JOIN unit_ancestors x ON x.descendant = m.unit_id \
                     WHERE m.id = $1 AND x.ancestor = $2",
                )
                .bind(member)
                .bind(ancestor)
                .fetch_optional(p)
                .await?)
            }
        }
    };
}

engine!(
    sqlite_impl,
    sqlx::Sqlite,
    sqlx::SqlitePool,
    begin_with("BEGIN IMMEDIATE")
);
engine!(pg_impl, sqlx::Postgres, sqlx::PgPool, begin());

impl Store {
    /// Records check-ins of any number of sessions in ONE durable
    /// transaction and says, per row and in order, whether it was recorded
    /// or was a repeat (also within the same call). Every member must
    /// exist, or nothing is written.
    pub async fn check_in_many(
        &self,
        actor: &str,
        rows: &[(i64, AttendanceRow)],
    ) -> Result<Vec<CheckIn>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        if let Some(p) = self.sqlite_pool() {
            sqlite_impl::check_in_many(p, actor, rows).await
        } else if let Some(p) = self.pg_pool() {
            pg_impl::check_in_many(p, actor, rows).await
        } else {
            Err(Error::Invalid("no database".into()))
        }
    }

    /// Stores bytes content-addressed; returns their SHA-256 (hex).
    pub async fn blob_put(&self, bytes: &[u8]) -> Result<String> {
        if let Some(p) = self.sqlite_pool() {
            sqlite_impl::blob_put(p, bytes).await
        } else if let Some(p) = self.pg_pool() {
            pg_impl::blob_put(p, bytes).await
        } else {
            Err(Error::Invalid("no database".into()))
        }
    }

    /// The bytes stored under a SHA-256.
    pub async fn blob_get(&self, sha: &str) -> Result<Option<Vec<u8>>> {
        if let Some(p) = self.sqlite_pool() {
            sqlite_impl::blob_get(p, sha).await
        } else if let Some(p) = self.pg_pool() {
            pg_impl::blob_get(p, sha).await
        } else {
            Err(Error::Invalid("no database".into()))
        }
    }

    /// A member's unit and name if the member lies within `ancestor`'s
    /// subtree (one indexed lookup: the check-in hot path).
    pub async fn member_within(&self, member: i64, ancestor: i64) -> Result<Option<(i64, String)>> {
        if let Some(p) = self.sqlite_pool() {
            sqlite_impl::member_within(p, member, ancestor).await
        } else if let Some(p) = self.pg_pool() {
            pg_impl::member_within(p, member, ancestor).await
        } else {
            Err(Error::Invalid("no database".into()))
        }
    }
}
