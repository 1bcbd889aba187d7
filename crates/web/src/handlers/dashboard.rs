//! The dashboard of a campaign at a unit: its subtree's figures, one row
//! per child unit (from the store's maintained counters: one read for the
//! unit, one per child), the overdue tasks and two SVG charts.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::HeaderMap,
    response::{IntoResponse, Response},
};
use domain::{PlanStatus, TaskStatus};
use store::{Account, Rollup, TaskFilter};

use crate::{
    AppError, AppState,
    auth::{
        CurrentUser,
        access::{Action, Scope, require},
    },
    charts,
    i18n::Lang,
    views::{Layout, num, pct},
};

/// Overdue tasks listed on a dashboard at most (the tasks board has all).
pub const OVERDUE_SHOWN: i64 = 15;
/// Sessions drawn on the coverage-over-time chart at most.
pub const TIMELINE_SESSIONS: i64 = 60;

/// One child row, ready to print.
pub struct ChildRow {
    /// Unit id.
    pub id: i64,
    /// Unit name.
    pub name: String,
    /// Plan status code (CSS class) and label.
    pub plan: (&'static str, &'static str),
    /// The child's plan document.
    pub plan_doc: Option<i64>,
    /// Members.
    pub members: String,
    /// Coverage percent.
    pub coverage: f64,
    /// Whether coverage reached the target.
    pub reached: bool,
    /// Overdue tasks in its subtree.
    pub overdue: i64,
    /// Report status code and label (or missing).
    pub report: (&'static str, &'static str),
    /// Whether the child has children to drill into.
    pub drill: bool,
}

/// One overdue task row.
pub struct OverdueRow {
    /// Task id.
    pub id: i64,
    /// What.
    pub title: String,
    /// Lead unit's name.
    pub lead: String,
    /// Deadline.
    pub due: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    l: Layout,
    r: Rollup,
    crumbs: Vec<(i64, String)>,
    coverage: f64,
    target: i64,
    members: String,
    attended: String,
    plans_missing: i64,
    tasks: Vec<(&'static str, &'static str, i64)>,
    rows: Vec<ChildRow>,
    overdue: Vec<OverdueRow>,
    bars_svg: String,
    line_svg: String,
    period_due: String,
    plan_due: String,
    study_due: String,
    can_report: bool,
}

/// Plan status (CSS code, label).
pub fn plan_label(lang: Lang, s: PlanStatus) -> (&'static str, &'static str) {
    (
        s.as_str(),
        lang.t(match s {
            PlanStatus::OnTime => "plan.on_time",
            PlanStatus::Late => "plan.late",
            _ => "plan.missing",
        }),
    )
}

/// Task status (CSS code, label).
pub fn task_label(lang: Lang, s: TaskStatus) -> (&'static str, &'static str) {
    (s.as_str(), lang.t(&format!("task.{}", s.as_str())))
}

/// `GET /campaigns/{campaign}/units/{unit}`: drill-down.
pub async fn dashboard_show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
    Path((campaign, unit)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    render(&state, &user, &headers, campaign, unit).await
}

/// Renders the dashboard of `campaign` at `unit` for `user`.
pub async fn render(
    state: &AppState,
    user: &Account,
    headers: &HeaderMap,
    campaign: i64,
    unit: i64,
) -> Result<Response, AppError> {
    require(&state.store, user, Action::View, Scope::Unit(unit)).await?;
    let lang = Lang::from_headers(headers);
    let now = crate::timefmt::now();
    let r = state.store.rollup(campaign, unit, now).await?;
    let path = state.store.unit_path(unit).await?;
    let user_depth = path.iter().position(|u| u.id == user.unit_id).unwrap_or(0);
    let crumbs = path
        .iter()
        .skip(user_depth)
        .map(|u| (u.id, u.name.clone()))
        .collect();
    let t = &r.total;
    let target = r.campaign.coverage_target;
    let coverage = pct(t.attended, t.members);
    let tasks = [
        TaskStatus::QuaHan,
        TaskStatus::DangThucHien,
        TaskStatus::ChuaDenHan,
        TaskStatus::DungHan,
        TaskStatus::TreHan,
    ]
    .iter()
    .map(|s| {
        let (c, l) = task_label(lang, *s);
        (c, l, t.tasks.get(*s))
    })
    .collect();
    let rows: Vec<ChildRow> = r
        .children
        .iter()
        .map(|c| {
            let cov = pct(c.stats.attended, c.stats.members);
            ChildRow {
                id: c.unit.id,
                name: c.unit.name.clone(),
                plan: plan_label(lang, c.plan),
                plan_doc: c.plan_document_id,
                members: num(c.stats.members),
                coverage: cov,
                reached: cov >= target as f64,
                overdue: c.stats.tasks.qua_han,
                report: match c.report {
                    Some(s) => (s.as_str(), lang.t(&format!("report.{}", s.as_str()))),
                    None => ("missing", lang.t("report.missing")),
                },
                drill: c.unit.members_subtree > c.unit.members_direct,
            }
        })
        .collect();
    let overdue_tasks = state
        .store
        .tasks(
            &TaskFilter {
                campaign_id: Some(campaign),
                within_unit: Some(unit),
                status: Some(TaskStatus::QuaHan),
                limit: OVERDUE_SHOWN,
                ..TaskFilter::default()
            },
            now,
        )
        .await?;
    let mut overdue = Vec::new();
    for task in overdue_tasks.items {
        let lead = state
            .store
            .unit(task.lead_unit_id)
            .await?
            .map(|u| u.name)
            .unwrap_or_default();
        overdue.push(OverdueRow {
            id: task.id,
            title: task.title,
            lead,
            due: task.due_at.map(crate::timefmt::date).unwrap_or_default(),
        });
    }
    let bars: Vec<(String, f64)> = rows.iter().map(|c| (c.name.clone(), c.coverage)).collect();
    let bars_svg = charts::coverage_bars(&bars, target as f64, lang.t("dash.chart_by_unit"));
    let mut sessions = state
        .store
        .sessions_within(unit, Some(campaign), TIMELINE_SESSIONS)
        .await?;
    sessions.sort_by_key(|s| s.starts_at);
    let mut cumulative = 0i64;
    let points: Vec<(String, f64)> = sessions
        .iter()
        .map(|s| {
            cumulative += s.attended;
            (
                crate::timefmt::date(s.starts_at)[..5].to_owned(),
                pct(cumulative, t.members).min(100.0),
            )
        })
        .collect();
    let line_svg = charts::coverage_line(&points, target as f64, lang.t("dash.chart_over_time"));
    let can_report =
        crate::auth::access::can(&state.store, user, Action::DraftReport, Scope::Unit(unit))
            .await?;
    Ok(DashboardPage {
        l: Layout::new(lang, r.campaign.name.clone(), Some(user), state.version)
            .at(&format!("/campaigns/{campaign}/units/{unit}")),
        crumbs,
        coverage,
        target,
        members: num(t.members),
        attended: num(t.attended),
        plans_missing: (t.plans_expected - t.plans_on_time - t.plans_late).max(0),
        tasks,
        rows,
        overdue,
        bars_svg,
        line_svg,
        period_due: crate::timefmt::date(r.period_due),
        plan_due: crate::timefmt::date(r.campaign.plan_due),
        study_due: crate::timefmt::date(r.campaign.study_due),
        can_report,
        r,
    }
    .into_response())
}
