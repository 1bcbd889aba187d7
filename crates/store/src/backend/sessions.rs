// Study sessions and attendance; included into each engine module.

/// How early before its start a session accepts QR check-ins (people arrive early).
const CHECKIN_EARLY_SECS: i64 = 2 * 3600;
/// How long after its end a session accepts QR check-ins (late scans, clock skew).
const CHECKIN_LATE_SECS: i64 = 3600;

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    campaign_id: Option<i64>,
    organiser_unit_id: i64,
    title: String,
    starts_at: i64,
    ends_at: i64,
    mode: String,
    venue: String,
    presenter: String,
    participant_groups: String,
    makeup_of: Option<i64>,
    attended: i64,
}

const SESSION_COLS: &str = "SELECT id, campaign_id, organiser_unit_id, title, starts_at, ends_at, mode, venue, presenter, participant_groups, makeup_of, attended FROM study_sessions";

async fn session_full(p: &DbPool, r: SessionRow) -> Result<StudySession> {
    let bridge_points = sqlx::query_as(
        "SELECT id, unit_id, name, expected FROM bridge_points WHERE session_id = $1 ORDER BY id",
    )
    .bind(r.id)
    .fetch_all(p)
    .await?;
    Ok(StudySession {
        id: r.id,
        campaign_id: r.campaign_id,
        organiser_unit_id: r.organiser_unit_id,
        title: r.title,
        starts_at: r.starts_at,
        ends_at: r.ends_at,
        mode: r.mode.parse()?,
        venue: r.venue,
        presenter: r.presenter,
        participant_groups: serde_json::from_str(&r.participant_groups)?,
        makeup_of: r.makeup_of,
        attended: r.attended,
        bridge_points,
    })
}

pub(crate) async fn session_create(p: &DbPool, actor: &str, s: &NewSession) -> Result<i64> {
    if s.ends_at <= s.starts_at {
        return Err(Error::Invalid("a session must end after it starts".into()));
    }
    if s.title.trim().is_empty() {
        return Err(Error::Invalid("a session needs a title".into()));
    }
    let mut tx = begin(p).await?;
    require_unit(&mut tx, s.organiser_unit_id).await?;
    for b in &s.bridge_points {
        require_unit(&mut tx, b.unit_id).await?;
        if b.expected < 0 {
            return Err(Error::Invalid(
                "expected participants cannot be negative".into(),
            ));
        }
    }
    if let Some(c) = s.campaign_id {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM campaigns WHERE id = $1")
            .bind(c)
            .fetch_one(&mut *tx)
            .await?;
        if n == 0 {
            return Err(Error::NotFound {
                what: "campaign",
                id: c,
            });
        }
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO study_sessions (campaign_id, organiser_unit_id, title, starts_at, ends_at, mode, venue, presenter, participant_groups, makeup_of, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(s.campaign_id)
    .bind(s.organiser_unit_id)
    .bind(s.title.trim())
    .bind(s.starts_at)
    .bind(s.ends_at)
    .bind(s.mode.as_str())
    .bind(&s.venue)
    .bind(&s.presenter)
    .bind(serde_json::to_string(&s.participant_groups)?)
    .bind(s.makeup_of)
    .bind(crate::now())
    .fetch_one(&mut *tx)
    .await?;
    for b in &s.bridge_points {
        sqlx::query("INSERT INTO bridge_points (session_id, unit_id, name, expected) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(b.unit_id)
            .bind(&b.name)
            .bind(b.expected)
            .execute(&mut *tx)
            .await?;
    }
    audit(&mut tx, actor, "session", id, "insert", None, to_json(s)).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn session(p: &DbPool, id: i64) -> Result<Option<StudySession>> {
    let row: Option<SessionRow> =
        sqlx::query_as(AssertSqlSafe(format!("{SESSION_COLS} WHERE id = $1")))
            .bind(id)
            .fetch_optional(p)
            .await?;
    match row {
        Some(r) => Ok(Some(session_full(p, r).await?)),
        None => Ok(None),
    }
}

pub(crate) async fn sessions_within(
    p: &DbPool,
    unit: i64,
    campaign: Option<i64>,
    limit: i64,
) -> Result<Vec<StudySession>> {
    let rows: Vec<SessionRow> = sqlx::query_as(AssertSqlSafe(format!(
        "{SESSION_COLS} WHERE organiser_unit_id IN (SELECT descendant FROM unit_ancestors WHERE ancestor = $1) \
         AND ($2 IS NULL OR campaign_id = $2) ORDER BY starts_at DESC, id DESC LIMIT $3"
    )))
    .bind(unit)
    .bind(campaign)
    .bind(page_limit(limit))
    .fetch_all(p)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(session_full(p, r).await?);
    }
    Ok(out)
}

pub(crate) async fn check_in_batch(
    p: &DbPool,
    actor: &str,
    session_id: i64,
    rows: &[AttendanceRow],
) -> Result<BatchOutcome> {
    if rows.len() > MAX_BATCH {
        return Err(Error::Invalid(format!(
            "at most {MAX_BATCH} check-ins per batch"
        )));
    }
    if rows.is_empty() {
        return Ok(BatchOutcome::default());
    }
    let s: Option<(Option<i64>, i64, i64)> =
        sqlx::query_as("SELECT campaign_id, starts_at, ends_at FROM study_sessions WHERE id = $1")
            .bind(session_id)
            .fetch_optional(p)
            .await?;
    let Some((campaign, starts_at, ends_at)) = s else {
        return Err(Error::NotFound {
            what: "session",
            id: session_id,
        });
    };
    for r in rows {
        if r.method == AttendanceMethod::Qr
            && (r.at < starts_at - CHECKIN_EARLY_SECS || r.at > ends_at + CHECKIN_LATE_SECS)
        {
            return Err(Error::Invalid(
                "check-in outside the session's time window".into(),
            ));
        }
    }
    // First row per member wins within the batch.
    let mut seen = std::collections::HashSet::with_capacity(rows.len());
    let unique: Vec<&AttendanceRow> = rows.iter().filter(|r| seen.insert(r.member_id)).collect();
    let in_batch_dups = (rows.len() - unique.len()) as u64;

    let mut tx = begin(p).await?;
    let mut qb: QueryBuilder<Db> = QueryBuilder::new("SELECT COUNT(*) FROM members WHERE id IN (");
    {
        let mut sep = qb.separated(", ");
        for r in &unique {
            sep.push_bind(r.member_id);
        }
    }
    qb.push(")");
    let known: i64 = qb.build_query_scalar().fetch_one(&mut *tx).await?;
    if known != unique.len() as i64 {
        return Err(Error::Invalid(format!(
            "{} of {} members in the batch do not exist",
            unique.len() as i64 - known,
            unique.len()
        )));
    }
    let mut qb: QueryBuilder<Db> =
        QueryBuilder::new("INSERT INTO attendance (session_id, member_id, method, at) ");
    qb.push_values(&unique, |mut b, r| {
        b.push_bind(session_id)
            .push_bind(r.member_id)
            .push_bind(r.method.as_str())
            .push_bind(r.at);
    });
    qb.push(" ON CONFLICT (session_id, member_id) DO NOTHING RETURNING member_id");
    let inserted: Vec<i64> = qb.build_query_scalar().fetch_all(&mut *tx).await?;
    if let (Some(c), false) = (campaign, inserted.is_empty()) {
        let mut qb: QueryBuilder<Db> =
            QueryBuilder::new("INSERT INTO campaign_attendees (campaign_id, member_id) ");
        qb.push_values(&inserted, |mut b, m| {
            b.push_bind(c).push_bind(*m);
        });
        qb.push(" ON CONFLICT (campaign_id, member_id) DO NOTHING RETURNING member_id");
        let first_time: Vec<i64> = qb.build_query_scalar().fetch_all(&mut *tx).await?;
        if !first_time.is_empty() {
            // Each first attendance adds one on every ancestor's counters row.
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
            qb.build().execute(&mut *tx).await?;
        }
    }
    if !inserted.is_empty() {
        sqlx::query("UPDATE study_sessions SET attended = attended + $1 WHERE id = $2")
            .bind(inserted.len() as i64)
            .bind(session_id)
            .execute(&mut *tx)
            .await?;
        let after = serde_json::json!({"members": inserted, "method": unique.first().map(|r| r.method.as_str())});
        audit(
            &mut tx,
            actor,
            "attendance",
            session_id,
            "check_in",
            None,
            to_json(&after),
        )
        .await?;
    }
    tx.commit().await?;
    let n = inserted.len() as u64;
    Ok(BatchOutcome {
        inserted: n,
        duplicates: unique.len() as u64 - n + in_batch_dups,
    })
}

pub(crate) async fn absentees(
    p: &DbPool,
    campaign: i64,
    unit: i64,
    offset: i64,
    limit: i64,
) -> Result<Page<Member>> {
    let items = sqlx::query_as(
        "SELECT m.id, m.unit_id, m.name, m.roles FROM unit_ancestors x JOIN members m ON m.unit_id = x.descendant \
         WHERE x.ancestor = $2 AND NOT EXISTS \
           (SELECT 1 FROM campaign_attendees a WHERE a.campaign_id = $1 AND a.member_id = m.id) \
         ORDER BY m.unit_id, m.name_fold, m.id LIMIT $3 OFFSET $4",
    )
    .bind(campaign)
    .bind(unit)
    .bind(page_limit(limit))
    .bind(offset.max(0))
    .fetch_all(p)
    .await?;
    let counts: Option<(i64, i64)> = sqlx::query_as(
        "SELECT members, attended FROM campaign_unit_stats WHERE campaign_id = $1 AND unit_id = $2",
    )
    .bind(campaign)
    .bind(unit)
    .fetch_optional(p)
    .await?;
    let total = counts.map(|(m, a)| (m - a).max(0)).unwrap_or(0);
    Ok(Page { items, total })
}
