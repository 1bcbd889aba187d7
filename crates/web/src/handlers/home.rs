//! The home page.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::State,
    http::{HeaderMap, StatusCode},
    response::IntoResponse,
};

use crate::{AppState, i18n::Lang};

/// The layout's data, shared by every page.
pub struct Layout {
    /// The interface language.
    pub lang: Lang,
    /// The page's title.
    pub title: String,
    /// The product's version.
    pub version: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
struct HomePage {
    l: Layout,
}

/// `GET /`: the home page.
pub async fn home_show(State(state): State<AppState>, headers: HeaderMap) -> impl IntoResponse {
    let lang = Lang::from_headers(&headers);
    HomePage {
        l: Layout {
            lang,
            title: lang.t("home.title").to_string(),
            version: state.version,
        },
    }
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
            l: Layout {
                lang,
                title: lang.t("error.not_found").to_string(),
                version: state.version,
            },
        },
    )
}
