// Documents, relations and the cascade; included into each engine module.

/// A dangling relation: (id, from, type, issuer, date, citing document's date).
type Dangling = (
    i64,
    i64,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<i64>,
);

async fn candidates(tx: &mut Tx, number_norm: &str) -> Result<Vec<crate::resolve::Candidate>> {
    Ok(sqlx::query_as(
        "SELECT id, doc_type, issuer, issued_at FROM documents WHERE number_norm = $1",
    )
    .bind(number_norm)
    .fetch_all(&mut **tx)
    .await?)
}

pub(crate) async fn document_insert(
    p: &DbPool,
    actor: &str,
    doc: &NewDocument,
    bytes: &[u8],
) -> Result<DocumentInserted> {
    let sha = crate::sha256_hex(bytes);
    let mut tx = begin(p).await?;
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM documents WHERE sha256 = $1")
        .bind(&sha)
        .fetch_optional(&mut *tx)
        .await?;
    if let Some(id) = existing {
        return Ok(DocumentInserted { id, created: false });
    }
    if let Some(unit) = doc.unit_id {
        require_unit(&mut tx, unit).await?;
    }
    sqlx::query("INSERT INTO blobs (sha256, bytes, size) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING")
        .bind(&sha)
        .bind(bytes.to_vec())
        .bind(bytes.len() as i64)
        .execute(&mut *tx)
        .await?;
    let number_norm = doc
        .number
        .as_deref()
        .map(domain::normalize_number)
        .filter(|n| !n.is_empty());
    let now = crate::now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO documents (sha256, kind, number, number_norm, doc_type, issuer, issued_at, title, unit_id, filename, model, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(&sha)
    .bind(&doc.kind)
    .bind(&doc.number)
    .bind(&number_norm)
    .bind(&doc.doc_type)
    .bind(&doc.issuer)
    .bind(doc.issued_at)
    .bind(&doc.title)
    .bind(doc.unit_id)
    .bind(&doc.filename)
    .bind(doc.model.to_string())
    .bind(now)
    .bind(actor)
    .fetch_one(&mut *tx)
    .await?;

    // This document's references.
    let mut worklist = vec![id];
    for r in &doc.references {
        let ref_number = domain::normalize_number(&r.number);
        if ref_number.is_empty() || Some(&ref_number) == number_norm.as_ref() {
            continue;
        }
        let cands = candidates(&mut tx, &ref_number).await?;
        let to = crate::resolve::pick(
            &crate::resolve::Wanted {
                number: &ref_number,
                doc_type: r.doc_type.as_deref(),
                issuer: r.issuer.as_deref(),
                date: r.date,
                citing_date: doc.issued_at,
            },
            &cands,
        );
        sqlx::query(
            "INSERT INTO doc_relations (from_doc, kind, ref_number, ref_type, ref_issuer, ref_date, to_doc) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(r.kind.as_str())
        .bind(&ref_number)
        .bind(&r.doc_type)
        .bind(&r.issuer)
        .bind(r.date)
        .bind(to)
        .execute(&mut *tx)
        .await?;
    }

    // Earlier documents' dangling references that mean this one.
    if let Some(number) = &number_norm {
        let dangling: Vec<Dangling> = sqlx::query_as(
            "SELECT r.id, r.from_doc, r.ref_type, r.ref_issuer, r.ref_date, d.issued_at \
             FROM doc_relations r JOIN documents d ON d.id = r.from_doc \
             WHERE r.to_doc IS NULL AND r.ref_number = $1",
        )
        .bind(number)
        .fetch_all(&mut *tx)
        .await?;
        if !dangling.is_empty() {
            let cands = candidates(&mut tx, number).await?;
            for (rel, from, ref_type, ref_issuer, ref_date, citing_date) in dangling {
                let to = crate::resolve::pick(
                    &crate::resolve::Wanted {
                        number,
                        doc_type: ref_type.as_deref(),
                        issuer: ref_issuer.as_deref(),
                        date: ref_date,
                        citing_date,
                    },
                    &cands,
                );
                if to == Some(id) {
                    sqlx::query("UPDATE doc_relations SET to_doc = $1 WHERE id = $2")
                        .bind(id)
                        .bind(rel)
                        .execute(&mut *tx)
                        .await?;
                    worklist.push(from);
                }
            }
        }
    }
    let after = serde_json::json!({
        "sha256": sha, "kind": doc.kind, "number": doc.number, "doc_type": doc.doc_type,
        "issuer": doc.issuer, "issued_at": doc.issued_at, "title": doc.title,
        "unit_id": doc.unit_id, "filename": doc.filename,
    });
    audit(
        &mut tx,
        actor,
        "document",
        id,
        "insert",
        None,
        to_json(&after),
    )
    .await?;
    change(&mut tx, "document", id, "insert").await?;
    link_plans(&mut tx, actor, worklist).await?;
    tx.commit().await?;
    Ok(DocumentInserted { id, created: true })
}

/// Most documents linked as plans in one cascade step chain (a guard
/// against reference cycles; real cascades are ~5 levels deep).
const MAX_PLAN_LINKS: usize = 100_000;

/// Links each document of `worklist` as its unit's plan in every campaign
/// whose directive (or a plan of which) it implements; documents that
/// implement a newly linked plan follow.
async fn link_plans(tx: &mut Tx, actor: &str, mut worklist: Vec<i64>) -> Result<()> {
    let mut steps = 0usize;
    while let Some(doc_id) = worklist.pop() {
        steps += 1;
        if steps > MAX_PLAN_LINKS {
            return Err(Error::Invalid(
                "plan cascade too long (reference cycle?)".into(),
            ));
        }
        let doc: Option<(Option<i64>, Option<i64>, i64)> =
            sqlx::query_as("SELECT unit_id, issued_at, created_at FROM documents WHERE id = $1")
                .bind(doc_id)
                .fetch_optional(&mut **tx)
                .await?;
        let Some((Some(unit_id), issued_at, created_at)) = doc else {
            continue;
        };
        let kind: Option<String> = sqlx::query_scalar("SELECT kind FROM units WHERE id = $1")
            .bind(unit_id)
            .fetch_optional(&mut **tx)
            .await?;
        let owes = kind
            .and_then(|k| k.parse::<UnitKind>().ok())
            .is_some_and(|k| k.owes_plan());
        if !owes {
            continue;
        }
        // (campaign, parent document, plan deadline) this document may be a plan for.
        let targets: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT c.id, r.to_doc, c.plan_due, c.scope_unit_id FROM doc_relations r \
             JOIN campaigns c ON c.document_id = r.to_doc \
             WHERE r.from_doc = $1 AND r.kind = 'implements' AND r.to_doc IS NOT NULL \
             UNION \
             SELECT c.id, r.to_doc, c.plan_due, c.scope_unit_id FROM doc_relations r \
             JOIN plans pl ON pl.document_id = r.to_doc \
             JOIN campaigns c ON c.id = pl.campaign_id \
             WHERE r.from_doc = $1 AND r.kind = 'implements' AND r.to_doc IS NOT NULL",
        )
        .bind(doc_id)
        .fetch_all(&mut **tx)
        .await?;
        for (campaign, parent_doc, plan_due, scope) in targets {
            if unit_id == scope {
                continue;
            }
            let in_scope: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM campaign_unit_stats WHERE campaign_id = $1 AND unit_id = $2",
            )
            .bind(campaign)
            .bind(unit_id)
            .fetch_one(&mut **tx)
            .await?;
            if in_scope == 0 {
                continue;
            }
            let issued = issued_at.unwrap_or(created_at);
            let inserted = sqlx::query(
                "INSERT INTO plans (campaign_id, unit_id, document_id, parent_document_id, issued_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (campaign_id, unit_id) DO NOTHING",
            )
            .bind(campaign)
            .bind(unit_id)
            .bind(doc_id)
            .bind(parent_doc)
            .bind(issued)
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if inserted == 0 {
                continue;
            }
            let sql = match PlanStatus::of(Some(issued), plan_due) {
                PlanStatus::Late => {
                    "UPDATE campaign_unit_stats SET plans_late = plans_late + 1 WHERE campaign_id = $1 \
                     AND unit_id IN (SELECT ancestor FROM unit_ancestors WHERE descendant = $2 AND depth > 0)"
                }
                _ => {
                    "UPDATE campaign_unit_stats SET plans_on_time = plans_on_time + 1 WHERE campaign_id = $1 \
                     AND unit_id IN (SELECT ancestor FROM unit_ancestors WHERE descendant = $2 AND depth > 0)"
                }
            };
            sqlx::query(sql)
                .bind(campaign)
                .bind(unit_id)
                .execute(&mut **tx)
                .await?;
            let after = serde_json::json!({"campaign_id": campaign, "unit_id": unit_id, "document_id": doc_id, "parent_document_id": parent_doc, "issued_at": issued});
            audit(tx, actor, "plan", doc_id, "link", None, to_json(&after)).await?;
            // Documents already implementing this one become plans below it.
            let below: Vec<i64> = sqlx::query_scalar(
                "SELECT from_doc FROM doc_relations WHERE to_doc = $1 AND kind = 'implements'",
            )
            .bind(doc_id)
            .fetch_all(&mut **tx)
            .await?;
            worklist.extend(below);
        }
    }
    Ok(())
}

pub(crate) async fn document(p: &DbPool, id: i64) -> Result<Option<Document>> {
    Ok(sqlx::query_as(
        "SELECT id, sha256, kind, number, doc_type, issuer, issued_at, title, unit_id, filename, model, created_at, created_by \
         FROM documents WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(p)
    .await?)
}

pub(crate) async fn document_bytes(p: &DbPool, id: i64) -> Result<Option<Vec<u8>>> {
    Ok(sqlx::query_scalar(
        "SELECT b.bytes FROM documents d JOIN blobs b ON b.sha256 = d.sha256 WHERE d.id = $1",
    )
    .bind(id)
    .fetch_optional(p)
    .await?)
}

pub(crate) async fn documents(
    p: &DbPool,
    within: Option<i64>,
    offset: i64,
    limit: i64,
) -> Result<Page<DocSummary>> {
    let limit = page_limit(limit);
    let offset = offset.max(0);
    match within {
        Some(root) => {
            let items = sqlx::query_as(concat!(
                "SELECT ",
                doc_summary_cols!(),
                " FROM documents d JOIN unit_ancestors x ON x.descendant = d.unit_id \
                 WHERE x.ancestor = $1 ORDER BY d.issued_at DESC, d.id DESC LIMIT $2 OFFSET $3"
            ))
            .bind(root)
            .bind(limit)
            .bind(offset)
            .fetch_all(p)
            .await?;
            let total = sqlx::query_scalar(
                "SELECT COUNT(*) FROM documents d JOIN unit_ancestors x ON x.descendant = d.unit_id WHERE x.ancestor = $1",
            )
            .bind(root)
            .fetch_one(p)
            .await?;
            Ok(Page { items, total })
        }
        None => {
            let items = sqlx::query_as(concat!(
                "SELECT ",
                doc_summary_cols!(),
                " FROM documents d ORDER BY d.issued_at DESC, d.id DESC LIMIT $1 OFFSET $2"
            ))
            .bind(limit)
            .bind(offset)
            .fetch_all(p)
            .await?;
            let total = sqlx::query_scalar("SELECT COUNT(*) FROM documents")
                .fetch_one(p)
                .await?;
            Ok(Page { items, total })
        }
    }
}

pub(crate) async fn documents_by_number(p: &DbPool, number: &str) -> Result<Vec<DocSummary>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        doc_summary_cols!(),
        " FROM documents d WHERE d.number_norm = $1 ORDER BY d.issued_at, d.id"
    ))
    .bind(domain::normalize_number(number))
    .fetch_all(p)
    .await?)
}

pub(crate) async fn relations_of(p: &DbPool, id: i64) -> Result<Vec<Relation>> {
    Ok(sqlx::query_as(
        "SELECT id, from_doc, kind, ref_number, ref_type, ref_issuer, ref_date, to_doc \
         FROM doc_relations WHERE from_doc = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(p)
    .await?)
}

pub(crate) async fn cascade(p: &DbPool, id: i64) -> Result<Cascade> {
    if document(p, id).await?.is_none() {
        return Err(Error::NotFound {
            what: "document",
            id,
        });
    }
    let implements = sqlx::query_as(concat!(
        "SELECT ",
        doc_summary_cols!(),
        " FROM doc_relations r JOIN documents d ON d.id = r.to_doc \
         WHERE r.from_doc = $1 AND r.kind = 'implements' ORDER BY d.issued_at, d.id"
    ))
    .bind(id)
    .fetch_all(p)
    .await?;
    let implemented_by = sqlx::query_as(concat!(
        "SELECT ",
        doc_summary_cols!(),
        " FROM doc_relations r JOIN documents d ON d.id = r.from_doc \
         WHERE r.to_doc = $1 AND r.kind = 'implements' ORDER BY d.issued_at, d.id"
    ))
    .bind(id)
    .fetch_all(p)
    .await?;
    let campaigns = sqlx::query_as(concat!(
        "SELECT ",
        campaign_cols!(),
        " FROM campaigns c WHERE c.document_id = $1 \
         OR c.id IN (SELECT campaign_id FROM plans WHERE document_id = $1) ORDER BY c.id"
    ))
    .bind(id)
    .fetch_all(p)
    .await?;
    let unresolved = sqlx::query_as(
        "SELECT id, from_doc, kind, ref_number, ref_type, ref_issuer, ref_date, to_doc \
         FROM doc_relations WHERE from_doc = $1 AND to_doc IS NULL ORDER BY id",
    )
    .bind(id)
    .fetch_all(p)
    .await?;
    Ok(Cascade {
        implements,
        implemented_by,
        campaigns,
        unresolved,
    })
}
