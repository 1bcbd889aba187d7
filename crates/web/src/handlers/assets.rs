//! Embedded static files.

use axum::{
    extract::Path,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

/// `GET /static/{name}`: an embedded file, cached for a year (its URL
/// changes with its content).
pub async fn asset_show(Path(name): Path<String>) -> Response {
    match crate::assets::find(&name) {
        Some(a) => (
            [
                (header::CONTENT_TYPE, a.mime),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            a.body,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
