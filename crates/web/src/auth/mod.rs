//! Who is asking, and what they may do: passwords, session and API
//! secrets, the sign-in rate limit, the [`CurrentUser`] extractor and the
//! one authorisation function [`access::can`].

pub mod access;
pub mod password;
pub mod ratelimit;
pub mod token;

use axum::{
    extract::FromRequestParts,
    http::{header, request::Parts},
    response::{IntoResponse, Response},
};
use store::Account;

use crate::{ApiError, AppError, AppState};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "tk_session";
/// How long a web session lasts: one working week.
pub const SESSION_TTL_SECS: i64 = 7 * 24 * 3600;

/// The signed-in account (from the session cookie or an API token).
#[derive(Debug, Clone)]
pub struct CurrentUser(pub Account);

/// The value of cookie `name`, if the request has it.
pub fn cookie<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The account a request carries, if any.
pub async fn account_of(parts: &Parts, state: &AppState) -> Result<Option<Account>, AppError> {
    let now = crate::timefmt::now();
    if let Some(auth) = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        let Some(tok) = auth.strip_prefix("Bearer ") else {
            return Ok(None);
        };
        return Ok(state.store.api_token_account(tok.trim()).await?);
    }
    match cookie(parts, SESSION_COOKIE) {
        Some(tok) if !tok.is_empty() => Ok(state.store.web_session_account(tok, now).await?),
        _ => Ok(None),
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let api = parts.uri.path().starts_with("/api/");
        match account_of(parts, state).await {
            Ok(Some(a)) => Ok(CurrentUser(a)),
            Ok(None) if api => Err(ApiError(AppError::Unauthorized).into_response()),
            Ok(None) => Err(AppError::Unauthorized.into_response()),
            Err(e) if api => Err(ApiError(e).into_response()),
            Err(e) => Err(e.into_response()),
        }
    }
}

/// The session cookie for `token` (`Secure` when served over https).
pub fn session_cookie(token: &str, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={SESSION_TTL_SECS}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// A cookie that removes the session cookie.
pub fn clear_session_cookie(secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        if secure { "; Secure" } else { "" }
    )
}
