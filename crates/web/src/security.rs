//! Security headers on every response and cross-site request checks on
//! every state-changing request.
//!
//! CSRF: a request with an unsafe method is refused unless the browser says
//! it comes from this site (`Sec-Fetch-Site: same-origin` or `none`), or,
//! for older browsers, its `Origin` names this host. Session cookies are
//! also `SameSite=Lax`. Requests authenticated by an API token
//! (`Authorization: Bearer …`) carry no ambient credentials and pass.

use axum::{
    body::Body,
    extract::Request,
    http::{HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// The Content-Security-Policy: no inline script, nothing from elsewhere.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// Adds the security headers to a response.
pub async fn headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    res
}

/// Whether a request is allowed to change state, by its fetch metadata.
pub fn same_site(req: &Request<Body>) -> bool {
    let h = req.headers();
    if h.contains_key(header::AUTHORIZATION) {
        return true;
    }
    if let Some(site) = h.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    match (h.get(header::ORIGIN), h.get(header::HOST)) {
        (Some(origin), Some(host)) => match (origin.to_str(), host.to_str()) {
            (Ok(origin), Ok(host)) => origin
                .split_once("://")
                .is_some_and(|(_, rest)| rest == host),
            _ => false,
        },
        // No fetch metadata and no Origin: not a browser form post (curl,
        // scripts); those have no ambient cookies to abuse unless they were
        // given one on purpose.
        (None, _) => true,
        (Some(_), None) => false,
    }
}

/// Refuses cross-site state-changing requests.
pub async fn csrf(req: Request, next: Next) -> Response {
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if unsafe_method && !same_site(&req) {
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    next.run(req).await
}
