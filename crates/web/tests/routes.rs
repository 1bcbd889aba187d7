//! Behaviour of each route through HTTP on a temporary SQLite store:
//! sign-in and its limits, CSRF and security headers, service routes,
//! check-in (page and API), attendance import, tasks, reports, the API.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use domain::Role;
use serde_json::{Value, json};
use support::app::{PASSWORD, World, multipart};

fn signin_req(user: &str, password: &str) -> Request<Body> {
    Request::post("/signin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(format!(
            "username={user}&password={password}&next=/tasks"
        )))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_sets_a_hardened_cookie_and_sign_out_ends_the_session() {
    let w = World::new().await;
    let (st, _, res) = w.send(signin_req("chuyenvien", PASSWORD)).await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    assert_eq!(res.headers()[header::LOCATION], "/tasks");
    let cookie = res.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let token = cookie
        .split(';')
        .next()
        .unwrap()
        .strip_prefix("tk_session=")
        .unwrap()
        .to_owned();
    let (st, body) = w.get("/", Some(&token)).await;
    assert_eq!(st, StatusCode::OK);
    assert!(body.contains("Triển khai Chỉ thị 10-CT/TW"));
    let (st, _) = w.post_form("/signout", Some(&token), "").await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let (st, _) = w.get("/", Some(&token)).await;
    assert_eq!(
        st,
        StatusCode::SEE_OTHER,
        "the session ended in the database"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_passwords_are_limited_per_ip_and_user_name() {
    let w = World::new().await;
    for _ in 0..web::auth::ratelimit::MAX_FAILURES {
        let (st, body, _) = w.send(signin_req("vanthu", "sai")).await;
        assert_eq!(st, StatusCode::UNAUTHORIZED);
        assert!(body.contains("không đúng"));
    }
    let (st, _, _) = w.send(signin_req("vanthu", PASSWORD)).await;
    assert_eq!(
        st,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    let (st, _, _) = w.send(signin_req("lanhdao", PASSWORD)).await;
    assert_eq!(st, StatusCode::SEE_OTHER, "other users are not locked out");
    let (st, _, _) = w.send(signin_req("khongco", "x")).await;
    assert_eq!(st, StatusCode::UNAUTHORIZED, "unknown users look the same");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_posts_are_refused_and_headers_forbid_inline_script() {
    let w = World::new().await;
    let req = Request::post("/signout")
        .header("sec-fetch-site", "cross-site")
        .header(
            header::COOKIE,
            format!("tk_session={}", w.token(Role::QuanTri)),
        )
        .body(Body::empty())
        .unwrap();
    let (st, _, _) = w.send(req).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let req = Request::post("/reports/draft")
        .header(header::HOST, "trienkhai.local")
        .header(header::ORIGIN, "http://evil.example")
        .header(
            header::COOKIE,
            format!("tk_session={}", w.token(Role::QuanTri)),
        )
        .body(Body::empty())
        .unwrap();
    let (st, _, _) = w.send(req).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    for path in ["/signin", "/", "/documents", "/c/1"] {
        let req = Request::get(path)
            .header(
                header::COOKIE,
                format!("tk_session={}", w.token(Role::QuanTri)),
            )
            .body(Body::empty())
            .unwrap();
        let (_, body, res) = w.send(req).await;
        let csp = res.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert_eq!(res.headers()[header::X_FRAME_OPTIONS], "DENY");
        assert_eq!(res.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        for (i, _) in body.match_indices("<script") {
            assert!(
                body[i..].starts_with("<script src="),
                "inline script on {path}"
            );
        }
        assert!(!body.contains(" style=\""), "inline style on {path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn service_routes_static_files_and_the_language_switch() {
    let w = World::new().await;
    let (st, body) = w.get("/healthz", None).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["status"],
        "ok"
    );
    let (st, _) = w.get(web::assets::url("app.css"), None).await;
    assert_eq!(st, StatusCode::OK);
    let (st, _) = w.get("/static/nope.js", None).await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, body) = w.get("/no/such/page", None).await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert!(body.contains("Không tìm thấy trang"));
    let (_, _, res) = w
        .send(
            Request::get("/lang/en?back=/signin")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(res.headers()[header::LOCATION], "/signin");
    assert!(
        res.headers()[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .starts_with("lang=en")
    );
    let (_, _, res) = w
        .send(
            Request::get("/lang/en?back=//evil.example")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(res.headers()[header::LOCATION], "/", "no open redirect");
    let (_, body, _) = w
        .send(
            Request::get("/signin")
                .header(header::COOKIE, "lang=en")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(body.contains("Sign in") && body.contains("Tiếng Việt"));
    // Metrics count requests by route pattern and check-ins.
    w.post_form(
        &format!("/c/{}", w.a.session),
        None,
        &format!("member_id={}", w.a.member),
    )
    .await;
    let (st, body) = w.get("/metrics", None).await;
    assert_eq!(st, StatusCode::OK);
    assert!(body.contains("http_requests_total"), "{body}");
    assert!(body.contains("route=\"/c/{id}\""), "{body}");
    assert!(body.contains("checkins_total"), "{body}");
    assert!(
        body.contains("http_request_duration_seconds_bucket"),
        "{body}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn phone_check_in_records_once_and_refuses_outsiders_and_closed_sessions() {
    let w = World::new().await;
    let (st, body) = w
        .get(&format!("/c/{}?unit={}", w.a.session, w.a.cell), None)
        .await;
    assert_eq!(st, StatusCode::OK);
    assert!(body.contains("Nguyễn Văn An A"));
    let path = format!("/c/{}", w.a.session);
    let (st, body) = w
        .post_form(&path, None, &format!("member_id={}", w.a.member))
        .await;
    assert_eq!(st, StatusCode::OK);
    assert!(body.contains("Điểm danh thành công"), "{body}");
    let (_, body) = w
        .post_form(&path, None, &format!("member_id={}", w.a.member))
        .await;
    assert!(body.contains("đã điểm danh hội nghị này rồi"), "{body}");
    let (st, _) = w
        .post_form(&path, None, &format!("member_id={}", w.b.member))
        .await;
    assert_eq!(
        st,
        StatusCode::NOT_FOUND,
        "a member of another province is not invited"
    );
    assert_eq!(
        w.store
            .session(w.a.session)
            .await
            .unwrap()
            .unwrap()
            .attended,
        1
    );
    // A party member signed in checks only themself in.
    let (st, _) = w
        .post_form(
            &path,
            Some(w.token(Role::DangVien)),
            &format!("member_id={}", w.a.member + 1),
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    // A session that ended long ago.
    let now = store::now();
    let old = w
        .store
        .session_create(
            "test",
            &store::NewSession {
                campaign_id: Some(w.campaign),
                organiser_unit_id: w.a.province,
                title: "Cũ".into(),
                starts_at: now - 10 * 86_400,
                ends_at: now - 10 * 86_400 + 3600,
                mode: domain::SessionMode::InPerson,
                venue: "x".into(),
                presenter: String::new(),
                participant_groups: vec![],
                makeup_of: None,
                bridge_points: vec![],
            },
        )
        .await
        .unwrap();
    let (st, body) = w
        .post_form(
            &format!("/c/{old}"),
            None,
            &format!("member_id={}", w.a.member),
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT);
    assert!(body.contains("Ngoài thời gian"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_tokens_authenticate_the_json_api_and_check_in_reports_duplicates() {
    let w = World::new().await;
    let (st, body) = w
        .post_json(
            "/api/tokens",
            Some(w.token(Role::ChuyenVien)),
            json!({"name": "tích hợp"}),
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    let tok = serde_json::from_str::<Value>(&body).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let bearer = |path: &str| {
        Request::get(path)
            .header(header::AUTHORIZATION, format!("Bearer {tok}"))
            .body(Body::empty())
            .unwrap()
    };
    let (st, body, _) = w.send(bearer("/api/me")).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["username"],
        "chuyenvien"
    );
    let (st, body, _) = w
        .send(bearer(&format!(
            "/api/campaigns/{}/units/{}",
            w.campaign, w.a.province
        )))
        .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["total"]["members"],
        5
    );
    let bad = Request::get("/api/me")
        .header(header::AUTHORIZATION, "Bearer nope")
        .body(Body::empty())
        .unwrap();
    assert_eq!(w.send(bad).await.0, StatusCode::UNAUTHORIZED);
    let (st, _) = w.get("/api/me", None).await;
    assert_eq!(
        st,
        StatusCode::UNAUTHORIZED,
        "the API answers 401, not a redirect"
    );
    let path = format!("/api/sessions/{}/checkins", w.a.session);
    let (st, body) = w
        .post_json(&path, None, json!({"member_id": w.a.member}))
        .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["result"],
        "inserted"
    );
    let (_, body) = w
        .post_json(&path, None, json!({"member_id": w.a.member}))
        .await;
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["result"],
        "duplicate"
    );
    let (st, body) = w.get("/api/openapi.json", None).await;
    assert_eq!(st, StatusCode::OK);
    let spec: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(spec["openapi"], "3.1.0");
    assert!(spec["paths"]["/api/sessions/{id}/checkins"]["post"].is_object());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attendance_import_is_all_or_nothing_with_row_numbers() {
    let w = World::new().await;
    let tok = w.token(Role::VanThu);
    let path = format!("/sessions/{}/attendance", w.a.session);
    let bad = format!(
        "Mã đảng viên,Họ và tên\nDV{},\nDV{},\nDV999999,\n",
        w.a.member,
        w.a.member + 1
    );
    let (ct, body) = multipart(&[], Some(("file", "ds.csv", bad.as_bytes())));
    let (st, page) = w.post(&path, Some(tok), &ct, body).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert!(page.contains("Dòng 4"), "the bad row is named: {page}");
    assert_eq!(
        w.store
            .session(w.a.session)
            .await
            .unwrap()
            .unwrap()
            .attended,
        0,
        "nothing written"
    );
    let outsider = format!("Mã đảng viên\nDV{}\n", w.b.member);
    let (ct, body) = multipart(&[], Some(("file", "ds.csv", outsider.as_bytes())));
    let (st, page) = w.post(&path, Some(tok), &ct, body).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert!(page.contains("không thuộc đơn vị tổ chức"), "{page}");
    let good = format!(
        "Mã đảng viên,Họ và tên\nDV{},\n,Trần Thị Bình A\n",
        w.a.member
    );
    let (ct, body) = multipart(&[], Some(("file", "ds.csv", good.as_bytes())));
    let (st, page) = w.post(&path, Some(tok), &ct, body).await;
    assert_eq!(st, StatusCode::OK);
    assert!(page.contains("Đã nhập danh sách: 2"), "{page}");
    assert_eq!(
        w.store
            .session(w.a.session)
            .await
            .unwrap()
            .unwrap()
            .attended,
        2
    );
    let (ct, body) = multipart(&[], Some(("file", "ds.pdf", b"%PDF")));
    assert_eq!(
        w.post(&path, Some(tok), &ct, body).await.0,
        StatusCode::BAD_REQUEST
    );
    // Absentees: the three who did not come.
    let (_, page) = w
        .get(
            &format!("/sessions/{}/absentees?unit={}", w.a.session, w.a.cell),
            Some(tok),
        )
        .await;
    assert!(page.contains("3 đảng viên chưa học tập"), "{page}");
    assert!(!page.contains("Nguyễn Văn An A"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_task_goes_from_progress_with_evidence_to_send_back_and_acceptance() {
    let w = World::new().await;
    let cv = w.token(Role::ChuyenVien);
    let ld = w.token(Role::LanhDao);
    let t = w.a.task;
    let (ct, body) = multipart(
        &[("progress", "50"), ("note", "Đã họp chi bộ")],
        Some(("evidence", "bien-ban.txt", "BIÊN BẢN".as_bytes())),
    );
    assert_eq!(
        w.post(&format!("/tasks/{t}/progress"), Some(cv), &ct, body)
            .await
            .0,
        StatusCode::SEE_OTHER
    );
    let (_, page) = w.get(&format!("/tasks/{t}"), Some(cv)).await;
    assert!(
        page.contains("Đang thực hiện") && page.contains("bien-ban.txt"),
        "{page}"
    );
    let sha = page
        .split(&format!("/tasks/{t}/evidence/"))
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let (st, bytes) = w.get(&format!("/tasks/{t}/evidence/{sha}"), Some(cv)).await;
    assert_eq!((st, bytes.as_str()), (StatusCode::OK, "BIÊN BẢN"));
    let (st, _) = w
        .get(&format!("/tasks/{}/evidence/{sha}", w.b.task), Some(cv))
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (ct, body) = multipart(
        &[("progress", "100"), ("note", "Xong"), ("complete", "1")],
        None,
    );
    w.post(&format!("/tasks/{t}/progress"), Some(cv), &ct, body)
        .await;
    let (st, _) = w
        .post_form(
            &format!("/tasks/{t}/decision"),
            Some(ld),
            "completion=send_back&reason=",
        )
        .await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "a send-back needs a reason");
    w.post_form(
        &format!("/tasks/{t}/decision"),
        Some(ld),
        "completion=send_back&reason=Thi%E1%BA%BFu+bi%C3%AAn+b%E1%BA%A3n",
    )
    .await;
    let (_, page) = w.get(&format!("/tasks/{t}"), Some(ld)).await;
    assert!(page.contains("Thiếu biên bản"), "{page}");
    let (ct, body) = multipart(
        &[
            ("progress", "100"),
            ("note", "Đã bổ sung"),
            ("complete", "1"),
        ],
        None,
    );
    w.post(&format!("/tasks/{t}/progress"), Some(cv), &ct, body)
        .await;
    assert_eq!(
        w.post_form(
            &format!("/tasks/{t}/decision"),
            Some(ld),
            "completion=accept"
        )
        .await
        .0,
        StatusCode::SEE_OTHER
    );
    let (_, page) = w.get(&format!("/tasks/{t}"), Some(ld)).await;
    assert!(page.contains("Hoàn thành đúng hạn"), "{page}");
    let (_, board) = w
        .get(
            &format!("/tasks?status=dung_han&campaign={}", w.campaign),
            Some(ld),
        )
        .await;
    assert!(board.contains("Báo cáo kết quả học tập"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_drafted_from_live_figures_is_submitted_and_seen_above() {
    let w = World::new().await;
    let ld = w.token(Role::LanhDao);
    let (st, _) = w
        .post_form(
            "/reports/draft",
            Some(ld),
            &format!("campaign={}&unit={}", w.campaign, w.a.commune),
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let r = w.a.report;
    let (_, page) = w.get(&format!("/reports/{r}"), Some(ld)).await;
    assert!(
        page.contains("Số đảng viên") || page.contains("members"),
        "figures are shown: {page}"
    );
    w.post_form(
        &format!("/reports/{r}"),
        Some(ld),
        "body=K%E1%BA%BFt+qu%E1%BA%A3+t%E1%BB%91t",
    )
    .await;
    assert_eq!(
        w.post_form(&format!("/reports/{r}/submit"), Some(ld), "")
            .await
            .0,
        StatusCode::SEE_OTHER
    );
    let (_, page) = w
        .get(
            &format!("/reports?unit={}&campaign={}", w.a.province, w.campaign),
            Some(ld),
        )
        .await;
    assert!(
        page.contains("Đảng ủy xã An Lạc") && page.contains("Đã gửi"),
        "{page}"
    );
    let (st, _) = w
        .post_form(
            "/inspections",
            Some(ld),
            &format!(
                "unit_id={}&findings=%C4%90%C3%BAng+h%E1%BA%A1n",
                w.a.commune
            ),
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let (_, page) = w
        .get(&format!("/reports?unit={}", w.a.province), Some(ld))
        .await;
    assert!(page.contains("Đúng hạn"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_drills_down_and_uploads_are_limited() {
    let w = World::new().await;
    let qt = w.token(Role::QuanTri);
    let (st, page) = w
        .get(
            &format!("/campaigns/{}/units/{}", w.campaign, w.a.province),
            Some(qt),
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    assert!(
        page.contains(&format!("/campaigns/{}/units/{}", w.campaign, w.a.commune)),
        "drill-down link"
    );
    assert!(page.matches("<svg").count() >= 3, "SVG charts");
    let (ct, body) = multipart(&[], Some(("file", "virus.exe", b"MZ")));
    let (st, page) = w.post("/documents", Some(qt), &ct, body).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert!(page.contains(".docx"));
    let big = vec![b'a'; web::limits::MAX_UPLOAD_BYTES + 1];
    let (ct, body) = multipart(&[], Some(("file", "big.txt", &big)));
    let (st, _) = w.post("/documents", Some(qt), &ct, body).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_finds_documents_by_number_within_the_users_scope() {
    let w = World::new().await;
    let tok = w.token(Role::ChuyenVien);
    // The index follows the store's change feed in the background.
    let mut hits = Value::Null;
    for _ in 0..40 {
        let (st, body) = w.get("/api/search?q=ke+hoach+2a", Some(tok)).await;
        assert_eq!(st, StatusCode::OK, "{body}");
        hits = serde_json::from_str::<Value>(&body).unwrap()["hits"].clone();
        if hits.as_array().is_some_and(|h| !h.is_empty()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    let list = hits.as_array().unwrap();
    assert!(!list.is_empty(), "no hits");
    assert!(list.iter().any(|h| h["number"] == "2A-KH/TU"), "{hits}");
    assert!(
        !list.iter().any(|h| h["number"] == "2B-KH/TU"),
        "the other province's plan leaked: {hits}"
    );
    let (st, page) = w.get("/search?q=2A-KH%2FTU", Some(tok)).await;
    assert_eq!(st, StatusCode::OK);
    assert!(page.contains(&format!("/documents/{}", w.a.plan)), "{page}");
}
