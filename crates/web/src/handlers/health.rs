//! Liveness.

use axum::{Json, extract::State};
use serde_json::{Value, json};

use crate::AppState;

/// `GET /healthz`: the process answers.
pub async fn health_show(State(state): State<AppState>) -> Json<Value> {
    Json(json!({"status": "ok", "version": state.version}))
}
