//! Thin handlers, one per page or action, named noun first.

pub mod api;
pub mod assets;
pub mod campaigns;
pub mod checkin;
pub mod dashboard;
pub mod documents;
pub mod health;
pub mod home;
pub mod openapi;
pub mod reports;
pub mod search;
pub mod session;
pub mod sessions;
pub mod tasks;
