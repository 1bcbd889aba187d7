//! The tasks board and a task's lifecycle: progress with evidence,
//! extension request and decision, completion, acceptance or send-back.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    body::Bytes,
    extract::{Multipart, Path, Query, State},
    http::{HeaderMap, header},
    response::{IntoResponse, Redirect, Response},
};
use domain::{TaskState, TaskStatus};
use serde::Deserialize;
use store::{Account, Campaign, Task, TaskFilter, TaskUpdate};

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

/// Tasks per page of the board.
pub const TASKS_PAGE: i64 = 50;
/// Largest evidence file: a scanned report or a few photos.
pub const MAX_EVIDENCE_BYTES: usize = 10 * 1024 * 1024;
/// Longest note or reason (characters).
pub const MAX_NOTE: usize = 2_000;

/// Filters of the board (all optional).
#[derive(Deserialize, Default)]
pub struct BoardQuery {
    /// Campaign id.
    pub campaign: Option<i64>,
    /// Status code.
    pub status: Option<String>,
    /// Lead unit id (within the user's subtree).
    pub lead: Option<i64>,
    /// Due before (yyyy-mm-dd).
    pub due_before: Option<String>,
    /// Page (0-based).
    pub page: Option<i64>,
}

/// One task row, ready to print.
pub struct TaskRow {
    /// The task.
    pub t: Task,
    /// Status code and label.
    pub status: (&'static str, &'static str),
    /// Lead unit's name.
    pub lead: String,
    /// Deadline.
    pub due: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "tasks.html")]
struct BoardPage {
    l: Layout,
    rows: Vec<TaskRow>,
    total: i64,
    campaigns: Vec<Campaign>,
    statuses: Vec<(&'static str, &'static str)>,
    q_campaign: i64,
    q_status: String,
    q_due: String,
    page: i64,
    more: bool,
}

/// Reads the board's filter into the store's, bounded to the user's subtree.
pub async fn filter_of(
    state: &AppState,
    user: &Account,
    q: &BoardQuery,
) -> Result<TaskFilter, AppError> {
    let within = match q.lead {
        Some(l) => {
            require(&state.store, user, Action::View, Scope::Unit(l)).await?;
            l
        }
        None => user.unit_id,
    };
    Ok(TaskFilter {
        campaign_id: q.campaign,
        within_unit: Some(within),
        lead_unit_id: None,
        status: q
            .status
            .as_deref()
            .filter(|s| !s.is_empty())
            .and_then(|s| s.parse().ok()),
        due_before: q.due_before.as_deref().and_then(crate::timefmt::parse),
        offset: q.page.unwrap_or(0).max(0) * TASKS_PAGE,
        limit: TASKS_PAGE,
    })
}

/// Task rows with their lead units' names.
pub async fn task_rows(
    state: &AppState,
    lang: Lang,
    tasks: Vec<Task>,
) -> Result<Vec<TaskRow>, AppError> {
    let now = crate::timefmt::now();
    let mut rows = Vec::with_capacity(tasks.len());
    for t in tasks {
        let lead = state
            .store
            .unit(t.lead_unit_id)
            .await?
            .map(|u| u.name)
            .unwrap_or_default();
        rows.push(TaskRow {
            status: crate::handlers::dashboard::task_label(lang, t.status(now)),
            due: t
                .due_at
                .map(crate::timefmt::date)
                .unwrap_or_else(|| lang.t("task.ongoing").to_owned()),
            lead,
            t,
        });
    }
    Ok(rows)
}

/// `GET /tasks`: the board, filtered by campaign, status, lead unit, deadline.
pub async fn task_list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
    Query(q): Query<BoardQuery>,
) -> Result<Response, AppError> {
    require(&state.store, &user, Action::View, Scope::Unit(user.unit_id)).await?;
    let lang = Lang::from_headers(&headers);
    let f = filter_of(&state, &user, &q).await?;
    let page = state.store.tasks(&f, crate::timefmt::now()).await?;
    let p = q.page.unwrap_or(0).max(0);
    Ok(BoardPage {
        l: Layout::new(lang, lang.t("nav.tasks"), Some(&user), state.version).at("/tasks"),
        rows: task_rows(&state, lang, page.items).await?,
        more: (p + 1) * TASKS_PAGE < page.total,
        total: page.total,
        campaigns: state.store.campaigns_for(Some(user.unit_id)).await?,
        statuses: TaskStatus::ALL
            .iter()
            .map(|s| crate::handlers::dashboard::task_label(lang, *s))
            .collect(),
        q_campaign: q.campaign.unwrap_or(0),
        q_status: q.status.clone().unwrap_or_default(),
        q_due: q.due_before.clone().unwrap_or_default(),
        page: p,
    }
    .into_response())
}

/// A task the user may see (its lead unit is in their subtree).
pub async fn visible_task(
    state: &AppState,
    user: &Account,
    id: i64,
) -> Result<(Task, Vec<i64>), AppError> {
    let (t, support) = state.store.task(id).await?.ok_or(AppError::NotFound)?;
    require(
        &state.store,
        user,
        Action::View,
        Scope::Unit(t.lead_unit_id),
    )
    .await?;
    Ok((t, support))
}

struct UpdateRow {
    u: TaskUpdate,
    at: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "task_show.html")]
struct TaskPage {
    l: Layout,
    row: TaskRow,
    support: Vec<String>,
    history: Vec<UpdateRow>,
    can_update: bool,
    can_approve: bool,
    reported: bool,
    extension: Option<String>,
}

/// `GET /tasks/{id}`.
pub async fn task_show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (t, support_ids) = visible_task(&state, &user, id).await?;
    let lang = Lang::from_headers(&headers);
    let mut support = Vec::new();
    for s in support_ids {
        if let Some(u) = state.store.unit(s).await? {
            support.push(u.name);
        }
    }
    let history = state
        .store
        .task_updates(id)
        .await?
        .into_iter()
        .map(|u| UpdateRow {
            at: crate::timefmt::datetime(u.at),
            u,
        })
        .collect();
    let can_update = can(
        &state.store,
        &user,
        Action::UpdateTask,
        Scope::Unit(t.lead_unit_id),
    )
    .await?;
    let can_approve = can(
        &state.store,
        &user,
        Action::Approve,
        Scope::Unit(t.lead_unit_id),
    )
    .await?;
    let reported = t.state == TaskState::Reported;
    let extension = t.extension_until.map(|u| {
        format!(
            "{} ({})",
            crate::timefmt::date(u),
            t.extension_reason.clone().unwrap_or_default()
        )
    });
    let row = task_rows(&state, lang, vec![t])
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    Ok(TaskPage {
        l: Layout::new(lang, lang.t("task.one"), Some(&user), state.version)
            .at(&format!("/tasks/{id}")),
        row,
        support,
        history,
        can_update,
        can_approve,
        reported,
        extension,
    }
    .into_response())
}

fn note(p: &Pairs, key: &str) -> Result<String, AppError> {
    let n = p.get(key);
    if n.chars().count() > MAX_NOTE {
        return Err(AppError::BadRequest("Ghi chú quá dài".into()));
    }
    Ok(n.to_owned())
}

/// Reads a multipart form: its text fields as pairs and an optional file,
/// which is stored (content-addressed) and named as `sha256:HEX name`.
async fn fields_and_evidence(
    state: &AppState,
    mut mp: Multipart,
) -> Result<(Pairs, Option<String>), AppError> {
    let mut pairs = Vec::new();
    let mut evidence = None;
    while let Some(mut f) = mp
        .next_field()
        .await
        .map_err(|e| AppError::BadRequest(format!("Biểu mẫu không hợp lệ: {e}")))?
    {
        let name = f.name().unwrap_or("").to_owned();
        if let Some(file) = f.file_name().map(str::to_owned) {
            let mut bytes = Vec::new();
            while let Some(c) = f
                .chunk()
                .await
                .map_err(|e| AppError::BadRequest(e.to_string()))?
            {
                if bytes.len() + c.len() > MAX_EVIDENCE_BYTES {
                    return Err(AppError::BadRequest(
                        "Tệp minh chứng quá lớn (tối đa 10 MB)".into(),
                    ));
                }
                bytes.extend_from_slice(&c);
            }
            if !bytes.is_empty() {
                let sha = state.store.blob_put(&bytes).await?;
                let clean: String = file
                    .chars()
                    .filter(|c| !c.is_control() && *c != '/')
                    .take(120)
                    .collect();
                evidence = Some(format!("sha256:{sha} {clean}"));
            }
        } else {
            let v = f
                .text()
                .await
                .map_err(|e| AppError::BadRequest(e.to_string()))?;
            if v.len() > MAX_NOTE * 4 {
                return Err(AppError::BadRequest("Trường quá dài".into()));
            }
            pairs.push((name, v));
        }
    }
    Ok((Pairs(pairs), evidence))
}

/// `POST /tasks/{id}/progress` (multipart: progress, note, evidence file).
pub async fn task_progress(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
    mp: Multipart,
) -> Result<Response, AppError> {
    let (t, _) = visible_task(&state, &user, id).await?;
    require(
        &state.store,
        &user,
        Action::UpdateTask,
        Scope::Unit(t.lead_unit_id),
    )
    .await?;
    let (p, evidence) = fields_and_evidence(&state, mp).await?;
    let progress = p
        .int("progress")
        .filter(|x| (0..=100).contains(x))
        .ok_or_else(|| AppError::BadRequest("Tiến độ phải từ 0 đến 100".into()))?;
    let now = crate::timefmt::now();
    if p.get("complete") == "1" {
        state
            .store
            .task_complete(
                &user.username,
                id,
                &note(&p, "note")?,
                evidence.as_deref(),
                now,
            )
            .await?;
    } else {
        state
            .store
            .task_progress(
                &user.username,
                id,
                progress,
                &note(&p, "note")?,
                evidence.as_deref(),
                now,
            )
            .await?;
    }
    Ok(Redirect::to(&format!("/tasks/{id}")).into_response())
}

/// `POST /tasks/{id}/extension`: asks for a later deadline.
pub async fn task_extension(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let (t, _) = visible_task(&state, &user, id).await?;
    require(
        &state.store,
        &user,
        Action::UpdateTask,
        Scope::Unit(t.lead_unit_id),
    )
    .await?;
    let p = Pairs::parse(&body);
    let until = crate::timefmt::parse(p.get("until"))
        .map(|u| u + 86_399)
        .ok_or_else(|| AppError::BadRequest("Ngày gia hạn không hợp lệ".into()))?;
    let reason = note(&p, "reason")?;
    if reason.is_empty() {
        return Err(AppError::BadRequest("Cần nêu lý do gia hạn".into()));
    }
    state
        .store
        .task_request_extension(&user.username, id, until, &reason, crate::timefmt::now())
        .await?;
    Ok(Redirect::to(&format!("/tasks/{id}")).into_response())
}

/// `POST /tasks/{id}/decision`: a leader approves or rejects the pending
/// extension (`extension=approve|reject`), or accepts or sends back a
/// reported completion (`completion=accept|send_back`, with `reason`).
pub async fn task_decide(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let (t, _) = visible_task(&state, &user, id).await?;
    require(
        &state.store,
        &user,
        Action::Approve,
        Scope::Unit(t.lead_unit_id),
    )
    .await?;
    let p = Pairs::parse(&body);
    let now = crate::timefmt::now();
    let reason = note(&p, "reason")?;
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
        (_, "send_back") => {
            if reason.is_empty() {
                return Err(AppError::BadRequest("Cần nêu lý do trả lại".into()));
            }
            state
                .store
                .task_send_back(&user.username, id, &reason, now)
                .await?
        }
        _ => return Err(AppError::BadRequest("Thiếu quyết định".into())),
    }
    Ok(Redirect::to(&format!("/tasks/{id}")).into_response())
}

/// `GET /tasks/{id}/evidence/{sha}`: an evidence file of the task.
pub async fn task_evidence(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, sha)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    visible_task(&state, &user, id).await?;
    let named = state
        .store
        .task_updates(id)
        .await?
        .into_iter()
        .filter_map(|u| u.evidence)
        .find(|e| e.starts_with(&format!("sha256:{sha} ")));
    let Some(named) = named else {
        return Err(AppError::NotFound);
    };
    let bytes = state
        .store
        .blob_get(&sha)
        .await?
        .ok_or(AppError::NotFound)?;
    let file = named
        .split_once(' ')
        .map(|(_, n)| n)
        .unwrap_or("minh-chung");
    let ascii: String = file
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
