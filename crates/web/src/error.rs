//! Handler errors: one type for pages ([`AppError`], a small HTML page) and
//! its JSON twin for the API ([`ApiError`]).

use axum::{
    Json,
    http::StatusCode,
    response::{Html, IntoResponse, Redirect, Response},
};

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AppError {
    /// Not signed in.
    #[error("sign-in required")]
    Unauthorized,
    /// Signed in, but not allowed (also used for things outside the
    /// user's subtree, so that their existence does not leak... as 404).
    #[error("forbidden")]
    Forbidden,
    /// No such thing (or not visible to this user).
    #[error("not found")]
    NotFound,
    /// The request is wrong; the message says how (shown to the user).
    #[error("{0}")]
    BadRequest(String),
    /// Too many attempts.
    #[error("too many attempts")]
    TooMany,
    /// The server is overloaded; retry.
    #[error("overloaded")]
    Unavailable,
    /// Something broke on our side (details logged, not shown).
    #[error("internal error")]
    Internal(String),
}

impl From<store::Error> for AppError {
    fn from(e: store::Error) -> Self {
        match e {
            store::Error::NotFound { .. } => AppError::NotFound,
            store::Error::Invalid(m) => AppError::BadRequest(m),
            store::Error::Conflict(m) => AppError::BadRequest(m),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl AppError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::TooMany => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What the user reads (Vietnamese; API clients get the same text).
    pub fn message(&self) -> String {
        match self {
            AppError::Unauthorized => "Cần đăng nhập".into(),
            AppError::Forbidden => "Không có quyền thực hiện thao tác này".into(),
            AppError::NotFound => "Không tìm thấy".into(),
            AppError::BadRequest(m) => m.clone(),
            AppError::TooMany => "Quá nhiều lần thử, vui lòng đợi ít phút".into(),
            AppError::Unavailable => "Hệ thống đang quá tải, vui lòng thử lại".into(),
            AppError::Internal(_) => "Lỗi hệ thống".into(),
        }
    }

    fn log(&self) {
        if let AppError::Internal(detail) = self {
            eprintln!("internal error: {detail}");
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        if matches!(self, AppError::Unauthorized) {
            return Redirect::to("/signin").into_response();
        }
        let msg = crate::charts::esc(&self.message());
        let body = format!(
            "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{msg}</title><link rel=\"stylesheet\" href=\"{}\"></head><body><main><h1>{msg}</h1><p><a href=\"/\">Trang chủ</a></p></main></body></html>",
            crate::assets::url("app.css")
        );
        (self.status(), Html(body)).into_response()
    }
}

/// [`AppError`] answered as JSON `{"error": "..."}`.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.log();
        (
            self.0.status(),
            Json(serde_json::json!({"error": self.0.message()})),
        )
            .into_response()
    }
}
