//! `web` is trienkhai's HTTP side: [`router`] builds the axum [`Router`] of
//! server-rendered pages and the JSON API from an [`AppState`]; [`serve`]
//! runs it until shutdown. Templates ([`askama`]) and static files
//! ([`assets`]) are built into the binary; every response carries the
//! security headers of [`security`]. Who may do what is decided in one
//! place, [`auth::access::can`]; check-ins go through the group-commit
//! [`batcher`].

pub mod assets;
pub mod auth;
pub mod batcher;
pub mod charts;
pub mod checkin;
mod error;
mod form;
mod handlers;
pub mod i18n;
pub mod import;
pub mod ingest;
pub mod metrics;

/// The handlers' input limits, gathered (each is documented where it is used).
pub mod limits {
    pub use crate::handlers::checkin::{CLOSE_AFTER_SECS, OPEN_BEFORE_SECS};
    pub use crate::handlers::documents::MAX_UPLOAD_BYTES;
    pub use crate::handlers::reports::MAX_REPORT_BODY;
    pub use crate::handlers::sessions::{MAX_BRIDGE_POINTS, MAX_TEXT};
    pub use crate::handlers::tasks::{MAX_EVIDENCE_BYTES, MAX_NOTE};
    pub use crate::routes::MAX_BODY_BYTES;
}
pub mod qr;
mod routes;
pub mod security;
pub mod timefmt;
mod views;

use std::{net::SocketAddr, sync::Arc};

pub use axum::Router;
pub use error::{ApiError, AppError};
pub use routes::router;

/// Shared state of every handler; cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The database.
    pub store: store::Store,
    /// The product's version, shown in the footer and `/healthz`.
    pub version: &'static str,
    /// Whether cookies get the `Secure` flag (served behind https).
    pub secure_cookies: bool,
    /// Failed sign-in counts.
    pub limiter: Arc<auth::ratelimit::LoginLimiter>,
    /// The check-in writer.
    pub checkins: checkin::CheckinBatcher,
    /// Sessions read on the check-in path.
    pub sessions: Arc<checkin::SessionCache>,
    /// The full-text index, when one is open.
    pub search: Option<Arc<search::Search>>,
}

impl AppState {
    /// State over `store`; starts the check-in writer on the current
    /// Tokio runtime.
    pub fn new(store: store::Store, version: &'static str) -> AppState {
        let checkins = checkin::start(store.clone());
        AppState {
            store,
            version,
            secure_cookies: false,
            limiter: Arc::default(),
            checkins,
            sessions: Arc::default(),
            search: None,
        }
    }

    /// Adds a search index and keeps it current from the store's change
    /// feed in a background task.
    pub fn with_search(mut self, index: Arc<search::Search>) -> AppState {
        tokio::spawn(search::store_source::follow(
            index.clone(),
            search::store_source::StoreSource::new(self.store.clone()),
            search::store_source::FOLLOW_PERIOD,
        ));
        self.search = Some(index);
        self
    }
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
