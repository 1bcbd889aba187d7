//! Helpers shared by the integration tests (test code: panics are failures).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    missing_docs,
    dead_code
)]

pub mod app;
pub mod browser;
