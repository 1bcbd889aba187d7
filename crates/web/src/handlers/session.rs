//! Signing in and out (the web session, not a study session).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{ConnectInfo, FromRequestParts, Query, State},
    http::{HeaderMap, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use crate::{
    AppError, AppState,
    auth::{self, password, token},
    i18n::Lang,
    views::Layout,
};

/// The client's address as the socket saw it (proxies' headers are not
/// trusted: they are trivially forged).
pub struct ClientIp(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip())
                .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
        ))
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "signin.html")]
struct SigninPage {
    l: Layout,
    error: Option<String>,
    username: String,
    next: String,
}

/// Query of the sign-in page.
#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

fn safe_next(next: Option<String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//"))
        .unwrap_or_else(|| "/".to_owned())
}

/// `GET /signin`.
pub async fn session_new(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> impl IntoResponse {
    let lang = Lang::from_headers(&headers);
    SigninPage {
        l: Layout::new(lang, lang.t("auth.title"), None, state.version).at("/signin"),
        error: None,
        username: String::new(),
        next: safe_next(q.next),
    }
}

/// The sign-in form.
#[derive(Deserialize)]
pub struct SigninForm {
    username: String,
    password: String,
    next: Option<String>,
}

/// `POST /signin`: checks the password (argon2id, off the async threads),
/// counts failures per IP and user name, and sets the session cookie.
pub async fn session_create(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(f): Form<SigninForm>,
) -> Result<Response, AppError> {
    let lang = Lang::from_headers(&headers);
    let fail = |msg: &str, status| {
        (
            status,
            SigninPage {
                l: Layout::new(lang, lang.t("auth.title"), None, state.version).at("/signin"),
                error: Some(msg.to_owned()),
                username: f.username.clone(),
                next: safe_next(f.next.clone()),
            },
        )
            .into_response()
    };
    let user = f.username.trim();
    if !state.limiter.allowed(ip, user) {
        return Ok(fail(
            lang.t("auth.too_many"),
            axum::http::StatusCode::TOO_MANY_REQUESTS,
        ));
    }
    let account = match state.store.account_by_username(user).await? {
        Some(a) if a.disabled_at.is_none() => Some(a),
        _ => None,
    };
    let ok = match &account {
        Some(a) => password::verify_async(f.password.clone(), a.password_hash.clone()).await,
        None => {
            // Spend the same time as a real check: user names do not leak.
            let _ = password::hash_async(f.password.clone()).await;
            false
        }
    };
    let Some(account) = account.filter(|_| ok) else {
        state.limiter.failed(ip, user);
        return Ok(fail(
            lang.t("auth.bad"),
            axum::http::StatusCode::UNAUTHORIZED,
        ));
    };
    state.limiter.succeeded(ip, user);
    let secret = token::new_secret().ok_or_else(|| AppError::Internal("no randomness".into()))?;
    state
        .store
        .web_session_create(
            account.id,
            &secret,
            crate::timefmt::now() + auth::SESSION_TTL_SECS,
        )
        .await?;
    Ok((
        [(
            header::SET_COOKIE,
            auth::session_cookie(&secret, state.secure_cookies),
        )],
        Redirect::to(&safe_next(f.next)),
    )
        .into_response())
}

/// `POST /signout`: ends the session in the database and clears the cookie.
pub async fn session_delete(
    State(state): State<AppState>,
    req: axum::extract::Request,
) -> Result<Response, AppError> {
    let (parts, _) = req.into_parts();
    if let Some(tok) = auth::cookie(&parts, auth::SESSION_COOKIE) {
        state.store.web_session_delete(tok).await?;
    }
    Ok((
        [(
            header::SET_COOKIE,
            auth::clear_session_cookie(state.secure_cookies),
        )],
        Redirect::to("/signin"),
    )
        .into_response())
}
