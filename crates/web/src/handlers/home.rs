//! The home page (the user's dashboard), the language switch and 404.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use crate::{AppError, AppState, auth::CurrentUser, i18n::Lang, views::Layout};

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
struct HomePage {
    l: Layout,
}

/// `GET /`: the dashboard of the newest campaign that covers the user's
/// unit; a welcome page when there is none.
pub async fn home_show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let campaigns = state.store.campaigns_for(Some(user.unit_id)).await?;
    if let Some(c) = campaigns.iter().max_by_key(|c| c.created_at) {
        return crate::handlers::dashboard::render(&state, &user, &headers, c.id, user.unit_id)
            .await;
    }
    let lang = Lang::from_headers(&headers);
    Ok(HomePage {
        l: Layout::new(lang, lang.t("home.title"), Some(&user), state.version),
    }
    .into_response())
}

/// Query of the language switch.
#[derive(Deserialize)]
pub struct LangQuery {
    back: Option<String>,
}

/// `GET /lang/{code}`: remembers the interface language in a cookie and
/// returns to the page the user was on (same-site paths only).
pub async fn lang_set(Path(code): Path<String>, Query(q): Query<LangQuery>) -> Response {
    let lang = Lang::from_code(&code).unwrap_or_default();
    let back = q
        .back
        .filter(|b| b.starts_with('/') && !b.starts_with("//"))
        .unwrap_or_else(|| "/".to_owned());
    (
        [(
            header::SET_COOKIE,
            format!(
                "lang={}; Path=/; SameSite=Lax; Max-Age=31536000",
                lang.code()
            ),
        )],
        Redirect::to(&back),
    )
        .into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "not_found.html")]
struct NotFoundPage {
    l: Layout,
}

/// Any unknown path.
pub async fn not_found(State(state): State<AppState>, headers: HeaderMap) -> impl IntoResponse {
    let lang = Lang::from_headers(&headers);
    (
        StatusCode::NOT_FOUND,
        NotFoundPage {
            l: Layout::new(lang, lang.t("error.not_found"), None, state.version),
        },
    )
}
