//! Liveness.

use axum::{Json, extract::State};
use serde_json::{Value, json};

use crate::AppState;

/// `GET /healthz`: the process answers.
pub async fn health_show(State(state): State<AppState>) -> Json<Value> {
    Json(json!({"status": "ok", "version": state.version}))
}

/// `GET /metrics`: Prometheus text format.
pub async fn metrics_show() -> impl axum::response::IntoResponse {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        crate::metrics::render(),
    )
}
