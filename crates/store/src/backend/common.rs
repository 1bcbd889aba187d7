// Shared helpers; included into each engine module (see mod.rs).

#[allow(unused_imports)]
use crate::{Error, MAX_BATCH, MAX_PAGE, Result, types::*};
#[allow(unused_imports)]
use domain::{
    AttendanceMethod, PlanStatus, Recurrence, RelationKind, ReportStatus, TaskState, TaskStatus,
    UnitKind, UnitStats,
};
#[allow(unused_imports)]
use sqlx::{AssertSqlSafe, QueryBuilder, Row};

type Tx = sqlx::Transaction<'static, Db>;

/// Deadline bucket of open tasks without a deadline ("thường xuyên").
const NO_DUE: i64 = i64::MAX;

fn page_limit(limit: i64) -> i64 {
    limit.clamp(1, MAX_PAGE)
}

fn to_json<T: serde::Serialize>(v: &T) -> Option<String> {
    serde_json::to_string(v).ok()
}

pub(crate) async fn schema_version(p: &DbPool) -> Result<i64> {
    let exists: i64 = sqlx::query_scalar(TABLE_EXISTS)
        .bind("_sqlx_migrations")
        .fetch_one(p)
        .await?;
    if exists == 0 {
        return Ok(0);
    }
    Ok(sqlx::query_scalar(
        "SELECT CAST(COALESCE(MAX(version), 0) AS BIGINT) FROM _sqlx_migrations WHERE success",
    )
    .fetch_one(p)
    .await?)
}

/// Appends one entry to the hash-chained audit log inside `tx`.
#[allow(clippy::too_many_arguments)]
async fn audit(
    tx: &mut Tx,
    actor: &str,
    entity: &str,
    entity_id: i64,
    op: &str,
    before: Option<String>,
    after: Option<String>,
) -> Result<()> {
    let at = crate::now();
    let (seq, prev): (i64, String) =
        sqlx::query_as("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
            .fetch_one(&mut **tx)
            .await?;
    let hash = crate::audit::chain_hash(
        &prev,
        &crate::audit::Row {
            seq,
            at,
            actor,
            entity,
            entity_id,
            op,
            before: before.as_deref(),
            after: after.as_deref(),
        },
    );
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(&hash)
        .execute(&mut **tx)
        .await?;
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
    .bind(before)
    .bind(after)
    .bind(hash)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Appends to the change feed inside `tx`.
async fn change(tx: &mut Tx, kind: &str, entity_id: i64, op: &str) -> Result<()> {
    sqlx::query("INSERT INTO changes (kind, entity_id, op, at) VALUES ($1, $2, $3, $4)")
        .bind(kind)
        .bind(entity_id)
        .bind(op)
        .bind(crate::now())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Whether a unit exists (inside `tx`).
async fn unit_exists(tx: &mut Tx, id: i64) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM units WHERE id = $1")
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(n > 0)
}

async fn require_unit(tx: &mut Tx, id: i64) -> Result<()> {
    if unit_exists(tx, id).await? {
        Ok(())
    } else {
        Err(Error::NotFound { what: "unit", id })
    }
}

pub(crate) async fn audit_note(
    p: &DbPool,
    actor: &str,
    entity: &str,
    entity_id: i64,
    op: &str,
    after: &serde_json::Value,
) -> Result<()> {
    let mut tx = begin(p).await?;
    audit(
        &mut tx,
        actor,
        entity,
        entity_id,
        op,
        None,
        Some(after.to_string()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
