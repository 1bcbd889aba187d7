//! The search box's results page and `GET /api/search`: the full-text index
//! queried within the user's scope, each hit checked again with [`can`].

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Json,
    extract::{Query, State},
    http::HeaderMap,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use store::Account;

use crate::{
    ApiError, AppError, AppState,
    auth::{
        CurrentUser,
        access::{Action, Scope, can},
    },
    i18n::Lang,
    views::Layout,
};

/// Hits asked of the index per page.
pub const SEARCH_PAGE: usize = 20;

/// Query string of both routes.
#[derive(Deserialize, Default)]
pub struct SearchQuery {
    /// What was typed.
    #[serde(default)]
    pub q: String,
}

/// One hit the user may see, with its link.
#[derive(serde::Serialize)]
pub struct HitView {
    /// `document`, `unit` or `task`.
    pub kind: &'static str,
    /// Store id.
    pub id: i64,
    /// Where it lives in the app.
    pub href: String,
    /// Document number.
    pub number: Option<String>,
    /// Title.
    pub title: String,
    /// HTML snippet (escaped text, matches in `<mark>`).
    pub snippet: String,
    /// Relevance.
    pub score: f32,
}

/// Runs the query for `user`; `None` when no index is open.
pub async fn run(
    state: &AppState,
    user: &Account,
    text: &str,
) -> Result<Option<Vec<HitView>>, AppError> {
    let Some(index) = state.search.clone() else {
        return Ok(None);
    };
    if text.trim().is_empty() {
        return Ok(Some(Vec::new()));
    }
    let scope = search::store_source::unit_scope(&state.store, user.unit_id).await?;
    let q = search::Query {
        text: text.chars().take(search::MAX_QUERY_CHARS).collect(),
        scope,
        limit: SEARCH_PAGE,
        ..search::Query::default()
    };
    let results = tokio::task::spawn_blocking(move || index.query(&q))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::BadRequest(format!("Không tìm được: {e}")))?;
    let mut out = Vec::new();
    for h in results.hits {
        let (kind, href, scope) = match h.kind {
            search::EntityKind::Document => {
                let Some(d) = state.store.document(h.id).await? else {
                    continue;
                };
                (
                    "document",
                    format!("/documents/{}", h.id),
                    Scope::Document(d.unit_id),
                )
            }
            search::EntityKind::Task => {
                let Some((t, _)) = state.store.task(h.id).await? else {
                    continue;
                };
                (
                    "task",
                    format!("/tasks/{}", h.id),
                    Scope::Unit(t.lead_unit_id),
                )
            }
            _ => ("unit", format!("/tasks?lead={}", h.id), Scope::Unit(h.id)),
        };
        if !can(&state.store, user, Action::View, scope).await? {
            continue;
        }
        out.push(HitView {
            kind,
            id: h.id,
            href,
            number: h.number,
            title: h.title,
            snippet: h.snippet,
            score: h.score,
        });
    }
    Ok(Some(out))
}

#[derive(Template, WebTemplate)]
#[template(path = "search.html")]
struct SearchPage {
    l: Layout,
    q: String,
    hits: Option<Vec<HitView>>,
}

/// `GET /search?q=`.
pub async fn search_show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
    Query(q): Query<SearchQuery>,
) -> Result<Response, AppError> {
    let lang = Lang::from_headers(&headers);
    let hits = run(&state, &user, &q.q).await?;
    Ok(SearchPage {
        l: Layout::new(lang, lang.t("nav.search"), Some(&user), state.version),
        q: q.q,
        hits,
    }
    .into_response())
}

/// `GET /api/search?q=`: hits best first (`kind`, `id`, `number`, `title`,
/// `snippet`, `score`).
pub async fn api_search(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(q): Query<SearchQuery>,
) -> Result<Response, ApiError> {
    match run(&state, &user, &q.q).await? {
        Some(hits) => Ok(Json(serde_json::json!({"hits": hits})).into_response()),
        None => Err(AppError::Unavailable.into()),
    }
}
