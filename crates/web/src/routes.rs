//! Every route of the application, in one place.

use std::time::Duration;

use axum::{
    Router,
    extract::DefaultBodyLimit,
    middleware,
    routing::{get, post},
};
use tower_http::{
    catch_panic::CatchPanicLayer, limit::RequestBodyLimitLayer, timeout::TimeoutLayer,
};

use crate::{
    AppState,
    handlers::{
        api, assets, campaigns, checkin, dashboard, documents, health, home, openapi, reports,
        search, session, sessions, tasks,
    },
    security,
};

/// Largest request body accepted: a 10 MB document travels base64-encoded
/// (≈ 13.4 MB) from the review page to its confirmation.
pub const MAX_BODY_BYTES: usize = 25 * 1024 * 1024;
/// Longest a request may take before the client gets a 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Builds the application's router.
pub fn router(state: AppState) -> Router {
    let _ = crate::metrics::handle();
    Router::new()
        // Service
        .route("/healthz", get(health::health_show))
        .route("/metrics", get(health::metrics_show))
        .route("/static/{name}", get(assets::asset_show))
        .route("/lang/{code}", get(home::lang_set))
        // Sign-in
        .route(
            "/signin",
            get(session::session_new).post(session::session_create),
        )
        .route("/signout", post(session::session_delete))
        // Dashboard
        .route("/", get(home::home_show))
        .route(
            "/campaigns/{campaign}/units/{unit}",
            get(dashboard::dashboard_show),
        )
        .route("/campaigns/new", get(campaigns::campaign_new))
        .route("/campaigns", post(campaigns::campaign_create))
        // Documents
        .route(
            "/documents",
            get(documents::document_list).post(documents::document_upload),
        )
        .route("/documents/new", get(documents::document_new))
        .route("/documents/confirm", post(documents::document_confirm))
        .route("/documents/{id}", get(documents::document_show))
        .route(
            "/documents/{id}/tasks",
            post(documents::document_task_accept),
        )
        // Tasks
        .route("/tasks", get(tasks::task_list))
        .route("/tasks/{id}", get(tasks::task_show))
        .route("/tasks/{id}/progress", post(tasks::task_progress))
        .route("/tasks/{id}/extension", post(tasks::task_extension))
        .route("/tasks/{id}/decision", post(tasks::task_decide))
        .route("/tasks/{id}/evidence/{sha}", get(tasks::task_evidence))
        // Study sessions
        .route(
            "/sessions",
            get(sessions::session_list).post(sessions::session_create),
        )
        .route("/sessions/new", get(sessions::session_new))
        .route("/sessions/{id}", get(sessions::session_show))
        .route("/sessions/{id}/poster", get(sessions::session_poster))
        .route("/sessions/{id}/qr.svg", get(sessions::session_qr))
        .route(
            "/sessions/{id}/attendance",
            post(sessions::attendance_import),
        )
        .route("/sessions/{id}/absentees", get(sessions::absentee_list))
        .route(
            "/c/{id}",
            get(checkin::checkin_new).post(checkin::checkin_create),
        )
        // Reports, inspections, commendations
        .route("/reports", get(reports::report_list))
        .route("/reports/draft", post(reports::report_draft))
        .route(
            "/reports/{id}",
            get(reports::report_show).post(reports::report_edit),
        )
        .route("/reports/{id}/submit", post(reports::report_submit))
        .route("/search", get(search::search_show))
        .route("/inspections", post(reports::inspection_create))
        .route("/commendations", post(reports::commendation_create))
        // JSON API (every route listed in handlers::openapi::API)
        .route("/api/openapi.json", get(openapi::openapi_show))
        .route("/api/me", get(api::me_show))
        .route("/api/tokens", post(api::token_create))
        .route("/api/units/{id}", get(api::unit_show))
        .route(
            "/api/campaigns",
            get(api::campaign_list).post(api::campaign_create),
        )
        .route(
            "/api/campaigns/{campaign}/units/{unit}",
            get(api::rollup_show),
        )
        .route(
            "/api/documents",
            get(api::document_list).post(api::document_create),
        )
        .route("/api/documents/{id}", get(api::document_show))
        .route("/api/tasks", get(api::task_list))
        .route("/api/tasks/{id}", get(api::task_show))
        .route("/api/tasks/{id}/progress", post(api::task_progress))
        .route("/api/tasks/{id}/decision", post(api::task_decide))
        .route(
            "/api/sessions",
            get(api::session_list).post(api::session_create),
        )
        .route("/api/sessions/{id}", get(api::session_show))
        .route(
            "/api/sessions/{id}/checkins",
            post(checkin::api_checkin_create),
        )
        .route("/api/sessions/{id}/absentees", get(api::absentee_list))
        .route("/api/reports", get(api::report_list))
        .route("/api/reports/draft", post(api::report_draft))
        .route("/api/reports/{id}", get(api::report_show))
        .route("/api/reports/{id}/submit", post(api::report_submit))
        .route("/api/search", get(search::api_search))
        .route("/api/inspections", post(api::inspection_create))
        .route("/api/commendations", post(api::commendation_create))
        .fallback(home::not_found)
        .layer(middleware::from_fn(crate::metrics::track))
        .layer(middleware::from_fn(security::csrf))
        .layer(middleware::from_fn(security::headers))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(CatchPanicLayer::new())
        .with_state(state)
}
