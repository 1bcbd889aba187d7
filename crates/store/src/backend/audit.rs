// Audit verification, change feed, fingerprints; included into each engine module.

pub(crate) async fn audit_verify(p: &DbPool) -> Result<AuditVerdict> {
    use futures_util::TryStreamExt;
    let mut rows = sqlx::query_as::<_, AuditEntry>(
        "SELECT seq, at, actor, entity, entity_id, op, before, after, hash FROM audit_log ORDER BY seq",
    )
    .fetch(p);
    let mut prev = crate::audit::GENESIS.to_owned();
    let mut expected_seq = 1i64;
    while let Some(e) = rows.try_next().await? {
        if e.seq != expected_seq {
            return Ok(AuditVerdict::Broken {
                seq: expected_seq,
                reason: format!(
                    "entry {expected_seq} is missing (next present is {})",
                    e.seq
                ),
            });
        }
        let hash = crate::audit::chain_hash(
            &prev,
            &crate::audit::Row {
                seq: e.seq,
                at: e.at,
                actor: &e.actor,
                entity: &e.entity,
                entity_id: e.entity_id,
                op: &e.op,
                before: e.before.as_deref(),
                after: e.after.as_deref(),
            },
        );
        if hash != e.hash {
            return Ok(AuditVerdict::Broken {
                seq: e.seq,
                reason: format!(
                    "entry {} ({} {} {}) does not match its hash: altered",
                    e.seq, e.op, e.entity, e.entity_id
                ),
            });
        }
        prev = e.hash;
        expected_seq += 1;
    }
    drop(rows);
    let (head_seq, head_hash): (i64, String) =
        sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(p)
            .await?;
    let last = expected_seq - 1;
    if head_seq != last || head_hash != prev {
        return Ok(AuditVerdict::Broken {
            seq: last + 1,
            reason: format!(
                "the chain ends at entry {last} but {head_seq} were written: entries after {last} were deleted"
            ),
        });
    }
    Ok(AuditVerdict::Intact { entries: last })
}

pub(crate) async fn audit_of(p: &DbPool, entity: &str, entity_id: i64) -> Result<Vec<AuditEntry>> {
    Ok(sqlx::query_as(
        "SELECT seq, at, actor, entity, entity_id, op, before, after, hash FROM audit_log \
         WHERE entity = $1 AND entity_id = $2 ORDER BY seq",
    )
    .bind(entity)
    .bind(entity_id)
    .fetch_all(p)
    .await?)
}

pub(crate) async fn changes_since(p: &DbPool, seq: i64, limit: i64) -> Result<Vec<Change>> {
    Ok(sqlx::query_as(
        "SELECT seq, kind, entity_id, op, at FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2",
    )
    .bind(seq)
    .bind(page_limit(limit))
    .fetch_all(p)
    .await?)
}

pub(crate) async fn fingerprint(p: &DbPool) -> Result<Fingerprint> {
    use futures_util::TryStreamExt;
    use sha2::Digest;
    let tables: Vec<String> = sqlx::query_scalar(LIST_TABLES).fetch_all(p).await?;
    let mut out = Vec::with_capacity(tables.len());
    for table in tables {
        let cols: Vec<String> = sqlx::query_scalar(LIST_COLUMNS)
            .bind(&table)
            .fetch_all(p)
            .await?;
        if cols.is_empty() {
            continue;
        }
        let select: Vec<String> = cols
            .iter()
            .map(|c| FINGERPRINT_COL.replace("{c}", c))
            .collect();
        let order: Vec<String> = (1..=cols.len()).map(|i| i.to_string()).collect();
        let sql = format!(
            "SELECT {} FROM \"{}\" ORDER BY {}",
            select.join(", "),
            table,
            order.join(", ")
        );
        let mut rows = sqlx::query(AssertSqlSafe(sql)).fetch(p);
        let mut h = sha2::Sha256::new();
        let mut n = 0i64;
        while let Some(row) = rows.try_next().await? {
            n += 1;
            for i in 0..cols.len() {
                let v: Option<String> = row.try_get(i)?;
                match v {
                    Some(s) => {
                        h.update([1u8]);
                        h.update(s.as_bytes());
                    }
                    None => h.update([0u8]),
                }
            }
            h.update([0xffu8]);
        }
        let digest = h.finalize();
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        out.push((table, n, hex));
    }
    Ok(Fingerprint { tables: out })
}
