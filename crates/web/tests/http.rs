//! HTTP tests of every route and API endpoint against the router on a
//! temporary SQLite store, including the access matrix: every role × a
//! unit inside and outside its subtree × every endpoint.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use axum::http::StatusCode;
use domain::Role;
use support::app::{World, multipart};
use web::auth::access::{Action, role_allows};

/// How an endpoint is called.
#[derive(Clone, Copy)]
enum Body {
    Empty,
    Form(&'static str),
    Json(&'static str),
    Multipart(&'static str),
}

/// One row of the endpoint table: method, path and body with placeholders
/// (`{u}` commune, `{p}` province, `{d}` plan document, `{s}` session, `{t}`
/// task, `{r}` report, `{m}` member, `{c}` campaign, `{D}` directive), the
/// action it needs, and whether it is aimed at a unit (then the outside
/// twin must be refused).
struct Ep {
    method: &'static str,
    path: &'static str,
    body: Body,
    action: Action,
    scoped: bool,
}

const fn ep(
    method: &'static str,
    path: &'static str,
    body: Body,
    action: Action,
    scoped: bool,
) -> Ep {
    Ep {
        method,
        path,
        body,
        action,
        scoped,
    }
}

use Action::*;
use Body::*;

/// Every signed-in endpoint. Public ones (sign-in, check-in, health,
/// metrics, static files, language) are tested on their own below.
const ENDPOINTS: &[Ep] = &[
    ep("GET", "/", Empty, View, false),
    ep("GET", "/campaigns/{c}/units/{u}", Empty, View, true),
    ep(
        "GET",
        "/campaigns/new?document={d}",
        Empty,
        ManageCampaign,
        true,
    ),
    ep(
        "POST",
        "/campaigns",
        Form(
            "document_id={D}&name=Dot+moi&scope_unit_id={u}&plan_due=2099-01-01&study_due=2099-02-01&coverage_target=90&report_recurrence=quarterly&report_first_due=2099-03-01",
        ),
        ManageCampaign,
        true,
    ),
    ep("GET", "/documents", Empty, View, false),
    ep("GET", "/documents/new", Empty, UploadDocument, false),
    ep(
        "POST",
        "/documents",
        Multipart("file"),
        UploadDocument,
        false,
    ),
    ep(
        "POST",
        "/documents/confirm",
        Form(
            "bytes_b64=S0UgSE9BQ0ggMQ%3D%3D&filename=kh.txt&number=99-KH%2FTU&doc_type=K%E1%BA%BF+ho%E1%BA%A1ch&implements=10-CT%2FTW&unit_id={p}",
        ),
        UploadDocument,
        true,
    ),
    ep("GET", "/documents/{d}", Empty, View, true),
    ep(
        "POST",
        "/documents/{d}/tasks",
        Form("index=0&lead_unit_id={u}&campaign_id={c}&due=2099-12-01"),
        ManageTasks,
        true,
    ),
    ep("GET", "/tasks", Empty, View, false),
    ep("GET", "/tasks?lead={u}", Empty, View, true),
    ep("GET", "/tasks/{t}", Empty, View, true),
    ep(
        "POST",
        "/tasks/{t}/progress",
        Multipart("evidence"),
        UpdateTask,
        true,
    ),
    ep(
        "POST",
        "/tasks/{t}/extension",
        Form("until=2099-01-01&reason=Thiếu+kinh+phí"),
        UpdateTask,
        true,
    ),
    ep(
        "POST",
        "/tasks/{t}/decision",
        Form("extension=approve&reason=ok"),
        Approve,
        true,
    ),
    ep("GET", "/sessions", Empty, View, false),
    ep("GET", "/sessions/new", Empty, ManageSessions, false),
    ep(
        "POST",
        "/sessions",
        Form(
            "title=H%E1%BB%99i+ngh%E1%BB%8B&starts_at=2099-01-01T07:30&ends_at=2099-01-01T11:00&mode=both&venue=H%E1%BB%99i+tr%C6%B0%E1%BB%9Dng&bp={u}&exp_{u}=5",
        ),
        ManageSessions,
        true,
    ),
    ep("GET", "/sessions/{s}", Empty, View, true),
    ep("GET", "/sessions/{s}/poster", Empty, View, true),
    ep("GET", "/sessions/{s}/qr.svg", Empty, View, true),
    ep(
        "POST",
        "/sessions/{s}/attendance",
        Multipart("file"),
        ImportAttendance,
        true,
    ),
    ep("GET", "/sessions/{s}/absentees", Empty, View, true),
    ep("GET", "/reports?unit={u}", Empty, View, true),
    ep(
        "POST",
        "/reports/draft",
        Form("campaign={c}&unit={u}"),
        DraftReport,
        true,
    ),
    ep("GET", "/reports/{r}", Empty, View, true),
    ep(
        "POST",
        "/reports/{r}",
        Form("body=N%E1%BB%99i+dung"),
        DraftReport,
        true,
    ),
    ep("POST", "/reports/{r}/submit", Empty, SubmitReport, true),
    ep(
        "POST",
        "/inspections",
        Form("unit_id={u}&findings=T%E1%BB%91t"),
        Inspect,
        true,
    ),
    ep(
        "POST",
        "/commendations",
        Form("unit_id={u}&reason=C%C3%A1ch+l%C3%A0m+hay"),
        Inspect,
        true,
    ),
    ep(
        "GET",
        "/search?q=K%E1%BA%BF+ho%E1%BA%A1ch",
        Empty,
        View,
        false,
    ),
    ep(
        "GET",
        "/api/search?q=K%E1%BA%BF+ho%E1%BA%A1ch",
        Empty,
        View,
        false,
    ),
    ep("GET", "/api/me", Empty, View, false),
    ep(
        "POST",
        "/api/tokens",
        Json(r#"{"name":"tích hợp"}"#),
        View,
        false,
    ),
    ep("GET", "/api/units/{u}", Empty, View, true),
    ep("GET", "/api/campaigns", Empty, View, false),
    ep(
        "POST",
        "/api/campaigns",
        Json(
            r#"{"document_id":{D},"name":"Đợt","scope_unit_id":{u},"plan_due":"2099-01-01","study_due":"2099-02-01","coverage_target":90,"report_recurrence":"quarterly","report_first_due":"2099-03-01"}"#,
        ),
        ManageCampaign,
        true,
    ),
    ep("GET", "/api/campaigns/{c}/units/{u}", Empty, View, true),
    ep("GET", "/api/documents", Empty, View, false),
    ep(
        "POST",
        "/api/documents?filename=kh.txt&unit_id={p}",
        Multipart("raw"),
        UploadDocument,
        true,
    ),
    ep("GET", "/api/documents/{d}", Empty, View, true),
    ep("GET", "/api/tasks", Empty, View, false),
    ep("GET", "/api/tasks?lead={u}", Empty, View, true),
    ep("GET", "/api/tasks/{t}", Empty, View, true),
    ep(
        "POST",
        "/api/tasks/{t}/progress",
        Json(r#"{"progress":40,"note":"đang làm"}"#),
        UpdateTask,
        true,
    ),
    ep(
        "POST",
        "/api/tasks/{t}/decision",
        Json(r#"{"completion":"accept"}"#),
        Approve,
        true,
    ),
    ep("GET", "/api/sessions", Empty, View, false),
    ep(
        "POST",
        "/api/sessions",
        Json(
            r#"{"title":"Hội nghị","starts_at":"2099-01-01T07:30","ends_at":"2099-01-01T11:00","mode":"online","venue":"Trực tuyến","bp":[{u}]}"#,
        ),
        ManageSessions,
        true,
    ),
    ep("GET", "/api/sessions/{s}", Empty, View, true),
    ep("GET", "/api/sessions/{s}/absentees", Empty, View, true),
    ep(
        "GET",
        "/api/reports?campaign={c}&unit={u}",
        Empty,
        View,
        true,
    ),
    ep(
        "POST",
        "/api/reports/draft",
        Json(r#"{"campaign":{c},"unit":{u}}"#),
        DraftReport,
        true,
    ),
    ep("GET", "/api/reports/{r}", Empty, View, true),
    ep("POST", "/api/reports/{r}/submit", Empty, SubmitReport, true),
    ep(
        "POST",
        "/api/inspections",
        Json(r#"{"unit_id":{u},"findings":"Tốt"}"#),
        Inspect,
        true,
    ),
    ep(
        "POST",
        "/api/commendations",
        Json(r#"{"unit_id":{u},"reason":"Mô hình hay"}"#),
        Inspect,
        true,
    ),
];

fn fill(s: &str, w: &World, side: &support::app::Side) -> String {
    s.replace("{u}", &side.commune.to_string())
        .replace("{p}", &side.province.to_string())
        .replace("{d}", &side.plan.to_string())
        .replace("{s}", &side.session.to_string())
        .replace("{t}", &side.task.to_string())
        .replace("{r}", &side.report.to_string())
        .replace("{m}", &side.member.to_string())
        .replace("{c}", &w.campaign.to_string())
        .replace("{D}", &w.directive.to_string())
}

async fn call(
    w: &World,
    e: &Ep,
    side: &support::app::Side,
    token: Option<&str>,
) -> (StatusCode, String) {
    let path = fill(e.path, w, side);
    match (e.method, e.body) {
        ("GET", _) => w.get(&path, token).await,
        (_, Empty) => w.post_form(&path, token, "").await,
        (_, Form(b)) => w.post_form(&path, token, &fill(b, w, side)).await,
        (_, Json(b)) => {
            w.post(
                &path,
                token,
                "application/json",
                fill(b, w, side).into_bytes(),
            )
            .await
        }
        (_, Multipart("file")) if path.contains("/attendance") => {
            let csv = format!("Mã đảng viên,Họ và tên\nDV{},\n", side.member);
            let (ct, body) = multipart(&[], Some(("file", "ds.csv", csv.as_bytes())));
            w.post(&path, token, &ct, body).await
        }
        (_, Multipart("file")) => {
            let (ct, body) = multipart(
                &[],
                Some((
                    "file",
                    "kh.txt",
                    "TỈNH ỦY AN PHÚ\nSố 77-KH/TU\nKẾ HOẠCH\nthực hiện Chỉ thị 10-CT/TW\n"
                        .as_bytes(),
                )),
            );
            w.post(&path, token, &ct, body).await
        }
        (_, Multipart("evidence")) => {
            let (ct, body) = multipart(
                &[("progress", "60"), ("note", "Đã tổ chức")],
                Some(("evidence", "bienban.txt", b"bien ban")),
            );
            w.post(&path, token, &ct, body).await
        }
        (_, Multipart(_)) => {
            w.post(
                &path,
                token,
                "text/plain",
                "KẾ HOẠCH\nSố 88-KH/TU\n".as_bytes().to_vec(),
            )
            .await
        }
    }
}

fn granted(s: StatusCode) -> bool {
    s.is_success()
        || s.is_redirection()
        || s == StatusCode::BAD_REQUEST
        || s == StatusCode::CONFLICT
}

/// The access matrix: no role reads or writes anything outside its subtree,
/// and a role without an action is refused it inside too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn access_matrix_has_no_read_or_write_leaks() {
    let roles = [
        Role::QuanTri,
        Role::LanhDao,
        Role::ChuyenVien,
        Role::VanThu,
        Role::DangVien,
    ];
    let mut failures = Vec::new();
    let mut checked = 0;
    for role in roles {
        // A fresh world per role: writes of one role do not feed the next.
        let w = World::new().await;
        let token = w.token(role).to_owned();
        for e in ENDPOINTS {
            let allowed = role_allows(role, e.action);
            if e.scoped {
                let (st, body) = call(&w, e, &w.b.clone(), Some(&token)).await;
                checked += 1;
                if !(st == StatusCode::NOT_FOUND || st == StatusCode::FORBIDDEN) {
                    failures.push(format!(
                        "{role:?} {} {} OUTSIDE → {st} {}",
                        e.method,
                        e.path,
                        &body[..body.len().min(120)]
                    ));
                }
            }
            let (st, body) = call(&w, e, &w.a.clone(), Some(&token)).await;
            checked += 1;
            if std::env::var_os("TRIENKHAI_TRACE").is_some() {
                eprintln!("{role:?} {} {} → {st}", e.method, e.path);
            }
            let ok = if allowed {
                granted(st)
            } else {
                st == StatusCode::FORBIDDEN
            };
            if !ok {
                failures.push(format!(
                    "{role:?} {} {} inside (allowed={allowed}) → {st} {}",
                    e.method,
                    e.path,
                    &body[..body.len().min(200)]
                ));
            }
            // Lists never show the other province's things.
            if e.method == "GET" && !e.scoped && st.is_success() {
                for leak in ["Bình Sơn", "Bình Minh", "2B-KH/TU"] {
                    if body.contains(leak) {
                        failures.push(format!("{role:?} GET {} shows {leak}", e.path));
                    }
                }
            }
        }
        // Signed out: every endpoint refuses.
        for e in ENDPOINTS {
            let (st, _) = call(&w, e, &w.a.clone(), None).await;
            let refused = st == StatusCode::UNAUTHORIZED
                || (st == StatusCode::SEE_OTHER && !e.path.starts_with("/api/"));
            if !refused {
                failures.push(format!("anonymous {} {} → {st}", e.method, e.path));
            }
        }
    }
    eprintln!("access matrix: {checked} checks");
    assert!(
        failures.is_empty(),
        "{} of {checked} checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
