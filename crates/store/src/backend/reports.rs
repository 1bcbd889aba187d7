// Reports, inspections, commendations; included into each engine module.

fn report_figures(r: &Rollup) -> serde_json::Value {
    let t = &r.total;
    serde_json::json!({
        "at": r.at,
        "period_due": r.period_due,
        "members": t.members,
        "attended": t.attended,
        "coverage_pct": t.coverage_pct(),
        "coverage_target": r.campaign.coverage_target,
        "meets_target": t.meets_target(r.campaign.coverage_target),
        "plans_expected": t.plans_expected,
        "plans_on_time": t.plans_on_time,
        "plans_late": t.plans_late,
        "plans_missing": t.plans_missing(),
        "reports_expected": t.reports_expected,
        "reports_in": t.reports_in,
        "tasks": t.tasks,
    })
}

/// The default text of a report, in Vietnamese, from its figures.
fn report_text(r: &Rollup) -> String {
    let t = &r.total;
    format!(
        "Báo cáo kết quả triển khai {} tại {} (kỳ đến ngày {}).\n\
         1. Ban hành kế hoạch: {} đơn vị ban hành đúng hạn, {} ban hành chậm, {} chưa ban hành (tổng số {}).\n\
         2. Nghiên cứu, học tập: {}/{} đảng viên đã tham gia, đạt {:.1}% (chỉ tiêu {}%).\n\
         3. Nhiệm vụ: {} hoàn thành đúng hạn, {} hoàn thành quá hạn, {} đang thực hiện trong hạn, {} chưa đến hạn, {} quá hạn.\n\
         4. Báo cáo của cấp dưới: {}/{} đơn vị đã gửi.",
        r.campaign.name,
        r.unit.name,
        domain::date::format_vi(r.period_due),
        t.plans_on_time,
        t.plans_late,
        t.plans_missing(),
        t.plans_expected,
        t.attended,
        t.members,
        t.coverage_pct(),
        r.campaign.coverage_target,
        t.tasks.dung_han,
        t.tasks.tre_han,
        t.tasks.dang_thuc_hien,
        t.tasks.chua_den_han,
        t.tasks.qua_han,
        t.reports_in,
        t.reports_expected,
    )
}

async fn report_tx(tx: &mut Tx, id: i64) -> Result<Report> {
    let r: Option<Report> = sqlx::query_as(concat!(
        "SELECT ",
        report_cols!(),
        " FROM reports r WHERE r.id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    r.ok_or(Error::NotFound { what: "report", id })
}

pub(crate) async fn report_draft(
    p: &DbPool,
    actor: &str,
    campaign: i64,
    unit: i64,
    now: i64,
) -> Result<Report> {
    let r = rollup(p, campaign, unit, now).await?;
    let figures = report_figures(&r).to_string();
    let mut tx = begin(p).await?;
    let existing: Option<Report> = sqlx::query_as(concat!(
        "SELECT ",
        report_cols!(),
        " FROM reports r WHERE r.campaign_id = $1 AND r.unit_id = $2 AND r.period_due = $3"
    ))
    .bind(campaign)
    .bind(unit)
    .bind(r.period_due)
    .fetch_optional(&mut *tx)
    .await?;
    let id = match existing {
        Some(rep) if rep.status == ReportStatus::Submitted => return Ok(rep),
        Some(rep) => {
            sqlx::query(
                "UPDATE reports SET figures = $1, updated_at = $2, status = $3 WHERE id = $4",
            )
            .bind(&figures)
            .bind(now)
            .bind(ReportStatus::Draft.as_str())
            .bind(rep.id)
            .execute(&mut *tx)
            .await?;
            audit(
                &mut tx,
                actor,
                "report",
                rep.id,
                "refresh",
                to_json(&rep),
                Some(figures.clone()),
            )
            .await?;
            rep.id
        }
        None => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO reports (campaign_id, unit_id, period_due, figures, body, status, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
            )
            .bind(campaign)
            .bind(unit)
            .bind(r.period_due)
            .bind(&figures)
            .bind(report_text(&r))
            .bind(ReportStatus::Draft.as_str())
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            audit(
                &mut tx,
                actor,
                "report",
                id,
                "insert",
                None,
                Some(figures.clone()),
            )
            .await?;
            id
        }
    };
    let rep = report_tx(&mut tx, id).await?;
    tx.commit().await?;
    Ok(rep)
}

pub(crate) async fn report_edit(
    p: &DbPool,
    actor: &str,
    id: i64,
    body: &str,
    at: i64,
) -> Result<()> {
    let mut tx = begin(p).await?;
    let before = report_tx(&mut tx, id).await?;
    if before.status == ReportStatus::Submitted {
        return Err(Error::Invalid("a submitted report cannot be edited".into()));
    }
    sqlx::query("UPDATE reports SET body = $1, updated_at = $2 WHERE id = $3")
        .bind(body)
        .bind(at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let after = report_tx(&mut tx, id).await?;
    audit(
        &mut tx,
        actor,
        "report",
        id,
        "edit",
        to_json(&before),
        to_json(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn report_submit(p: &DbPool, actor: &str, id: i64, at: i64) -> Result<()> {
    let mut tx = begin(p).await?;
    let before = report_tx(&mut tx, id).await?;
    if before.status == ReportStatus::Submitted {
        return Err(Error::Invalid("the report is already submitted".into()));
    }
    sqlx::query("UPDATE reports SET status = $1, submitted_at = $2, updated_at = $2 WHERE id = $3")
        .bind(ReportStatus::Submitted.as_str())
        .bind(at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO campaign_report_stats (campaign_id, unit_id, period_due, reports_in) \
         SELECT $1, x.ancestor, $3, 1 FROM unit_ancestors x \
         JOIN campaign_unit_stats s ON s.campaign_id = $1 AND s.unit_id = x.ancestor \
         WHERE x.descendant = $2 AND x.depth > 0 \
         ON CONFLICT (campaign_id, unit_id, period_due) DO UPDATE SET reports_in = campaign_report_stats.reports_in + 1",
    )
    .bind(before.campaign_id)
    .bind(before.unit_id)
    .bind(before.period_due)
    .execute(&mut *tx)
    .await?;
    let after = report_tx(&mut tx, id).await?;
    audit(
        &mut tx,
        actor,
        "report",
        id,
        "submit",
        to_json(&before),
        to_json(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn report(p: &DbPool, id: i64) -> Result<Option<Report>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        report_cols!(),
        " FROM reports r WHERE r.id = $1"
    ))
    .bind(id)
    .fetch_optional(p)
    .await?)
}

pub(crate) async fn reports_of_children(
    p: &DbPool,
    campaign_id: i64,
    unit: i64,
    now: i64,
) -> Result<Vec<ChildReport>> {
    let Some(c) = campaign(p, campaign_id).await? else {
        return Err(Error::NotFound {
            what: "campaign",
            id: campaign_id,
        });
    };
    let period_due = c.report_recurrence.current_due(c.report_first_due, now);
    let children: Vec<Unit> = sqlx::query_as(concat!(
        "SELECT ",
        unit_cols!(),
        " FROM units u JOIN campaign_unit_stats s ON s.campaign_id = $1 AND s.unit_id = u.id \
         WHERE u.parent_id = $2 AND u.kind <> $3 ORDER BY u.name_fold, u.id"
    ))
    .bind(campaign_id)
    .bind(unit)
    .bind(UnitKind::Cell.as_str())
    .fetch_all(p)
    .await?;
    let reports: Vec<Report> = sqlx::query_as(concat!(
        "SELECT ",
        report_cols!(),
        " FROM reports r WHERE r.campaign_id = $1 AND r.period_due = $3 \
         AND r.unit_id IN (SELECT id FROM units WHERE parent_id = $2)"
    ))
    .bind(campaign_id)
    .bind(unit)
    .bind(period_due)
    .fetch_all(p)
    .await?;
    let mut by_unit: std::collections::HashMap<i64, Report> =
        reports.into_iter().map(|r| (r.unit_id, r)).collect();
    Ok(children
        .into_iter()
        .map(|u| ChildReport {
            report: by_unit.remove(&u.id),
            unit: u,
        })
        .collect())
}

pub(crate) async fn inspection_create(p: &DbPool, actor: &str, i: &NewInspection) -> Result<i64> {
    let mut tx = begin(p).await?;
    require_unit(&mut tx, i.inspector_unit_id).await?;
    require_unit(&mut tx, i.inspected_unit_id).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO inspections (campaign_id, inspector_unit_id, inspected_unit_id, at, findings, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(i.campaign_id)
    .bind(i.inspector_unit_id)
    .bind(i.inspected_unit_id)
    .bind(i.at)
    .bind(&i.findings)
    .bind(crate::now())
    .fetch_one(&mut *tx)
    .await?;
    audit(&mut tx, actor, "inspection", id, "insert", None, to_json(i)).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn inspections_within(
    p: &DbPool,
    unit: i64,
    limit: i64,
) -> Result<Vec<Inspection>> {
    Ok(sqlx::query_as(
        "SELECT i.id, i.campaign_id, i.inspector_unit_id, i.inspected_unit_id, i.at, i.findings FROM inspections i \
         JOIN unit_ancestors x ON x.descendant = i.inspected_unit_id WHERE x.ancestor = $1 ORDER BY i.at DESC, i.id DESC LIMIT $2",
    )
    .bind(unit)
    .bind(page_limit(limit))
    .fetch_all(p)
    .await?)
}

pub(crate) async fn commendation_create(
    p: &DbPool,
    actor: &str,
    c: &NewCommendation,
) -> Result<i64> {
    if c.unit_id.is_none() && c.member_id.is_none() {
        return Err(Error::Invalid(
            "a commendation names a unit or a member".into(),
        ));
    }
    if c.reason.trim().is_empty() {
        return Err(Error::Invalid("a commendation needs a reason".into()));
    }
    let mut tx = begin(p).await?;
    if let Some(u) = c.unit_id {
        require_unit(&mut tx, u).await?;
    }
    // A member's commendation is filed under the member's unit.
    let mut unit_id = c.unit_id;
    if let Some(m) = c.member_id {
        let u: Option<i64> = sqlx::query_scalar("SELECT unit_id FROM members WHERE id = $1")
            .bind(m)
            .fetch_optional(&mut *tx)
            .await?;
        let u = u.ok_or(Error::NotFound {
            what: "member",
            id: m,
        })?;
        unit_id.get_or_insert(u);
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO commendations (campaign_id, unit_id, member_id, reason, at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(c.campaign_id)
    .bind(unit_id)
    .bind(c.member_id)
    .bind(&c.reason)
    .bind(c.at)
    .bind(crate::now())
    .fetch_one(&mut *tx)
    .await?;
    audit(
        &mut tx,
        actor,
        "commendation",
        id,
        "insert",
        None,
        to_json(c),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn commendations_within(
    p: &DbPool,
    unit: i64,
    limit: i64,
) -> Result<Vec<Commendation>> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.campaign_id, c.unit_id, c.member_id, c.reason, c.at FROM commendations c \
         JOIN unit_ancestors x ON x.descendant = c.unit_id WHERE x.ancestor = $1 ORDER BY c.at DESC, c.id DESC LIMIT $2",
    )
    .bind(unit)
    .bind(page_limit(limit))
    .fetch_all(p)
    .await?)
}
