// Tasks and their counters; included into each engine module.

/// What a task adds to its campaign's counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TaskContribution {
    /// Not in a campaign: nothing.
    None,
    /// Open, in a deadline bucket.
    Open { due: i64, started: bool },
    /// Done, on time or late.
    Done { late: bool },
}

fn contribution(t: &Task) -> TaskContribution {
    if t.campaign_id.is_none() {
        return TaskContribution::None;
    }
    match (t.completed_at, t.recurrence.0) {
        (Some(done), None) => TaskContribution::Done {
            late: t.due_at.is_some_and(|due| done > due),
        },
        _ => TaskContribution::Open {
            due: t.due_at.unwrap_or(NO_DUE),
            started: t.progress > 0,
        },
    }
}

/// Adds `delta` (±1) of a contribution to the lead unit's ancestors in scope.
async fn apply_contribution(tx: &mut Tx, t: &Task, c: TaskContribution, delta: i64) -> Result<()> {
    let Some(campaign) = t.campaign_id else {
        return Ok(());
    };
    match c {
        TaskContribution::None => {}
        TaskContribution::Open { due, started } => {
            sqlx::query(
                "INSERT INTO campaign_task_open (campaign_id, unit_id, due_at, started, n) \
                 SELECT $1, x.ancestor, $3, $4, $5 FROM unit_ancestors x \
                 JOIN campaign_unit_stats s ON s.campaign_id = $1 AND s.unit_id = x.ancestor \
                 WHERE x.descendant = $2 \
                 ON CONFLICT (campaign_id, unit_id, due_at, started) DO UPDATE SET n = campaign_task_open.n + $5",
            )
            .bind(campaign)
            .bind(t.lead_unit_id)
            .bind(due)
            .bind(i64::from(started))
            .bind(delta)
            .execute(&mut **tx)
            .await?;
        }
        TaskContribution::Done { late } => {
            let sql = if late {
                "UPDATE campaign_unit_stats SET tasks_done_late = tasks_done_late + $3 WHERE campaign_id = $1 \
                 AND unit_id IN (SELECT ancestor FROM unit_ancestors WHERE descendant = $2)"
            } else {
                "UPDATE campaign_unit_stats SET tasks_done_on_time = tasks_done_on_time + $3 WHERE campaign_id = $1 \
                 AND unit_id IN (SELECT ancestor FROM unit_ancestors WHERE descendant = $2)"
            };
            sqlx::query(sql)
                .bind(campaign)
                .bind(t.lead_unit_id)
                .bind(delta)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

async fn task_tx(tx: &mut Tx, id: i64) -> Result<Task> {
    let t: Option<Task> = sqlx::query_as(concat!(
        "SELECT ",
        task_cols!(),
        " FROM tasks t WHERE t.id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    t.ok_or(Error::NotFound { what: "task", id })
}

/// Writes `after` over `before`: row, counters, history, audit, change feed.
async fn task_write(
    tx: &mut Tx,
    actor: &str,
    before: &Task,
    after: &Task,
    kind: &str,
    note: &str,
    evidence: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "UPDATE tasks SET due_at = $1, state = $2, progress = $3, completed_at = $4, extension_until = $5, \
         extension_reason = $6, sent_back_reason = $7, updated_at = $8 WHERE id = $9",
    )
    .bind(after.due_at)
    .bind(after.state.as_str())
    .bind(after.progress)
    .bind(after.completed_at)
    .bind(after.extension_until)
    .bind(&after.extension_reason)
    .bind(&after.sent_back_reason)
    .bind(after.updated_at)
    .bind(after.id)
    .execute(&mut **tx)
    .await?;
    let (cb, ca) = (contribution(before), contribution(after));
    if cb != ca {
        apply_contribution(tx, before, cb, -1).await?;
        apply_contribution(tx, after, ca, 1).await?;
    }
    sqlx::query(
        "INSERT INTO task_updates (task_id, at, actor, kind, progress, note, evidence) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(after.id)
    .bind(after.updated_at)
    .bind(actor)
    .bind(kind)
    .bind(after.progress)
    .bind(note)
    .bind(evidence)
    .execute(&mut **tx)
    .await?;
    audit(
        tx,
        actor,
        "task",
        after.id,
        kind,
        to_json(before),
        to_json(after),
    )
    .await?;
    change(tx, "task", after.id, "update").await?;
    Ok(())
}

pub(crate) async fn task_create(p: &DbPool, actor: &str, t: &NewTask) -> Result<i64> {
    if t.title.trim().is_empty() {
        return Err(Error::Invalid("a task needs a text".into()));
    }
    if t.recurrence.is_some() && t.due_at.is_none() {
        return Err(Error::Invalid(
            "a recurring task needs its first deadline".into(),
        ));
    }
    let mut tx = begin(p).await?;
    require_unit(&mut tx, t.lead_unit_id).await?;
    for u in &t.support_unit_ids {
        require_unit(&mut tx, *u).await?;
    }
    if let Some(c) = t.campaign_id {
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
    let now = crate::now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO tasks (campaign_id, document_id, section, title, lead_unit_id, due_at, recurrence, state, progress, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $9) RETURNING id",
    )
    .bind(t.campaign_id)
    .bind(t.document_id)
    .bind(&t.section)
    .bind(t.title.trim())
    .bind(t.lead_unit_id)
    .bind(t.due_at)
    .bind(t.recurrence.map(|r| r.as_str()))
    .bind(TaskState::Open.as_str())
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    for u in &t.support_unit_ids {
        sqlx::query(
            "INSERT INTO task_support (task_id, unit_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(u)
        .execute(&mut *tx)
        .await?;
    }
    let task = task_tx(&mut tx, id).await?;
    apply_contribution(&mut tx, &task, contribution(&task), 1).await?;
    audit(&mut tx, actor, "task", id, "insert", None, to_json(t)).await?;
    change(&mut tx, "task", id, "insert").await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn task(p: &DbPool, id: i64) -> Result<Option<(Task, Vec<i64>)>> {
    let t: Option<Task> = sqlx::query_as(concat!(
        "SELECT ",
        task_cols!(),
        " FROM tasks t WHERE t.id = $1"
    ))
    .bind(id)
    .fetch_optional(p)
    .await?;
    let Some(t) = t else { return Ok(None) };
    let support =
        sqlx::query_scalar("SELECT unit_id FROM task_support WHERE task_id = $1 ORDER BY unit_id")
            .bind(id)
            .fetch_all(p)
            .await?;
    Ok(Some((t, support)))
}

fn push_task_filters(qb: &mut QueryBuilder<Db>, f: &TaskFilter, now: i64) {
    qb.push(" WHERE 1 = 1");
    if let Some(c) = f.campaign_id {
        qb.push(" AND t.campaign_id = ").push_bind(c);
    }
    if let Some(u) = f.within_unit {
        qb.push(" AND t.lead_unit_id IN (SELECT descendant FROM unit_ancestors WHERE ancestor = ")
            .push_bind(u)
            .push(")");
    }
    if let Some(u) = f.lead_unit_id {
        qb.push(" AND t.lead_unit_id = ").push_bind(u);
    }
    if let Some(d) = f.due_before {
        qb.push(" AND t.due_at < ").push_bind(d);
    }
    // The same rule as TaskStatus::of, in SQL.
    match f.status {
        None => {}
        Some(TaskStatus::ChuaDenHan) => {
            qb.push(" AND t.completed_at IS NULL AND t.progress = 0 AND (t.due_at IS NULL OR t.due_at >= ")
                .push_bind(now)
                .push(")");
        }
        Some(TaskStatus::DangThucHien) => {
            qb.push(" AND t.completed_at IS NULL AND t.progress > 0 AND (t.due_at IS NULL OR t.due_at >= ")
                .push_bind(now)
                .push(")");
        }
        Some(TaskStatus::QuaHan) => {
            qb.push(" AND t.completed_at IS NULL AND t.due_at < ")
                .push_bind(now);
        }
        Some(TaskStatus::DungHan) => {
            qb.push(" AND t.completed_at IS NOT NULL AND (t.due_at IS NULL OR t.completed_at <= t.due_at)");
        }
        Some(TaskStatus::TreHan) => {
            qb.push(" AND t.completed_at IS NOT NULL AND t.completed_at > t.due_at");
        }
    }
}

pub(crate) async fn tasks(p: &DbPool, f: &TaskFilter, now: i64) -> Result<Page<Task>> {
    let mut qb: QueryBuilder<Db> =
        QueryBuilder::new(concat!("SELECT ", task_cols!(), " FROM tasks t"));
    push_task_filters(&mut qb, f, now);
    qb.push(" ORDER BY (t.due_at IS NULL), t.due_at, t.id LIMIT ")
        .push_bind(page_limit(if f.limit == 0 { MAX_PAGE } else { f.limit }))
        .push(" OFFSET ")
        .push_bind(f.offset.max(0));
    let items: Vec<Task> = qb.build_query_as().fetch_all(p).await?;
    let mut qc: QueryBuilder<Db> = QueryBuilder::new("SELECT COUNT(*) FROM tasks t");
    push_task_filters(&mut qc, f, now);
    let total: i64 = qc.build_query_scalar().fetch_one(p).await?;
    Ok(Page { items, total })
}

pub(crate) async fn task_updates(p: &DbPool, id: i64) -> Result<Vec<TaskUpdate>> {
    Ok(sqlx::query_as(
        "SELECT id, task_id, at, actor, kind, progress, note, evidence FROM task_updates WHERE task_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(p)
    .await?)
}

pub(crate) async fn task_progress(
    p: &DbPool,
    actor: &str,
    id: i64,
    progress: i64,
    note: &str,
    evidence: Option<&str>,
    at: i64,
) -> Result<()> {
    if !(0..=100).contains(&progress) {
        return Err(Error::Invalid("progress must be 0..=100 %".into()));
    }
    let mut tx = begin(p).await?;
    let before = task_tx(&mut tx, id).await?;
    if before.state != TaskState::Open {
        return Err(Error::Invalid("only an open task takes progress".into()));
    }
    let mut after = before.clone();
    after.progress = progress;
    after.updated_at = at;
    task_write(&mut tx, actor, &before, &after, "progress", note, evidence).await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn task_request_extension(
    p: &DbPool,
    actor: &str,
    id: i64,
    until: i64,
    reason: &str,
    at: i64,
) -> Result<()> {
    let mut tx = begin(p).await?;
    let before = task_tx(&mut tx, id).await?;
    if before.state != TaskState::Open {
        return Err(Error::Invalid("only an open task can be extended".into()));
    }
    if before.due_at.is_some_and(|due| until <= due) {
        return Err(Error::Invalid(
            "the new deadline must be later than the current one".into(),
        ));
    }
    if reason.trim().is_empty() {
        return Err(Error::Invalid("an extension needs a reason".into()));
    }
    let mut after = before.clone();
    after.extension_until = Some(until);
    after.extension_reason = Some(reason.to_owned());
    after.updated_at = at;
    task_write(
        &mut tx,
        actor,
        &before,
        &after,
        "extension_request",
        reason,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn task_decide_extension(
    p: &DbPool,
    actor: &str,
    id: i64,
    approve: bool,
    note: &str,
    at: i64,
) -> Result<()> {
    let mut tx = begin(p).await?;
    let before = task_tx(&mut tx, id).await?;
    let Some(until) = before.extension_until else {
        return Err(Error::Invalid("no extension is pending".into()));
    };
    let mut after = before.clone();
    if approve {
        after.due_at = Some(until);
    }
    after.extension_until = None;
    after.extension_reason = None;
    after.updated_at = at;
    let kind = if approve {
        "extension_approved"
    } else {
        "extension_rejected"
    };
    task_write(&mut tx, actor, &before, &after, kind, note, None).await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn task_complete(
    p: &DbPool,
    actor: &str,
    id: i64,
    note: &str,
    evidence: Option<&str>,
    at: i64,
) -> Result<()> {
    let mut tx = begin(p).await?;
    let before = task_tx(&mut tx, id).await?;
    if before.state != TaskState::Open {
        return Err(Error::Invalid("only an open task can be completed".into()));
    }
    let mut after = before.clone();
    after.updated_at = at;
    after.sent_back_reason = None;
    match (before.recurrence.0, before.due_at) {
        (Some(r), Some(due)) => {
            // This period is done: the next deadline follows.
            after.due_at = Some(r.next_after(due));
            after.progress = 0;
        }
        _ => {
            after.completed_at = Some(at);
            after.progress = 100;
            after.state = TaskState::Reported;
        }
    }
    task_write(&mut tx, actor, &before, &after, "complete", note, evidence).await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn task_accept(p: &DbPool, actor: &str, id: i64, at: i64) -> Result<()> {
    let mut tx = begin(p).await?;
    let before = task_tx(&mut tx, id).await?;
    if before.state != TaskState::Reported {
        return Err(Error::Invalid(
            "only a reported completion can be accepted".into(),
        ));
    }
    let mut after = before.clone();
    after.state = TaskState::Done;
    after.updated_at = at;
    task_write(&mut tx, actor, &before, &after, "accept", "", None).await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn task_send_back(
    p: &DbPool,
    actor: &str,
    id: i64,
    reason: &str,
    at: i64,
) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(Error::Invalid("sending back needs a reason".into()));
    }
    let mut tx = begin(p).await?;
    let before = task_tx(&mut tx, id).await?;
    if before.state != TaskState::Reported {
        return Err(Error::Invalid(
            "only a reported completion can be sent back".into(),
        ));
    }
    let mut after = before.clone();
    after.state = TaskState::Open;
    after.completed_at = None;
    after.progress = before.progress.min(99);
    after.sent_back_reason = Some(reason.to_owned());
    after.updated_at = at;
    task_write(&mut tx, actor, &before, &after, "send_back", reason, None).await?;
    tx.commit().await?;
    Ok(())
}
