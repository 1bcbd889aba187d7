//! Periodic reports (drafted from live figures, edited, submitted; the unit
//! above sees its children's), inspections and commendations.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use store::{
    Account, Campaign, Commendation, Inspection, NewCommendation, NewInspection, Report, Unit,
};

use crate::{
    AppError, AppState,
    auth::{
        CurrentUser,
        access::{Action, Scope, can, require},
    },
    form::Pairs,
    i18n::Lang,
    views::Layout,
};

/// Longest report text accepted (characters): a long report is a few pages.
pub const MAX_REPORT_BODY: usize = 100_000;
/// Inspections and commendations listed.
pub const RECORDS_SHOWN: i64 = 50;

/// Query of the reports page.
#[derive(Deserialize, Default)]
pub struct ReportsQuery {
    /// Campaign id.
    pub campaign: Option<i64>,
    /// Unit id.
    pub unit: Option<i64>,
}

struct ChildRow {
    unit: Unit,
    status: (&'static str, &'static str),
    report_id: Option<i64>,
    submitted: String,
}

struct NamedRecord {
    unit: String,
    at: String,
    text: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "reports.html")]
struct ReportsPage {
    l: Layout,
    campaigns: Vec<Campaign>,
    campaign: Option<Campaign>,
    unit: Unit,
    children: Vec<ChildRow>,
    can_draft: bool,
    can_inspect: bool,
    inspections: Vec<NamedRecord>,
    commendations: Vec<NamedRecord>,
    targets: Vec<Unit>,
}

/// `GET /reports?campaign=&unit=`.
pub async fn report_list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
    Query(q): Query<ReportsQuery>,
) -> Result<Response, AppError> {
    let unit_id = q.unit.unwrap_or(user.unit_id);
    require(&state.store, &user, Action::View, Scope::Unit(unit_id)).await?;
    let lang = Lang::from_headers(&headers);
    let unit = state.store.unit(unit_id).await?.ok_or(AppError::NotFound)?;
    let campaigns = state.store.campaigns_for(Some(unit_id)).await?;
    let campaign = match q.campaign {
        Some(c) => campaigns.iter().find(|x| x.id == c).cloned(),
        None => campaigns.iter().max_by_key(|c| c.created_at).cloned(),
    };
    let now = crate::timefmt::now();
    let mut children = Vec::new();
    if let Some(c) = &campaign {
        for cr in state.store.reports_of_children(c.id, unit_id, now).await? {
            let status = match &cr.report {
                Some(r) => (
                    r.status.as_str(),
                    lang.t(&format!("report.{}", r.status.as_str())),
                ),
                None => ("missing", lang.t("report.missing")),
            };
            children.push(ChildRow {
                status,
                report_id: cr.report.as_ref().map(|r| r.id),
                submitted: cr
                    .report
                    .as_ref()
                    .and_then(|r| r.submitted_at)
                    .map(crate::timefmt::date)
                    .unwrap_or_default(),
                unit: cr.unit,
            });
        }
    }
    let mut inspections = Vec::new();
    for i in state
        .store
        .inspections_within(unit_id, RECORDS_SHOWN)
        .await?
    {
        inspections.push(named(&state, i.inspected_unit_id, i.at, i.findings).await?);
    }
    let mut commendations = Vec::new();
    for c in state
        .store
        .commendations_within(unit_id, RECORDS_SHOWN)
        .await?
    {
        let target = match (c.unit_id, c.member_id) {
            (Some(u), _) => u,
            _ => unit_id,
        };
        commendations.push(named(&state, target, c.at, c.reason).await?);
    }
    let can_draft = can(
        &state.store,
        &user,
        Action::DraftReport,
        Scope::Unit(unit_id),
    )
    .await?;
    let can_inspect = can(&state.store, &user, Action::Inspect, Scope::Unit(unit_id)).await?;
    let targets = if can_inspect {
        state.store.unit_children(unit_id).await?
    } else {
        Vec::new()
    };
    Ok(ReportsPage {
        l: Layout::new(lang, lang.t("nav.reports"), Some(&user), state.version).at("/reports"),
        campaigns,
        campaign,
        unit,
        children,
        can_draft,
        can_inspect,
        inspections,
        commendations,
        targets,
    }
    .into_response())
}

async fn named(
    state: &AppState,
    unit: i64,
    at: i64,
    text: String,
) -> Result<NamedRecord, AppError> {
    Ok(NamedRecord {
        unit: state
            .store
            .unit(unit)
            .await?
            .map(|u| u.name)
            .unwrap_or_default(),
        at: crate::timefmt::date(at),
        text,
    })
}

/// `POST /reports/draft`: creates or refreshes the unit's draft for the
/// current period from live figures.
pub async fn report_draft(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    body: Bytes,
) -> Result<Response, AppError> {
    let p = Pairs::parse(&body);
    let unit = p.int("unit").unwrap_or(user.unit_id);
    require(&state.store, &user, Action::DraftReport, Scope::Unit(unit)).await?;
    let campaign = p
        .int("campaign")
        .ok_or_else(|| AppError::BadRequest("Thiếu đợt triển khai".into()))?;
    let c = state
        .store
        .campaign(campaign)
        .await?
        .ok_or(AppError::NotFound)?;
    if !state.store.is_within(c.scope_unit_id, unit).await? {
        return Err(AppError::NotFound);
    }
    let r = state
        .store
        .report_draft(&user.username, campaign, unit, crate::timefmt::now())
        .await?;
    Ok(Redirect::to(&format!("/reports/{}", r.id)).into_response())
}

/// A report the user may see.
pub async fn visible_report(state: &AppState, user: &Account, id: i64) -> Result<Report, AppError> {
    let r = state.store.report(id).await?.ok_or(AppError::NotFound)?;
    require(&state.store, user, Action::View, Scope::Unit(r.unit_id)).await?;
    Ok(r)
}

#[derive(Template, WebTemplate)]
#[template(path = "report_show.html")]
struct ReportPage {
    l: Layout,
    r: Report,
    unit: String,
    period: String,
    status: &'static str,
    figures: Vec<(String, String)>,
    can_edit: bool,
    can_submit: bool,
}

/// `GET /reports/{id}`.
pub async fn report_show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let r = visible_report(&state, &user, id).await?;
    let lang = Lang::from_headers(&headers);
    let figures = serde_json::from_str::<serde_json::Value>(&r.figures)
        .ok()
        .and_then(|v| v.as_object().cloned())
        .map(|o| {
            o.into_iter()
                .filter(|(_, v)| !v.is_object())
                .map(|(k, v)| {
                    (
                        lang.t(&format!("fig.{k}")).replace("⟨?⟩", &k),
                        v.to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let editable = r.status != domain::ReportStatus::Submitted;
    let can_edit = editable
        && can(
            &state.store,
            &user,
            Action::DraftReport,
            Scope::Unit(r.unit_id),
        )
        .await?;
    let can_submit = editable
        && can(
            &state.store,
            &user,
            Action::SubmitReport,
            Scope::Unit(r.unit_id),
        )
        .await?;
    Ok(ReportPage {
        l: Layout::new(lang, lang.t("report.one"), Some(&user), state.version)
            .at(&format!("/reports/{id}")),
        unit: state
            .store
            .unit(r.unit_id)
            .await?
            .map(|u| u.name)
            .unwrap_or_default(),
        period: crate::timefmt::date(r.period_due),
        status: lang.t(&format!("report.{}", r.status.as_str())),
        figures,
        can_edit,
        can_submit,
        r,
    }
    .into_response())
}

/// `POST /reports/{id}`: saves the edited text.
pub async fn report_edit(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let r = visible_report(&state, &user, id).await?;
    require(
        &state.store,
        &user,
        Action::DraftReport,
        Scope::Unit(r.unit_id),
    )
    .await?;
    let p = Pairs::parse(&body);
    let text = p.get("body");
    if text.chars().count() > MAX_REPORT_BODY {
        return Err(AppError::BadRequest("Báo cáo quá dài".into()));
    }
    state
        .store
        .report_edit(&user.username, id, text, crate::timefmt::now())
        .await?;
    Ok(Redirect::to(&format!("/reports/{id}")).into_response())
}

/// `POST /reports/{id}/submit`: sends the report upward.
pub async fn report_submit(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let r = visible_report(&state, &user, id).await?;
    require(
        &state.store,
        &user,
        Action::SubmitReport,
        Scope::Unit(r.unit_id),
    )
    .await?;
    state
        .store
        .report_submit(&user.username, id, crate::timefmt::now())
        .await?;
    Ok(Redirect::to(&format!("/reports/{id}")).into_response())
}

/// Reads an inspection form.
pub fn parse_inspection(p: &Pairs, inspector: i64) -> Result<NewInspection, AppError> {
    let findings = p.get("findings");
    if findings.is_empty() || findings.chars().count() > MAX_REPORT_BODY {
        return Err(AppError::BadRequest(
            "Kết quả kiểm tra trống hoặc quá dài".into(),
        ));
    }
    Ok(NewInspection {
        campaign_id: p.int("campaign_id"),
        inspector_unit_id: inspector,
        inspected_unit_id: p
            .int("unit_id")
            .ok_or_else(|| AppError::BadRequest("Chưa chọn đơn vị".into()))?,
        at: crate::timefmt::parse(p.get("at")).unwrap_or_else(crate::timefmt::now),
        findings: findings.to_owned(),
    })
}

/// `POST /inspections`.
pub async fn inspection_create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    body: Bytes,
) -> Result<Response, AppError> {
    let i = parse_inspection(&Pairs::parse(&body), user.unit_id)?;
    require(
        &state.store,
        &user,
        Action::Inspect,
        Scope::Unit(i.inspected_unit_id),
    )
    .await?;
    state.store.inspection_create(&user.username, &i).await?;
    Ok(Redirect::to("/reports").into_response())
}

/// Reads a commendation form.
pub fn parse_commendation(p: &Pairs) -> Result<NewCommendation, AppError> {
    let reason = p.get("reason");
    if reason.is_empty() || reason.chars().count() > MAX_REPORT_BODY {
        return Err(AppError::BadRequest(
            "Lý do khen thưởng trống hoặc quá dài".into(),
        ));
    }
    Ok(NewCommendation {
        campaign_id: p.int("campaign_id"),
        unit_id: Some(
            p.int("unit_id")
                .ok_or_else(|| AppError::BadRequest("Chưa chọn đơn vị".into()))?,
        ),
        member_id: None,
        reason: reason.to_owned(),
        at: crate::timefmt::parse(p.get("at")).unwrap_or_else(crate::timefmt::now),
    })
}

/// `POST /commendations`.
pub async fn commendation_create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    body: Bytes,
) -> Result<Response, AppError> {
    let c = parse_commendation(&Pairs::parse(&body))?;
    require(
        &state.store,
        &user,
        Action::Inspect,
        Scope::Unit(c.unit_id.unwrap_or(user.unit_id)),
    )
    .await?;
    state.store.commendation_create(&user.username, &c).await?;
    Ok(Redirect::to("/reports").into_response())
}

/// Unused-type guard so the record types stay linked to the store's.
#[allow(dead_code)]
fn _types(_: Inspection, _: Commendation) {}
