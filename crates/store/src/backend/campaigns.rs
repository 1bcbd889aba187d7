// Campaigns and roll-ups; included into each engine module.

pub(crate) async fn campaign_create(p: &DbPool, actor: &str, c: &NewCampaign) -> Result<i64> {
    if !(0..=100).contains(&c.coverage_target) {
        return Err(Error::Invalid("coverage target must be 0..=100 %".into()));
    }
    if c.name.trim().is_empty() {
        return Err(Error::Invalid("a campaign needs a name".into()));
    }
    let mut tx = begin(p).await?;
    require_unit(&mut tx, c.scope_unit_id).await?;
    let doc: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM documents WHERE id = $1")
        .bind(c.document_id)
        .fetch_one(&mut *tx)
        .await?;
    if doc == 0 {
        return Err(Error::NotFound {
            what: "document",
            id: c.document_id,
        });
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO campaigns (name, document_id, scope_unit_id, plan_due, study_due, coverage_target, report_recurrence, report_first_due, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(c.name.trim())
    .bind(c.document_id)
    .bind(c.scope_unit_id)
    .bind(c.plan_due)
    .bind(c.study_due)
    .bind(c.coverage_target)
    .bind(c.report_recurrence.as_str())
    .bind(c.report_first_due)
    .bind(crate::now())
    .bind(actor)
    .fetch_one(&mut *tx)
    .await?;
    // One counters row per unit in scope: members from the maintained
    // subtree count, plans owed by every unit strictly below that is not a
    // cell (UnitKind::owes_plan).
    sqlx::query(
        "INSERT INTO campaign_unit_stats (campaign_id, unit_id, members, plans_expected) \
         SELECT $1, u.id, u.members_subtree, \
           (SELECT COUNT(*) FROM unit_ancestors x JOIN units d ON d.id = x.descendant \
             WHERE x.ancestor = u.id AND x.depth > 0 AND d.kind <> $3) \
         FROM unit_ancestors s JOIN units u ON u.id = s.descendant WHERE s.ancestor = $2",
    )
    .bind(id)
    .bind(c.scope_unit_id)
    .bind(UnitKind::Cell.as_str())
    .execute(&mut *tx)
    .await?;
    audit(&mut tx, actor, "campaign", id, "insert", None, to_json(c)).await?;
    // Plans issued before the campaign was started count too.
    let early: Vec<i64> = sqlx::query_scalar(
        "SELECT from_doc FROM doc_relations WHERE to_doc = $1 AND kind = 'implements'",
    )
    .bind(c.document_id)
    .fetch_all(&mut *tx)
    .await?;
    link_plans(&mut tx, actor, early).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn campaign(p: &DbPool, id: i64) -> Result<Option<Campaign>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        campaign_cols!(),
        " FROM campaigns c WHERE c.id = $1"
    ))
    .bind(id)
    .fetch_optional(p)
    .await?)
}

pub(crate) async fn campaigns_for(p: &DbPool, unit: Option<i64>) -> Result<Vec<Campaign>> {
    Ok(match unit {
        Some(u) => {
            sqlx::query_as(concat!(
                "SELECT ",
                campaign_cols!(),
                " FROM campaigns c JOIN campaign_unit_stats s ON s.campaign_id = c.id AND s.unit_id = $1 ORDER BY c.id DESC"
            ))
            .bind(u)
            .fetch_all(p)
            .await?
        }
        None => {
            sqlx::query_as(concat!("SELECT ", campaign_cols!(), " FROM campaigns c ORDER BY c.id DESC"))
                .fetch_all(p)
                .await?
        }
    })
}

/// One dashboard row as read: the unit, its counters, its own plan and report.
#[derive(sqlx::FromRow)]
struct StatsRow {
    #[sqlx(flatten)]
    unit: Unit,
    members: i64,
    attended: i64,
    plans_expected: i64,
    plans_on_time: i64,
    plans_late: i64,
    tasks_done_on_time: i64,
    tasks_done_late: i64,
    plan_document_id: Option<i64>,
    plan_issued_at: Option<i64>,
    report_status: Option<String>,
}

impl StatsRow {
    fn stats(&self) -> UnitStats {
        let mut s = UnitStats {
            members: self.members,
            attended: self.attended,
            plans_expected: self.plans_expected,
            plans_on_time: self.plans_on_time,
            plans_late: self.plans_late,
            reports_expected: self.plans_expected,
            reports_in: 0,
            ..Default::default()
        };
        s.tasks.dung_han = self.tasks_done_on_time;
        s.tasks.tre_han = self.tasks_done_late;
        s
    }
}

pub(crate) async fn rollup(p: &DbPool, campaign_id: i64, unit_id: i64, now: i64) -> Result<Rollup> {
    let Some(c) = campaign(p, campaign_id).await? else {
        return Err(Error::NotFound {
            what: "campaign",
            id: campaign_id,
        });
    };
    let period_due = c.report_recurrence.current_due(c.report_first_due, now);
    // The unit itself and its direct children in one pass over ≤ children+1 rows.
    let rows: Vec<StatsRow> = sqlx::query_as(concat!(
        "SELECT ",
        unit_cols!(),
        ", s.members, s.attended, s.plans_expected, s.plans_on_time, s.plans_late, \
         s.tasks_done_on_time, s.tasks_done_late, pl.document_id AS plan_document_id, \
         pl.issued_at AS plan_issued_at, r.status AS report_status \
         FROM units u JOIN campaign_unit_stats s ON s.campaign_id = $1 AND s.unit_id = u.id \
         LEFT JOIN plans pl ON pl.campaign_id = $1 AND pl.unit_id = u.id \
         LEFT JOIN reports r ON r.campaign_id = $1 AND r.unit_id = u.id AND r.period_due = $3 \
         WHERE u.id = $2 OR u.parent_id = $2 ORDER BY u.depth, u.name_fold, u.id"
    ))
    .bind(campaign_id)
    .bind(unit_id)
    .bind(period_due)
    .fetch_all(p)
    .await?;
    let mut own: Option<StatsRow> = None;
    let mut child_rows = Vec::with_capacity(rows.len());
    for r in rows {
        if r.unit.id == unit_id {
            own = Some(r);
        } else {
            child_rows.push(r);
        }
    }
    let Some(own) = own else {
        return Err(Error::Invalid(format!(
            "unit {unit_id} is outside campaign {campaign_id}'s scope"
        )));
    };
    // Reports in, per unit, for the current period.
    let reports: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT unit_id, reports_in FROM campaign_report_stats WHERE campaign_id = $1 AND period_due = $3 \
         AND (unit_id = $2 OR unit_id IN (SELECT id FROM units WHERE parent_id = $2))",
    )
    .bind(campaign_id)
    .bind(unit_id)
    .bind(period_due)
    .fetch_all(p)
    .await?;
    // Open-task buckets, split by the clock.
    let buckets: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT unit_id, due_at, started, n FROM campaign_task_open WHERE campaign_id = $1 AND n > 0 \
         AND (unit_id = $2 OR unit_id IN (SELECT id FROM units WHERE parent_id = $2))",
    )
    .bind(campaign_id)
    .bind(unit_id)
    .fetch_all(p)
    .await?;
    let fill = |unit: i64, s: &mut UnitStats| {
        for (u, n) in &reports {
            if *u == unit {
                s.reports_in += n;
            }
        }
        for (u, due, started, n) in &buckets {
            if *u == unit {
                let due = (*due != NO_DUE).then_some(*due);
                let status = TaskStatus::of(due, if *started != 0 { 1 } else { 0 }, None, now);
                s.tasks.add_status(status, *n);
            }
        }
    };
    let mut total = own.stats();
    fill(unit_id, &mut total);
    let children = child_rows
        .into_iter()
        .map(|r| {
            let mut stats = r.stats();
            fill(r.unit.id, &mut stats);
            Ok(ChildRollup {
                plan: PlanStatus::of(r.plan_issued_at, c.plan_due),
                plan_document_id: r.plan_document_id,
                report: r.report_status.as_deref().map(str::parse).transpose()?,
                stats,
                unit: r.unit,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Rollup {
        own_plan: PlanStatus::of(own.plan_issued_at, c.plan_due),
        campaign: c,
        unit: own.unit,
        at: now,
        period_due,
        total,
        children,
    })
}

pub(crate) async fn units_without_plan(
    p: &DbPool,
    campaign_id: i64,
    parent: i64,
) -> Result<Vec<Unit>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        unit_cols!(),
        " FROM units u JOIN campaign_unit_stats s ON s.campaign_id = $1 AND s.unit_id = u.id \
         WHERE u.parent_id = $2 AND u.kind <> $3 \
         AND NOT EXISTS (SELECT 1 FROM plans pl WHERE pl.campaign_id = $1 AND pl.unit_id = u.id) \
         ORDER BY u.name_fold, u.id"
    ))
    .bind(campaign_id)
    .bind(parent)
    .bind(UnitKind::Cell.as_str())
    .fetch_all(p)
    .await?)
}
