//! `web` is trienkhai's HTTP side: [`router`] builds the axum [`Router`] of
//! server-rendered pages and the JSON API from an [`AppState`]; [`serve`]
//! runs it until shutdown. Templates ([`askama`]) and static files
//! ([`assets`]) are built into the binary; every response carries the
//! security headers of [`security`].

pub mod assets;
pub mod auth;
pub mod batcher;
pub mod charts;
mod handlers;
pub mod i18n;
pub mod import;
pub mod metrics;
pub mod qr;
mod routes;
pub mod security;
pub mod timefmt;

use std::net::SocketAddr;

pub use axum::Router;
pub use routes::router;

/// Shared state of every handler.
#[derive(Clone, Debug, Default)]
pub struct AppState {
    /// The product's version, shown in the footer and `/healthz`.
    pub version: &'static str,
}

/// Errors of the web server.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The listen address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The server stopped with an I/O error.
    #[error("server stopped: {0}")]
    Serve(std::io::Error),
}

/// Binds `addr` and serves `app` until `shutdown` completes.
pub async fn serve(
    app: Router,
    addr: SocketAddr,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), Error> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| Error::Bind { addr, source })?;
    serve_on(app, listener, shutdown).await
}

/// Serves `app` on an already bound listener (tests bind port 0).
pub async fn serve_on(
    app: Router,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), Error> {
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    .map_err(Error::Serve)
}
