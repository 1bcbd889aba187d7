//! A small world on a fresh SQLite file for HTTP tests: two provinces (A,
//! inside every test account's subtree; B, outside), a directive from the
//! centre, plans, a campaign, sessions, tasks, reports, and one account per
//! role at province A with a live web session.

use std::sync::OnceLock;

use axum::{
    Router,
    body::Body,
    http::{Request, Response, StatusCode, header},
};
use domain::{Recurrence, Role, SessionMode, UnitKind};
use http_body_util::BodyExt;
use serde_json::json;
use store::{
    NewAccount, NewBridgePoint, NewCampaign, NewDocument, NewMember, NewReference, NewSession,
    NewTask, NewUnit, Store,
};
use tower::ServiceExt;

/// The password of every test account.
pub const PASSWORD: &str = "mật-khẩu-thử";

/// Inside/outside twins of everything unit-bound.
#[derive(Debug, Clone, Copy)]
pub struct Side {
    pub province: i64,
    pub commune: i64,
    pub cell: i64,
    pub member: i64,
    pub plan: i64,
    pub session: i64,
    pub task: i64,
    pub report: i64,
}

pub struct World {
    pub store: Store,
    pub app: Router,
    pub root: i64,
    pub directive: i64,
    pub campaign: i64,
    pub a: Side,
    pub b: Side,
    /// (role, username, session token).
    pub accounts: Vec<(Role, String, String)>,
    _dir: TempDir,
}

pub struct TempDir(pub std::path::PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn temp_dir(prefix: &str) -> TempDir {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let d = std::env::temp_dir().join(format!("{prefix}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    TempDir(d)
}

fn password_hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| web::auth::password::hash(PASSWORD).unwrap())
}

pub const NOW_SLACK: i64 = 3600;

async fn side(
    store: &Store,
    root: i64,
    directive_number: &str,
    tag: &str,
    names: [&str; 3],
) -> Side {
    let province = store
        .unit_create(
            "test",
            &NewUnit {
                parent_id: Some(root),
                kind: UnitKind::Province,
                code: format!("P{tag}"),
                name: names[0].into(),
                abbrev: "TU".into(),
            },
        )
        .await
        .unwrap();
    let commune = store
        .unit_create(
            "test",
            &NewUnit {
                parent_id: Some(province),
                kind: UnitKind::Commune,
                code: format!("X{tag}"),
                name: names[1].into(),
                abbrev: "ĐU".into(),
            },
        )
        .await
        .unwrap();
    let cell = store
        .unit_create(
            "test",
            &NewUnit {
                parent_id: Some(commune),
                kind: UnitKind::Cell,
                code: format!("C{tag}"),
                name: names[2].into(),
                abbrev: "CB".into(),
            },
        )
        .await
        .unwrap();
    let members: Vec<NewMember> = [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Văn Cường",
        "Phạm Thị Dung",
        "Hoàng Văn Em",
    ]
    .iter()
    .map(|n| NewMember {
        unit_id: cell,
        name: format!("{n} {tag}"),
        roles: 0,
    })
    .collect();
    let ids = store.members_add("test", &members).await.unwrap();
    let model = json!({
        "kind": "official", "number": format!("2{tag}-KH/TU"), "doc_type": "Kế hoạch",
        "implements": [directive_number],
        "tasks": [{"section": "II.1", "text": format!("Tổ chức học tập chuyên đề {tag}"), "lead": [names[1]], "support": [], "deadline": {"text": "trước ngày 30/11/2099", "date": "2099-11-30"}}],
        "sections": [{"id": "I", "heading": "MỤC ĐÍCH, YÊU CẦU", "level": 1}, {"id": "II", "heading": "NỘI DUNG", "level": 1}, {"id": "II.1", "heading": "Học tập", "level": 2}]
    });
    let plan = store
        .document_insert(
            "test",
            &NewDocument {
                kind: "official".into(),
                number: Some(format!("2{tag}-KH/TU")),
                doc_type: Some("Kế hoạch".into()),
                issuer: Some(names[0].into()),
                issued_at: Some(store::now() - 86_400),
                title: Some(format!(
                    "Kế hoạch thực hiện {directive_number} của {}",
                    names[0]
                )),
                unit_id: Some(province),
                filename: format!("kh-{tag}.txt"),
                model,
                references: vec![NewReference {
                    kind: domain::RelationKind::Implements,
                    number: directive_number.into(),
                    doc_type: None,
                    issuer: None,
                    date: None,
                }],
            },
            format!("KẾ HOẠCH {tag}").as_bytes(),
        )
        .await
        .unwrap()
        .id;
    Side {
        province,
        commune,
        cell,
        member: ids[0],
        plan,
        session: 0,
        task: 0,
        report: 0,
    }
}

impl World {
    pub async fn new() -> World {
        let dir = temp_dir("trienkhai-web-test");
        let url = format!("sqlite://{}", dir.0.join("t.db").display());
        let store = Store::connect(&url).await.unwrap();
        store.migrate().await.unwrap();
        let root = store
            .unit_create(
                "test",
                &NewUnit {
                    parent_id: None,
                    kind: UnitKind::Central,
                    code: "TW".into(),
                    name: "Ban Chấp hành Trung ương".into(),
                    abbrev: "TW".into(),
                },
            )
            .await
            .unwrap();
        let directive = store
            .document_insert(
                "test",
                &NewDocument {
                    kind: "official".into(),
                    number: Some("10-CT/TW".into()),
                    doc_type: Some("Chỉ thị".into()),
                    issuer: Some("Ban Bí thư".into()),
                    issued_at: Some(store::now() - 30 * 86_400),
                    title: Some("về tăng cường học tập".into()),
                    unit_id: Some(root),
                    filename: "ct.txt".into(),
                    model: json!({"kind": "official", "number": "10-CT/TW", "targets": [{"percent": 100, "text": "100% đảng viên"}]}),
                    references: vec![],
                },
                b"CHI THI 10",
            )
            .await
            .unwrap()
            .id;
        let mut a = side(
            &store,
            root,
            "10-CT/TW",
            "A",
            ["Tỉnh ủy An Phú", "Đảng ủy xã An Lạc", "Chi bộ thôn An Hòa"],
        )
        .await;
        let mut b = side(
            &store,
            root,
            "10-CT/TW",
            "B",
            [
                "Tỉnh ủy Bình Sơn",
                "Đảng ủy xã Bình Minh",
                "Chi bộ thôn Bình Yên",
            ],
        )
        .await;
        let now = store::now();
        let campaign = store
            .campaign_create(
                "test",
                &NewCampaign {
                    name: "Triển khai Chỉ thị 10-CT/TW".into(),
                    document_id: directive,
                    scope_unit_id: root,
                    plan_due: now + 10 * 86_400,
                    study_due: now + 20 * 86_400,
                    coverage_target: 90,
                    report_recurrence: Recurrence::Quarterly,
                    report_first_due: now + 30 * 86_400,
                },
            )
            .await
            .unwrap();
        for s in [&mut a, &mut b] {
            s.session = store
                .session_create(
                    "test",
                    &NewSession {
                        campaign_id: Some(campaign),
                        organiser_unit_id: s.province,
                        title: "Hội nghị học tập Chỉ thị 10".into(),
                        starts_at: now - NOW_SLACK,
                        ends_at: now + 2 * NOW_SLACK,
                        mode: SessionMode::Both,
                        venue: "Hội trường".into(),
                        presenter: "Đồng chí Bí thư".into(),
                        participant_groups: vec!["Đảng viên".into()],
                        makeup_of: None,
                        bridge_points: vec![NewBridgePoint {
                            unit_id: s.commune,
                            name: "Điểm cầu xã".into(),
                            expected: 5,
                        }],
                    },
                )
                .await
                .unwrap();
            s.task = store
                .task_create(
                    "test",
                    &NewTask {
                        campaign_id: Some(campaign),
                        document_id: Some(s.plan),
                        section: Some("II.1".into()),
                        title: "Báo cáo kết quả học tập".into(),
                        lead_unit_id: s.commune,
                        support_unit_ids: vec![],
                        due_at: Some(now + 5 * 86_400),
                        recurrence: None,
                    },
                )
                .await
                .unwrap();
            s.report = store
                .report_draft("test", campaign, s.commune, now)
                .await
                .unwrap()
                .id;
        }
        let mut accounts = Vec::new();
        for (role, name) in [
            (Role::QuanTri, "quantri"),
            (Role::LanhDao, "lanhdao"),
            (Role::ChuyenVien, "chuyenvien"),
            (Role::VanThu, "vanthu"),
            (Role::DangVien, "dangvien"),
        ] {
            let id = store
                .account_create(
                    "test",
                    &NewAccount {
                        username: name.into(),
                        display_name: format!("Đồng chí {name}"),
                        password_hash: password_hash().to_owned(),
                        unit_id: a.province,
                        role,
                        member_id: (role == Role::DangVien).then_some(a.member),
                    },
                )
                .await
                .unwrap();
            let token = web::auth::token::new_secret().unwrap();
            store
                .web_session_create(id, &token, now + 3600)
                .await
                .unwrap();
            accounts.push((role, name.to_owned(), token));
        }
        let index = search::Search::open_in_ram(search::WriterOptions::default()).unwrap();
        let app = web::router(
            web::AppState::new(store.clone(), "test").with_search(std::sync::Arc::new(index)),
        );
        World {
            store,
            app,
            root,
            directive,
            campaign,
            a,
            b,
            accounts,
            _dir: dir,
        }
    }

    pub fn token(&self, role: Role) -> &str {
        &self.accounts.iter().find(|(r, _, _)| *r == role).unwrap().2
    }

    /// Sends a request; `cookie` is a session token.
    pub async fn send(&self, req: Request<Body>) -> (StatusCode, String, Response<()>) {
        let res = self.app.clone().oneshot(req).await.unwrap();
        let (parts, body) = res.into_parts();
        let bytes = body.collect().await.unwrap().to_bytes();
        (
            parts.status,
            String::from_utf8_lossy(&bytes).into_owned(),
            Response::from_parts(parts, ()),
        )
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> (StatusCode, String) {
        let mut r = Request::get(path);
        if let Some(t) = token {
            r = r.header(header::COOKIE, format!("tk_session={t}"));
        }
        let (s, b, _) = self.send(r.body(Body::empty()).unwrap()).await;
        (s, b)
    }

    /// A same-origin form post.
    pub async fn post_form(
        &self,
        path: &str,
        token: Option<&str>,
        body: &str,
    ) -> (StatusCode, String) {
        self.post(
            path,
            token,
            "application/x-www-form-urlencoded",
            body.as_bytes().to_vec(),
        )
        .await
    }

    pub async fn post_json(
        &self,
        path: &str,
        token: Option<&str>,
        body: serde_json::Value,
    ) -> (StatusCode, String) {
        self.post(
            path,
            token,
            "application/json",
            body.to_string().into_bytes(),
        )
        .await
    }

    pub async fn post(
        &self,
        path: &str,
        token: Option<&str>,
        ct: &str,
        body: Vec<u8>,
    ) -> (StatusCode, String) {
        let mut r = Request::post(path)
            .header(header::CONTENT_TYPE, ct)
            .header("sec-fetch-site", "same-origin");
        if let Some(t) = token {
            r = r.header(header::COOKIE, format!("tk_session={t}"));
        }
        let (s, b, _) = self.send(r.body(Body::from(body)).unwrap()).await;
        (s, b)
    }
}

/// A multipart body with text fields and one file; returns (content type, bytes).
pub fn multipart(fields: &[(&str, &str)], file: Option<(&str, &str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "----trienkhai-test-boundary";
    let mut out = Vec::new();
    for (k, v) in fields {
        out.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    if let Some((field, name, bytes)) = file {
        out.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        out.extend_from_slice(bytes);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), out)
}
