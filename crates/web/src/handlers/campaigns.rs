//! Starting a campaign from a directive: scope, deadlines, coverage target,
//! report period.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    body::Bytes,
    extract::{Query, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use domain::Recurrence;
use serde::Deserialize;
use store::{Document, NewCampaign, Unit};

use crate::{
    AppError, AppState,
    auth::{
        CurrentUser,
        access::{Action, Scope, require},
    },
    form::Pairs,
    i18n::Lang,
    views::Layout,
};

/// Query of the new-campaign page.
#[derive(Deserialize)]
pub struct NewQuery {
    document: Option<i64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "campaign_new.html")]
struct CampaignNewPage {
    l: Layout,
    d: Document,
    scopes: Vec<Unit>,
    plan_due: String,
    study_due: String,
    report_due: String,
    target: i64,
    recurrences: Vec<(&'static str, &'static str)>,
    error: Option<String>,
}

async fn new_page(
    state: &AppState,
    user: &store::Account,
    headers: &HeaderMap,
    d: Document,
    error: Option<String>,
) -> Result<Response, AppError> {
    let lang = Lang::from_headers(headers);
    let now = crate::timefmt::now();
    let mut scopes = vec![];
    if let Some(u) = state.store.unit(user.unit_id).await? {
        scopes.push(u);
    }
    scopes.extend(state.store.unit_children(user.unit_id).await?);
    let target = serde_json::from_str::<serde_json::Value>(&d.model)
        .ok()
        .and_then(|m| {
            m.get("targets")?
                .as_array()?
                .iter()
                .filter_map(|t| t.get("percent")?.as_f64())
                .next()
        })
        .map(|p| p.round() as i64)
        .unwrap_or(90);
    let status = if error.is_some() {
        axum::http::StatusCode::BAD_REQUEST
    } else {
        axum::http::StatusCode::OK
    };
    Ok((
        status,
        CampaignNewPage {
            l: Layout::new(lang, lang.t("campaign.start"), Some(user), state.version),
            scopes,
            plan_due: crate::timefmt::input_date(now + 30 * 86_400),
            study_due: crate::timefmt::input_date(now + 60 * 86_400),
            report_due: crate::timefmt::input_date(now + 90 * 86_400),
            target,
            recurrences: Recurrence::ALL
                .iter()
                .map(|r| (r.as_str(), lang.t(&format!("recur.{}", r.as_str()))))
                .collect(),
            error,
            d,
        },
    )
        .into_response())
}

/// `GET /campaigns/new?document=`.
pub async fn campaign_new(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
    Query(q): Query<NewQuery>,
) -> Result<Response, AppError> {
    require(
        &state.store,
        &user,
        Action::ManageCampaign,
        Scope::Unit(user.unit_id),
    )
    .await?;
    let id = q
        .document
        .ok_or_else(|| AppError::BadRequest("Chọn văn bản chỉ đạo trước".into()))?;
    let d = crate::handlers::documents::visible_document(&state, &user, id).await?;
    new_page(&state, &user, &headers, d, None).await
}

/// Reads the new-campaign form.
pub fn parse_campaign(p: &Pairs) -> Result<NewCampaign, String> {
    let day_end = |k: &str, label: &str| {
        crate::timefmt::parse(p.get(k))
            .map(|t| t + 86_399)
            .ok_or_else(|| format!("{label} không hợp lệ"))
    };
    let name = p.get("name");
    if name.is_empty() || name.chars().count() > 300 {
        return Err("Tên đợt triển khai trống hoặc quá dài".into());
    }
    let coverage_target = p.int("coverage_target").ok_or("Chỉ tiêu không hợp lệ")?;
    if !(1..=100).contains(&coverage_target) {
        return Err("Chỉ tiêu phải từ 1 đến 100%".into());
    }
    let plan_due = day_end("plan_due", "Hạn ban hành kế hoạch")?;
    let study_due = day_end("study_due", "Hạn học tập")?;
    Ok(NewCampaign {
        name: name.to_owned(),
        document_id: p.int("document_id").ok_or("Thiếu văn bản")?,
        scope_unit_id: p.int("scope_unit_id").ok_or("Thiếu phạm vi")?,
        plan_due,
        study_due,
        coverage_target,
        report_recurrence: p
            .get("report_recurrence")
            .parse()
            .map_err(|_| "Kỳ báo cáo không hợp lệ".to_owned())?,
        report_first_due: day_end("report_first_due", "Hạn báo cáo đầu tiên")?,
    })
}

/// `POST /campaigns`.
pub async fn campaign_create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let p = Pairs::parse(&body);
    let doc = p
        .int("document_id")
        .ok_or_else(|| AppError::BadRequest("Thiếu văn bản".into()))?;
    let d = crate::handlers::documents::visible_document(&state, &user, doc).await?;
    let c = match parse_campaign(&p) {
        Ok(c) => c,
        Err(e) => return new_page(&state, &user, &headers, d, Some(e)).await,
    };
    require(
        &state.store,
        &user,
        Action::ManageCampaign,
        Scope::Unit(c.scope_unit_id),
    )
    .await?;
    let id = state.store.campaign_create(&user.username, &c).await?;
    Ok(Redirect::to(&format!("/campaigns/{id}/units/{}", c.scope_unit_id)).into_response())
}
