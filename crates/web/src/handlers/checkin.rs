//! The phone-sized check-in page behind each QR code: a member signs in or
//! picks their name within the unit, within the session's time window;
//! a repeat is ignored with a friendly message.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Json,
    body::Bytes,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode, request::Parts},
    response::{IntoResponse, Response},
};
use domain::{AttendanceMethod, Role};
use serde::Deserialize;
use store::{Account, AttendanceRow, CheckIn, Member, StudySession, Unit};

use crate::{
    ApiError, AppError, AppState,
    auth::{
        self,
        access::{Action, Scope, can},
    },
    batcher::BatchError,
    form::Pairs,
    i18n::Lang,
    views::Layout,
};

/// Check-in opens this long before the session starts.
pub const OPEN_BEFORE_SECS: i64 = 30 * 60;
/// And closes this long after it ends.
pub const CLOSE_AFTER_SECS: i64 = 30 * 60;
/// Names shown at once on the phone page (filter by name for more).
pub const NAMES_SHOWN: i64 = 60;

/// Whether check-in to `s` is open at `now`.
pub fn window_open(s: &StudySession, now: i64) -> bool {
    now >= s.starts_at - OPEN_BEFORE_SECS && now <= s.ends_at + CLOSE_AFTER_SECS
}

/// The unit under which members may check in through this QR code: the
/// bridge point's unit, else the organiser.
fn root_unit(s: &StudySession, bridge: Option<i64>) -> i64 {
    bridge
        .and_then(|b| s.bridge_points.iter().find(|p| p.id == b))
        .map(|p| p.unit_id)
        .unwrap_or(s.organiser_unit_id)
}

/// Query of the check-in page.
#[derive(Deserialize)]
pub struct CheckinQuery {
    b: Option<i64>,
    unit: Option<i64>,
    q: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "checkin.html")]
struct CheckinPage {
    l: Layout,
    s: std::sync::Arc<StudySession>,
    when: String,
    open: bool,
    bridge: Option<i64>,
    me: Option<Member>,
    unit: Option<Unit>,
    children: Vec<Unit>,
    members: Vec<Member>,
    q: String,
}

async fn optional_account(parts: &Parts, state: &AppState) -> Option<Account> {
    auth::account_of(parts, state).await.ok().flatten()
}

/// `GET /c/{session}?b=&unit=&q=`: the phone page.
pub async fn checkin_new(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<CheckinQuery>,
    req: axum::extract::Request,
) -> Result<Response, AppError> {
    let (parts, _) = req.into_parts();
    let lang = Lang::from_headers(&parts.headers);
    let s = state
        .sessions
        .get(&state.store, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let account = optional_account(&parts, &state).await;
    let root = root_unit(&s, q.b);
    let me = match account.as_ref().and_then(|a| a.member_id) {
        Some(m) => state.store.member(m).await?,
        None => None,
    };
    let unit_id = match q.unit {
        Some(u) if state.store.is_within(root, u).await? => u,
        _ => root,
    };
    let unit = state.store.unit(unit_id).await?;
    let children = state.store.unit_children(unit_id).await?;
    let name = q.q.clone().unwrap_or_default();
    let members = if unit.as_ref().is_some_and(|u| u.members_direct > 0) {
        state
            .store
            .members_of(
                unit_id,
                Some(name.as_str()).filter(|n| !n.is_empty()),
                0,
                NAMES_SHOWN,
            )
            .await?
            .items
    } else {
        Vec::new()
    };
    Ok(CheckinPage {
        l: Layout::new(
            lang,
            lang.t("checkin.title"),
            account.as_ref(),
            state.version,
        )
        .at(&format!("/c/{id}")),
        when: crate::timefmt::datetime(s.starts_at),
        open: window_open(&s, crate::timefmt::now()),
        bridge: q.b,
        me,
        unit,
        children,
        members,
        q: name,
        s,
    }
    .into_response())
}

/// Why a check-in was refused, or what happened.
#[derive(Debug)]
pub enum Outcome {
    /// Recorded.
    Done(CheckIn, String),
    /// Refused with a reason (status, message key).
    Refused(StatusCode, &'static str),
}

/// Validates and records one check-in (shared by the page and the API).
pub async fn check_in(
    state: &AppState,
    account: Option<&Account>,
    session: i64,
    bridge: Option<i64>,
    member_id: i64,
) -> Result<Outcome, AppError> {
    let Some(s) = state.sessions.get(&state.store, session).await? else {
        return Err(AppError::NotFound);
    };
    let now = crate::timefmt::now();
    if !window_open(&s, now) {
        return Ok(Outcome::Refused(StatusCode::CONFLICT, "checkin.closed"));
    }
    // One indexed lookup: the member exists and belongs under this QR
    // code's unit (the bridge point's, else the organiser's).
    let Some((member_unit, member_name)) = state
        .store
        .member_within(member_id, root_unit(&s, bridge))
        .await?
    else {
        return Ok(Outcome::Refused(
            StatusCode::NOT_FOUND,
            "checkin.not_invited",
        ));
    };
    let mut method = AttendanceMethod::Qr;
    if let Some(a) = account {
        // A member checks in only themself; staff may check in others of
        // their subtree (recorded as manual).
        let own = a.member_id == Some(member_id);
        if !own {
            if a.role == Role::DangVien
                || !can(&state.store, a, Action::CheckIn, Scope::Unit(member_unit)).await?
            {
                return Ok(Outcome::Refused(StatusCode::FORBIDDEN, "checkin.not_you"));
            }
            method = AttendanceMethod::Manual;
        }
    }
    let row = AttendanceRow {
        member_id,
        method,
        at: now,
    };
    match state
        .checkins
        .submit(crate::checkin::CheckinItem {
            session_id: s.id,
            row,
        })
        .await
    {
        Ok(c) => Ok(Outcome::Done(c, member_name)),
        Err(BatchError::Overloaded) => Err(AppError::Unavailable),
        Err(e) => Err(AppError::Internal(e.to_string())),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "checkin_done.html")]
struct DonePage {
    l: Layout,
    ok: bool,
    message: &'static str,
    name: String,
    session: i64,
}

/// `POST /c/{session}`: records the check-in.
pub async fn checkin_create(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    req: axum::extract::Request,
) -> Result<Response, AppError> {
    let (parts, body) = req.into_parts();
    let lang = Lang::from_headers(&parts.headers);
    let body = axum::body::to_bytes(body, crate::form::MAX_FORM_BYTES)
        .await
        .map_err(|_| AppError::BadRequest("Biểu mẫu quá lớn".into()))?;
    let p = Pairs::parse(&body);
    let account = optional_account(&parts, &state).await;
    let member = match p.int("member_id") {
        Some(m) => m,
        None => match account.as_ref().and_then(|a| a.member_id) {
            Some(m) => m,
            None => return Err(AppError::BadRequest(lang.t("checkin.pick").into())),
        },
    };
    let outcome = check_in(&state, account.as_ref(), id, p.int("b"), member).await?;
    let (status, ok, key, name) = match outcome {
        Outcome::Done(CheckIn::Inserted, n) => (StatusCode::OK, true, "checkin.ok", n),
        Outcome::Done(_, n) => (StatusCode::OK, true, "checkin.dup", n),
        Outcome::Refused(st, key) => (st, false, key, String::new()),
    };
    Ok((
        status,
        DonePage {
            l: Layout::new(
                lang,
                lang.t("checkin.title"),
                account.as_ref(),
                state.version,
            ),
            ok,
            message: lang.t(key),
            name,
            session: id,
        },
    )
        .into_response())
}

/// Body of `POST /api/sessions/{id}/checkins`.
#[derive(Deserialize)]
pub struct CheckinBody {
    /// Who checks in.
    pub member_id: i64,
    /// Through which bridge point's QR code.
    pub bridge_point_id: Option<i64>,
}

/// `POST /api/sessions/{id}/checkins`: the same as the page, as JSON
/// (`{"result": "inserted" | "duplicate", "member": name}`).
pub async fn api_checkin_create(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let b: CheckinBody = serde_json::from_slice(&body)
        .map_err(|e| AppError::BadRequest(format!("JSON không hợp lệ: {e}")))?;
    let (parts, _) = {
        let mut r = axum::http::Request::new(());
        *r.headers_mut() = headers;
        r.into_parts()
    };
    let account = optional_account(&parts, &state).await;
    match check_in(&state, account.as_ref(), id, b.bridge_point_id, b.member_id).await? {
        Outcome::Done(c, name) => Ok(Json(serde_json::json!({
            "result": if c == CheckIn::Inserted { "inserted" } else { "duplicate" },
            "member": name,
        }))
        .into_response()),
        Outcome::Refused(st, key) => {
            Ok((st, Json(serde_json::json!({"error": Lang::Vi.t(key)}))).into_response())
        }
    }
}
