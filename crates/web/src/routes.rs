//! Every route of the application, in one place.

use std::time::Duration;

use axum::{Router, middleware, routing::get};
use tower_http::{
    catch_panic::CatchPanicLayer, limit::RequestBodyLimitLayer, timeout::TimeoutLayer,
};

use crate::{AppState, handlers, security};

/// Largest request body accepted: a scanned 40-page plan as PDF fits.
pub const MAX_BODY_BYTES: usize = 25 * 1024 * 1024;
/// Longest a request may take before the client gets a 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Builds the application's router.
pub fn router(state: AppState) -> Router {
    let _ = crate::metrics::handle();
    Router::new()
        .route("/", get(handlers::home::home_show))
        .route("/healthz", get(handlers::health::health_show))
        .route("/metrics", get(handlers::health::metrics_show))
        .route("/static/{name}", get(handlers::assets::asset_show))
        .fallback(handlers::home::not_found)
        .layer(middleware::from_fn(crate::metrics::track))
        .layer(middleware::from_fn(security::csrf))
        .layer(middleware::from_fn(security::headers))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(CatchPanicLayer::new())
        .with_state(state)
}
