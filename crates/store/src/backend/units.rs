// Units and members; included into each engine module.

async fn unit_insert_tx(tx: &mut Tx, actor: &str, u: &NewUnit) -> Result<i64> {
    let depth = match u.parent_id {
        Some(parent) => {
            let d: Option<i64> = sqlx::query_scalar("SELECT depth FROM units WHERE id = $1")
                .bind(parent)
                .fetch_optional(&mut **tx)
                .await?;
            d.ok_or(Error::NotFound {
                what: "unit",
                id: parent,
            })? + 1
        }
        None => 0,
    };
    let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM units WHERE code = $1")
        .bind(&u.code)
        .fetch_one(&mut **tx)
        .await?;
    if taken > 0 {
        return Err(Error::Conflict(format!("unit code {}", u.code)));
    }
    if u.name.trim().is_empty() {
        return Err(Error::Invalid("a unit needs a name".into()));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO units (parent_id, kind, code, name, name_fold, abbrev, depth, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(u.parent_id)
    .bind(u.kind.as_str())
    .bind(&u.code)
    .bind(u.name.trim())
    .bind(domain::text::fold(&u.name))
    .bind(&u.abbrev)
    .bind(depth)
    .bind(crate::now())
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query("INSERT INTO unit_ancestors (ancestor, descendant, depth) VALUES ($1, $1, 0)")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    if let Some(parent) = u.parent_id {
        sqlx::query(
            "INSERT INTO unit_ancestors (ancestor, descendant, depth) \
             SELECT ancestor, $1, depth + 1 FROM unit_ancestors WHERE descendant = $2",
        )
        .bind(id)
        .bind(parent)
        .execute(&mut **tx)
        .await?;
        // Campaigns whose scope holds the parent now hold the new unit too.
        sqlx::query(
            "INSERT INTO campaign_unit_stats (campaign_id, unit_id) \
             SELECT campaign_id, $1 FROM campaign_unit_stats WHERE unit_id = $2",
        )
        .bind(id)
        .bind(parent)
        .execute(&mut **tx)
        .await?;
        if u.kind.owes_plan() {
            sqlx::query(
                "UPDATE campaign_unit_stats SET plans_expected = plans_expected + 1 \
                 WHERE unit_id IN (SELECT ancestor FROM unit_ancestors WHERE descendant = $1 AND depth > 0) \
                 AND campaign_id IN (SELECT campaign_id FROM campaign_unit_stats WHERE unit_id = $1)",
            )
            .bind(id)
            .execute(&mut **tx)
            .await?;
        }
    }
    audit(tx, actor, "unit", id, "insert", None, to_json(u)).await?;
    change(tx, "unit", id, "insert").await?;
    Ok(id)
}

pub(crate) async fn unit_create(p: &DbPool, actor: &str, u: &NewUnit) -> Result<i64> {
    let mut tx = begin(p).await?;
    let id = unit_insert_tx(&mut tx, actor, u).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn unit(p: &DbPool, id: i64) -> Result<Option<Unit>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        unit_cols!(),
        " FROM units u WHERE u.id = $1"
    ))
    .bind(id)
    .fetch_optional(p)
    .await?)
}

pub(crate) async fn unit_by_code(p: &DbPool, code: &str) -> Result<Option<Unit>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        unit_cols!(),
        " FROM units u WHERE u.code = $1"
    ))
    .bind(code)
    .fetch_optional(p)
    .await?)
}

pub(crate) async fn unit_roots(p: &DbPool) -> Result<Vec<Unit>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        unit_cols!(),
        " FROM units u WHERE u.parent_id IS NULL ORDER BY u.id"
    ))
    .fetch_all(p)
    .await?)
}

pub(crate) async fn unit_children(p: &DbPool, id: i64) -> Result<Vec<Unit>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        unit_cols!(),
        " FROM units u WHERE u.parent_id = $1 ORDER BY u.name_fold, u.id"
    ))
    .bind(id)
    .fetch_all(p)
    .await?)
}

pub(crate) async fn unit_path(p: &DbPool, id: i64) -> Result<Vec<Unit>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        unit_cols!(),
        " FROM unit_ancestors a JOIN units u ON u.id = a.ancestor WHERE a.descendant = $1 ORDER BY a.depth DESC"
    ))
    .bind(id)
    .fetch_all(p)
    .await?)
}

pub(crate) async fn is_within(p: &DbPool, ancestor: i64, unit: i64) -> Result<bool> {
    let d: Option<i64> = sqlx::query_scalar(
        "SELECT depth FROM unit_ancestors WHERE ancestor = $1 AND descendant = $2",
    )
    .bind(ancestor)
    .bind(unit)
    .fetch_optional(p)
    .await?;
    Ok(d.is_some())
}

/// A LIKE pattern for "contains the folded text", with LIKE's wildcards dropped.
fn contains_pattern(q: &str) -> String {
    let folded: String = domain::text::fold(q)
        .chars()
        .filter(|c| *c != '%' && *c != '_' && *c != '\\')
        .collect();
    format!("%{folded}%")
}

pub(crate) async fn unit_search(
    p: &DbPool,
    query: &str,
    within: Option<i64>,
    limit: i64,
) -> Result<Vec<Unit>> {
    let pattern = contains_pattern(query);
    let limit = page_limit(limit);
    Ok(match within {
        Some(root) => {
            sqlx::query_as(concat!(
                "SELECT ",
                unit_cols!(),
                " FROM unit_ancestors a JOIN units u ON u.id = a.descendant \
                 WHERE a.ancestor = $1 AND u.name_fold LIKE $2 ORDER BY u.depth, u.name_fold LIMIT $3"
            ))
            .bind(root)
            .bind(pattern)
            .bind(limit)
            .fetch_all(p)
            .await?
        }
        None => {
            sqlx::query_as(concat!(
                "SELECT ",
                unit_cols!(),
                " FROM units u WHERE u.name_fold LIKE $1 ORDER BY u.depth, u.name_fold LIMIT $2"
            ))
            .bind(pattern)
            .bind(limit)
            .fetch_all(p)
            .await?
        }
    })
}

/// Members inserted per statement: 5 values each, far below bind limits.
const MEMBER_CHUNK: usize = 300;
/// Members described per audit entry of a bulk add.
const MEMBERS_PER_AUDIT: usize = 1_000;

/// Adds members inside `tx` (counters on every ancestor, audit per chunk).
async fn members_add_tx(tx: &mut Tx, actor: &str, members: &[NewMember]) -> Result<Vec<i64>> {
    let mut per_unit: std::collections::BTreeMap<i64, i64> = Default::default();
    for m in members {
        if m.name.trim().is_empty() {
            return Err(Error::Invalid("a member needs a name".into()));
        }
        *per_unit.entry(m.unit_id).or_default() += 1;
    }
    for unit in per_unit.keys() {
        require_unit(tx, *unit).await?;
    }
    let now = crate::now();
    let mut ids = Vec::with_capacity(members.len());
    for chunk in members.chunks(MEMBER_CHUNK) {
        let mut qb: QueryBuilder<Db> =
            QueryBuilder::new("INSERT INTO members (unit_id, name, name_fold, roles, created_at) ");
        qb.push_values(chunk, |mut b, m| {
            b.push_bind(m.unit_id)
                .push_bind(m.name.trim().to_owned())
                .push_bind(domain::text::fold(&m.name))
                .push_bind(m.roles)
                .push_bind(now);
        });
        qb.push(" RETURNING id");
        let rows: Vec<i64> = qb.build_query_scalar().fetch_all(&mut **tx).await?;
        ids.extend(rows);
    }
    for (unit, n) in &per_unit {
        sqlx::query("UPDATE units SET members_direct = members_direct + $1 WHERE id = $2")
            .bind(n)
            .bind(unit)
            .execute(&mut **tx)
            .await?;
        sqlx::query(
            "UPDATE units SET members_subtree = members_subtree + $1 \
             WHERE id IN (SELECT ancestor FROM unit_ancestors WHERE descendant = $2)",
        )
        .bind(n)
        .bind(unit)
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "UPDATE campaign_unit_stats SET members = members + $1 \
             WHERE unit_id IN (SELECT ancestor FROM unit_ancestors WHERE descendant = $2)",
        )
        .bind(n)
        .bind(unit)
        .execute(&mut **tx)
        .await?;
    }
    for (chunk, idc) in members
        .chunks(MEMBERS_PER_AUDIT)
        .zip(ids.chunks(MEMBERS_PER_AUDIT))
    {
        let after: Vec<serde_json::Value> = chunk
            .iter()
            .zip(idc)
            .map(|(m, id)| serde_json::json!({"id": id, "unit_id": m.unit_id, "name": m.name, "roles": m.roles}))
            .collect();
        let first = idc.first().copied().unwrap_or(0);
        audit(tx, actor, "member", first, "insert", None, to_json(&after)).await?;
    }
    Ok(ids)
}

pub(crate) async fn members_add(
    p: &DbPool,
    actor: &str,
    members: &[NewMember],
) -> Result<Vec<i64>> {
    let mut tx = begin(p).await?;
    let ids = members_add_tx(&mut tx, actor, members).await?;
    tx.commit().await?;
    Ok(ids)
}

pub(crate) async fn member(p: &DbPool, id: i64) -> Result<Option<Member>> {
    Ok(
        sqlx::query_as("SELECT id, unit_id, name, roles FROM members WHERE id = $1")
            .bind(id)
            .fetch_optional(p)
            .await?,
    )
}

pub(crate) async fn members_of(
    p: &DbPool,
    unit: i64,
    name: Option<&str>,
    offset: i64,
    limit: i64,
) -> Result<Page<Member>> {
    let pattern = contains_pattern(name.unwrap_or(""));
    let items = sqlx::query_as(
        "SELECT id, unit_id, name, roles FROM members WHERE unit_id = $1 AND name_fold LIKE $2 \
         ORDER BY name_fold, id LIMIT $3 OFFSET $4",
    )
    .bind(unit)
    .bind(&pattern)
    .bind(page_limit(limit))
    .bind(offset.max(0))
    .fetch_all(p)
    .await?;
    let total: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM members WHERE unit_id = $1 AND name_fold LIKE $2")
            .bind(unit)
            .bind(&pattern)
            .fetch_one(p)
            .await?;
    Ok(Page { items, total })
}

async fn unit_id_by_code(tx: &mut Tx, code: &str) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT id FROM units WHERE code = $1")
        .bind(code)
        .fetch_optional(&mut **tx)
        .await?)
}

/// Turns an error of one row into [`Error::Row`].
fn row_error(row: u64, e: Error) -> Error {
    match e {
        Error::Db(_) | Error::Migrate(_) => e,
        other => Error::Row {
            row,
            message: other.to_string(),
        },
    }
}

pub(crate) async fn units_import(p: &DbPool, actor: &str, rows: &[ImportUnit]) -> Result<Vec<i64>> {
    let mut tx = begin(p).await?;
    let mut ids = Vec::with_capacity(rows.len());
    for r in rows {
        let kind: UnitKind = r
            .kind
            .trim()
            .parse()
            .map_err(|e: domain::ParseError| Error::Row {
                row: r.row,
                message: e.to_string(),
            })?;
        let parent_id = match r
            .parent_code
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            Some(code) => {
                Some(
                    unit_id_by_code(&mut tx, code)
                        .await?
                        .ok_or_else(|| Error::Row {
                            row: r.row,
                            message: format!("parent unit code {code:?} is unknown"),
                        })?,
                )
            }
            None => None,
        };
        let u = NewUnit {
            parent_id,
            kind,
            code: r.code.trim().to_owned(),
            name: r.name.trim().to_owned(),
            abbrev: r.abbrev.trim().to_owned(),
        };
        if u.code.is_empty() {
            return Err(Error::Row {
                row: r.row,
                message: "a unit needs a code".into(),
            });
        }
        ids.push(
            unit_insert_tx(&mut tx, actor, &u)
                .await
                .map_err(|e| row_error(r.row, e))?,
        );
    }
    tx.commit().await?;
    Ok(ids)
}

pub(crate) async fn members_import(p: &DbPool, actor: &str, rows: &[ImportMember]) -> Result<u64> {
    let mut tx = begin(p).await?;
    let mut codes: std::collections::HashMap<String, i64> = Default::default();
    let mut added = 0u64;
    for chunk in rows.chunks(MEMBER_CHUNK) {
        let mut batch = Vec::with_capacity(chunk.len());
        for r in chunk {
            let code = r.unit_code.trim();
            let unit_id = match codes.get(code) {
                Some(id) => *id,
                None => {
                    let id = unit_id_by_code(&mut tx, code)
                        .await?
                        .ok_or_else(|| Error::Row {
                            row: r.row,
                            message: format!("unit code {code:?} is unknown"),
                        })?;
                    codes.insert(code.to_owned(), id);
                    id
                }
            };
            if r.name.trim().is_empty() {
                return Err(Error::Row {
                    row: r.row,
                    message: "the name is empty".into(),
                });
            }
            batch.push(NewMember {
                unit_id,
                name: r.name.trim().to_owned(),
                roles: r.roles,
            });
        }
        added += members_add_tx(&mut tx, actor, &batch).await?.len() as u64;
    }
    tx.commit().await?;
    Ok(added)
}
