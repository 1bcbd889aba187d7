//! `GET /api/openapi.json`: the API described by hand in one table
//! ([`API`]); a test checks the table against the routes file, both ways.

use axum::{Json, response::IntoResponse};
use serde_json::{Map, Value, json};

/// `(method, path, summary, needs a JSON body)` of every API endpoint.
pub const API: &[(&str, &str, &str, bool)] = &[
    ("get", "/api/openapi.json", "This description", false),
    ("get", "/api/me", "The signed-in account", false),
    (
        "post",
        "/api/tokens",
        "Create an API token (shown once): {name}",
        true,
    ),
    ("get", "/api/units/{id}", "A unit and its children", false),
    (
        "get",
        "/api/campaigns",
        "Campaigns covering the user's unit",
        false,
    ),
    (
        "post",
        "/api/campaigns",
        "Start a campaign: {name, document_id, scope_unit_id, plan_due, study_due, coverage_target, report_recurrence, report_first_due}",
        true,
    ),
    (
        "get",
        "/api/campaigns/{campaign}/units/{unit}",
        "Dashboard figures of a campaign at a unit",
        false,
    ),
    (
        "get",
        "/api/documents",
        "Documents the user may read",
        false,
    ),
    (
        "post",
        "/api/documents",
        "Upload a document (body = file; ?filename=&unit_id=)",
        false,
    ),
    (
        "get",
        "/api/documents/{id}",
        "A document with its model, relations and cascade",
        false,
    ),
    (
        "get",
        "/api/tasks",
        "Tasks (?campaign=&status=&lead=&due_before=&page=)",
        false,
    ),
    ("get", "/api/tasks/{id}", "A task with its history", false),
    (
        "post",
        "/api/tasks/{id}/progress",
        "Report progress: {progress, note, complete}",
        true,
    ),
    (
        "post",
        "/api/tasks/{id}/decision",
        "Leader decision: {extension: approve|reject} or {completion: accept|send_back}, reason",
        true,
    ),
    (
        "get",
        "/api/sessions",
        "Study sessions within the user's subtree",
        false,
    ),
    (
        "post",
        "/api/sessions",
        "Create a session: {title, starts_at, ends_at, mode, venue, presenter, groups, campaign_id, bp: [unit ids], exp_ID}",
        true,
    ),
    (
        "get",
        "/api/sessions/{id}",
        "A session with its bridge points",
        false,
    ),
    (
        "post",
        "/api/sessions/{id}/checkins",
        "Check in: {member_id, bridge_point_id?}",
        true,
    ),
    (
        "get",
        "/api/sessions/{id}/absentees",
        "Members who have not attended (?unit=&offset=)",
        false,
    ),
    (
        "get",
        "/api/reports",
        "Children's reports for the current period (?campaign=&unit=)",
        false,
    ),
    (
        "post",
        "/api/reports/draft",
        "Draft the unit's report from live figures: {campaign, unit}",
        true,
    ),
    ("get", "/api/reports/{id}", "A report", false),
    (
        "post",
        "/api/reports/{id}/submit",
        "Submit a report upward",
        false,
    ),
    (
        "get",
        "/api/search",
        "Search documents, units and tasks within the user's scope (?q=)",
        false,
    ),
    (
        "post",
        "/api/inspections",
        "Record an inspection: {unit_id, findings, campaign_id?}",
        true,
    ),
    (
        "post",
        "/api/commendations",
        "Record a commendation: {unit_id, reason, campaign_id?}",
        true,
    ),
];

/// The OpenAPI 3.1 document.
pub fn spec() -> Value {
    let mut paths = Map::new();
    for (method, path, summary, body) in API {
        let params: Vec<Value> = path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "integer"}}))
            .collect();
        let mut op = json!({
            "summary": summary,
            "parameters": params,
            "responses": {
                "200": {"description": "OK", "content": {"application/json": {}}},
                "400": {"description": "Bad request: {error}"},
                "401": {"description": "Not signed in"},
                "403": {"description": "Role not allowed"},
                "404": {"description": "Not found or outside the user's subtree"}
            }
        });
        if *body && let Value::Object(o) = &mut op {
            o.insert(
                "requestBody".into(),
                json!({"content": {"application/json": {"schema": {"type": "object"}}}}),
            );
        }
        let entry = paths.entry(path.to_string()).or_insert_with(|| json!({}));
        if let Value::Object(o) = entry {
            o.insert(method.to_string(), op);
        }
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "trienkhai", "version": env!("CARGO_PKG_VERSION")},
        "components": {"securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer"},
            "cookie": {"type": "apiKey", "in": "cookie", "name": "tk_session"}
        }},
        "security": [{"bearer": []}, {"cookie": []}],
        "paths": paths
    })
}

/// `GET /api/openapi.json`.
pub async fn openapi_show() -> impl IntoResponse {
    Json(spec())
}

#[cfg(test)]
mod tests {
    use super::API;

    /// Every `/api/` route in routes.rs is in the table, and every table
    /// entry is a route there (method and path).
    #[test]
    fn the_table_matches_the_routes_file() {
        let src: String = include_str!("../routes.rs")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let mut routed = Vec::new();
        for chunk in src.split(".route(\"").skip(1) {
            let Some((path, rest)) = chunk.split_once('"') else {
                continue;
            };
            // The handlers of this route: up to the next `.route(` or layer.
            let handlers = rest.split(".route(").next().unwrap_or("");
            if !path.starts_with("/api/") {
                continue;
            }
            for m in ["get", "post"] {
                if handlers.contains(&format!("{m}(")) {
                    routed.push((m.to_string(), path.to_string()));
                }
            }
        }
        assert!(routed.len() > 20, "parsed {} API routes", routed.len());
        for (m, p) in &routed {
            assert!(
                API.iter().any(|(am, ap, _, _)| am == m && ap == p),
                "{m} {p} routed but not described"
            );
        }
        for (m, p, _, _) in API {
            assert!(
                routed.iter().any(|(rm, rp)| rm == m && rp == p),
                "{m} {p} described but not routed"
            );
        }
    }
}
