//! Study sessions: list, create, show (with QR codes per session and per
//! bridge point), printable poster, attendance import, absentees.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    body::Bytes,
    extract::{Multipart, Path, Query, State},
    http::{HeaderMap, header},
    response::{IntoResponse, Redirect, Response},
};
use domain::{AttendanceMethod, SessionMode};
use serde::Deserialize;
use store::{AttendanceRow, Campaign, Member, NewBridgePoint, NewSession, StudySession, Unit};

use crate::{
    AppError, AppState,
    auth::{
        CurrentUser,
        access::{Action, Scope, can, require},
    },
    form::Pairs,
    i18n::Lang,
    import,
    views::{Layout, num},
};

/// Sessions listed on the sessions page at most.
pub const SESSIONS_LISTED: i64 = 100;
/// Absentees listed per page.
pub const ABSENTEES_PAGE: i64 = 200;
/// Longest title, venue, presenter or group name accepted (characters).
pub const MAX_TEXT: usize = 500;
/// Bridge points per session at most (a national session has ~34–3,321).
pub const MAX_BRIDGE_POINTS: usize = 4_000;

/// The public origin of this server as the browser reached it, for links
/// printed in QR codes.
pub fn origin(headers: &HeaderMap, secure: bool) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("127.0.0.1:8080");
    format!("{}://{host}", if secure { "https" } else { "http" })
}

/// The check-in URL of a session (and bridge point).
pub fn checkin_url(origin: &str, session: i64, bridge: Option<i64>) -> String {
    match bridge {
        Some(b) => format!("{origin}/c/{session}?b={b}"),
        None => format!("{origin}/c/{session}"),
    }
}

/// Mode label in the interface language.
pub fn mode_label(lang: Lang, m: SessionMode) -> &'static str {
    lang.t(&format!("mode.{}", m.as_str()))
}

struct SessionRow {
    s: StudySession,
    when: String,
    mode: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "sessions.html")]
struct SessionsPage {
    l: Layout,
    rows: Vec<SessionRow>,
    can_create: bool,
}

/// `GET /sessions`: sessions organised within the user's subtree.
pub async fn session_list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    require(&state.store, &user, Action::View, Scope::Unit(user.unit_id)).await?;
    let lang = Lang::from_headers(&headers);
    let list = state
        .store
        .sessions_within(user.unit_id, None, SESSIONS_LISTED)
        .await?;
    let rows = list
        .into_iter()
        .map(|s| SessionRow {
            when: crate::timefmt::datetime(s.starts_at),
            mode: mode_label(lang, s.mode),
            s,
        })
        .collect();
    let can_create = can(
        &state.store,
        &user,
        Action::ManageSessions,
        Scope::Unit(user.unit_id),
    )
    .await?;
    Ok(SessionsPage {
        l: Layout::new(lang, lang.t("nav.sessions"), Some(&user), state.version).at("/sessions"),
        rows,
        can_create,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "session_new.html")]
struct SessionNewPage {
    l: Layout,
    campaigns: Vec<Campaign>,
    children: Vec<Unit>,
    earlier: Vec<StudySession>,
    start: String,
    end: String,
    error: Option<String>,
}

/// `GET /sessions/new`.
pub async fn session_new(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    require(
        &state.store,
        &user,
        Action::ManageSessions,
        Scope::Unit(user.unit_id),
    )
    .await?;
    let lang = Lang::from_headers(&headers);
    new_page(&state, &user, lang, None).await
}

async fn new_page(
    state: &AppState,
    user: &store::Account,
    lang: Lang,
    error: Option<String>,
) -> Result<Response, AppError> {
    let now = crate::timefmt::now();
    let start = now - now.rem_euclid(3600) + 3600;
    let status = if error.is_some() {
        axum::http::StatusCode::BAD_REQUEST
    } else {
        axum::http::StatusCode::OK
    };
    Ok((
        status,
        SessionNewPage {
            l: Layout::new(lang, lang.t("session.new"), Some(user), state.version)
                .at("/sessions/new"),
            campaigns: state.store.campaigns_for(Some(user.unit_id)).await?,
            children: state.store.unit_children(user.unit_id).await?,
            earlier: state.store.sessions_within(user.unit_id, None, 20).await?,
            start: crate::timefmt::input_datetime(start),
            end: crate::timefmt::input_datetime(start + 2 * 3600),
            error,
        },
    )
        .into_response())
}

fn text(p: &Pairs, key: &str, label: &str, required: bool) -> Result<String, String> {
    let v = p.get(key);
    if required && v.is_empty() {
        return Err(format!("Thiếu {label}"));
    }
    if v.chars().count() > MAX_TEXT {
        return Err(format!("{label} quá dài (tối đa {MAX_TEXT} ký tự)"));
    }
    Ok(v.to_owned())
}

/// Reads and checks the new-session form (also used by the API).
pub fn parse_new_session(p: &Pairs, organiser: i64) -> Result<NewSession, String> {
    let title = text(p, "title", "tên hội nghị", true)?;
    let starts_at =
        crate::timefmt::parse(p.get("starts_at")).ok_or("Thời gian bắt đầu không hợp lệ")?;
    let ends_at =
        crate::timefmt::parse(p.get("ends_at")).ok_or("Thời gian kết thúc không hợp lệ")?;
    if ends_at <= starts_at {
        return Err("Thời gian kết thúc phải sau thời gian bắt đầu".into());
    }
    let mode: SessionMode = p
        .get("mode")
        .parse()
        .map_err(|_| "Hình thức không hợp lệ".to_owned())?;
    let venue = text(p, "venue", "địa điểm", true)?;
    let presenter = text(p, "presenter", "báo cáo viên", false)?;
    let groups: Vec<String> = p
        .get("groups")
        .lines()
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .map(|g| g.chars().take(MAX_TEXT).collect())
        .collect();
    let mut bridge_points = Vec::new();
    for u in p.all("bp") {
        let unit_id: i64 = u.parse().map_err(|_| "Điểm cầu không hợp lệ".to_owned())?;
        let expected = p.int(&format!("exp_{unit_id}")).unwrap_or(0).max(0);
        let name = p
            .opt(&format!("bpname_{unit_id}"))
            .unwrap_or_else(|| format!("Điểm cầu {unit_id}"));
        bridge_points.push(NewBridgePoint {
            unit_id,
            name: name.chars().take(MAX_TEXT).collect(),
            expected,
        });
    }
    if bridge_points.len() > MAX_BRIDGE_POINTS {
        return Err(format!("Quá {MAX_BRIDGE_POINTS} điểm cầu"));
    }
    Ok(NewSession {
        campaign_id: p.int("campaign_id"),
        organiser_unit_id: organiser,
        title,
        starts_at,
        ends_at,
        mode,
        venue,
        presenter,
        participant_groups: groups,
        makeup_of: p.int("makeup_of"),
        bridge_points,
    })
}

/// Checks that every unit a new session names is within the user's reach.
pub async fn check_session_scope(
    state: &AppState,
    user: &store::Account,
    s: &NewSession,
) -> Result<(), AppError> {
    require(
        &state.store,
        user,
        Action::ManageSessions,
        Scope::Unit(s.organiser_unit_id),
    )
    .await?;
    for b in &s.bridge_points {
        require(
            &state.store,
            user,
            Action::ManageSessions,
            Scope::Unit(b.unit_id),
        )
        .await?;
    }
    if let Some(c) = s.campaign_id {
        let c = state.store.campaign(c).await?.ok_or(AppError::NotFound)?;
        if !state
            .store
            .is_within(c.scope_unit_id, s.organiser_unit_id)
            .await?
        {
            return Err(AppError::BadRequest(
                "Đơn vị tổ chức không thuộc phạm vi đợt triển khai".into(),
            ));
        }
    }
    if let Some(m) = s.makeup_of {
        let m = state.store.session(m).await?.ok_or(AppError::NotFound)?;
        require(
            &state.store,
            user,
            Action::View,
            Scope::Unit(m.organiser_unit_id),
        )
        .await?;
    }
    Ok(())
}

/// `POST /sessions`.
pub async fn session_create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    require(
        &state.store,
        &user,
        Action::ManageSessions,
        Scope::Unit(user.unit_id),
    )
    .await?;
    let lang = Lang::from_headers(&headers);
    let p = Pairs::parse(&body);
    let s = match parse_new_session(&p, user.unit_id) {
        Ok(s) => s,
        Err(e) => return new_page(&state, &user, lang, Some(e)).await,
    };
    check_session_scope(&state, &user, &s).await?;
    let id = state.store.session_create(&user.username, &s).await?;
    Ok(Redirect::to(&format!("/sessions/{id}")).into_response())
}

/// A session the user may see, or not found.
pub async fn visible_session(
    state: &AppState,
    user: &store::Account,
    id: i64,
) -> Result<StudySession, AppError> {
    let s = state.store.session(id).await?.ok_or(AppError::NotFound)?;
    require(
        &state.store,
        user,
        Action::View,
        Scope::Unit(s.organiser_unit_id),
    )
    .await?;
    Ok(s)
}

struct BridgeView {
    id: i64,
    name: String,
    unit: String,
    expected: String,
    url: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "session_show.html")]
struct SessionShowPage {
    l: Layout,
    s: StudySession,
    organiser: String,
    when: String,
    until: String,
    mode: &'static str,
    url: String,
    qr: String,
    bridges: Vec<BridgeView>,
    attended: String,
    can_import: bool,
    flash: Option<String>,
    errors: Vec<import::RowError>,
}

/// `GET /sessions/{id}`.
pub async fn session_show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let s = visible_session(&state, &user, id).await?;
    show_page(&state, &user, &headers, s, None, Vec::new()).await
}

async fn show_page(
    state: &AppState,
    user: &store::Account,
    headers: &HeaderMap,
    s: StudySession,
    flash: Option<String>,
    errors: Vec<import::RowError>,
) -> Result<Response, AppError> {
    let lang = Lang::from_headers(headers);
    let origin = origin(headers, state.secure_cookies);
    let url = checkin_url(&origin, s.id, None);
    let mut bridges = Vec::new();
    for b in &s.bridge_points {
        let u = checkin_url(&origin, s.id, Some(b.id));
        bridges.push(BridgeView {
            id: b.id,
            name: b.name.clone(),
            unit: state
                .store
                .unit(b.unit_id)
                .await?
                .map(|u| u.name)
                .unwrap_or_default(),
            expected: num(b.expected),
            url: u,
        });
    }
    let organiser = state
        .store
        .unit(s.organiser_unit_id)
        .await?
        .map(|u| u.name)
        .unwrap_or_default();
    let can_import = can(
        &state.store,
        user,
        Action::ImportAttendance,
        Scope::Unit(s.organiser_unit_id),
    )
    .await?;
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::BAD_REQUEST
    };
    Ok((
        status,
        SessionShowPage {
            l: Layout::new(lang, s.title.clone(), Some(user), state.version)
                .at(&format!("/sessions/{}", s.id)),
            organiser,
            when: crate::timefmt::datetime(s.starts_at),
            until: crate::timefmt::datetime(s.ends_at),
            mode: mode_label(lang, s.mode),
            qr: crate::qr::svg(&url).unwrap_or_default(),
            url,
            bridges,
            attended: num(s.attended),
            can_import,
            flash,
            errors,
            s,
        },
    )
        .into_response())
}

/// Query naming a bridge point.
#[derive(Deserialize)]
pub struct BridgeQuery {
    /// Bridge point id.
    pub b: Option<i64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "session_poster.html")]
struct PosterPage {
    l: Layout,
    s: StudySession,
    place: String,
    when: String,
    url: String,
    qr: String,
}

/// `GET /sessions/{id}/poster?b=`: a printable A4 page with the QR code.
pub async fn session_poster(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Query(q): Query<BridgeQuery>,
) -> Result<Response, AppError> {
    let s = visible_session(&state, &user, id).await?;
    let lang = Lang::from_headers(&headers);
    let bridge = q.b.and_then(|b| s.bridge_points.iter().find(|p| p.id == b));
    let url = checkin_url(
        &origin(&headers, state.secure_cookies),
        s.id,
        bridge.map(|b| b.id),
    );
    Ok(PosterPage {
        l: Layout::new(lang, s.title.clone(), Some(&user), state.version),
        place: bridge
            .map(|b| b.name.clone())
            .unwrap_or_else(|| s.venue.clone()),
        when: crate::timefmt::datetime(s.starts_at),
        qr: crate::qr::svg(&url).unwrap_or_default(),
        url,
        s,
    }
    .into_response())
}

/// `GET /sessions/{id}/qr.svg?b=`: the QR code alone, as an SVG image.
pub async fn session_qr(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Query(q): Query<BridgeQuery>,
) -> Result<Response, AppError> {
    let s = visible_session(&state, &user, id).await?;
    let bridge = q.b.filter(|b| s.bridge_points.iter().any(|p| p.id == *b));
    let url = checkin_url(&origin(&headers, state.secure_cookies), s.id, bridge);
    let svg = crate::qr::svg(&url).ok_or(AppError::NotFound)?;
    Ok(([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response())
}

/// Resolves an attendance file's rows to members of `within`'s subtree;
/// every problem is reported with its row number.
pub async fn resolve_rows(
    state: &AppState,
    within: i64,
    rows: &[import::Row],
) -> Result<Vec<i64>, Vec<import::RowError>> {
    let mut ids = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    let err = |line, message: String| import::RowError { line, message };
    for r in rows {
        if errors.len() >= import::MAX_REPORTED_ERRORS {
            break;
        }
        let member = if let Some(code) = &r.code {
            let Ok(id) = code.trim_start_matches(['D', 'V', 'd', 'v']).parse::<i64>() else {
                errors.push(err(r.line, format!("Mã đảng viên không hợp lệ: {code}")));
                continue;
            };
            match state.store.member(id).await {
                Ok(m) => m,
                Err(e) => {
                    errors.push(err(r.line, format!("Lỗi đọc dữ liệu: {e}")));
                    continue;
                }
            }
        } else if let Some(name) = &r.name {
            match state.store.members_of(within, Some(name), 0, 2).await {
                Ok(p) if p.items.len() == 1 => p.items.into_iter().next(),
                Ok(p) if p.items.len() > 1 => {
                    errors.push(err(
                        r.line,
                        format!("Có nhiều người tên \"{name}\": ghi mã đảng viên"),
                    ));
                    continue;
                }
                Ok(_) => None,
                Err(e) => {
                    errors.push(err(r.line, format!("Lỗi đọc dữ liệu: {e}")));
                    continue;
                }
            }
        } else {
            None
        };
        let Some(m) = member else {
            errors.push(err(r.line, "Không tìm thấy đảng viên".into()));
            continue;
        };
        match state.store.is_within(within, m.unit_id).await {
            Ok(true) => ids.push(m.id),
            Ok(false) => errors.push(err(
                r.line,
                format!("{} không thuộc đơn vị tổ chức", m.name),
            )),
            Err(e) => errors.push(err(r.line, format!("Lỗi đọc dữ liệu: {e}"))),
        }
    }
    if errors.is_empty() {
        Ok(ids)
    } else {
        Err(errors)
    }
}

/// `POST /sessions/{id}/attendance`: imports a list (.xlsx/.csv); any bad
/// row rejects the whole file.
pub async fn attendance_import(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
    Path(id): Path<i64>,
    mut mp: Multipart,
) -> Result<Response, AppError> {
    let s = visible_session(&state, &user, id).await?;
    require(
        &state.store,
        &user,
        Action::ImportAttendance,
        Scope::Unit(s.organiser_unit_id),
    )
    .await?;
    let (name, bytes) = read_file(&mut mp, import::MAX_IMPORT_BYTES).await?;
    let rows = match import::parse(&bytes, &name) {
        Ok(r) => r,
        Err(errors) => return show_page(&state, &user, &headers, s, None, errors).await,
    };
    let ids = match resolve_rows(&state, s.organiser_unit_id, &rows).await {
        Ok(ids) => ids,
        Err(errors) => return show_page(&state, &user, &headers, s, None, errors).await,
    };
    let now = crate::timefmt::now();
    let rows: Vec<(i64, AttendanceRow)> = ids
        .iter()
        .map(|&member_id| {
            (
                s.id,
                AttendanceRow {
                    member_id,
                    method: AttendanceMethod::List,
                    at: now,
                },
            )
        })
        .collect();
    let out = state.store.check_in_many(&user.username, &rows).await?;
    let new = out
        .iter()
        .filter(|c| **c == store::CheckIn::Inserted)
        .count();
    let lang = Lang::from_headers(&headers);
    let msg = format!(
        "{}: {} {} · {} {}",
        lang.t("import.done"),
        new,
        lang.t("import.new"),
        out.len() - new,
        lang.t("import.dup")
    );
    let s = visible_session(&state, &user, id).await?;
    show_page(&state, &user, &headers, s, Some(msg), Vec::new()).await
}

/// Reads the first file field of a multipart form, refusing more than
/// `limit` bytes.
pub async fn read_file(mp: &mut Multipart, limit: usize) -> Result<(String, Vec<u8>), AppError> {
    while let Some(mut field) = mp
        .next_field()
        .await
        .map_err(|e| AppError::BadRequest(format!("Biểu mẫu không hợp lệ: {e}")))?
    {
        let Some(name) = field.file_name().map(str::to_owned) else {
            continue;
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field
            .chunk()
            .await
            .map_err(|e| AppError::BadRequest(format!("Tải tệp lỗi: {e}")))?
        {
            if bytes.len() + chunk.len() > limit {
                return Err(AppError::BadRequest(format!(
                    "Tệp quá lớn (tối đa {} MB)",
                    limit / 1024 / 1024
                )));
            }
            bytes.extend_from_slice(&chunk);
        }
        if bytes.is_empty() {
            return Err(AppError::BadRequest("Tệp rỗng".into()));
        }
        return Ok((name, bytes));
    }
    Err(AppError::BadRequest("Chưa chọn tệp".into()))
}

/// Query of the absentee list.
#[derive(Deserialize)]
pub struct AbsenteeQuery {
    unit: Option<i64>,
    page: Option<i64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "absentees.html")]
struct AbsenteesPage {
    l: Layout,
    s: StudySession,
    unit: Unit,
    members: Vec<Member>,
    total: String,
    page: i64,
    more: bool,
}

/// `GET /sessions/{id}/absentees?unit=`: members of a unit's subtree who
/// attended no session of the campaign yet (for a make-up session).
pub async fn absentee_list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Query(q): Query<AbsenteeQuery>,
) -> Result<Response, AppError> {
    let s = visible_session(&state, &user, id).await?;
    let unit_id = q.unit.unwrap_or(s.organiser_unit_id);
    require(&state.store, &user, Action::View, Scope::Unit(unit_id)).await?;
    let unit = state.store.unit(unit_id).await?.ok_or(AppError::NotFound)?;
    let campaign = s
        .campaign_id
        .ok_or_else(|| AppError::BadRequest("Hội nghị không thuộc đợt triển khai nào".into()))?;
    let page = q.page.unwrap_or(0).max(0);
    let p = state
        .store
        .absentees(campaign, unit_id, page * ABSENTEES_PAGE, ABSENTEES_PAGE)
        .await?;
    let lang = Lang::from_headers(&headers);
    Ok(AbsenteesPage {
        l: Layout::new(
            lang,
            lang.t("session.absentees"),
            Some(&user),
            state.version,
        ),
        more: (page + 1) * ABSENTEES_PAGE < p.total,
        total: num(p.total),
        members: p.items,
        page,
        unit,
        s,
    }
    .into_response())
}
