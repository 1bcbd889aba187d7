//! The JSON API under `/api/`: the pages' data and actions for
//! integrations, authenticated by session cookie or `Authorization: Bearer`
//! API token. Same authorisation as the pages ([`require`]).

use axum::{
    Json,
    body::Bytes,
    extract::{Path, Query, State},
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use serde_json::{Value, json};
use store::{NewCampaign, TaskFilter};

use crate::{
    ApiError, AppError, AppState,
    auth::{
        CurrentUser,
        access::{Action, Scope, require},
        token,
    },
    form::Pairs,
    handlers::{documents, reports, sessions, tasks},
};

type ApiResult = Result<Response, ApiError>;

fn ok(v: impl serde::Serialize) -> ApiResult {
    Ok(Json(v).into_response())
}

fn body_json(body: &Bytes) -> Result<Value, ApiError> {
    serde_json::from_slice(body)
        .map_err(|e| ApiError(AppError::BadRequest(format!("JSON không hợp lệ: {e}"))))
}

/// JSON object → form pairs, so the API shares the pages' validation.
fn pairs_of(v: &Value) -> Pairs {
    let mut out = Vec::new();
    if let Value::Object(o) = v {
        for (k, x) in o {
            match x {
                Value::Array(items) => {
                    for i in items {
                        out.push((k.clone(), scalar(i)));
                    }
                }
                other => out.push((k.clone(), scalar(other))),
            }
        }
    }
    Pairs(out)
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// `GET /api/me`.
pub async fn me_show(CurrentUser(user): CurrentUser) -> ApiResult {
    ok(
        json!({"id": user.id, "username": user.username, "display_name": user.display_name, "unit_id": user.unit_id, "role": user.role}),
    )
}

/// Body of `POST /api/tokens`.
#[derive(Deserialize)]
pub struct TokenBody {
    name: String,
}

/// `POST /api/tokens`: a new API token for the signed-in account, shown once.
pub async fn token_create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Json(b): Json<TokenBody>,
) -> ApiResult {
    let name: String = b.name.chars().take(100).collect();
    let secret = token::new_secret().ok_or_else(|| AppError::Internal("no randomness".into()))?;
    let id = state
        .store
        .api_token_create(&user.username, user.id, &name, &secret)
        .await?;
    ok(json!({"id": id, "name": name, "token": secret}))
}

/// `GET /api/units/{id}`: a unit and its children.
pub async fn unit_show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
) -> ApiResult {
    require(&state.store, &user, Action::View, Scope::Unit(id)).await?;
    let unit = state.store.unit(id).await?.ok_or(AppError::NotFound)?;
    let children = state.store.unit_children(id).await?;
    ok(json!({"unit": unit, "children": children}))
}

/// `GET /api/campaigns`: campaigns covering the user's unit.
pub async fn campaign_list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult {
    ok(state.store.campaigns_for(Some(user.unit_id)).await?)
}

/// `POST /api/campaigns`: starts a campaign (same fields as the form).
pub async fn campaign_create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    body: Bytes,
) -> ApiResult {
    let p = pairs_of(&body_json(&body)?);
    let c: NewCampaign =
        crate::handlers::campaigns::parse_campaign(&p).map_err(AppError::BadRequest)?;
    documents::visible_document(&state, &user, c.document_id).await?;
    require(
        &state.store,
        &user,
        Action::ManageCampaign,
        Scope::Unit(c.scope_unit_id),
    )
    .await?;
    let id = state.store.campaign_create(&user.username, &c).await?;
    ok(json!({"id": id}))
}

/// `GET /api/campaigns/{campaign}/units/{unit}`: the dashboard figures.
pub async fn rollup_show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((c, u)): Path<(i64, i64)>,
) -> ApiResult {
    require(&state.store, &user, Action::View, Scope::Unit(u)).await?;
    ok(state.store.rollup(c, u, crate::timefmt::now()).await?)
}

/// `GET /api/documents`: documents the user may read, newest first.
pub async fn document_list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult {
    ok(documents::visible_documents(&state, &user, 100).await?)
}

/// `GET /api/documents/{id}`: metadata, parsed model, relations, cascade.
pub async fn document_show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
) -> ApiResult {
    let d = documents::visible_document(&state, &user, id).await?;
    let cascade = state.store.cascade(id).await?;
    let relations = state.store.relations_of(id).await?;
    let model: Value = serde_json::from_str(&d.model).unwrap_or(Value::Null);
    ok(json!({"document": d, "model": model, "relations": relations, "cascade": cascade}))
}

/// Query of `POST /api/documents`.
#[derive(Deserialize)]
pub struct UploadQuery {
    filename: String,
    unit_id: Option<i64>,
}

/// `POST /api/documents?filename=&unit_id=`: the body is the file; it is
/// read, understood and stored as understood (no review step).
pub async fn document_create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(q): Query<UploadQuery>,
    body: Bytes,
) -> ApiResult {
    require(
        &state.store,
        &user,
        Action::UploadDocument,
        Scope::Unit(user.unit_id),
    )
    .await?;
    if body.len() > documents::MAX_UPLOAD_BYTES {
        return Err(AppError::BadRequest("Tệp quá lớn".into()).into());
    }
    if let Some(u) = q.unit_id
        && !state.store.is_within(u, user.unit_id).await?
    {
        return Err(AppError::NotFound.into());
    }
    let u = documents::understand(body.to_vec(), q.filename.clone()).await?;
    let doc = documents::new_document_from_model(u.model, q.filename, q.unit_id);
    let ins = state
        .store
        .document_insert(&user.username, &doc, &body)
        .await?;
    ok(json!({"id": ins.id, "created": ins.created}))
}

/// `GET /api/tasks?campaign=&status=&lead=&due_before=&page=`.
pub async fn task_list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(q): Query<tasks::BoardQuery>,
) -> ApiResult {
    let f: TaskFilter = tasks::filter_of(&state, &user, &q).await?;
    let now = crate::timefmt::now();
    let page = state.store.tasks(&f, now).await?;
    let items: Vec<Value> = page
        .items
        .iter()
        .map(|t| json!({"task": t, "status": t.status(now)}))
        .collect();
    ok(json!({"items": items, "total": page.total}))
}

/// `GET /api/tasks/{id}`: a task, its coordinating units and history.
pub async fn task_show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
) -> ApiResult {
    let (t, support) = tasks::visible_task(&state, &user, id).await?;
    let history = state.store.task_updates(id).await?;
    ok(
        json!({"task": t, "status": t.status(crate::timefmt::now()), "support_unit_ids": support, "history": history}),
    )
}

/// `POST /api/tasks/{id}/progress`: `{"progress": 0..100, "note": "...", "complete": false}`.
pub async fn task_progress(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> ApiResult {
    let (t, _) = tasks::visible_task(&state, &user, id).await?;
    require(
        &state.store,
        &user,
        Action::UpdateTask,
        Scope::Unit(t.lead_unit_id),
    )
    .await?;
    let v = body_json(&body)?;
    let progress = v
        .get("progress")
        .and_then(Value::as_i64)
        .filter(|p| (0..=100).contains(p))
        .ok_or_else(|| AppError::BadRequest("progress 0..100".into()))?;
    let note: String = v
        .get("note")
        .and_then(Value::as_str)
        .unwrap_or("")
        .chars()
        .take(tasks::MAX_NOTE)
        .collect();
    let now = crate::timefmt::now();
    if v.get("complete").and_then(Value::as_bool) == Some(true) {
        state
            .store
            .task_complete(&user.username, id, &note, None, now)
            .await?;
    } else {
        state
            .store
            .task_progress(&user.username, id, progress, &note, None, now)
            .await?;
    }
    ok(json!({"ok": true}))
}

/// `POST /api/tasks/{id}/decision`: `{"completion": "accept"|"send_back"}` or
/// `{"extension": "approve"|"reject"}`, with `"reason"`.
pub async fn task_decide(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> ApiResult {
    let (t, _) = tasks::visible_task(&state, &user, id).await?;
    require(
        &state.store,
        &user,
        Action::Approve,
        Scope::Unit(t.lead_unit_id),
    )
    .await?;
    let p = pairs_of(&body_json(&body)?);
    let now = crate::timefmt::now();
    let reason = p.get("reason").to_owned();
    match (p.get("extension"), p.get("completion")) {
        ("approve", _) => {
            state
                .store
                .task_decide_extension(&user.username, id, true, &reason, now)
                .await?
        }
        ("reject", _) => {
            state
                .store
                .task_decide_extension(&user.username, id, false, &reason, now)
                .await?
        }
        (_, "accept") => state.store.task_accept(&user.username, id, now).await?,
        (_, "send_back") if !reason.is_empty() => {
            state
                .store
                .task_send_back(&user.username, id, &reason, now)
                .await?
        }
        _ => return Err(AppError::BadRequest("Thiếu quyết định hoặc lý do".into()).into()),
    }
    ok(json!({"ok": true}))
}

/// `GET /api/sessions`: sessions organised within the user's subtree.
pub async fn session_list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult {
    ok(state
        .store
        .sessions_within(user.unit_id, None, sessions::SESSIONS_LISTED)
        .await?)
}

/// `POST /api/sessions`: the form's fields as JSON (`bp` a list of unit ids,
/// `exp_ID` expected attendance per bridge point).
pub async fn session_create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    body: Bytes,
) -> ApiResult {
    require(
        &state.store,
        &user,
        Action::ManageSessions,
        Scope::Unit(user.unit_id),
    )
    .await?;
    let p = pairs_of(&body_json(&body)?);
    let organiser = p.int("organiser_unit_id").unwrap_or(user.unit_id);
    let s = sessions::parse_new_session(&p, organiser).map_err(AppError::BadRequest)?;
    sessions::check_session_scope(&state, &user, &s).await?;
    let id = state.store.session_create(&user.username, &s).await?;
    ok(json!({"id": id}))
}

/// `GET /api/sessions/{id}`.
pub async fn session_show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
) -> ApiResult {
    ok(sessions::visible_session(&state, &user, id).await?)
}

/// Query of the absentee list.
#[derive(Deserialize)]
pub struct AbsentQuery {
    unit: Option<i64>,
    offset: Option<i64>,
}

/// `GET /api/sessions/{id}/absentees?unit=&offset=`.
pub async fn absentee_list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
    Query(q): Query<AbsentQuery>,
) -> ApiResult {
    let s = sessions::visible_session(&state, &user, id).await?;
    let unit = q.unit.unwrap_or(s.organiser_unit_id);
    require(&state.store, &user, Action::View, Scope::Unit(unit)).await?;
    let c = s
        .campaign_id
        .ok_or_else(|| AppError::BadRequest("Hội nghị không thuộc đợt triển khai nào".into()))?;
    ok(state
        .store
        .absentees(
            c,
            unit,
            q.offset.unwrap_or(0).max(0),
            sessions::ABSENTEES_PAGE,
        )
        .await?)
}

/// `GET /api/reports?campaign=&unit=`: the children's reports (missing = null).
pub async fn report_list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(q): Query<reports::ReportsQuery>,
) -> ApiResult {
    let unit = q.unit.unwrap_or(user.unit_id);
    require(&state.store, &user, Action::View, Scope::Unit(unit)).await?;
    let c = q
        .campaign
        .ok_or_else(|| AppError::BadRequest("Thiếu campaign".into()))?;
    ok(state
        .store
        .reports_of_children(c, unit, crate::timefmt::now())
        .await?)
}

/// `POST /api/reports/draft`: `{"campaign": id, "unit": id}`.
pub async fn report_draft(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    body: Bytes,
) -> ApiResult {
    let p = pairs_of(&body_json(&body)?);
    let unit = p.int("unit").unwrap_or(user.unit_id);
    require(&state.store, &user, Action::DraftReport, Scope::Unit(unit)).await?;
    let c = p
        .int("campaign")
        .ok_or_else(|| AppError::BadRequest("Thiếu campaign".into()))?;
    let camp = state.store.campaign(c).await?.ok_or(AppError::NotFound)?;
    if !state.store.is_within(camp.scope_unit_id, unit).await? {
        return Err(AppError::NotFound.into());
    }
    ok(state
        .store
        .report_draft(&user.username, c, unit, crate::timefmt::now())
        .await?)
}

/// `GET /api/reports/{id}`.
pub async fn report_show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
) -> ApiResult {
    ok(reports::visible_report(&state, &user, id).await?)
}

/// `POST /api/reports/{id}/submit`.
pub async fn report_submit(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
) -> ApiResult {
    let r = reports::visible_report(&state, &user, id).await?;
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
    ok(json!({"ok": true}))
}

/// `POST /api/inspections`: `{"unit_id", "findings", "campaign_id"?}`.
pub async fn inspection_create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    body: Bytes,
) -> ApiResult {
    let i = reports::parse_inspection(&pairs_of(&body_json(&body)?), user.unit_id)?;
    require(
        &state.store,
        &user,
        Action::Inspect,
        Scope::Unit(i.inspected_unit_id),
    )
    .await?;
    ok(json!({"id": state.store.inspection_create(&user.username, &i).await?}))
}

/// `POST /api/commendations`: `{"unit_id", "reason", "campaign_id"?}`.
pub async fn commendation_create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    body: Bytes,
) -> ApiResult {
    let c = reports::parse_commendation(&pairs_of(&body_json(&body)?))?;
    require(
        &state.store,
        &user,
        Action::Inspect,
        Scope::Unit(c.unit_id.unwrap_or(user.unit_id)),
    )
    .await?;
    ok(json!({"id": state.store.commendation_create(&user.username, &c).await?}))
}
